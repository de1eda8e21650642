"""The capacity tree as plain data: pure functions, no database, cheap to cache."""

from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Tree:
    parent: dict[int, int | None]
    children: dict[int | None, tuple[int, ...]] = field(default_factory=dict)

    @classmethod
    def build(cls, rows: Iterable[tuple[int, int | None]]) -> "Tree":
        """rows: (id, parent_id) in display order."""
        parent: dict[int, int | None] = {}
        children: dict[int | None, list[int]] = {}
        for node, up in rows:
            parent[node] = up
            children.setdefault(up, []).append(node)
        return cls(parent, {k: tuple(v) for k, v in children.items()})

    def roots(self) -> tuple[int, ...]:
        return self.children.get(None, ())

    def ancestors(self, node: int) -> list[int]:
        """From the parent up to the root; stops on a cycle rather than looping."""
        chain: list[int] = []
        up = self.parent.get(node)
        while up is not None and up not in chain and up != node:
            chain.append(up)
            up = self.parent.get(up)
        return chain

    def descendants(self, node: int) -> list[int]:
        found: list[int] = []
        stack = list(self.children.get(node, ()))
        while stack:
            current = stack.pop()
            found.append(current)
            stack.extend(self.children.get(current, ()))
        return found

    def subtree(self, node: int) -> list[int]:
        return [node, *self.descendants(node)]

    def depth(self, node: int) -> int:
        return len(self.ancestors(node))

    def distance(self, a: int, b: int) -> int | None:
        """Edges between two nodes through their lowest common ancestor; None if unrelated."""
        if a == b:
            return 0
        path_a = [a, *self.ancestors(a)]
        index_a = {node: i for i, node in enumerate(path_a)}
        for steps_b, node in enumerate([b, *self.ancestors(b)]):
            if node in index_a:
                return index_a[node] + steps_b
        return None

    def would_cycle(self, node: int, new_parent: int | None) -> bool:
        return new_parent is not None and (
            new_parent == node or new_parent in self.descendants(node)
        )
