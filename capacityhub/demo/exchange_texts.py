"""Words for the demo exchange: needs' titles and descriptions, offers, notes and feedback."""

DEMO_MEMBER = "demo-member"
DEMO_MEMBER_TITLE = "How to run an edit-a-thon, in English or Hausa"
DEMO_MEMBER_DESCRIPTION = (
    "I edit Hausa Wikipedia in the evenings and would like to organise my first edit-a-thon "
    "in Kano. I am looking for someone who has run one before: how to plan the day, find a "
    "venue and a good internet connection, invite new editors and keep them editing afterwards. "
    "English or Hausa are both fine; two or three online calls would be ideal."
)
DEMO_MEMBER_CAPACITIES = ("event-organizing", "edit-a-thon")
DEMO_MEMBER_METHODS = ("mentoring", "documentation", "live-online-session")
ORGANIZATION_NEEDS = 10
PEOPLE_PER_NEED = 4
AVAILABILITY_SHARE = 0.6
AWAY_SHARE = 0.05
ONLINE_SHARE = 0.85
WINDOW_DAYS = 90

# Titles for needs about well-known capacities; the others use GENERIC_TITLES.
TITLES: dict[str, tuple[str, ...]] = {
    "event-organizing": ("How to run an edit-a-thon", "Planning our first community meetup"),
    "edit-a-thon": ("Planning our first edit-a-thon", "Keeping edit-a-thon participants editing"),
    "grant-writing": ("Help with my first grant application", "Writing a Rapid Fund proposal"),
    "grant-reporting": ("Writing the report for our first grant",),
    "fundraising": ("Finding funding for our user group", "Starting local fundraising"),
    "lua-scripting": ("Fixing the Lua modules on our wiki", "Learning Lua to maintain templates"),
    "templates": ("Importing infobox templates to a small wiki",),
    "wikidata": ("Getting started with Wikidata for our project",),
    "sparql-queries": ("Writing SPARQL queries for a project page",),
    "photo-contests": ("Running a local photo contest", "Judging a Wiki Loves Monuments round"),
    "photography": ("Taking better photos of heritage sites",),
    "board-governance": ("How should a small board work?", "Onboarding new board members"),
    "organizational-governance": ("Setting up the governance of a new chapter",),
    "conflict-resolution": ("Handling a long-running content dispute",),
    "mentoring": ("Learning to mentor newcomers",),
    "onboarding-newcomers": ("Keeping newcomers after an event",),
    "wikipedia-in-education": ("Bringing Wikipedia into a university course",),
    "classroom-assignments": ("Designing a Wikipedia assignment for my students",),
    "translation": ("Translating articles well", "Using Content Translation without errors"),
    "content-translation": ("Using Content Translation without errors",),
    "copyright-and-licensing": ("Which licence can I upload these photos under?",),
    "social-media": ("Growing our community on social media",),
    "public-speaking": ("Preparing my first conference talk",),
    "glam-partnerships": ("Approaching a museum about a partnership",),
    "library-partnerships": ("Working with our national library",),
    "strategic-planning": ("Writing our first strategic plan",),
    "volunteer-management": ("Keeping volunteers motivated through the year",),
    "program-metrics": ("Measuring the outcomes of our programmes",),
    "evaluation": ("Evaluating a year of activities",),
    "digital-security": ("Keeping our accounts safe",),
    "gender-gap": ("Closing the gender gap on our Wikipedia",),
    "writing-articles": ("Writing my first good article",),
    "referencing": ("Finding and citing reliable sources in my language",),
    "bots": ("Running a bot on a small wiki",),
    "openstreetmap": ("Mapping our city with OpenStreetMap and Wikidata",),
}
GENERIC_TITLES = (
    "How to get started with {label}",
    "Looking for a mentor in {label}",
    "Help with {label} for our community",
    "Learning {label} step by step",
    "Advice on {label}",
)
LANGUAGE_SUFFIX = ", in {languages}"
NEED_OPENINGS = (
    "I am active in my local Wikimedia community and want to learn more about {label}.",
    "Our group is planning its activities for the coming months, and nobody among us has "
    "experience with {label} yet.",
    "I have read the pages on Meta-Wiki about {label}, but would like to talk to someone who "
    "has done it.",
    "I started contributing two years ago and would now like to take on {label}.",
)
NEED_ASKS = (
    "A few online sessions would be ideal.",
    "Examples from other communities would help a lot.",
    "I can meet in the evenings or at weekends.",
    "A step-by-step guide and someone to answer questions would be perfect.",
    "I would like to try it on a small scale first and get feedback.",
)
ORGANIZATION_NEED = (
    "{name} wants to strengthen its {label}. We would welcome peer support from another "
    "affiliate that has been through this, and are happy to share what we learn."
)
OFFER_TEXTS = (
    "I have several years of experience with {label} and enjoy helping others get started.",
    "Happy to share what I know about {label}: I can review your plans, answer questions and "
    "point you to good examples.",
    "I have helped other communities with {label}. Write to me with what you are working on.",
    "I learned {label} the hard way and would like to make it easier for the next person.",
)
ORGANIZATION_OFFER = (
    "Our team can support other communities with {label}, drawing on our own programmes."
)
CLOSING_NOTES = ("No longer needed.", "We found help elsewhere.", "Postponed to next year.")
FULFILLED_NOTES = ("Thank you, this worked out.", "Done: it went well.", "")
REQUESTER_FEEDBACK = (
    "Very helpful and patient; I now know where to start.",
    "Clear explanations and good examples from other communities.",
    "Exactly what we needed, thank you!",
)
PROVIDER_FEEDBACK = (
    "Well prepared questions; a pleasure to work with.",
    "Motivated and quick to put things into practice.",
    "Good conversations; I learned from them too.",
)
# Words that stay capitalized inside a sentence.
PROPER = ("Wiki", "Lua", "SPARQL", "MediaWiki", "OpenStreetMap", "Commons", "CentralNotice")
PROPER += ("VRT", "UX", "API", "GLAM", "Creative", "Content", "Meta")


def mid_sentence(label: str) -> str:
    """A capacity label inside a sentence: "Grant writing" → "grant writing"."""
    if label[:1].isupper() and label[1:2].islower() and not label.startswith(PROPER):
        return label[0].lower() + label[1:]
    return label


def join_or(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]
