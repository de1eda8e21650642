"""The matching score, without a database: hand-built offers and needs, and the properties the
score promises (hypothesis)."""

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from capacityhub.exchange.matching import (
    MEMBERS,
    PRIVATE,
    PUBLIC,
    NeedIndex,
    NeedRow,
    NeedSpec,
    OfferRow,
    ProviderIndex,
    closeness,
    feedback_fit,
    language_fit,
    place_fit,
    score_offer,
    tz_overlap,
)
from capacityhub.taxonomy.tree import Tree

# organizational(1) ▸ fundraising(2) ▸ {grant-writing(3), grant-reporting(4) ▸ annual-report(7)}
# technology(5) ▸ lua(6)
ORGANIZATIONAL, FUNDRAISING, WRITING, REPORTING, TECHNOLOGY, LUA, ANNUAL = 1, 2, 3, 4, 5, 6, 7
TREE = Tree.build([(1, None), (2, 1), (3, 2), (4, 2), (5, None), (6, 5), (7, 4)])


def person(n: int) -> tuple[str, int]:
    return ("p", n)


def offer(n: int, capacity: int = REPORTING, **fields) -> OfferRow:
    defaults = {"level": 4, "languages": (("fr", 0),), "region": "ssa", "utc_offset": 1.0}
    return OfferRow(
        offer_id=n, provider=fields.pop("provider", person(n)), capacity_id=capacity,
        **{**defaults, **fields},
    )  # fmt: skip


def need(**fields) -> NeedSpec:
    defaults = {
        "capacity_ids": (REPORTING,),
        "desired_level": 3,
        "languages": ("fr",),
        "region": "ssa",
        "utc_offset": 1.0,
    }
    return NeedSpec(**{**defaults, **fields})


def ranked(offers, spec=None, **kwargs) -> list:
    return ProviderIndex(offers, TREE).rank(spec or need(), **kwargs)


def providers(offers, spec=None, **kwargs) -> list:
    return [m.provider for m in ranked(offers, spec, **kwargs)]


# --- the components ----------------------------------------------------------------------------


def test_closeness_falls_with_distance_in_the_tree():
    assert [closeness(d) for d in (0, 1, 2, 3, 4)] == pytest.approx([1, 0.7, 0.5, 0.3, 0.18])
    assert closeness(None) == 0


def test_a_native_speaker_fits_better_than_a_beginner_and_more_languages_help_a_little():
    assert language_fit(["fr"], {"fr": 0}) == 1
    assert language_fit(["fr"], {"fr": 1}) == pytest.approx(0.2)
    assert language_fit(["fr", "en"], {"fr": 3, "en": 2}) == pytest.approx(0.65 + 0.04)
    assert language_fit(["fr"], {"en": 0}) is None
    assert language_fit([], {"en": 0}) == 0.5


def test_time_zones_are_compared_round_the_clock():
    assert tz_overlap(-11, 12) == pytest.approx(1 - 1 / 12)
    assert tz_overlap(0, 12) == 0
    assert tz_overlap(None, 3) == 0.5


def test_place_prefers_the_same_region_then_online_with_overlapping_hours():
    same = {"need_region": "ssa", "offer_region": "ssa", "need_offset": 0, "offer_offset": 9}
    other = {**same, "offer_region": "esea"}
    assert place_fit(need_online=False, offer_online=False, **same) == 1
    assert place_fit(need_online=True, offer_online=True, **other) == pytest.approx(0.6 + 0.1)
    assert place_fit(need_online=False, offer_online=True, **other) == pytest.approx(0.125)


def test_feedback_starts_in_the_middle_and_one_rating_moves_it_little():
    assert feedback_fit(0, 0) == pytest.approx(0.625)
    assert feedback_fit(5, 1) == pytest.approx(((5 + 10.5) / 4 - 1) / 4)
    assert feedback_fit(50, 10) > feedback_fit(5, 1)


# --- ranking -----------------------------------------------------------------------------------


def test_the_same_capacity_beats_a_child_or_parent_which_beats_a_sibling():
    offers = [
        offer(1, WRITING),  # sibling
        offer(2, ANNUAL),  # child
        offer(3, REPORTING),  # the same
        offer(4, FUNDRAISING),  # parent
        offer(5, ORGANIZATIONAL),  # grandparent: as far as a sibling
    ]
    assert providers(offers) == [person(3), person(2), person(4), person(1), person(5)]


def test_capacities_in_another_tree_are_not_a_match():
    assert providers([offer(1, LUA), offer(2, TECHNOLOGY)]) == []


def test_the_nearest_of_several_needed_capacities_counts():
    matches = ranked([offer(1, LUA)], need(capacity_ids=(REPORTING, TECHNOLOGY)))
    assert matches[0].components["closeness"] == pytest.approx(0.7)


@pytest.mark.parametrize(
    ("excluded_offer", "spec"),
    [
        (offer(9), need(excluded=frozenset({person(9)}))),
        (offer(9, away=True), need()),
        (offer(9, active_connections=2, max_connections=2), need()),
        (offer(9, languages=(("en", 0),)), need()),
        (offer(9, provider=("o", 9)), need(excluded=frozenset({("o", 9), person(8)}))),
        (offer(9, provider=person(8)), need(excluded=frozenset({("o", 9), person(8)}))),
    ],
    ids=[
        "the requester",
        "someone away",
        "someone at capacity",
        "someone who shares no language",
        "the organization itself, for its own need",
        "a manager of the organization, for its need",
    ],
)
def test_it_leaves_out(excluded_offer, spec):
    assert providers([offer(1), excluded_offer], spec) == [person(1)]


def test_a_provider_appears_once_with_their_best_offer():
    offers = [offer(10, WRITING, provider=person(1)), offer(11, REPORTING, provider=person(1))]
    matches = ranked(offers)
    assert [(m.provider, m.offer_id) for m in matches] == [(person(1), 11)]


def test_a_need_without_languages_is_neutral_about_them():
    offers = [offer(1, languages=()), offer(2, languages=(("fr", 0),))]
    matches = ranked(offers, need(languages=()))
    assert {m.components["language"] for m in matches} == {0.5}


def test_fewer_active_connections_rank_first_so_requests_spread_out():
    offers = [offer(1, active_connections=1), offer(2, active_connections=0)]
    assert providers(offers) == [person(2), person(1)]


def test_k_limits_the_list_and_ties_go_by_provider_key():
    offers = [offer(n) for n in (5, 3, 9, 1, 7)]
    assert providers(offers, k=3) == [person(1), person(3), person(5)]
    assert providers([*offers, offer(4, provider=("o", 4))], k=2) == [("o", 4), person(1)]


# --- visibility --------------------------------------------------------------------------------


def test_someone_whose_capacities_are_hidden_from_the_viewer_is_not_matched():
    offers = [offer(1), offer(2, capacities_tier=MEMBERS)]
    assert providers(offers, viewer_tier=PUBLIC) == [person(1)]
    assert set(providers(offers, viewer_tier=MEMBERS)) == {person(1), person(2)}


def test_hidden_languages_count_only_as_the_offer_shows_them():
    hidden = offer(1, languages=(("fr", 0),), languages_tier=PRIVATE, public_languages=())
    shown = offer(1, languages=(("fr", 0),), languages_tier=PRIVATE, public_languages=(("fr", 3),))
    assert providers([hidden], viewer_tier=MEMBERS) == []
    [match] = ranked([shown], viewer_tier=MEMBERS)
    assert match.components["language"] == pytest.approx(0.65)
    assert ("speaks_language", {"language": "fr", "proficiency": 3}) in match.parts
    assert ranked([shown], viewer_tier=PRIVATE)[0].components["language"] == 1


def test_a_hidden_location_reveals_neither_region_nor_time_zone():
    row = offer(1, location_tier=MEMBERS, public_region="", utc_offset=1.0)
    [match] = ranked([row], viewer_tier=PUBLIC)
    assert match.components["place"] == pytest.approx(0.6 + 0.4 * 0.5)
    assert not [p for p in match.parts if p[0] in {"same_region", "time_zone_overlap"}]


# --- explanations ------------------------------------------------------------------------------


def test_a_match_explains_itself_in_translatable_parts():
    row = offer(1, ANNUAL, languages=(("fr", 0), ("en", 4)), feedback_sum=14, feedback_count=3)
    [match] = ranked([row], need(capacity_ids=(FUNDRAISING, REPORTING)))
    assert match.parts == (
        ("offers_capacity_part_of", {"capacity": ANNUAL, "ancestor": REPORTING}),
        ("speaks_natively", {"language": "fr"}),
        ("same_region", {"region": "ssa"}),
        ("has_capacity_for_more", {"free": 2, "most": 2}),
        ("well_rated", {"rating": 4.7, "count": 3}),
    )


def test_the_explanation_says_when_the_level_is_short_and_how_far_apart_the_clocks_are():
    row = offer(1, FUNDRAISING, level=2, region="nwe", utc_offset=4.0)
    [match] = ranked([row], need(desired_level=4, utc_offset=1.0))
    assert match.parts[:5] == (
        ("offers_broader_capacity", {"capacity": FUNDRAISING, "narrower": REPORTING}),
        ("level_below", {"level": 2, "wanted": 4}),
        ("speaks_natively", {"language": "fr"}),
        ("online", {}),
        ("time_zone_overlap", {"hours": 3}),
    )


# --- the reverse view: needs for an offer --------------------------------------------------------


def need_row(n: int, capacities=(REPORTING,), **fields) -> NeedRow:
    defaults = {"languages": ("fr",), "region": "ssa", "utc_offset": 1.0}
    return NeedRow(need_id=n, capacity_ids=capacities, **{**defaults, **fields})


def test_an_offer_finds_the_closest_open_needs_first():
    rows = [need_row(1, (WRITING,)), need_row(2, (ANNUAL, LUA)), need_row(3), need_row(4, (LUA,))]
    matches = NeedIndex(rows, TREE).rank(offer(1))
    assert [m.need_id for m in matches] == [3, 2, 1]
    assert matches[1].parts[0] == ("needs_capacity_part_of", {"capacity": ANNUAL, "ancestor": 4})


def test_an_offer_skips_its_own_needs_hidden_needs_and_needs_in_languages_it_lacks():
    rows = [
        need_row(1),
        need_row(2, owners=frozenset({person(1)})),
        need_row(3, visibility_tier=MEMBERS),
        need_row(4, languages=("de",)),
        need_row(5, languages=()),
    ]
    matches = NeedIndex(rows, TREE).rank(offer(1), viewer_tier=PUBLIC)
    assert [m.need_id for m in matches] == [1, 5]


# --- properties --------------------------------------------------------------------------------

LANGUAGES = ["fr", "en", "ha", "es"]
CAPACITIES = [ORGANIZATIONAL, FUNDRAISING, WRITING, REPORTING, TECHNOLOGY, LUA, ANNUAL]
REGIONS = ["", "ssa", "nwe", "esea"]
offsets = st.one_of(st.none(), st.integers(-11, 14).map(float))
spoken = st.dictionaries(st.sampled_from(LANGUAGES), st.integers(0, 5), max_size=4)

offers_strategy = st.builds(
    lambda provider, capacity, level, languages, region, offset, online, most, active, away, fb: (
        OfferRow(
            offer_id=provider,
            provider=person(provider),
            capacity_id=capacity,
            level=level,
            languages=tuple(sorted(languages.items())),
            region=region,
            utc_offset=offset,
            online=online,
            max_connections=most,
            active_connections=min(active, most),
            away=away,
            feedback_sum=sum(fb),
            feedback_count=len(fb),
        )
    ),
    st.integers(1, 50),
    st.sampled_from(CAPACITIES),
    st.integers(1, 5),
    spoken,
    st.sampled_from(REGIONS),
    offsets,
    st.booleans(),
    st.integers(1, 5),
    st.integers(0, 5),
    st.booleans(),
    st.lists(st.integers(1, 5), max_size=6),
)
needs_strategy = st.builds(
    NeedSpec,
    capacity_ids=st.lists(st.sampled_from(CAPACITIES), min_size=1, max_size=3).map(tuple),
    desired_level=st.integers(1, 5),
    languages=st.lists(st.sampled_from(LANGUAGES), max_size=3, unique=True).map(tuple),
    online=st.booleans(),
    region=st.sampled_from(REGIONS),
    utc_offset=offsets,
)


def score(spec: NeedSpec, row: OfferRow) -> float:
    matches = ranked([row], spec, k=1)
    return matches[0].score if matches else -1.0


@settings(max_examples=200, deadline=None)
@given(needs_strategy, st.lists(offers_strategy, max_size=12, unique_by=lambda o: o.offer_id))
def test_the_vectorised_scores_equal_the_reference_definition_and_stay_between_0_and_1(
    spec, offers
):
    scores, _values = ProviderIndex(offers, TREE).scores(spec)
    by_offer = dict(zip((o.offer_id for o in sorted(offers, key=lambda o: o.provider)), scores))
    for row in offers:
        expected = score_offer(spec, row, TREE)
        assert by_offer[row.offer_id] == pytest.approx(-1 if expected is None else expected[0])
        assert by_offer[row.offer_id] == -1 or 0 <= by_offer[row.offer_id] <= 1


@settings(max_examples=200, deadline=None)
@given(needs_strategy, offers_strategy, st.sampled_from(LANGUAGES), st.integers(0, 5))
def test_adding_a_shared_language_never_lowers_a_score(spec, row, language, proficiency):
    spec = replace(spec, languages=tuple(dict.fromkeys([*spec.languages, language])))
    more = dict(row.languages)
    more.setdefault(language, proficiency)
    assert score(spec, replace(row, languages=tuple(more.items()))) >= score(spec, row)


@settings(max_examples=200, deadline=None)
@given(needs_strategy, offers_strategy, st.integers(1, 4))
def test_raising_the_offered_level_never_lowers_a_score(spec, row, more):
    assert score(spec, replace(row, level=min(5, row.level + more))) >= score(spec, row)


@settings(max_examples=200, deadline=None)
@given(needs_strategy, offers_strategy, st.integers(1, 5))
def test_more_active_connections_never_raise_a_score(spec, row, more):
    busier = replace(row, active_connections=row.active_connections + more)
    assert score(spec, busier) <= score(spec, row)


@settings(max_examples=100, deadline=None)
@given(needs_strategy, st.lists(offers_strategy, max_size=15, unique_by=lambda o: o.offer_id))
def test_the_order_is_deterministic_whatever_order_the_offers_come_in(spec, offers):
    forwards = ranked(offers, spec, k=5)
    backwards = ranked(list(reversed(offers)), spec, k=5)
    assert [(m.provider, m.score) for m in forwards] == [(m.provider, m.score) for m in backwards]
    keys = [(-m.score, m.provider) for m in forwards]
    assert keys == sorted(keys)


def test_current_activity_replaces_the_load_and_feedback_columns_only():
    index = ProviderIndex([offer(1), offer(2)], TREE)

    busier = index.with_activity({person(1): 2}, {person(2): (15.0, 3)})

    assert providers([offer(1), offer(2)]) == [person(1), person(2)]
    [match] = busier.rank(need())
    assert match.provider == person(2)
    assert ("well_rated", {"rating": 5.0, "count": 3}) in match.parts
    assert match.components["feedback"] == pytest.approx(feedback_fit(15, 3))
    assert len(index.rank(need())) == 2
