"""The capacity tree as plain data: no database needed."""

from hypothesis import given
from hypothesis import strategies as st

from capacityhub.taxonomy.tree import Tree

# 1 ▸ 2 ▸ {3, 4}; 1 ▸ 5; 6 ▸ 7
SAMPLE = Tree.build([(1, None), (2, 1), (3, 2), (4, 2), (5, 1), (6, None), (7, 6)])


def test_roots_keep_their_order():
    assert SAMPLE.roots() == (1, 6)


def test_descendants_include_grandchildren():
    assert sorted(SAMPLE.descendants(1)) == [2, 3, 4, 5]
    assert SAMPLE.subtree(2)[0] == 2


def test_ancestors_run_from_parent_to_root():
    assert SAMPLE.ancestors(3) == [2, 1]
    assert SAMPLE.depth(3) == 2


def test_distance_counts_edges_through_the_common_ancestor():
    assert SAMPLE.distance(3, 3) == 0
    assert SAMPLE.distance(3, 2) == 1  # parent
    assert SAMPLE.distance(3, 4) == 2  # sibling
    assert SAMPLE.distance(3, 5) == 3  # cousin-ish
    assert SAMPLE.distance(3, 7) is None  # different roots


def test_moving_a_capacity_under_its_own_descendant_would_cycle():
    assert SAMPLE.would_cycle(1, 3)
    assert SAMPLE.would_cycle(2, 2)
    assert not SAMPLE.would_cycle(3, 5)
    assert not SAMPLE.would_cycle(3, None)


@st.composite
def random_trees(draw):
    size = draw(st.integers(min_value=1, max_value=40))
    rows = [(1, None)]
    for node in range(2, size + 1):
        rows.append((node, draw(st.one_of(st.none(), st.integers(1, node - 1)))))
    return Tree.build(rows)


@given(random_trees(), st.data())
def test_distance_is_symmetric_and_zero_only_for_the_same_node(tree, data):
    nodes = list(tree.parent)
    a = data.draw(st.sampled_from(nodes))
    b = data.draw(st.sampled_from(nodes))
    assert tree.distance(a, b) == tree.distance(b, a)
    assert (tree.distance(a, b) == 0) == (a == b)


@given(random_trees(), st.data())
def test_every_descendant_has_the_node_among_its_ancestors(tree, data):
    node = data.draw(st.sampled_from(list(tree.parent)))
    for descendant in tree.descendants(node):
        assert node in tree.ancestors(descendant)
