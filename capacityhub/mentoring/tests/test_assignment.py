"""The pure assignment: hard constraints always hold, and the flow equals brute force."""

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from capacityhub.mentoring.assignment import (
    MenteeSpec,
    MentorSpec,
    assign_mentors,
    explain,
    objective,
    pair_score,
    pick_one,
)
from capacityhub.taxonomy.tree import Tree

# 1 → (2 → 4, 3), 5 → 6: two trees.
TREE = Tree.build([(1, None), (2, 1), (3, 1), (4, 2), (5, None), (6, 5)])
LANGUAGES = ["es", "fr", "pt"]

mentor_strategy = st.builds(
    lambda i, caps, langs, offset, room, weight, load: MentorSpec(
        id=i,
        capacities=frozenset(caps),
        languages=frozenset(langs),
        offset=offset,
        room=room,
        weight=weight,
        load=load,
        backup_room=room,
    ),
    st.just(0),
    st.sets(st.sampled_from([1, 2, 3, 4, 5, 6]), min_size=1, max_size=2),
    st.sets(st.sampled_from(LANGUAGES), min_size=1, max_size=2),
    st.one_of(st.none(), st.sampled_from([-5.0, 0.0, 1.0, 9.0])),
    st.integers(0, 2),
    st.sampled_from([0, 1, 2, 4]),
    st.integers(0, 2),
)
mentee_strategy = st.builds(
    lambda i, goals, langs, offset: MenteeSpec(
        id=i, goals=tuple(goals), languages=tuple(langs), offset=offset
    ),
    st.just(0),
    st.lists(st.sampled_from([1, 2, 3, 4, 5, 6]), min_size=1, max_size=2, unique=True),
    st.lists(st.sampled_from(LANGUAGES), min_size=1, max_size=2, unique=True),
    st.one_of(st.none(), st.sampled_from([-3.0, 0.0, 5.5])),
)


def numbered(specs, start):
    from dataclasses import replace

    return [replace(spec, id=start + i) for i, spec in enumerate(specs)]


instances = st.tuples(
    st.lists(mentee_strategy, min_size=1, max_size=4),
    st.lists(mentor_strategy, min_size=1, max_size=3),
    st.sets(st.tuples(st.integers(100, 103), st.integers(200, 202)), max_size=3),
)


def brute_force(mentees, mentors, conflicts):
    choices = [None, *[m.id for m in mentors]]
    best = None
    for combo in itertools.product(choices, repeat=len(mentees)):
        pairs = {}
        counts = {}
        ok = True
        for mentee, mentor_id in zip(mentees, combo, strict=True):
            if mentor_id is None:
                continue
            mentor = next(m for m in mentors if m.id == mentor_id)
            if (mentee.id, mentor_id) in conflicts or mentor.weight == 0:
                ok = False
            if pair_score(mentee, mentor, TREE) is None:
                ok = False
            counts[mentor_id] = counts.get(mentor_id, 0) + 1
            if counts[mentor_id] > mentor.room:
                ok = False
            pairs[mentee.id] = mentor_id
        if ok:
            value = objective(pairs, mentees, mentors, TREE)
            best = value if best is None else min(best, value)
    return best


@settings(max_examples=150, deadline=None)
@given(instances)
def test_no_pair_breaks_a_hard_constraint(instance):
    mentees, mentors, conflicts = (
        numbered(instance[0], 100),
        numbered(instance[1], 200),
        instance[2],
    )
    result = assign_mentors(mentees, mentors, TREE, conflicts=conflicts, k=3)
    by_id = {m.id: m for m in mentors}
    mentee_by_id = {m.id: m for m in mentees}
    for role in (result.primary, result.backup):
        loads = {}
        for mentee_id, mentor_id in role.items():
            mentor = by_id[mentor_id]
            assert (mentee_id, mentor_id) not in conflicts
            assert mentor.weight > 0
            assert set(mentee_by_id[mentee_id].languages) & mentor.languages
            loads[mentor_id] = loads.get(mentor_id, 0) + 1
        cap = "room" if role is result.primary else "backup_room"
        assert all(count <= getattr(by_id[j], cap) for j, count in loads.items())
    for mentee_id, backup in result.backup.items():
        assert backup != result.primary[mentee_id]


@settings(max_examples=150, deadline=None)
@given(instances)
def test_the_primaries_equal_brute_force(instance):
    mentees, mentors, conflicts = (
        numbered(instance[0], 100),
        numbered(instance[1], 200),
        instance[2],
    )
    result = assign_mentors(mentees, mentors, TREE, conflicts=conflicts, k=len(mentors))
    assert objective(result.primary, mentees, mentors, TREE) == result.cost
    assert result.cost == brute_force(mentees, mentors, conflicts)


def test_a_conflicted_mentor_is_avoided_even_when_the_best():
    mentee = MenteeSpec(id=1, goals=(4,), languages=("es",))
    best = MentorSpec(id=10, capacities=frozenset({4}), languages=frozenset({"es"}), room=3)
    good = MentorSpec(id=11, capacities=frozenset({2}), languages=frozenset({"es"}), room=3)
    result = assign_mentors([mentee], [best, good], TREE, conflicts={(1, 10)})
    assert result.primary == {1: 11}
    assert result.backup == {}


def test_each_mentee_gets_a_backup_who_is_not_the_primary():
    mentee = MenteeSpec(id=1, goals=(4,), languages=("es",))
    best = MentorSpec(id=10, capacities=frozenset({4}), languages=frozenset({"es"}), room=3)
    good = MentorSpec(id=11, capacities=frozenset({2}), languages=frozenset({"es"}), room=3)
    result = assign_mentors([mentee], [best, good], TREE)
    assert result.primary == {1: 10}
    assert result.backup == {1: 11}


def test_weight_zero_is_manual_only_and_no_shared_language_is_no_match():
    mentee = MenteeSpec(id=1, goals=(4,), languages=("es",))
    manual = MentorSpec(id=10, capacities=frozenset({4}), languages=frozenset({"es"}), weight=0)
    french = MentorSpec(id=11, capacities=frozenset({4}), languages=frozenset({"fr"}))
    result = assign_mentors([mentee], [manual, french], TREE)
    assert result.unassigned == [1]
    assert pick_one(mentee, [manual, french], TREE) is None


def test_heavier_weights_take_more_mentees():
    mentees = [MenteeSpec(id=i, goals=(4,), languages=("es",)) for i in range(10)]
    light = MentorSpec(id=10, capacities=frozenset({4}), languages=frozenset({"es"}), room=10)
    heavy = MentorSpec(
        id=11, capacities=frozenset({4}), languages=frozenset({"es"}), room=10, weight=4
    )
    result = assign_mentors(mentees, [light, heavy], TREE, backups=False)
    assert sum(1 for j in result.primary.values() if j == 11) >= 7


def test_the_explanation_names_the_capacity_language_and_hours():
    mentee = MenteeSpec(id=1, goals=(4,), languages=("es", "fr"), offset=-3.0)
    mentor = MentorSpec(id=10, capacities=frozenset({2}), languages=frozenset({"fr"}), offset=1.0)
    keys = {part["key"]: part for part in explain(mentee, mentor, TREE)}
    assert keys["capacity"]["capacity"] == 2
    assert keys["language"]["language"] == "fr"
    assert keys["hours_apart"]["hours"] == 4.0
