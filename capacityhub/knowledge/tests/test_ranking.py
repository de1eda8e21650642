"""Ranking resources for a reader: pure functions, no database."""

from capacityhub.knowledge.ranking import (
    Reader,
    ResourceFacts,
    UseFact,
    person_ratings,
    rank,
    score,
    summarize,
)

HAUSA_READER = Reader(
    region="ssa", languages=("ha", "en"), organization_kinds=frozenset({"user_group"})
)


def use(user_id, rating=5, region="ssa", language="ha", organization_kind="user_group"):
    return UseFact(user_id, region, language, organization_kind, rating)


def test_a_resource_in_the_readers_first_language_ranks_above_one_in_another():
    hausa = ResourceFacts(1, "ha")
    french = ResourceFacts(2, "fr")

    assert [pk for pk, _ in rank([french, hausa], HAUSA_READER)] == [1, 2]


def test_the_readers_first_language_counts_more_than_a_later_one():
    assert score(ResourceFacts(1, "ha"), HAUSA_READER) > score(ResourceFacts(2, "en"), HAUSA_READER)


def test_a_resource_proven_in_the_readers_region_ranks_above_one_proven_elsewhere():
    # given two English guides with the same ratings, one used in Sub-Saharan Africa
    proven_here = ResourceFacts(1, "en", uses=(use(1, region="ssa"), use(2, region="ssa")))
    proven_elsewhere = ResourceFacts(2, "en", uses=(use(1, region="nwe"), use(2, region="nwe")))

    # then the reader from that region sees the first one first
    assert rank([proven_elsewhere, proven_here], HAUSA_READER)[0][0] == 1


def test_poorly_rated_uses_do_not_prove_a_resource():
    failed = ResourceFacts(1, "en", uses=(use(1, rating=1), use(2, rating=1)))
    untested = ResourceFacts(2, "en")

    assert score(failed, HAUSA_READER) < score(
        ResourceFacts(3, "en", uses=(use(1), use(2))), HAUSA_READER
    )
    assert score(failed, HAUSA_READER) == score(untested, HAUSA_READER)


def test_a_person_recording_many_uses_counts_once():
    one_enthusiast = ResourceFacts(1, "en", uses=tuple(use(7, rating=5) for _ in range(10)))
    two_people = ResourceFacts(2, "en", uses=(use(1, rating=5), use(2, rating=5)))

    assert score(two_people, HAUSA_READER) > score(one_enthusiast, HAUSA_READER)
    assert person_ratings(one_enthusiast.uses) == {7: 5.0}


def test_an_anonymous_reader_is_ranked_on_quality_and_curation():
    rated = ResourceFacts(1, "fr", uses=(use(1, rating=5), use(2, rating=5)))
    featured = ResourceFacts(2, "fr", is_featured=True)
    plain = ResourceFacts(3, "fr")

    assert [pk for pk, _ in rank([plain, featured, rated], Reader())] == [1, 2, 3]


def test_equal_scores_put_the_newest_first():
    assert [pk for pk, _ in rank([ResourceFacts(1, "fr"), ResourceFacts(5, "fr")], Reader())] == [
        5,
        1,
    ]


def test_scores_stay_between_zero_and_one():
    best = ResourceFacts(
        1, "ha", uses=tuple(use(n) for n in range(50)), endorsements=40, is_featured=True
    )

    assert 0 < score(best, HAUSA_READER) <= 1
    assert score(ResourceFacts(2, "xx"), Reader()) == 0


def test_the_summary_says_where_it_was_tested_and_weighs_each_person_once():
    summary = summarize(
        [
            use(1, rating=5, region="ssa"),
            use(1, rating=3, region="ssa"),
            use(2, rating=2, region="sa"),
        ]
    )

    assert summary.uses == 3
    assert summary.people == 2
    assert summary.average_rating == 3.0  # (4 + 2) / 2
    assert summary.regions == ("sa", "ssa")


def test_the_summary_of_no_uses_has_no_rating():
    assert summarize([]).average_rating is None
