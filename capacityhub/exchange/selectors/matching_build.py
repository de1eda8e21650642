"""Every active offer as columns, from scratch, straight from raw cursors into NumPy arrays.

Eight queries, none of them per offer: the offers (integers only), the few offers with a
region or languages of their own, the providing people (country, time zone, visibility), their
languages, the organizations and their languages, availability, and the activity. What is per
person (location, languages) is read once per person and spread to their offers by index; only
offers with languages of their own, and organizations' offers, go through Python one by one.
Nothing is kept per offer but array entries.
"""

from itertools import chain

import numpy as np
from django.db import connections
from django.db.models import Case, CharField, F, IntegerField, Value, When
from django.db.models.functions import Concat
from django.utils import timezone

from capacityhub.community.models import (
    CapacityClaim,
    Organization,
    OrganizationLanguage,
    Profile,
    ProfileLanguage,
    Relation,
)
from capacityhub.core.regions import region_of

from ..matching.columns import BLOCKS, KIND_SHIFT, SCALARS, OfferColumns
from ..models import Availability, Offer
from .matching_columns import (
    OFFER_LANGUAGE_PROFICIENCY,
    ORGANIZATION_PROFICIENCY,
    TIERS,
    Decoded,
    fetch,
    offset_of,
    provider_activity,
)

PERSON_KIND = (
    "country", "time_zone", "capacities_visibility", "languages_visibility",
    "location_visibility",
)  # fmt: skip
SEPARATOR = "\x1f"
CASE_MOST = 64  # distinct language codes numbered in SQL at most
PACK = 1 << 16  # language numbers are int16
LEVELS = 1 << 16  # a claim's level is a small integer


def _ints(rows, width: int) -> np.ndarray:
    flat = chain.from_iterable(rows)
    return np.fromiter(flat, dtype=np.int64, count=len(rows) * width).reshape(-1, width)


def _lookup(keys: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    """Positions of `wanted` in sorted `keys` (−1 where absent)."""
    if not len(keys):
        return np.full(len(wanted), -1)
    at = np.minimum(np.searchsorted(keys, wanted), len(keys) - 1)
    return np.where(keys[at] == wanted, at, -1)


def _offer_numbers() -> np.ndarray:
    """(offer, profile or 0, organization or 0, capacity, level, online) of every active offer,
    ordered by capacity: a need's candidates are then a few runs of neighbouring rows, and
    gathering them reads memory in order (the ranking does not depend on the order of rows).

    Raw SQL for its join order: `CROSS JOIN … WHERE` makes SQLite read the offers and look
    each claim up by its key (what PostgreSQL's planner does anyway); an inner join lets SQLite,
    without table statistics, scan every claim (four times as many rows) and look the offers
    up instead, ≈ 40% slower at 300,000 offers. Three integers a row rather than six (the
    provider signed, capacity, level and online packed): fetching is most of the cost."""
    connection = connections[Offer.objects.db]
    quote = connection.ops.quote_name

    def c(field: str) -> str:  # a column of the claim
        return "c." + quote(CapacityClaim._meta.get_field(field).column)

    def o(field: str) -> str:  # a column of the offer
        return "o." + quote(Offer._meta.get_field(field).column)

    # Names from the models' metadata, quoted; values as parameters.
    sql = (
        f"SELECT {o('id')},"  # noqa: S608
        f" CASE WHEN {c('profile')} IS NULL THEN -COALESCE({c('organization')}, 0)"
        f" ELSE {c('profile')} END,"
        f" ({c('capacity')} * {LEVELS} + {c('level')}) * 2"
        f" + CASE WHEN {o('online')} THEN 1 ELSE 0 END"
        f" FROM {quote(Offer._meta.db_table)} o CROSS JOIN {quote(CapacityClaim._meta.db_table)} c"
        f" WHERE {c('id')} = {o('claim')} AND {o('is_active')} = %s AND {c('relation')} = %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [True, Relation.OFFERS])
        packed = _ints(cursor.fetchall(), 3)
    provider, rest = packed[:, 1], packed[:, 2]
    table = np.column_stack([
        packed[:, 0], np.maximum(provider, 0), np.maximum(-provider, 0),
        rest // 2 // LEVELS, rest // 2 % LEVELS, rest % 2,
    ])  # fmt: skip
    return table[np.argsort(table[:, 3], kind="stable")]


def all_offer_columns(into: OfferColumns) -> dict[str, np.ndarray]:
    """New rows (for `OfferColumns.replace`) for every offer matching indexes."""
    table = _offer_numbers()

    # People with an active account (the offers of others are left out): location,
    # visibility and languages, read once per person and worked out once per distinct value.
    people = Profile.objects.filter(user__is_active=True).order_by("id")
    # What is per kind of person as one text (country, time zone, three visibilities): one
    # Python object a row instead of five, and one dictionary look-up.
    joined = Concat(*_joined(PERSON_KIND), output_field=CharField())
    profile_rows = fetch(people.annotate(kind=joined).values_list("id", "kind"))
    profile_ids = np.fromiter((r[0] for r in profile_rows), np.int64, len(profile_rows))
    at = _lookup(profile_ids, table[:, 1])
    table = table[(table[:, 1] == 0) | (at >= 0)]
    at = _lookup(profile_ids, table[:, 1])
    n = len(table)
    offer_id, person, organization = table[:, 0], table[:, 1], table[:, 2]
    new = {name: np.zeros(n, dtype=dtype) for name, dtype in SCALARS.items()}
    new["offer_id"], new["capacity"], new["level"] = offer_id, table[:, 3], table[:, 4]
    new["online"] = table[:, 5].astype(bool)
    new["pkey"] = np.where(person > 0, KIND_SHIFT + person, organization)
    new["offset"] = np.full(n, np.nan)
    is_person = person > 0
    at = at[is_person]
    regions, languages = into.regions, into.languages
    today = timezone.localdate()
    found: dict[str, int] = {}
    kind = np.fromiter(
        (found.setdefault(r[1], len(found)) for r in profile_rows), np.int64, len(profile_rows)
    )
    kinds = [tuple(text.split(SEPARATOR)) for text in found]
    per_kind = {
        "region": [regions.add(region_of(k[0]) or "") for k in kinds],
        "offset": [np.nan if (o := offset_of(k[1], today)) is None else o for k in kinds],
        "capacities_tier": [TIERS.get(k[2], 2) for k in kinds],
        "languages_tier": [TIERS.get(k[3], 2) for k in kinds],
        "location_tier": [TIERS.get(k[4], 2) for k in kinds],
    }
    for name, values in per_kind.items():
        new[name][is_person] = np.array(values)[kind[at]] if len(at) else 0
    blocks = _person_blocks(_spoken(languages), profile_ids, languages)
    width = blocks[0].shape[1]

    # Offers with a region or languages of their own, and organizations' offers: one by one.
    own = Offer.objects.filter(is_active=True).exclude(region="", languages=[]).order_by()
    own = fetch(own.values_list("id", "region", "languages"))
    decoded = Decoded()
    own = {offer: (region, decoded.of(raw)) for offer, region, raw in own}
    org_rows = fetch(
        Organization.objects.filter(id__in=set(organization.tolist())).values_list("id", "region")
    )
    org_region = dict(org_rows)
    works_in: dict[int, list[str]] = {}
    for org, code in fetch(
        OrganizationLanguage.objects.filter(organization_id__in=org_region).values_list(
            "organization_id", "language"
        )
    ):
        works_in.setdefault(org, []).append(code)
    special = np.flatnonzero(~is_person | np.isin(offer_id, np.fromiter(own, np.int64)))
    row_of = dict(
        zip(special.tolist(), _lookup(profile_ids, person[special]).tolist(), strict=True)
    )
    listed: dict[int, list] = {}
    for i in special.tolist():
        region, codes = own.get(int(offer_id[i]), ("", ()))
        if person[i]:
            if region:
                new["region"][i] = regions.add(region)
                new["public_region"][i] = regions.add(region)
            if codes:
                mine = _spoken_by(blocks, row_of[i], languages)
                listed[i] = [
                    (
                        languages.add(c),
                        mine.get(c, OFFER_LANGUAGE_PROFICIENCY),
                        OFFER_LANGUAGE_PROFICIENCY,
                    )
                    for c in codes
                ]
        else:
            where = region or org_region.get(int(organization[i])) or ""
            new["region"][i] = new["public_region"][i] = regions.add(where)
            codes = codes or works_in.get(int(organization[i]), [])
            listed[i] = [
                (languages.add(c), ORGANIZATION_PROFICIENCY, ORGANIZATION_PROFICIENCY)
                for c in codes
            ]
    width = max([width, *(len(v) for v in listed.values())])
    for slot, name in enumerate(BLOCKS):
        block = np.full((n, width), -1, dtype=blocks[slot].dtype)
        block[is_person, : blocks[slot].shape[1]] = blocks[slot][at] if len(at) else -1
        if slot == 2:
            block[is_person] = -1  # from below, a person's languages are the offer's own
        for i, entries in listed.items():
            block[i] = -1
            block[i, : len(entries)] = [entry[slot] for entry in entries]
        new[name] = block
    _availability(new, today)
    _activity(new, person, organization)
    return new


def _joined(names):
    parts = []
    for name in names:
        parts += [name, Value(SEPARATOR)]
    return parts[:-1]


def _spoken(languages) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every person's languages as (person, language number, proficiency) arrays, ordered by
    person then code. The few distinct codes are numbered first, so the big query returns one
    integer a row (person, number and proficiency packed) and no text."""
    rows = ProfileLanguage.objects.order_by("profile_id", "language")
    codes = sorted(set(rows.order_by().values_list("language", flat=True).distinct()))
    if len(codes) > CASE_MOST:  # a long CASE costs more in SQL than the texts in Python
        spoken = fetch(rows.values_list("profile_id", "language", "proficiency"))
        numbers = {code: languages.add(code) for code in codes}
        return (
            np.fromiter((r[0] for r in spoken), np.int64, len(spoken)),
            np.fromiter((numbers[r[1]] for r in spoken), np.int64, len(spoken)),
            np.fromiter((r[2] for r in spoken), np.int64, len(spoken)),
        )
    number = Case(
        *(When(language=code, then=Value(languages.add(code))) for code in codes),
        default=Value(0),
        output_field=IntegerField(),
    )
    packed = (F("profile_id") * PACK + number) * 8 + F("proficiency")
    values = _ints(fetch(rows.annotate(packed=packed).values_list("packed")), 1).reshape(-1)
    return values // 8 // PACK, values // 8 % PACK, values % 8


def _person_blocks(spoken, profile_ids, languages):
    """Per person (in `profile_ids` order): language numbers and proficiencies, by code."""
    person, code, level = spoken
    if not len(person):
        return tuple(
            np.full((len(profile_ids), 1), -1, dtype=d) for d in (np.int16, np.int8, np.int8)
        )
    owner = _lookup(profile_ids, person)
    code, level = code.astype(np.int16), level.astype(np.int8)
    mine = owner >= 0  # of people with an active account
    owner, code, level = owner[mine], code[mine], level[mine]
    if not len(owner):
        return tuple(
            np.full((len(profile_ids), 1), -1, dtype=d) for d in (np.int16, np.int8, np.int8)
        )
    starts = np.r_[0, np.flatnonzero(np.diff(owner)) + 1]
    slot = np.arange(len(owner)) - np.repeat(starts, np.diff(np.r_[starts, len(owner)]))
    width = int(slot.max()) + 1
    lang = np.full((len(profile_ids), width), -1, dtype=np.int16)
    full = np.full((len(profile_ids), width), -1, dtype=np.int8)
    lang[owner, slot], full[owner, slot] = code, level
    return lang, full, np.full_like(full, -1)


def _spoken_by(blocks, row, languages) -> dict[str, int]:
    if row is None or row < 0:
        return {}
    lang, full = blocks[0][row], blocks[1][row]
    return {languages.values[c]: int(p) for c, p in zip(lang, full, strict=True) if c >= 0}


def _per_provider(new, keys: np.ndarray, values: dict[str, np.ndarray]) -> None:
    order = np.argsort(keys)
    at = _lookup(keys[order], new["pkey"])
    found = at >= 0
    for name, column in values.items():
        new[name][found] = column[order][at[found]]


def _availability(new, today) -> None:
    default = Availability._meta.get_field("max_connections").default
    new["most"][:] = default
    rows = fetch(
        Availability.objects.order_by().values_list(
            "profile_id", "organization_id", "max_connections", "away_until"
        )
    )
    if not rows:
        return
    keys = np.array([KIND_SHIFT + p if p else o for p, o, _m, _a in rows], dtype=np.int64)
    most = np.array([m for _p, _o, m, _a in rows], dtype=np.int32)
    away = np.array([_away(a, today) for _p, _o, _m, a in rows], dtype=bool)
    _per_provider(new, keys, {"most": most, "away": away})


def _away(until, today) -> bool:
    if until is None:
        return False
    return str(until) >= today.isoformat()


def _activity(new, person, organization) -> None:
    active, feedback = provider_activity()
    everyone = {**active, **feedback}
    if not everyone:
        return
    keys = np.array([KIND_SHIFT + pk if kind == "p" else pk for kind, pk in everyone], np.int64)
    _per_provider(
        new,
        keys,
        {
            "active": np.array([active.get(key, 0) for key in everyone], np.int32),
            "feedback_sum": np.array([feedback.get(key, (0.0, 0))[0] for key in everyone]),
            "feedback_count": np.array([feedback.get(key, (0.0, 0))[1] for key in everyone]),
        },
    )
