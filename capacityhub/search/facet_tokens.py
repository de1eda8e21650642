"""Facet values as words of the full-text index (decision 0009, revised by issue 10).

Filtering by facets with an `EXISTS` per facet over SearchFacet rows cost 20–34 ms at p95 on
50,000 resources; written into the document's `facet_tokens` column of the FTS5 index, the
filters become part of the one MATCH (`… AND facet_tokens : (t1 OR t2) AND …`), which FTS5
answers from its index. (Capacity filters, ORs of a whole subtree, stay EXISTS: see
sqlite_fts.BROAD.) Pure functions, no database.

A token is `zq<name>x<value as hex>z`: letters and digits only, so the tokenizer keeps it
whole; the value in hex, so any value (`pt-br`, `learning_pattern`) is one token and two
values never share one; `z` at the end, so the Porter stemmer leaves it as it is; `zq` in front,
so no word of any language is a facet token.
"""

from collections.abc import Iterable, Mapping

NAME_MAX, VALUE_MAX = 16, 32


def token(name: str, value: str) -> str:
    return f"zq{name.lower()}x{value.encode().hex()}z"


def is_facet(name: str, value) -> bool:
    """Values the index keeps (the SearchFacet columns' limits)."""
    value = str(value or "")
    return bool(value) and len(value) <= VALUE_MAX and 0 < len(name) <= NAME_MAX


def tokens(facets: Iterable[tuple[str, str]]) -> str:
    """A document's facets as the text of its `facet_tokens` column."""
    found = dict.fromkeys(token(n, str(v)) for n, v in facets or () if is_facet(n, v))
    return " ".join(found)


def match(filters: Mapping[str, Iterable[str]] | None) -> str:
    """The FTS5 clause for these filters: values of one facet OR, facets AND ("" for none)."""
    clauses = []
    for name, values in sorted((filters or {}).items()):
        wanted = sorted({token(name, str(value)) for value in values or () if value})
        if wanted:
            clauses.append("facet_tokens : (" + " OR ".join(f'"{t}"' for t in wanted) + ")")
    return " AND ".join(clauses)
