"""The built-in organizational assessment framework: nine dimensions, their maturity levels
1–4 in plain words, and the questions. Product strings (gettext), so every text is translated
in the hub's languages like any other page text (decision 0027). Pure: no database.

A framework *version* (models.FrameworkVersion) lists which question keys it asks; the texts
are looked up here by key, so a version never stores a text that could drift from its
translation."""

from django.utils.translation import gettext_lazy as _

LEVELS = (1, 2, 3, 4)

LEVEL_NAMES = {
    1: _("Starting"),
    2: _("Developing"),
    3: _("Established"),
    4: _("Leading"),
}

DIMENSIONS = {
    "governance": _("Governance"),
    "strategy": _("Strategy"),
    "finance": _("Finance and fundraising"),
    "programmes": _("Programmes"),
    "partnerships": _("Partnerships"),
    "people": _("Volunteers and people"),
    "communications": _("Communications"),
    "evaluation": _("Evaluation and learning"),
    "technology": _("Technology"),
}

# What each level looks like, per dimension, in plain words.
DIMENSION_LEVELS = {
    "governance": (
        _("Decisions are made informally by one or two people."),
        _("Roles are written down, but rules are not always followed."),
        _("A board or core team meets regularly and records its decisions."),
        _("Governance is open, renewed by elections, and reviewed every year."),
    ),
    "strategy": (
        _("We work from one activity to the next, without a plan."),
        _("We have goals for this year, but they are not shared by everyone."),
        _("A written plan with priorities guides what we do."),
        _("Our plan is reviewed with our community and shapes every budget."),
    ),
    "finance": (
        _("We have no budget and depend on one source of money."),
        _("We keep a budget and accounts, with help from others."),
        _("We report on time and have more than one source of funds."),
        _("Our finances are audited and we keep a reserve."),
    ),
    "programmes": (
        _("Activities happen when a volunteer has time."),
        _("We run a few recurring activities."),
        _("Our programmes have goals, plans and people responsible."),
        _("Programmes are designed from evidence and adapted as we learn."),
    ),
    "partnerships": (
        _("We have no lasting partners."),
        _("We work with partners from time to time."),
        _("We have agreements with several partners."),
        _("Partners co-design programmes with us over years."),
    ),
    "people": (
        _("A few people do everything and risk burning out."),
        _("We welcome newcomers but have no plan to keep them."),
        _("Volunteers and staff have clear roles, training and recognition."),
        _("We grow new leaders and share responsibilities widely."),
    ),
    "communications": (
        _("Few people outside know what we do."),
        _("We post news now and then."),
        _("We communicate regularly with our community and the public."),
        _("Our communication plan reaches every audience we serve."),
    ),
    "evaluation": (
        _("We do not measure what our work changes."),
        _("We count participants and outputs."),
        _("We measure outcomes and share what we learn."),
        _("Learning from evaluation changes our plans every year."),
    ),
    "technology": (
        _("We rely on personal accounts and devices."),
        _("We use shared tools, but nobody looks after them."),
        _("Our tools are maintained, documented and secure."),
        _("Technology helps our community and we share tools with others."),
    ),
}

# key → (dimension, question)
QUESTIONS = {
    "governance-decisions": ("governance", _("How are decisions made and recorded?")),
    "governance-accountability": (
        "governance", _("How does your community hold leaders to account?")
    ),
    "strategy-plan": ("strategy", _("Do you have a plan that guides your work?")),
    "strategy-priorities": ("strategy", _("How do you choose what not to do?")),
    "finance-budget": ("finance", _("How do you plan and follow your budget?")),
    "finance-sources": ("finance", _("How varied and reliable are your sources of money?")),
    "programmes-design": ("programmes", _("How are your programmes designed and run?")),
    "programmes-reach": ("programmes", _("Do your programmes reach the people they are for?")),
    "partnerships-scope": ("partnerships", _("How many lasting partners do you work with?")),
    "partnerships-depth": ("partnerships", _("How deep are your partnerships?")),
    "people-volunteers": ("people", _("How do you welcome, train and keep volunteers?")),
    "people-leadership": ("people", _("How are new leaders grown and responsibilities shared?")),
    "communications-community": (
        "communications", _("How well does your community know what you do?")
    ),
    "communications-public": ("communications", _("How well does the public know what you do?")),
    "evaluation-measure": ("evaluation", _("How do you measure what your work changes?")),
    "evaluation-learning": ("evaluation", _("How does what you learn change your plans?")),
    "technology-tools": ("technology", _("How are your shared tools looked after?")),
    "technology-security": ("technology", _("How safe are your accounts and data?")),
}  # fmt: skip

BUILTIN_V1 = tuple(QUESTIONS)

# Starter-taxonomy capacities each dimension asks for when it becomes a need; staff may
# override them per dimension (models.DimensionCapacity).
DEFAULT_CAPACITIES = {
    "governance": ("organizational-governance", "board-governance", "bylaws-and-policies"),
    "strategy": ("strategic-planning", "theory-of-change", "annual-planning"),
    "finance": ("fundraising", "financial-management", "budgeting", "grant-writing"),
    "programmes": ("project-management", "event-organizing", "training-design"),
    "partnerships": ("partnerships",),
    "people": ("volunteer-management", "human-resources", "leadership-development"),
    "communications": ("communication", "community-communication", "social-media"),
    "evaluation": ("evaluation", "program-metrics", "documenting-learning"),
    "technology": ("technology", "digital-security"),
}


def dimension_of(question_key: str) -> str:
    return QUESTIONS[question_key][0]


def question_text(question_key: str) -> str:
    return str(QUESTIONS[question_key][1]) if question_key in QUESTIONS else question_key


def dimension_label(dimension: str) -> str:
    return str(DIMENSIONS.get(dimension, dimension))


def level_text(dimension: str, level: int) -> str:
    return str(DIMENSION_LEVELS[dimension][level - 1])
