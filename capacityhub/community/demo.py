"""A deterministic demo community: plausible people and organizations in all eight regions.

`build_demo()` is pure: from a seed, the capacity codes and the country → region mapping it
returns plain dataclasses (no database). The same arguments give byte-identical plans
(`plan_json()`). `write_demo()` writes a plan with a handful of `bulk_create` calls in one
transaction, fast enough for `make run` (hundreds of people) and for benchmarks (10,000).

Only `python manage.py seed_demo` (development) and `benchmarks/` use this module: the demo
accounts it creates must never exist in production.
"""

from __future__ import annotations

import json
import random
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, replace
from functools import cache

from babel import Locale, UnknownLocaleError
from faker import Faker

DEMO_PASSWORD = "demo"
DEMO_ACCOUNTS = ("demo-admin", "demo-organizer", "demo-member")
WEBSITE = "https://example.org/{slug}"  # never a real domain
EMAIL_DOMAIN = "example.org"

KNOWS, OFFERS, WANTS = "knows", "offers", "wants"

REGION_ORDER = ("ssa", "lac", "sa", "esea", "mena", "cee", "nwe", "na")
REGION_WEIGHTS = {"ssa": 16, "lac": 15, "sa": 14, "esea": 14, "mena": 11, "cee": 11, "nwe": 12}
REGION_WEIGHTS["na"] = 7
REGION_SHORT = {
    "cee": "CEE",
    "esea": "ESEAP",
    "lac": "Latin America and the Caribbean",
    "mena": "MENA",
    "na": "North America",
    "nwe": "Northern and Western Europe",
    "sa": "South Asia",
    "ssa": "Sub-Saharan Africa",
}
# Languages in which organization names are written out from a template (others use a short
# "Wikimedia <place>" form).
REGION_LINGUA_FRANCA = {"cee": "ru", "lac": "es", "mena": "ar", "ssa": "fr", "nwe": "de"}


# --------------------------------------------------------------------------------------------
# Countries: who lives where, which names they carry, which languages they speak.
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Community:
    """A language community inside a country: its names (a Faker locale or a built-in list),
    its native language and some of its cities ("City" or "City@Time/Zone")."""

    names: str
    language: str
    cities: tuple[str, ...]
    weight: int = 1


@dataclass(frozen=True)
class Country:
    code: str
    region: str  # the usual Wikimedia region; data/regions.csv wins when it says otherwise
    zone: str
    second: tuple[str, ...]  # languages often spoken as a second language (besides English)
    communities: tuple[Community, ...]
    weight: int = 2


# One country a line: CODE region weight time-zone second-languages (comma-separated, "-" for
# none); then its language communities, indented: name source (a Faker locale or builtin:KEY),
# native language, weight, cities ("City" or "City@Time/Zone").
COUNTRY_DATA = """
PL cee 2 Europe/Warsaw de
  pl_PL pl 1 Warsaw, Kraków, Wrocław, Gdańsk
UA cee 2 Europe/Kyiv pl,ru
  uk_UA uk 1 Kyiv, Lviv, Kharkiv, Odesa
CZ cee 2 Europe/Prague de,sk
  cs_CZ cs 1 Prague, Brno, Ostrava
HU cee 2 Europe/Budapest de
  hu_HU hu 1 Budapest, Debrecen, Szeged
RO cee 2 Europe/Bucharest fr
  ro_RO ro 1 Bucharest, Cluj-Napoca, Iași
BG cee 1 Europe/Sofia ru
  bg_BG bg 1 Sofia, Plovdiv, Varna
AM cee 2 Asia/Yerevan ru
  hy_AM hy 1 Yerevan, Gyumri, Vanadzor
GE cee 2 Asia/Tbilisi ru
  ka_GE ka 1 Tbilisi, Batumi, Kutaisi
AZ cee 1 Asia/Baku ru,tr
  az_AZ az 1 Baku, Ganja
UZ cee 2 Asia/Tashkent ru
  uz_UZ uz 1 Tashkent, Samarkand, Bukhara
TR cee 2 Europe/Istanbul de
  tr_TR tr 1 Istanbul, Ankara, İzmir
JP esea 2 Asia/Tokyo -
  ja_JP ja 1 Tokyo, Osaka, Kyoto, Sapporo
KR esea 2 Asia/Seoul ja
  ko_KR ko 1 Seoul, Busan, Daejeon
TW esea 2 Asia/Taipei ja
  zh_TW zh 1 Taipei, Kaohsiung, Taichung
ID esea 3 Asia/Jakarta jv
  id_ID id 3 Jakarta, Yogyakarta, Makassar@Asia/Makassar
  id_ID jv 1 Surakarta, Semarang, Malang
  id_ID su 1 Bandung, Bogor
PH esea 2 Asia/Manila -
  builtin:ph tl 1 Manila, Quezon City, Cebu City
VN esea 2 Asia/Ho_Chi_Minh fr
  vi_VN vi 1 Hanoi, Ho Chi Minh City, Huế
TH esea 2 Asia/Bangkok -
  th_TH th 1 Bangkok, Chiang Mai, Khon Kaen
MY esea 2 Asia/Kuala_Lumpur zh,ta
  builtin:my ms 1 Kuala Lumpur, Penang
AU esea 2 Australia/Sydney zh,vi
  en_AU en 1 Sydney, Melbourne@Australia/Melbourne, Perth@Australia/Perth
NZ esea 1 Pacific/Auckland mi
  en_NZ en 1 Auckland, Wellington
MX lac 3 America/Mexico_City -
  es_MX es 1 Mexico City, Guadalajara, Oaxaca, Monterrey@America/Monterrey
BR lac 4 America/Sao_Paulo es
  pt_BR pt 1 São Paulo, Rio de Janeiro, Recife@America/Recife, Manaus@America/Manaus
AR lac 3 America/Argentina/Buenos_Aires pt,it
  es_AR es 1 Buenos Aires, Rosario, Córdoba@America/Argentina/Cordoba
CO lac 3 America/Bogota -
  es_CO es 1 Bogotá, Medellín, Cali
CL lac 2 America/Santiago -
  es_CL es 1 Santiago, Valparaíso, Concepción
PE lac 2 America/Lima qu
  es_CO es 2 Lima, Arequipa
  es_CO qu 1 Cusco, Ayacucho
BO lac 1 America/La_Paz qu,ay
  es_CL es 1 Santa Cruz de la Sierra, Cochabamba
  es_CL ay 1 La Paz, El Alto
PY lac 1 America/Asuncion es
  es_AR gn 1 Asunción, Encarnación
EG mena 3 Africa/Cairo fr
  ar_SA ar 1 Cairo, Alexandria, Giza, Mansoura
JO mena 1 Asia/Amman -
  ar_AA ar 1 Amman, Irbid, Zarqa
PS mena 1 Asia/Hebron -
  ar_PS ar 1 Ramallah, Nablus, Gaza@Asia/Gaza
LB mena 1 Asia/Beirut fr
  ar_AA ar 1 Beirut, Tripoli
MA mena 2 Africa/Casablanca fr
  fr_DZ ar 1 Casablanca, Rabat, Marrakesh, Fez
TN mena 1 Africa/Tunis fr
  fr_DZ ar 1 Tunis, Sfax, Sousse
DZ mena 2 Africa/Algiers fr
  ar_DZ ar 1 Algiers, Oran, Constantine
IR mena 3 Asia/Tehran -
  fa_IR fa 1 Tehran, Isfahan, Shiraz, Tabriz
IL mena 2 Asia/Jerusalem ar,ru
  he_IL he 1 Tel Aviv, Jerusalem, Haifa
US na 6 America/New_York es,fr
  en_US en 5 New York, Chicago@America/Chicago, Denver@America/Denver, Boston
  en_US en 2 San Francisco@America/Los_Angeles, Seattle@America/Los_Angeles
  es_MX es 1 Los Angeles@America/Los_Angeles, Houston@America/Chicago, Miami
CA na 3 America/Toronto fr
  en_CA en 2 Toronto, Vancouver@America/Vancouver, Calgary@America/Edmonton
  fr_CA fr 1 Montréal, Québec
DE nwe 4 Europe/Berlin fr
  de_DE de 1 Berlin, Munich, Hamburg, Cologne
FR nwe 3 Europe/Paris es,de
  fr_FR fr 1 Paris, Lyon, Toulouse, Lille
IT nwe 3 Europe/Rome fr
  it_IT it 1 Rome, Milan, Turin, Bologna
NL nwe 2 Europe/Amsterdam de
  nl_NL nl 1 Amsterdam, Utrecht, Rotterdam
ES nwe 3 Europe/Madrid fr
  es_ES es 2 Madrid, Seville, Valencia
  es_ES ca 1 Barcelona, Girona
  es_ES eu 1 Bilbao, Donostia
PT nwe 2 Europe/Lisbon es
  pt_PT pt 1 Lisbon, Porto, Coimbra
SE nwe 2 Europe/Stockholm -
  sv_SE sv 1 Stockholm, Gothenburg, Malmö
NO nwe 1 Europe/Oslo sv
  no_NO nb 1 Oslo, Bergen, Trondheim
FI nwe 1 Europe/Helsinki sv
  fi_FI fi 1 Helsinki, Tampere, Turku
GB nwe 3 Europe/London fr
  en_GB en 4 London, Manchester, Edinburgh, Bristol
  en_GB cy 1 Cardiff, Aberystwyth
IE nwe 1 Europe/Dublin ga
  ga_IE en 1 Dublin, Cork, Galway
IN sa 8 Asia/Kolkata hi
  hi_IN hi 3 Delhi, Lucknow, Jaipur
  ta_IN ta 2 Chennai, Coimbatore, Madurai
  mr_IN mr 1 Mumbai, Pune, Nagpur
  gu_IN gu 1 Ahmedabad, Surat
  or_IN or 1 Bhubaneswar, Cuttack
  bn_BD bn 1 Kolkata, Siliguri
  en_IN te 1 Hyderabad, Vijayawada
  en_IN ml 1 Kochi, Thiruvananthapuram
  en_IN kn 1 Bengaluru, Mysuru
BD sa 3 Asia/Dhaka -
  bn_BD bn 1 Dhaka, Chittagong, Sylhet, Rajshahi
PK sa 3 Asia/Karachi ur
  en_PK ur 3 Karachi, Lahore, Islamabad
  en_PK pa 1 Faisalabad, Multan
  en_PK ps 1 Peshawar
NP sa 2 Asia/Kathmandu hi
  ne_NP ne 1 Kathmandu, Pokhara, Lalitpur
LK sa 2 Asia/Colombo -
  si_LK si 2 Colombo, Kandy, Galle
  ta_IN ta 1 Jaffna, Batticaloa
NG ssa 6 Africa/Lagos -
  ha_NG ha 2 Kano, Kaduna, Zaria, Sokoto
  yo_NG yo 2 Lagos, Ibadan, Abeokuta
  ig_NG ig 1 Enugu, Owerri, Nsukka
  en_NG en 1 Abuja, Port Harcourt
GH ssa 3 Africa/Accra -
  tw_GH tw 1 Accra, Kumasi, Cape Coast
KE ssa 3 Africa/Nairobi sw
  en_KE sw 1 Nairobi, Mombasa, Kisumu
TZ ssa 2 Africa/Dar_es_Salaam -
  sw sw 1 Dar es Salaam, Arusha, Zanzibar
UG ssa 2 Africa/Kampala sw
  builtin:ug lg 1 Kampala, Entebbe, Jinja
ZA ssa 3 Africa/Johannesburg af
  zu_ZA zu 1 Durban, Johannesburg, Pietermaritzburg
  zu_ZA xh 1 Cape Town, East London, Gqeberha
ET ssa 2 Africa/Addis_Ababa -
  builtin:et am 2 Addis Ababa, Bahir Dar, Gondar
  builtin:et om 1 Adama, Jimma
SN ssa 2 Africa/Dakar fr
  builtin:sn wo 1 Dakar, Saint-Louis, Thiès
CM ssa 1 Africa/Douala -
  builtin:cm fr 1 Yaoundé, Douala, Bamenda
CD ssa 2 Africa/Kinshasa fr
  builtin:cm ln 1 Kinshasa, Mbandaka
  builtin:cm sw 1 Lubumbashi@Africa/Lubumbashi, Goma@Africa/Lubumbashi
CI ssa 1 Africa/Abidjan -
  builtin:sn fr 1 Abidjan, Bouaké
"""


def _parse_countries(text: str) -> tuple[Country, ...]:
    countries: list[Country] = []
    for line in text.strip().splitlines():
        if line.startswith(" "):
            names, language, weight, cities = line.split(maxsplit=3)
            community = Community(names, language, tuple(cities.split(", ")), int(weight))
            last = countries[-1]
            countries[-1] = replace(last, communities=(*last.communities, community))
        else:
            code, region, weight, zone, second = line.split()
            languages = () if second == "-" else tuple(second.split(","))
            countries.append(Country(code, region, zone, languages, (), int(weight)))
    return tuple(countries)


COUNTRIES = _parse_countries(COUNTRY_DATA)
COUNTRY_BY_CODE = {country.code: country for country in COUNTRIES}

# Names for communities Faker has no (or only English) names for.
BUILTIN_NAMES: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    # key: (female first names, male first names, family names)
    "ph": (
        ("Maria", "Angelica", "Kristine", "Jasmine", "Mariel", "Joanna", "Patricia", "Camille"),
        ("Jose", "Mark", "John Paul", "Rafael", "Carlo", "Miguel", "Paolo", "Ramon"),
        ("Santos", "Reyes", "Cruz", "Bautista", "Mendoza", "Dela Cruz", "Villanueva", "Aquino"),
    ),
    "my": (
        ("Nur Aisyah", "Siti Aminah", "Farah", "Nurul", "Mei Ling", "Priya", "Hui Min"),
        ("Ahmad", "Muhammad Hafiz", "Amir", "Wei Jie", "Arjun", "Faizal", "Kok Leong"),
        ("Abdullah", "Rahman", "Ismail", "Tan", "Lim", "Wong", "Kumar", "Osman"),
    ),
    "ug": (
        ("Nakato", "Babirye", "Grace", "Sarah", "Joan", "Prossy", "Winnie", "Esther"),
        ("Okello", "Mukasa", "Denis", "Ivan", "Brian", "Moses", "Ronald", "Isaac"),
        ("Namukasa", "Okello", "Kato", "Ssali", "Nsubuga", "Mugisha", "Atim", "Kiggundu"),
    ),
    "et": (
        ("Tsion", "Hana", "Meron", "Selam", "Mahlet", "Rahel", "Tigist", "Hiwot", "Liya"),
        ("Abebe", "Dawit", "Yonas", "Samuel", "Henok", "Biniam", "Tewodros", "Kaleb", "Yared"),
        ("Bekele", "Alemu", "Tesfaye", "Girma", "Haile", "Kebede", "Tadesse", "Assefa", "Gudina"),
    ),
    "sn": (
        ("Aminata", "Fatou", "Awa", "Mariama", "Khady", "Ndeye", "Astou", "Aïssatou"),
        ("Moussa", "Ousmane", "Mamadou", "Cheikh", "Ibrahima", "Abdoulaye", "Modou", "Lamine"),
        ("Diop", "Ndiaye", "Fall", "Sow", "Sarr", "Ba", "Faye", "Diallo", "Gueye", "Koné"),
    ),
    "cm": (
        ("Chantal", "Grâce", "Nadège", "Esther", "Mireille", "Béatrice", "Josiane", "Laure"),
        ("Jean-Paul", "Emmanuel", "Patrice", "Serge", "Hervé", "Landry", "Christian", "Junior"),
        ("Nkoulou", "Fotso", "Tchamba", "Mbala", "Mukendi", "Ilunga", "Kabongo", "Ngoy", "Ekane"),
    ),
}
FAMILY_NAME_FIRST = {"ja_JP": "", "zh_TW": "", "zh_CN": "", "ko_KR": "", "hu_HU": " ", "vi_VN": " "}

# --------------------------------------------------------------------------------------------
# Words for usernames, bios and descriptions.
# --------------------------------------------------------------------------------------------

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

# --------------------------------------------------------------------------------------------
# The plan
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PersonPlan:
    username: str
    email: str
    first_name: str
    last_name: str
    display_name: str
    wikimedia_username: str
    pronouns: str
    bio: str
    country: str
    region: str
    time_zone: str
    visibility: dict[str, str]  # field group → public / members / private
    languages: tuple[tuple[str, int], ...]  # (code, proficiency 0 = native … 5)
    claims: tuple[tuple[str, str, int], ...]  # (capacity code, relation, level 1..5)
    is_staff: bool = False
    is_superuser: bool = False
    is_account: bool = False  # a demo account with the demo password


@dataclass(frozen=True)
class OrganizationPlan:
    slug: str
    kind: str
    name: str
    names: dict[str, str]
    description: str
    countries: tuple[str, ...]
    region: str
    website: str
    languages: tuple[str, ...]
    claims: tuple[tuple[str, str, int], ...]  # (capacity code, offers|wants, level)
    members: tuple[tuple[str, str], ...]  # (username, member|manager)


@dataclass(frozen=True)
class DemoPlan:
    seed: int
    people: tuple[PersonPlan, ...]  # generated people, then the demo accounts
    organizations: tuple[OrganizationPlan, ...]
    capacity_codes: tuple[str, ...] = field(default=())

    @property
    def languages(self) -> set[str]:
        return {code for person in self.people for code, _level in person.languages}

    @property
    def regions(self) -> set[str]:
        return {person.region for person in self.people}


def plan_json(plan: DemoPlan) -> str:
    """The plan as canonical JSON: equal plans give byte-identical text."""
    return json.dumps(asdict(plan), ensure_ascii=False, sort_keys=True, separators=(",", ":"))


# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------

_LATIN_EXTRA = str.maketrans(
    {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "Ae", "ß": "ss", "đ": "d",
     "Đ": "D", "ı": "i", "ə": "e", "Ə": "E", "þ": "th", "ð": "d", "’": "", "'": ""}
)  # fmt: skip
_CYRILLIC_LATIN = (
    "a b v h g d e ie io zh z y i i i k l m n o p r s t u f kh ts ch sh shch - y - e iu ia"
)
_CYRILLIC = dict(
    zip(
        "абвгґдеєёжзиіїйклмнопрстуфхцчшщъыьэюя",
        _CYRILLIC_LATIN.replace("-", "").split(" "),
        strict=True,
    )
)


def _ascii(text: str) -> str:
    """A Latin-script rendering of a name, or '' when the script has no simple one."""
    text = "".join(
        (_CYRILLIC.get(ch.lower(), ch).capitalize() if ch.isupper() else _CYRILLIC.get(ch, ch))
        for ch in text.translate(_LATIN_EXTRA)
    )
    folded = "".join(
        ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)
    )
    if not folded or not all(ch.isascii() for ch in folded):
        return ""
    return folded


@cache
def _locale(language: str) -> Locale | None:
    try:
        return Locale.parse(language)
    except (ValueError, UnknownLocaleError):
        return None


def _country_name(code: str, language: str = "en") -> str:
    locale = _locale(language) or _locale("en")
    return locale.territories.get(code) or _locale("en").territories.get(code, code)


def _language_name(code: str, language: str = "en") -> str:
    locale = _locale(language) or _locale("en")
    name = locale.languages.get(code) or _locale("en").languages.get(code, code)
    return name[:1].upper() + name[1:] if language == "en" else name


def _slugify(text: str) -> str:
    text = _ascii(text.replace("+", " ")) or text
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:70] or "organization"


def _humanize(code: str) -> str:
    return code.replace("-", " ").replace("_", " ")


def _city(entry: str, country: Country) -> tuple[str, str]:
    name, _sep, zone = entry.partition("@")
    return name, zone or country.zone


def _weighted(rng: random.Random, items, weights):
    return rng.choices(items, weights=weights, k=1)[0]


class _Namer:
    """Plausible names per community: a seeded Faker per locale, or the built-in lists."""

    def __init__(self, seed: int):
        self.seed = seed
        self.rng = random.Random(f"{seed}:builtin")
        self.fakers: dict[str, Faker] = {}

    def name(self, source: str, female: bool) -> tuple[str, str, str]:
        if source.startswith("builtin:"):
            females, males, families = BUILTIN_NAMES[source.split(":", 1)[1]]
            first = self.rng.choice(females if female else males)
            last = self.rng.choice(families)
            return first, last, f"{first} {last}"
        fake = self._faker(source)
        first = fake.first_name_female() if female else fake.first_name_male()
        last = fake.last_name()
        separator = FAMILY_NAME_FIRST.get(source)
        if separator is not None:
            return first, last, f"{last}{separator}{first}"
        return first, last, f"{first} {last}"

    def _faker(self, locale: str) -> Faker:
        fake = self.fakers.get(locale)
        if fake is None:
            fake = Faker(locale)
            fake.seed_instance(f"{self.seed}:{locale}")
            self.fakers[locale] = fake
        return fake


class _Unique:
    """Hands out unique (case-insensitive) names by adding a number when needed."""

    def __init__(self, taken: Iterable[str] = ()):
        self.taken = {name.lower() for name in taken}

    def __call__(self, name: str, separator: str = "") -> str:
        candidate, n = name, 2
        while candidate.lower() in self.taken:
            candidate, n = f"{name}{separator}{n}", n + 1
        self.taken.add(candidate.lower())
        return candidate


def _visibility(rng: random.Random) -> dict[str, str]:
    def pick(members: float, private: float = 0.0) -> str:
        roll = rng.random()
        if roll < private:
            return "private"
        if roll < private + members:
            return "members"
        return "public"

    return {
        "wikimedia_username": pick(0.05),
        "pronouns": pick(0.10),
        "bio": pick(0.15),
        "location": pick(0.05, 0.05),
        "languages": pick(0.03),
        "affiliations": pick(0.05),
        "capacities": pick(0.04, 0.01),
    }


def _person_claims(
    rng: random.Random, codes: list[str], n_knows=(3, 8), n_offers=(0, 3), n_wants=(1, 4)
) -> tuple[tuple[str, str, int], ...]:
    if not codes:
        return ()
    knows = rng.sample(codes, min(len(codes), rng.randint(*n_knows)))
    levels = {code: rng.randint(1, 5) for code in knows}
    # people offer what they know best
    by_level = sorted(knows, key=lambda code: (-levels[code], knows.index(code)))
    offers = by_level[: min(len(knows), rng.randint(*n_offers))]
    rest = [code for code in codes if code not in levels]
    wants = rng.sample(rest, min(len(rest), rng.randint(*n_wants)))
    claims = [(code, KNOWS, levels[code]) for code in knows]
    claims += [(code, OFFERS, max(levels[code], 2)) for code in offers]
    claims += [(code, WANTS, rng.randint(1, 3)) for code in wants]
    return tuple(claims)


def _person_languages(
    rng: random.Random, country: Country, native: str
) -> tuple[tuple[str, int], ...]:
    languages = {native: 0}
    if native != "en" and rng.random() < 0.75:
        languages["en"] = rng.randint(2, 5)
    for code in country.second:
        if code not in languages and rng.random() < 0.45:
            languages[code] = rng.randint(1, 5)
    extras = ("fr", "es", "de", "pt", "ar", "ru", "zh", "ja", "it", "sw", "hi", "eo")
    if rng.random() < 0.2:
        code = rng.choice(extras)
        languages.setdefault(code, rng.randint(1, 3))
    return tuple(languages.items())


def _wiki(language: str, rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.12:
        return "Wikidata"
    if roll < 0.2:
        return "Wikimedia Commons"
    return f"{_language_name(language)} {rng.choice(PROJECTS)}"


def _bio(rng: random.Random, *, wiki, city, country, claims) -> str:
    knows = [_humanize(code) for code, relation, _lv in claims if relation == KNOWS]
    wants = [_humanize(code) for code, relation, _lv in claims if relation == WANTS]
    year = rng.randint(2004, 2024)
    openers = [
        f"Editor of {wiki} since {year}.",
        f"I have been editing {wiki} since {year}, mostly about {rng.choice(TOPICS)}.",
        f"{rng.choice(ROLES)} based in {city}; I edit {wiki} in my spare time.",
        f"Commons photographer from {city}; I mostly document {rng.choice(PHOTO_TOPICS)}.",
        f"{rng.choice(ROLES)} and Wikimedian since {year}.",
    ]
    sentences = [rng.choice(openers)]
    extra = [
        f"Organises {rng.choice(EVENTS)} in {city}.",
        f"Coordinated {rng.choice(EVENTS)} for {country} in {rng.randint(year, 2025)}.",
        f"Interested in {rng.choice(TOPICS)} and open knowledge.",
        f"Administrator on {wiki}.",
        f"Runs a monthly workshop at the {city} public library.",
    ]
    if knows:
        extra.append(f"Happy to help newcomers with {rng.choice(knows)}.")
    if wants:
        extra.append(f"Currently learning {rng.choice(wants)}.")
    sentences += rng.sample(extra, rng.randint(0, 2))
    return " ".join(sentences)


def _wikimedia_username(rng: random.Random, first: str, last: str, display: str, city: str):
    """(Wikimedia username, Latin-script login name)."""
    handle = rng.choice(
        [
            f"{rng.choice(HANDLE_ADJECTIVES)}{rng.choice(HANDLE_NOUNS)}",
            f"{_ascii(city).replace(' ', '').replace('-', '')}{rng.choice(HANDLE_NOUNS)}",
            f"{rng.choice(HANDLE_NOUNS)}{rng.randint(10, 99)}",
        ]
    )
    a_first, a_last = _ascii(first).replace(" ", ""), _ascii(last).replace(" ", "")
    roll = rng.random()
    if a_first and a_last:
        if roll < 0.15:
            return handle, handle
        if roll < 0.45:
            name = f"{first} {last}"
        elif roll < 0.65:
            name = f"{first}{last}".replace(" ", "")
        elif roll < 0.8:
            name = f"{first}_{last[:1]}."
        else:
            name = f"{first}{rng.randint(70, 99)}"
        login = _ascii(name.replace(" ", "_").replace(".", ""))
        return name, re.sub(r"[^A-Za-z0-9_]+", "", login) or handle
    if roll < 0.5:  # a username in the person's own script, as on their home wiki
        native = display.replace(" ", "") if rng.random() < 0.5 else f"{first}{rng.randint(1, 99)}"
        return native, handle
    return handle, handle


# --------------------------------------------------------------------------------------------
# build_demo
# --------------------------------------------------------------------------------------------


def build_demo(
    seed: int = 2030,
    people: int = 320,
    organizations: int = 44,
    capacity_codes: Iterable[str] = (),
    country_regions: dict[str, str] | None = None,
    *,
    accounts: bool = True,
    reserved_usernames: Iterable[str] = (),
    reserved_slugs: Iterable[str] = (),
) -> DemoPlan:
    """A deterministic demo community. `country_regions` (e.g. core.regions.country_regions())
    overrides the built-in region of a country; `reserved_*` are names already in use."""
    rng = random.Random(seed)
    namer = _Namer(seed)
    codes = sorted(set(capacity_codes))
    mapping = {k.upper(): v for k, v in (country_regions or {}).items()}
    by_region: dict[str, list[Country]] = {region: [] for region in REGION_ORDER}
    for country in COUNTRIES:
        by_region.setdefault(mapping.get(country.code, country.region), []).append(country)
    regions = [region for region in REGION_ORDER if by_region.get(region)]
    usernames = _Unique([*reserved_usernames, *DEMO_ACCOUNTS])

    plans: list[PersonPlan] = []
    for index in range(people):
        # the first people cover every region once, then regions by weight
        region = (
            regions[index]
            if index < len(regions)
            else _weighted(rng, regions, [REGION_WEIGHTS.get(r, 5) for r in regions])
        )
        countries = by_region[region]
        country = _weighted(rng, countries, [c.weight for c in countries])
        plans.append(
            _person(rng, namer, usernames, codes, country, region, mapping=mapping, index=index)
        )

    orgs = _organizations(rng, organizations, plans, codes, by_region, regions, reserved_slugs)
    if accounts:
        extra_people, orgs = _demo_accounts(rng, codes, orgs, mapping)
        plans += extra_people
    return DemoPlan(
        seed=seed, people=tuple(plans), organizations=tuple(orgs), capacity_codes=tuple(codes)
    )


def _person(rng, namer, usernames, codes, country, region, *, mapping, index) -> PersonPlan:
    community = _weighted(rng, country.communities, [c.weight for c in country.communities])
    female = rng.random() < 0.5
    first, last, display = namer.name(community.names, female)
    city, zone = _city(rng.choice(community.cities), country)
    wm_name, login = _wikimedia_username(rng, first, last, display, city)
    username = usernames(login[:40] or f"member{index}")
    roll = rng.random()
    pronouns = ""
    if roll < 0.3:
        pronouns = rng.choice(PRONOUNS_FEMALE if female else PRONOUNS_MALE)
    elif roll < 0.35:
        pronouns = "they/them"
    languages = _person_languages(rng, country, community.language)
    claims = _person_claims(rng, codes)
    wiki = _wiki(community.language, rng)
    bio = _bio(rng, wiki=wiki, city=city, country=_country_name(country.code), claims=claims)
    return PersonPlan(
        username=username,
        email=f"{username.lower()}@{EMAIL_DOMAIN}",
        first_name=first[:150],
        last_name=last[:150],
        display_name=display[:120],
        wikimedia_username=wm_name[:120],
        pronouns=pronouns,
        bio=bio,
        country=country.code,
        region=mapping.get(country.code, region),
        time_zone=zone,
        visibility=_visibility(rng),
        languages=languages,
        claims=claims,
    )


def _org_names(kind: str, place_for, local_languages: list[str], region: str) -> dict[str, str]:
    """{language: name}: English, the local language and one more, when a template exists
    (a short "Wikimedia <place>" form for Wikimedia organizations otherwise)."""
    templates = TEMPLATES[kind]
    names = {"en": templates["en"].format(place=place_for("en"))}
    wanted = [*local_languages, REGION_LINGUA_FRANCA.get(region, "fr")]
    for language in wanted:
        if len(names) >= 3 or language in names:
            continue
        if language in templates:
            names[language] = templates[language].format(place=place_for(language))
        elif kind != "library" and len(names) < 2:
            names[language] = f"Wikimedia {place_for(language)}"
    return names


def _organizations(rng, total, people, codes, by_region, regions, reserved_slugs):
    if total <= 0:
        return []
    slugs = _Unique(reserved_slugs)
    people_by_region: dict[str, list[PersonPlan]] = {}
    people_by_country: dict[str, list[PersonPlan]] = {}
    for person in people:
        people_by_region.setdefault(person.region, []).append(person)
        people_by_country.setdefault(person.country, []).append(person)

    hubs = min(len(regions), max(1, round(total * 0.05))) if total >= 10 else 0
    thematic = max(1, round(total * 0.08)) if total >= 5 else 0
    informal = round(total * 0.15)
    partners = round(total * 0.15)
    chapters = max(1, round(total * 0.2))
    user_groups = max(0, total - hubs - thematic - informal - partners - chapters)
    kinds = ["chapter"] * chapters + ["user_group"] * user_groups + ["hub"] * hubs
    kinds += ["thematic"] * thematic + ["informal"] * informal + ["partner"] * partners
    kinds = kinds[:total]

    chapter_countries: set[str] = set()
    used_names: set[str] = set()
    result: list[OrganizationPlan] = []
    counters: dict[str, int] = {}
    for kind in kinds:
        i = counters[kind] = counters.get(kind, -1) + 1
        region = regions[i % len(regions)]
        if kind == "chapter" and i == 0 and "BR" in {c.code for c in by_region.get("lac", [])}:
            region = "lac"  # demo-organizer's chapter
        country = _pick_country(rng, by_region, regions, region, chapter_countries, kind, i)
        if country is None:  # every country already has its chapter
            kind = "user_group"
            country = _weighted(rng, by_region[region], [c.weight for c in by_region[region]])
        region = next(r for r in regions if country in by_region[r])
        plan = _organization(
            rng, kind, i, country, region, by_region, used_names, people_by_region,
            people_by_country, codes, slugs,
        )  # fmt: skip
        result.append(plan)
    return result


def _pick_country(rng, by_region, regions, region, taken, kind, i):
    if kind != "chapter":
        countries = by_region[region]
        return _weighted(rng, countries, [c.weight for c in countries])
    if i == 0 and region == "lac":
        taken.add("BR")
        return COUNTRY_BY_CODE["BR"]
    for offset in range(len(regions)):
        candidates = [
            c for c in by_region[regions[(i + offset) % len(regions)]] if c.code not in taken
        ]
        if candidates:
            country = _weighted(rng, candidates, [c.weight for c in candidates])
            taken.add(country.code)
            return country
    return None


def _organization(
    rng, kind, i, country, region, by_region, used_names, people_by_region, people_by_country,
    codes, slugs,
) -> OrganizationPlan:  # fmt: skip
    community = _weighted(rng, country.communities, [c.weight for c in country.communities])
    city, _zone = _city(rng.choice(community.cities), country)
    local = [community.language, *country.second]
    countries = [country.code]
    event = rng.choice(EVENTS)
    wiki = f"{_language_name(community.language)} Wikipedia"
    where = f"{city}, {_country_name(country.code)}"
    if kind == "chapter":
        names = _org_names("chapter", lambda lang: _country_name(country.code, lang), local, region)
        description = DESCRIPTIONS["chapter"].format(
            country=_country_name(country.code), event=event
        )
    elif kind == "user_group":
        variant = rng.choice(("ug_city", "ug_city", "ug_country", "ug_language"))
        places = {
            "ug_city": lambda lang: city,
            "ug_country": lambda lang: _country_name(country.code, lang),
            "ug_language": lambda lang: _language_name(community.language, lang),
        }
        names = _org_names(variant, places[variant], local, region)
        description = DESCRIPTIONS["user_group"].format(where=where, wiki=wiki, event=event)
    elif kind == "hub":
        countries = sorted(c.code for c in by_region[region])
        short = REGION_SHORT.get(region, region.upper())
        lingua_franca = [REGION_LINGUA_FRANCA.get(region, "fr")]
        names = _org_names(
            "hub", lambda lang: short if lang == "en" else region.upper(), lingua_franca, region
        )
        if i >= len(REGION_SHORT):
            names = {lang: f"{name} {i // len(REGION_SHORT) + 1}" for lang, name in names.items()}
        description = DESCRIPTIONS["hub"].format(region=REGION_SHORT.get(region, region))
    elif kind == "thematic":
        theme_name, theme = THEMATIC[i % len(THEMATIC)]
        if i >= len(THEMATIC):
            theme_name = f"{theme_name} {_country_name(country.code)}"
        others = [c.code for r in rng.sample(list(by_region), 2) for c in by_region[r][:1]]
        countries = sorted({country.code, *others})
        names = {"en": theme_name}
        for language in ("es", "fr")[: rng.randint(1, 2)]:
            names[language] = theme_name
        description = DESCRIPTIONS["thematic"].format(theme=theme)
    elif kind == "informal":
        template = rng.choice(INFORMAL)
        name = template.format(city=city, language=_language_name(community.language))
        names = {"en": name}
        description = DESCRIPTIONS["informal"].format(where=where, event=event)
    else:
        if rng.random() < 0.2:
            names = _org_names(
                "library", lambda lang: _country_name(country.code, lang), local, region
            )
        else:
            template = rng.choice(PARTNERS)
            names = {"en": template.format(city=city, country=_country_name(country.code))}
        description = DESCRIPTIONS["partner"].format(where=where, event=event)

    name = names["en"]
    if name in used_names:
        name = f"{name} ({city})" if f"{name} ({city})" not in used_names else f"{name} {i + 1}"
        names = {**names, "en": name}
    used_names.add(name)
    slug = slugs(_slugify(name), "-")
    if kind in ("hub", "thematic"):
        languages = list(dict.fromkeys(["en", REGION_LINGUA_FRANCA.get(region, "fr")]))
    else:
        languages = list(dict.fromkeys([community.language, *country.second[:1], "en"]))
        languages = languages[: rng.randint(1, 3)]
    offers = rng.sample(codes, min(len(codes), rng.randint(1, 4)))
    rest = [code for code in codes if code not in offers]
    wants = rng.sample(rest, min(len(rest), rng.randint(1, 4)))
    claims = [(code, OFFERS, rng.randint(2, 5)) for code in offers]
    claims += [(code, WANTS, rng.randint(1, 3)) for code in wants]
    return OrganizationPlan(
        slug=slug,
        kind=kind,
        name=name[:200],
        names=names,
        description=description,
        countries=tuple(countries),
        region=region,
        website=WEBSITE.format(slug=slug),
        languages=tuple(languages),
        claims=tuple(claims),
        members=_members(rng, kind, country, region, people_by_region, people_by_country),
    )


MEMBER_COUNTS = {"chapter": (6, 15), "user_group": (4, 12), "hub": (5, 12), "thematic": (4, 10)}
MEMBER_COUNTS |= {"informal": (3, 8), "partner": (1, 4)}


def _members(rng, kind, country, region, people_by_region, people_by_country):
    """Managers from the organization's country when possible, members from its region."""
    local = people_by_country.get(country.code, [])
    regional = people_by_region.get(region, [])
    if not regional:
        return ()
    managers = rng.sample(local or regional, min(len(local or regional), rng.randint(1, 2)))
    chosen = {p.username for p in managers}
    pool = [p for p in regional if p.username not in chosen]
    members = rng.sample(pool, min(len(pool), rng.randint(*MEMBER_COUNTS[kind])))
    return tuple(
        [(p.username, "manager") for p in managers] + [(p.username, "member") for p in members]
    )


# What the demo accounts know, offer and want, as in docs' personas (Mei, Rafael, Amina), when
# the taxonomy has these codes: (knows, offers, wants).
ACCOUNT_CAPACITIES = {
    "demo-admin": (
        ("capacity-building", "training-design", "mentoring", "evaluation"),
        ("capacity-building", "mentoring"),
        ("data-visualization",),
    ),
    "demo-organizer": (
        ("wikipedia-in-education", "open-education", "project-management"),
        ("wikipedia-in-education",),
        ("fundraising", "organizational-governance", "board-governance"),
    ),
    "demo-member": (
        ("writing-articles", "editing-wikipedia", "translation"),
        (),
        ("event-organizing", "edit-a-thon", "grant-writing"),
    ),
}


def _account_claims(rng, codes, knows, offers, wants) -> tuple[tuple[str, str, int], ...]:
    """The account's own capacities when the taxonomy has them; random ones otherwise."""
    present = set(codes)
    knows = [code for code in knows if code in present]
    wants = [code for code in wants if code in present]
    if len(knows) < 3 or not wants:
        return _person_claims(rng, codes)
    claims = [(code, KNOWS, 4) for code in knows]
    claims += [(code, OFFERS, 4) for code in offers if code in knows]
    claims += [(code, WANTS, 1) for code in wants]
    return tuple(claims)


def _demo_accounts(rng, codes, orgs, mapping):
    """demo-admin (staff), demo-organizer (manages the first chapter), demo-member."""
    every = dict.fromkeys(("wikimedia_username", "pronouns", "bio", "location"), "public")
    every |= dict.fromkeys(("languages", "affiliations", "capacities"), "public")

    def account(username, display, country, zone, languages, bio, **flags) -> PersonPlan:
        first, _sep, last = display.partition(" ")
        knows, offers, wants = ACCOUNT_CAPACITIES[username]
        return PersonPlan(
            username=username,
            email=f"{username}@{EMAIL_DOMAIN}",
            first_name=first,
            last_name=last,
            display_name=display,
            wikimedia_username=display.replace(" ", ""),
            pronouns="",
            bio=bio,
            country=country,
            region=mapping.get(country, COUNTRY_BY_CODE[country].region),
            time_zone=zone,
            visibility=dict(every),
            languages=tuple(languages),
            claims=_account_claims(rng, codes, knows, offers, wants),
            is_account=True,
            **flags,
        )

    first_chapter = next((o for o in orgs if o.kind == "chapter"), None)
    organizer_country = first_chapter.countries[0] if first_chapter else "BR"
    organizer_zone = COUNTRY_BY_CODE.get(organizer_country, COUNTRY_BY_CODE["BR"]).zone
    people = [
        account(
            "demo-admin",
            "Demo Admin",
            "NL",
            "Europe/Amsterdam",
            [("en", 5), ("nl", 0), ("fr", 3)],
            "Demo account of the Capacity Building Unit (staff).",
            is_staff=True,
            is_superuser=True,
        ),
        account(
            "demo-organizer",
            "Demo Organizer",
            organizer_country,
            organizer_zone,
            [("pt", 0), ("es", 4), ("en", 4)],
            "Demo account: manages a chapter's page and members.",
        ),
        account(
            "demo-member",
            "Demo Member",
            "NG",
            "Africa/Lagos",
            [("ha", 0), ("en", 4)],
            "Demo account: a volunteer editor of Hausa Wikipedia.",
        ),
    ]
    result = []
    member_org = next((o for o in orgs if o.kind == "user_group" and o.region == "ssa"), None)
    for org in orgs:
        members = list(org.members)
        if org is first_chapter:
            members.insert(0, ("demo-organizer", "manager"))
        if org is member_org:
            members.append(("demo-member", "member"))
        result.append(org if members == list(org.members) else replace(org, members=tuple(members)))
    return people, result


# --------------------------------------------------------------------------------------------
# write_demo: the database side
# --------------------------------------------------------------------------------------------


def write_demo(plan: DemoPlan, *, password: str = DEMO_PASSWORD) -> dict[str, int]:
    """Write the plan with bulk inserts in one transaction. Returns row counts.

    bulk_create sends no signals, so profiles are created here explicitly."""
    from allauth.account.models import EmailAddress
    from django.contrib.auth.hashers import make_password
    from django.db import transaction

    from capacityhub.taxonomy.models import Capacity

    from .models import (
        CapacityClaim,
        Membership,
        Organization,
        OrganizationLanguage,
        Profile,
        ProfileLanguage,
        User,
    )

    account_hash = make_password(password)  # hashed once, shared by the demo accounts
    unusable = make_password(None)  # generated people cannot log in
    codes = {code for p in plan.people for code, _r, _l in p.claims}
    codes |= {code for o in plan.organizations for code, _r, _l in o.claims}

    with transaction.atomic():
        capacity_ids = dict(
            Capacity.objects.filter(code__in=sorted(codes)).values_list("code", "id")
        )
        users = User.objects.bulk_create(
            User(
                username=p.username,
                email=p.email,
                first_name=p.first_name,
                last_name=p.last_name,
                password=account_hash if p.is_account else unusable,
                is_staff=p.is_staff,
                is_superuser=p.is_superuser,
                is_demo=True,
            )
            for p in plan.people
        )
        if any(user.pk is None for user in users):  # databases that return no ids
            ids = dict(User.objects.filter(is_demo=True).values_list("username", "id").iterator())
            for user in users:
                user.pk = ids[user.username]
        user_ids = {user.username: user.pk for user in users}

        profiles = Profile.objects.bulk_create(
            Profile(
                user_id=user_ids[p.username],
                display_name=p.display_name,
                wikimedia_username=p.wikimedia_username,
                pronouns=p.pronouns,
                bio=p.bio,
                country=p.country,
                time_zone=p.time_zone,
                **{f"{group}_visibility": level for group, level in p.visibility.items()},
            )
            for p in plan.people
        )
        if any(profile.pk is None for profile in profiles):
            ids = dict(
                Profile.objects.filter(user_id__in=list(user_ids.values())).values_list(
                    "user_id", "id"
                )
            )
            for profile in profiles:
                profile.pk = ids[profile.user_id]
        profile_ids = {
            p.username: profile.pk for p, profile in zip(plan.people, profiles, strict=True)
        }

        ProfileLanguage.objects.bulk_create(
            ProfileLanguage(profile_id=profile_ids[p.username], language=code, proficiency=level)
            for p in plan.people
            for code, level in p.languages
        )
        claims = [
            CapacityClaim(
                profile_id=profile_ids[p.username],
                capacity_id=capacity_ids[code],
                relation=relation,
                level=level,
            )
            for p in plan.people
            for code, relation, level in p.claims
            if code in capacity_ids
        ]

        organizations = Organization.objects.bulk_create(
            Organization(
                slug=o.slug,
                kind=o.kind,
                name=o.name,
                names=o.names,
                description=o.description,
                countries=list(o.countries),
                region=o.region,
                website=o.website,
            )
            for o in plan.organizations
        )
        if any(org.pk is None for org in organizations):
            ids = dict(
                Organization.objects.filter(slug__in=[o.slug for o in plan.organizations])
                .values_list("slug", "id")
            )  # fmt: skip
            for org in organizations:
                org.pk = ids[org.slug]
        OrganizationLanguage.objects.bulk_create(
            OrganizationLanguage(organization_id=org.pk, language=code)
            for o, org in zip(plan.organizations, organizations, strict=True)
            for code in o.languages
        )
        claims += [
            CapacityClaim(
                organization_id=org.pk,
                capacity_id=capacity_ids[code],
                relation=relation,
                level=level,
            )
            for o, org in zip(plan.organizations, organizations, strict=True)
            for code, relation, level in o.claims
            if code in capacity_ids
        ]
        CapacityClaim.objects.bulk_create(claims, batch_size=2000)
        Membership.objects.bulk_create(
            Membership(organization_id=org.pk, user_id=user_ids[username], role=role)
            for o, org in zip(plan.organizations, organizations, strict=True)
            for username, role in o.members
        )
        EmailAddress.objects.bulk_create(
            EmailAddress(user_id=user_ids[p.username], email=p.email, verified=True, primary=True)
            for p in plan.people
            if p.is_account
        )
    return {
        "people": len(plan.people),
        "organizations": len(plan.organizations),
        "claims": len(claims),
        "memberships": sum(len(o.members) for o in plan.organizations),
        "languages": len(plan.languages),
        "regions": len(plan.regions),
    }
