"""Search: 50,000 resources in twelve languages, with and without facets.

Tops the benchmark database up to BENCH_SEARCH_RESOURCES resources (default 50,000) with bulk
inserts: titles and summaries drawn from each language's word list (Faker's lorem lists, local
files; words picked with a Zipf-like skew, as in real text) around the capacity they serve
(its label in that language when the taxonomy has one), one to three capacities each, a type,
and evidence of use in one to three regions for a third of them. Then the whole search index
is rebuilt (`reindex_all`, batches of 500) and it times `selectors.search()`, in-process, over
a fixed set of queries (frequent and rare words, capacity names, several languages):

- words only, anonymous, page 1;
- words and one facet (language);
- words and facets (a capacity with its descendants, a type, a region);
- a second page of a frequent word, as a member;
- GET /api/v1/search with facets through the test Client.

Target: p95 ≤ 15 ms in-process.
"""

import os
import random
import time
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.test import Client
from faker.providers.lorem.ar_AA import Provider as Arabic
from faker.providers.lorem.de_DE import Provider as German
from faker.providers.lorem.en_US import Provider as English
from faker.providers.lorem.es_ES import Provider as Spanish
from faker.providers.lorem.fr_FR import Provider as French
from faker.providers.lorem.it_IT import Provider as Italian
from faker.providers.lorem.nl_NL import Provider as Dutch
from faker.providers.lorem.pl_PL import Provider as Polish
from faker.providers.lorem.ru_RU import Provider as Russian
from faker.providers.lorem.uk_UA import Provider as Ukrainian
from faker.providers.lorem.vi_VN import Provider as Vietnamese

from capacityhub.core.regions import REGIONS
from capacityhub.knowledge.models import Resource, ResourceUse
from capacityhub.search.indexing import reindex_all
from capacityhub.search.models import SearchDocument
from capacityhub.search.selectors import search
from capacityhub.taxonomy.models import Capacity, CapacityTranslation
from capacityhub.taxonomy.selectors import taxonomy_tree

from .common import Result, measure

RESOURCES = int(os.environ.get("BENCH_SEARCH_RESOURCES", "50000"))
SEED = 20261125
BATCH = 5000
WORDS = {
    "en": English.word_list,
    "es": Spanish.word_list,
    "fr": French.word_list,
    "ar": Arabic.word_list,
    "de": German.word_list,
    "it": Italian.word_list,
    "nl": Dutch.word_list,
    "pl": Polish.word_list,
    "ru": Russian.word_list,
    "uk": Ukrainian.word_list,
    "vi": Vietnamese.word_list,
    "pt": Spanish.word_list,  # no Portuguese list: near enough for the index's sizes
}
# More English, Spanish and French than the rest, as in the movement's material.
LANGUAGE_WEIGHTS = {"en": 6, "es": 3, "fr": 3, "ar": 2, "pt": 2}
KIND_WORDS = {
    "en": "Guide",
    "es": "Guía",
    "fr": "Guide",
    "ar": "دليل",
    "de": "Leitfaden",
    "it": "Guida",
    "nl": "Handleiding",
    "pl": "Poradnik",
    "ru": "Руководство",
    "uk": "Посібник",
    "vi": "Hướng dẫn",
    "pt": "Guia",
}
# Queries: words of several languages at Zipf ranks from frequent (found in about a third of
# that language's resources) to rare, capacity names, two-word queries; one in twenty is a
# very frequent word (the slowest kind of query: see the "frequent word" row).
QUERY_LANGUAGES = ["en", "es", "fr", "ar", "ru", "de", "pl", "vi"]
QUERY_RANKS = [25, 80, 200, 400]
CAPACITY_QUERIES = ["fundraising", "event organizing", "wikidata", "translation", "lua"]


def queries() -> list[str]:
    words = [
        WORDS[lang][rank % len(WORDS[lang])] for lang in QUERY_LANGUAGES for rank in QUERY_RANKS
    ]
    pairs = [f"{WORDS[lang][10]} {WORDS[lang][60]}" for lang in QUERY_LANGUAGES[:4]]
    mix = words + pairs + CAPACITY_QUERIES
    return [*mix, WORDS["en"][1], *mix[: len(mix) // 2]]  # ~1 in 20 very frequent


def _zipf(rng: random.Random, words: list[str], k: int) -> list[str]:
    # Rank r is picked with weight 1/(r+1): a few words are everywhere, most are rare.
    weights = [1 / (rank + 1) for rank in range(len(words))]
    return rng.choices(words, weights=weights, k=k)


def _labels() -> dict[tuple[int, str], str]:
    rows = CapacityTranslation.objects.values_list("capacity_id", "language", "label")
    return {(cid, language): label for cid, language, label in rows}


def _resource(rng, n, language, capacity_ids, labels, kinds, author) -> Resource:
    words = list(WORDS[language])
    main = capacity_ids[0]
    label = labels.get((main, language)) or labels.get((main, "en")) or ""
    title = f"{label}: {' '.join(_zipf(rng, words, rng.randint(2, 5))).capitalize()}"
    if rng.random() < 0.2:  # some say what they are in their title
        title = f"{KIND_WORDS[language]} — {title}"
    summary = " ".join(_zipf(rng, words, rng.randint(15, 30))).capitalize() + "."
    return Resource(
        kind=rng.choice(kinds),
        title=title[:200],
        summary=summary[:500],
        language=language,
        url=f"https://commons.wikimedia.org/wiki/File:Bench_{n}.pdf",
        created_by_id=author,
    )


def seed() -> str:
    """Top the database up to RESOURCES resources, with capacities and uses; idempotent."""
    missing = RESOURCES - Resource.objects.count()
    started = time.perf_counter()
    if missing > 0:
        _add_resources(random.Random(SEED + Resource.objects.count()), missing)
    indexed = SearchDocument.objects.filter(kind="resource").count()
    listed = Resource.objects.filter(status__in=["published", "outdated"]).count()
    if indexed < listed:
        reindex_all()
    took = time.perf_counter() - started
    documents = SearchDocument.objects.count()
    return (
        f"{Resource.objects.count():,} resources ({ResourceUse.objects.count():,} uses), "
        f"{documents:,} search documents in all; seeded and indexed in {took:.0f} s"
    )


@transaction.atomic
def _add_resources(rng: random.Random, missing: int) -> None:
    capacity_ids = list(Capacity.objects.filter(is_active=True).values_list("id", flat=True))
    users = list(get_user_model().objects.values_list("id", flat=True)[:2000]) or [None]
    labels = _labels()
    kinds = list(Resource.Kind.values)
    languages = list(WORDS)
    weights = [LANGUAGE_WEIGHTS.get(language, 1) for language in languages]
    start = Resource.objects.count()
    resources = Resource.objects.bulk_create(
        (
            _resource(
                rng,
                start + i,
                rng.choices(languages, weights)[0],
                rng.sample(capacity_ids, rng.randint(1, 3)),
                labels,
                kinds,
                rng.choice(users),
            )
            for i in range(missing)
        ),
        batch_size=BATCH,
    )
    through = Resource.capacities.through
    links, uses = [], []
    for resource in resources:
        for capacity_id in rng.sample(capacity_ids, rng.randint(1, 3)):
            links.append(through(resource_id=resource.pk, capacity_id=capacity_id))
        if users[0] is not None and rng.random() < 0.33:
            for region in rng.sample(list(REGIONS), rng.randint(1, 3)):
                uses.append(_use(rng, resource, region, rng.choice(users)))
    through.objects.bulk_create(links, batch_size=BATCH, ignore_conflicts=True)
    ResourceUse.objects.bulk_create(uses, batch_size=BATCH, ignore_conflicts=True)


def _use(rng, resource, region, user_id) -> ResourceUse:
    return ResourceUse(
        resource_id=resource.pk,
        user_id=user_id,
        region=region,
        language=resource.language,
        organization_kind="none",
        audience_size=rng.randint(3, 200),
        outcome=rng.choice(list(ResourceUse.Outcome.values)),
        rating=rng.randint(2, 5),
        used_on=date(2026, 1, 1) + timedelta(days=rng.randint(0, 300)),
    )


def _cycle(items):
    index = iter(range(10**9))
    return lambda: items[next(index) % len(items)]


def run(context=None) -> list[Result]:
    notes = seed()
    print("  " + notes, flush=True)
    anonymous = AnonymousUser()
    member = get_user_model().objects.filter(is_active=True, is_staff=False).first()
    codes = dict(Capacity.objects.values_list("id", "code"))
    # Top-level capacities: the broadest filters, each with many descendants.
    broad = [codes[cid] for cid in taxonomy_tree().roots() if cid in codes][:6]
    query = _cycle(queries())
    language = _cycle(["en", "es", "fr", "ar", "de", "ru"])
    kind = _cycle(list(Resource.Kind.values))
    capacity = _cycle(broad)
    region = _cycle(list(REGIONS))
    frequent = WORDS["en"][1]
    found = search(viewer=anonymous, query=frequent).total
    results = [
        measure(
            "search, words only (anonymous)",
            lambda: search(viewer=anonymous, query=query()),
            note=notes,
        ),
        measure(
            "search + language facet",
            lambda: search(viewer=anonymous, query=query(), filters={"language": [language()]}),
        ),
        measure(
            "search + capacity (with descendants), type and region facets",
            lambda: search(
                viewer=anonymous,
                query=query(),
                filters={"capacity": [capacity()], "type": [kind()], "region": [region()]},
            ),
        ),
        measure(
            "search, page 2 (member)",
            lambda: search(viewer=member, query=query(), page=2),
        ),
        measure(
            f"search, a very frequent word ({frequent!r}, {found:,} results counted)",
            lambda: search(viewer=anonymous, query=frequent),
        ),
    ]
    client = Client()
    results.append(
        measure(
            "GET /api/v1/search with facets",
            lambda: client.get(
                "/api/v1/search", {"q": query(), "language": language(), "capacity": capacity()}
            ),
        )
    )
    for result in results:  # the machine's load shows less in CPU time than in wall time
        ordered = sorted(result.cpu)
        cpu_p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
        result.note = "; ".join(filter(None, [f"p95 CPU {cpu_p95:.1f} ms", result.note]))
    return results
