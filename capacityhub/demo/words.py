"""Words for the demo community's usernames, bios, organization names and descriptions."""

HANDLE_ADJECTIVES = (
    "Curious", "Quiet", "Busy", "Patient", "Bold", "Wandering", "Midnight", "Careful",
    "Happy", "Little", "Northern", "Green", "Sunny", "Stubborn", "Gentle", "Rainy",
)  # fmt: skip
HANDLE_NOUNS = (
    "Heron", "Owl", "Librarian", "Gnome", "Cartographer", "Lexicographer", "Typist",
    "Archivist", "Mapper", "Wordsmith", "Footnote", "Citation", "Lantern", "Baobab",
    "Kestrel", "Otter", "Reader", "Editor", "Scribe", "Sparrow",
)  # fmt: skip
ROLES = (
    "Librarian", "Secondary-school teacher", "Student", "Software developer",
    "Photographer", "Archivist", "Researcher", "Journalist", "Translator",
    "Museum educator", "Retired engineer", "Medical doctor", "Community organiser",
    "University lecturer", "Data scientist", "Nurse",
)  # fmt: skip
TOPICS = (
    "local history", "women in science", "botany", "football", "public health",
    "indigenous languages", "architecture", "traditional music", "film", "mathematics",
    "rivers and lakes", "folk literature", "protected areas", "elections", "cuisine",
    "railways", "astronomy", "textiles and crafts",
)  # fmt: skip
EVENTS = (
    "edit-a-thons", "Wiki Loves Monuments", "Wiki Loves Africa", "Art+Feminism meetups",
    "WikiGap events", "photo walks", "Wikipedia classroom programmes", "Wikidata workshops",
    "1Lib1Ref campaigns", "translation sprints", "Wiki Clubs", "Wiki Loves Folklore",
)  # fmt: skip
PHOTO_TOPICS = ("heritage sites", "markets", "street life", "birds", "festivals", "bridges")
PROJECTS = ("Wikipedia", "Wikipedia", "Wikipedia", "Wikisource", "Wiktionary", "Wikivoyage")
PRONOUNS_FEMALE = ("she/her", "she/her", "she/her", "she/they")
PRONOUNS_MALE = ("he/him", "he/him", "he/him", "he/they")
THEMATIC = (
    ("Art+Feminism", "closing the gender gap in art and culture"),
    ("Wiki Project Med", "reliable medical information in every language"),
    ("Wikimedia LGBT+", "LGBT+ content and contributors"),
    ("Whose Knowledge?", "knowledge of marginalised communities"),
    ("AfroCROWD", "people of African descent contributing to Wikimedia projects"),
    ("Wikisource Community User Group", "transcribing and proofreading public-domain texts"),
    ("Wiki Loves Monuments International Team", "the yearly heritage photo contest"),
    ("WikiWomen Collaborative", "women editors and their safety on the projects"),
    ("Indigenous Languages Wikimedians", "Wikipedias in indigenous and endangered languages"),
    ("Open GLAM Collective", "galleries, libraries, archives and museums sharing collections"),
    (
        "Wikimedians for Sustainable Development",
        "knowledge about the sustainable development goals",
    ),
    ("Small Wikis Alliance", "growing Wikipedias with few active editors"),
    ("Wikidata Librarians Network", "library metadata on Wikidata"),
    ("Wiki Education Circle", "teachers using the Wikimedia projects in class"),
)
TEMPLATES: dict[str, dict[str, str]] = {
    # {place}: a city name, a country name or a language name in the template's language
    "chapter": {lang: "Wikimedia {place}" for lang in ("en", "es", "fr", "pt", "de", "ar", "ru")},
    "ug_city": {
        "en": "Wikimedians of {place} User Group",
        "es": "Grupo de Usuarios Wikimedistas de {place}",
        "fr": "Groupe d’utilisateurs des Wikimédiens à {place}",
        "pt": "Grupo de Usuários Wikimedistas de {place}",
        "de": "Wikimedia-Benutzergruppe {place}",
        "ar": "مجموعة مستخدمي ويكيميديا في {place}",
        "ru": "Группа участников Викимедиа {place}",
    },
    "ug_country": {
        "en": "Wikimedia Community User Group {place}",
        "es": "Grupo de Usuarios de la Comunidad Wikimedia {place}",
        "fr": "Groupe d’utilisateurs de la communauté Wikimedia {place}",
        "pt": "Grupo de Usuários da Comunidade Wikimedia {place}",
        "de": "Wikimedia-Community-Benutzergruppe {place}",
        "ar": "مجموعة مستخدمي مجتمع ويكيميديا {place}",
        "ru": "Группа участников сообщества Викимедиа {place}",
    },
    "ug_language": {
        "en": "{place} Wikimedians User Group",
        "es": "Grupo de Usuarios Wikimedistas en {place}",
        "fr": "Groupe d’utilisateurs des Wikimédiens en {place}",
        "pt": "Grupo de Usuários Wikimedistas em {place}",
        "de": "Benutzergruppe der Wikimedianer auf {place}",
        "ar": "مجموعة مستخدمي ويكيميديا باللغة {place}",
        "ru": "Группа участников Викимедиа на языке {place}",
    },
    "hub": {
        "en": "{place} Capacity Hub",
        "es": "Centro de Capacidades {place}",
        "fr": "Pôle de compétences {place}",
        "pt": "Centro de Capacidades {place}",
        "ar": "مركز القدرات {place}",
        "ru": "Центр развития {place}",
        "de": "Kompetenzzentrum {place}",
    },
    "library": {
        "en": "National Library of {place}",
        "es": "Biblioteca Nacional de {place}",
        "fr": "Bibliothèque nationale – {place}",
        "pt": "Biblioteca Nacional de {place}",
        "de": "Nationalbibliothek {place}",
        "ar": "المكتبة الوطنية {place}",
        "ru": "Национальная библиотека {place}",
    },
}
INFORMAL = ("{city} Wiki Club", "{city} Edit-a-thon Crew", "Women in Red {city}")
INFORMAL += (
    "{city} Photo Walkers",
    "{language} Wiktionary Circle",
    "{language} Translation Sprint",
)
PARTNERS = ("University of {city} Library", "{city} Museum of Art", "{city} Community Archive")
PARTNERS += ("{city} Public Library", "{country} Open Data Institute")
DESCRIPTIONS = {
    "chapter": "The Wikimedia chapter for {country}: we support volunteers across the country "
    "with {event}, training and small grants.",
    "user_group": "Volunteers in {where} who edit {wiki} and organise {event}.",
    "hub": "A regional hub for {region}: shared staff, peer learning and capacity building for "
    "the affiliates of the region.",
    "thematic": "An international organization working on {theme}.",
    "informal": "An informal group in {where}; we meet once a month for {event}.",
    "partner": "A partner institution in {where} that shares its collections on the Wikimedia "
    "projects and hosts {event}.",
}
