"""Data for the capacity and language pickers (static/web/pickers.js), in the reader's
language. Both are progressive enhancements: the plain selects they sit on still work.

Capacities: code, label, aliases (reader's language and English) and the place in the tree as
a breadcrumb of ancestor labels. Languages: code, name in the reader's language and the
language's own name (autonym), the reader's own and the commonest first. No queries beyond
the cached taxonomy reads.
"""

from functools import cache

from babel import Locale, UnknownLocaleError
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from capacityhub.community.models import Relation
from capacityhub.core.languages import language_choices
from capacityhub.presentation.matching import level_name
from capacityhub.taxonomy.selectors import (
    capacity_aliases,
    capacity_code_map,
    capacity_labels,
    taxonomy_tree,
)

# The most used languages on Wikimedia projects, offered first after the reader's own.
COMMON_LANGUAGES = (
    "en", "es", "fr", "ar", "pt", "de", "ru", "zh", "hi", "bn", "id", "sw", "ja", "it",
    "fa", "tr", "ur", "ha", "yo", "ig", "am", "uk", "pl", "nl", "ko", "vi", "ta", "te",
)  # fmt: skip


def capacity_picker_data(language: str | None = None) -> list[dict]:
    language = language or get_language() or "en"
    tree = taxonomy_tree()
    labels = capacity_labels(language)
    aliases = capacity_aliases(language)
    codes = {cid: code for code, cid in capacity_code_map().items()}

    def label(cid: int) -> str:
        entry = labels.get(cid)
        return entry.label if entry else codes.get(cid, "")

    entries = []
    stack = list(reversed(tree.roots()))
    while stack:
        node = stack.pop()
        if node in codes:
            entry = labels.get(node)
            entries.append(
                {
                    "code": codes[node],
                    "label": label(node),
                    "lang": entry.language if entry else "en",
                    "aliases": aliases.get(node, []),
                    "path": [label(a) for a in reversed(tree.ancestors(node))],
                }
            )
        stack.extend(reversed(tree.children.get(node, ())))
    return entries


@cache
def autonym(code: str) -> str:
    try:
        return Locale.parse(code).get_display_name(code) or ""
    except (ValueError, UnknownLocaleError):
        return ""


def first_languages(reader: str | None = None) -> list[str]:
    """The reader's own language, then the commonest ones."""
    reader = (reader or get_language() or "en").split("-")[0]
    return [reader, *(code for code in COMMON_LANGUAGES if code != reader)]


def language_picker_data(reader: str | None = None) -> list[dict]:
    first = first_languages(reader)
    rank = {code: n for n, code in enumerate(first)}
    return [
        {"code": code, "name": name, "own": autonym(code), "first": code in rank}
        for code, name in sorted(
            language_choices(reader), key=lambda c: (rank.get(c[0], len(rank)), c[1].casefold())
        )
    ]


def capacity_picker_context() -> dict:
    """What profile_capacities.html hands to pickers.js: the entries and the words."""
    return {
        "picker_data": capacity_picker_data(),
        "picker_words": {
            "search": _("Find a capacity: type a few letters"),
            "results": _("Matching capacities"),
            "chosen": _("Your capacities"),
            "none": _("None chosen yet: type above to find one."),
            "found": _("%(count)s capacities found; use the arrow keys and Enter."),
            "remove": _("Remove %(capacity)s"),
            "level": _("Level"),
            "relations": [[str(r.value), _label(r)] for r in Relation],
            "levels": [[level, f"{level} · {level_name(level)}"] for level in range(1, 6)],
        },
    }


def _label(relation) -> str:
    return {
        "knows": _("I know it"),
        "offers": _("I offer it"),
        "wants": _("I want to learn it"),
    }.get(relation.value, str(relation.label))


def language_picker_context() -> dict:
    return {
        "language_data": language_picker_data(),
        "language_words": {
            "label": _("Find language %(n)s by name"),
            "placeholder": _("Type a language name"),
        },
    }
