"""Demo content of the knowledge app for `manage.py seed_demo` (deterministic for a seed).

About forty resources on the demo community: guides, toolkits, templates, videos, slide decks,
case studies and learning patterns in English, Spanish, French, Portuguese, Arabic, Hausa and
Swahili, with translations and local adaptations of the best known ones, evidence of use from
demo people across regions, endorsements of the learning patterns and one open report. Writes
nothing when demo resources are already there.
"""

import random
from datetime import date, timedelta

# (kind, title, summary, language, capacity codes, body or link)
ORIGINALS = [
    (
        "guide",
        "Running your first edit-a-thon",
        "Plan the day, the venue and the follow-up.",
        "en",
        ["edit-a-thon", "event-organizing"],
        "## Before\n\n- Book a venue with good Wi-Fi",
    ),
    (
        "toolkit",
        "Photo contest toolkit",
        "Rules, jury sheets and announcements for a contest.",
        "en",
        ["photo-contests"],
        "https://commons.wikimedia.org/wiki/Commons:Photo_challenges",
    ),
    (
        "template",
        "Grant proposal template",
        "A fill-in template for a Rapid Fund proposal.",
        "en",
        ["grant-writing"],
        "## Goals\n\n## Activities\n\n## Budget",
    ),
    (
        "video",
        "Uploading photos to Commons",
        "A ten-minute walkthrough of the upload wizard.",
        "en",
        ["photography"],
        "https://commons.wikimedia.org/wiki/File:Upload_Wizard.webm",
    ),
    (
        "slides",
        "Introduction to Wikidata",
        "Slides for a one-hour introductory workshop.",
        "en",
        ["wikidata"],
        "https://commons.wikimedia.org/wiki/File:Intro_Wikidata.pdf",
    ),
    (
        "case_study",
        "How a user group found its first funding",
        "From zero to a first grant.",
        "en",
        ["fundraising", "grant-writing"],
        "We started with a small community grant…",
    ),
    (
        "guide",
        "Writing a grant report",
        "What funders look for in a report, step by step.",
        "en",
        ["grant-reporting"],
        "## Outcomes\n\nCompare with the goals you set.",
    ),
    (
        "guide",
        "Lua for template maintainers",
        "Read and fix the Lua modules behind templates.",
        "en",
        ["lua-scripting", "templates"],
        "```lua\nlocal p = {}\nreturn p\n```",
    ),
    (
        "guide",
        "Guía para organizar un editatón",
        "Cómo planificar un editatón en tu ciudad.",
        "es",
        ["edit-a-thon"],
        "## Antes\n\n- Reserva un lugar",
    ),
    (
        "toolkit",
        "Boîte à outils pour les concours photo",
        "Règlement, jury et communication.",
        "fr",
        ["photo-contests"],
        "## Règlement\n\nUne photo par personne et par jour.",
    ),
    (
        "guide",
        "Governança para pequenos grupos",
        "Como funciona uma diretoria pequena.",
        "pt",
        ["board-governance"],
        "## Papéis\n\nPresidente, tesouraria, secretaria.",
    ),
    (
        "guide",
        "دليل تنظيم ماراثون تحرير",
        "كيف تخطط لماراثون تحرير ناجح.",
        "ar",
        ["edit-a-thon", "event-organizing"],
        "## قبل الحدث\n\n- احجز مكاناً",
    ),
    (
        "case_study",
        "Wikidata a makarantu",
        "Yadda muka koyar da Wikidata a jami'a.",
        "ha",
        ["wikidata"],
        "Mun fara da dalibai goma…",
    ),
    (
        "slides",
        "Kutatua migogoro ya maudhui",
        "Slaidi kuhusu kutatua migogoro.",
        "sw",
        ["conflict-resolution"],
        "https://commons.wikimedia.org/wiki/File:Migogoro.pdf",
    ),
]
PATTERNS = [
    (
        "Buddy system for newcomers",
        "en",
        ["edit-a-thon"],
        "Newcomers stop editing after their first event.",
        "Pair each newcomer with an experienced editor who checks in for a month.",
    ),
    (
        "Follow-up edit-a-thon",
        "en",
        ["event-organizing"],
        "Participants forget what they learned.",
        "Hold a short online follow-up two weeks later.",
    ),
    (
        "Local jury for photo contests",
        "fr",
        ["photo-contests"],
        "Juries far away miss local context.",
        "Include local photographers in the jury.",
    ),
    (
        "Budget buffer",
        "es",
        ["grant-writing"],
        "Prices change between proposal and event.",
        "Keep 10 % of the budget as a buffer.",
    ),
]
# Translations and adaptations of the originals above: (index, language, relation, title)
DERIVATIVES = [
    (0, "es", "translation", "Tu primer editatón"),
    (0, "fr", "translation", "Organiser votre premier édithon"),
    (0, "pt", "translation", "Organizando seu primeiro editatona"),
    (0, "ar", "translation", "أول ماراثون تحرير لك"),
    (0, "ha", "adaptation", "Edit-a-thon na farko a Kano"),
    (0, "en", "adaptation", "Running an edit-a-thon in a library"),
    (1, "es", "translation", "Kit para concursos fotográficos"),
    (1, "pt", "adaptation", "Concurso de fotos em escolas"),
    (2, "fr", "translation", "Modèle de demande de subvention"),
    (2, "ar", "translation", "نموذج طلب منحة"),
    (2, "sw", "translation", "Kiolezo cha pendekezo la ruzuku"),
    (4, "es", "translation", "Introducción a Wikidata"),
    (4, "pt", "translation", "Introdução ao Wikidata"),
    (4, "ha", "adaptation", "Wikidata don malamai"),
    (6, "fr", "translation", "Rédiger un rapport de subvention"),
    (7, "pt", "translation", "Lua para mantenedores de predefinições"),
    (10, "en", "translation", "Governance for small groups"),
    (11, "fr", "adaptation", "Marathon d'édition au Maghreb"),
    (12, "en", "translation", "Wikidata in schools"),
    (13, "en", "translation", "Resolving content disputes"),
    (9, "en", "translation", "Photo contest toolkit (from French)"),
]
REGIONS = ["ssa", "mena", "lac", "sa", "esea", "cee", "nwe", "na"]
KINDS = ["chapter", "user_group", "hub", "informal", "none"]
AUDIENCES = ["newcomers", "editors", "organizers", "trainers", "everyone"]
LEVELS = ["introductory", "intermediate", "advanced"]


def _fields(text: str) -> dict:
    return {"url": text} if text.startswith("https://") else {"body": text}


def _create(resource_model, capacities, rng, author, **fields):
    codes = fields.pop("codes")
    resource = resource_model.objects.create(
        created_by=author,
        audience=rng.choice(AUDIENCES),
        level=rng.choice(LEVELS),
        author_names=author.profile.display_name if hasattr(author, "profile") else "",
        **fields,
    )
    chosen = [capacities[code] for code in codes if code in capacities]
    # A smaller taxonomy than the starter one: any capacity keeps the resource findable.
    resource.capacities.set(chosen or [capacities[rng.choice(sorted(capacities))]])
    return resource


def _resources(rng, people, capacities) -> list:
    from .models import Resource

    originals = [
        _create(
            Resource,
            capacities,
            rng,
            rng.choice(people),
            kind=kind,
            title=title,
            summary=summary,
            language=language,
            codes=codes,
            duration_minutes=10 if kind == "video" else None,
            **_fields(text),
        )
        for kind, title, summary, language, codes, text in ORIGINALS
    ]
    patterns = [
        _create(
            Resource,
            capacities,
            rng,
            rng.choice(people),
            kind="learning_pattern",
            title=title,
            summary=problem,
            language=language,
            codes=codes,
            problem=problem,
            solution=solution,
            when_to_use="When it fits your community.",
        )
        for title, language, codes, problem, solution in PATTERNS
    ]
    derivatives = []
    for index, language, relation, title in DERIVATIVES:
        original = originals[index]
        derivatives.append(
            _create(
                Resource,
                capacities,
                rng,
                rng.choice(people),
                kind=original.kind,
                title=title,
                summary=original.summary,
                language=language,
                codes=[c.code for c in original.capacities.all()],
                original=original,
                relation=relation,
                body=original.body,
                url=original.url,
                duration_minutes=original.duration_minutes,
            )
        )
    return originals + patterns + derivatives


def _uses(rng, resources, people, today: date) -> int:
    from .models import ResourceUse

    uses = []
    for resource in resources:
        for person in rng.sample(people, k=min(len(people), rng.randint(0, 5))):
            rating = rng.choices([2, 3, 4, 5], weights=[1, 2, 4, 3])[0]
            uses.append(
                ResourceUse(
                    resource=resource,
                    user=person,
                    region=rng.choice(REGIONS),
                    language=resource.language,
                    organization_kind=rng.choice(KINDS),
                    audience_size=rng.randint(3, 60),
                    outcome="worked_well" if rating >= 4 else "worked_with_changes",
                    rating=rating,
                    comment="",
                    used_on=today - timedelta(days=rng.randint(5, 400)),
                )
            )
    ResourceUse.objects.bulk_create(uses)
    return len(uses)


def write_demo(*, seed: int, today: date | None = None) -> str:
    """Write the demo content; return a one-line summary for the command's output."""
    from django.db import transaction
    from django.utils import timezone

    from capacityhub.community.models import User
    from capacityhub.search.indexing import mark_changed
    from capacityhub.taxonomy.models import Capacity

    from .models import Endorsement, Resource, ResourceReport

    if Resource.objects.filter(created_by__is_demo=True).exists():
        return "knowledge: demo resources already there."
    people = list(User.objects.filter(is_demo=True).select_related("profile").order_by("pk"))
    if not people:
        return "knowledge: no demo people, nothing written."
    rng = random.Random(seed)
    capacities = {c.code: c for c in Capacity.objects.filter(is_active=True)}
    with transaction.atomic():
        resources = _resources(rng, people, capacities)
        uses = _uses(rng, resources, people, today or timezone.localdate())
        patterns = [r for r in resources if r.kind == "learning_pattern"]
        Endorsement.objects.bulk_create(
            Endorsement(resource=pattern, user=person)
            for pattern in patterns
            for person in rng.sample(people, k=min(len(people), 3))
        )
        Resource.objects.filter(pk__in=[resources[0].pk, patterns[0].pk]).update(is_featured=True)
        ResourceReport.objects.create(
            resource=resources[3], reporter=people[0], reason="broken_link", details="404"
        )
        for resource in resources:  # bulk writes above skip the signals
            mark_changed("resource", resource.pk)
    return f"knowledge: {len(resources)} resources, {uses} uses, {len(patterns)} learning patterns."
