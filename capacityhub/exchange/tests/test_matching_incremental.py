"""Changing the provider index one provider at a time gives what a build from scratch gives."""

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from capacityhub.exchange.matching import MEMBERS, PRIVATE, PUBLIC, ProviderIndex

from .test_matching import TREE, needs_strategy, offers_strategy

tiers = st.sampled_from([PUBLIC, MEMBERS, PRIVATE])


@st.composite
def provider_offers(draw, provider: int, first_id: int):
    """Up to three offers of one provider, with languages and location of any visibility."""
    rows = draw(st.lists(offers_strategy, max_size=3))
    return [
        replace(
            row,
            offer_id=first_id + i,
            provider=("p", provider) if provider % 5 else ("o", provider),
            languages_tier=draw(tiers),
            location_tier=draw(tiers),
            capacities_tier=draw(tiers),
            public_languages=row.languages[:1],
            public_region=draw(st.sampled_from(["", row.region])),
        )
        for i, row in enumerate(rows)
    ]


@st.composite
def histories(draw):
    """The offers at first, then a sequence of (provider, their offers now)."""
    first = {p: draw(provider_offers(p, 100 * p)) for p in draw(st.sets(st.integers(1, 12)))}
    steps = []
    for step in range(draw(st.integers(1, 8))):
        provider = draw(st.integers(1, 14))
        steps.append((provider, draw(provider_offers(provider, 100 * provider + 10 * step + 5))))
    return first, steps


def everything(index: ProviderIndex, needs, tier):
    return [index.rank(need, k=6, viewer_tier=tier) for need in needs]


@settings(max_examples=150, deadline=None)
@given(histories(), st.lists(needs_strategy, min_size=1, max_size=3), tiers)
def test_replacing_providers_one_at_a_time_equals_building_from_scratch(history, needs, tier):
    first, steps = history
    index = ProviderIndex([row for rows in first.values() for row in rows], TREE)
    index.rank(needs[0])  # a memo filled before the changes must not survive them
    now = dict(first)
    for provider, rows in steps:
        key = ("p", provider) if provider % 5 else ("o", provider)
        index.replace_provider_rows([key], rows)
        now[provider] = rows
    scratch = ProviderIndex([row for rows in now.values() for row in rows], TREE)

    assert everything(index, needs, tier) == everything(scratch, needs, tier)
    assert len(index) == len(scratch)
    assert sorted(index.providers) == sorted(scratch.providers)


def test_dead_rows_are_reused_and_compacted():
    from .test_matching import offer

    index = ProviderIndex([offer(n) for n in range(1, 2001)], TREE)
    for n in range(1, 1001):
        index.replace_provider_rows([("p", n)], [])
    assert len(index) == 1000
    # compacted whenever fewer than three rows in four were alive
    assert len(index.columns) * 3 <= len(index) * 4
    before = len(index.columns)
    index.replace_provider_rows([("p", 5000)], [replace(offer(1), provider=("p", 5000))])
    assert len(index.columns) == max(before, 1001)  # a dead row is reused when there is one
    assert index.rank(needs_example())[0].provider == ("p", 1001)


def needs_example():
    from .test_matching import need

    return need()


@settings(max_examples=200, deadline=None)
@given(histories(), needs_strategy, tiers, st.integers(1, 6))
def test_ranking_scores_the_close_rows_first_and_still_finds_the_true_top_k(history, need, tier, k):
    first, _steps = history
    rows = [row for offers in first.values() for row in offers]
    index = ProviderIndex(rows, TREE)
    score, _values = index.scores(need, tier)
    best: dict = {}
    for i in range(len(index.columns)):
        if index.columns.alive[i] and score[i] >= 0:
            key = index.columns.offer_row(i).provider
            best[key] = max(best.get(key, -1.0), float(score[i]))
    expected = sorted(((-s, key) for key, s in best.items()))[:k]
    ranked = index.rank(need, k=k, viewer_tier=tier)
    assert [(m.provider, m.score) for m in ranked] == [(key, -s) for s, key in expected]
