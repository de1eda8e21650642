"""Matches in words: a match's label and the reasons it fits, in the active language.

The domain (`exchange/matching/explanation.py`) says why as message ids with parameters; the
page and the API both render them here, so they always say the same thing."""

from collections.abc import Iterable

from django.utils import formats
from django.utils.translation import get_language, ngettext, pgettext
from django.utils.translation import gettext as _

from capacityhub.core.languages import language_name, or_list
from capacityhub.exchange.matching import Part
from capacityhub.taxonomy.selectors import capacity_labels


def level_name(level) -> str:
    """A capacity level (1–5) in words."""
    names = {1: _("beginner"), 2: _("basic"), 3: _("intermediate"), 4: _("advanced")}
    return names.get(level) or (_("expert") if level == 5 else "")


def proficiency(level) -> str:
    """A language proficiency (0 native, 1–5) in words."""
    names = {0: _("native"), 1: _("beginner"), 2: _("elementary"), 3: _("intermediate")}
    return names.get(level) or {4: _("advanced"), 5: _("fluent")}.get(level, "")


QUALITY_LABELS = {
    "strong": lambda: pgettext("match", "Strong match"),
    "good": lambda: pgettext("match", "Good match"),
    "close": lambda: pgettext("match", "Close capacity"),
    "related": lambda: pgettext("match", "Related capacity"),
}


def quality_label(quality: str) -> str:
    """The label of a match (`exchange.matching.quality`): it follows closeness first."""
    label = QUALITY_LABELS.get(quality)
    return label() if label else ""


CAPACITY_PARAMS = {"capacity", "ancestor", "narrower", "related"}
CAPACITY_MESSAGES = {
    "offers_capacity": lambda: _("offers %(capacity)s"),
    "offers_capacity_part_of": lambda: _("offers %(capacity)s, a part of %(ancestor)s"),
    "offers_broader_capacity": lambda: _("offers %(capacity)s, which includes %(narrower)s"),
    "offers_related_capacity": lambda: _("offers %(capacity)s, close to %(related)s"),
    "needs_capacity": lambda: _("asks for %(capacity)s"),
    "needs_capacity_part_of": lambda: _("asks for %(capacity)s, a part of %(ancestor)s"),
    "needs_broader_capacity": lambda: _("asks for %(capacity)s, which includes %(narrower)s"),
    "needs_related_capacity": lambda: _("asks for %(capacity)s, close to %(related)s"),
}


def render_part(message: str, params: dict, *, labels: dict, organization: bool = False) -> str:
    """One reason as a sentence fragment in the active language."""

    def label(capacity_id: int) -> str:
        entry = labels.get(capacity_id)
        return entry.label if entry else ""

    names = {k: label(v) for k, v in params.items() if k in CAPACITY_PARAMS}
    if "language" in params:
        names["language"] = language_name(params["language"], get_language())
    if message in CAPACITY_MESSAGES:
        return CAPACITY_MESSAGES[message]() % names
    if message == "level_below":
        return _("%(level)s level (%(wanted)s wanted)") % {
            "level": level_name(params["level"]), "wanted": level_name(params["wanted"])
        }  # fmt: skip
    if message == "speaks_natively":
        text = _("works in %(language)s") if organization else _("speaks %(language)s natively")
        return text % names
    if message == "speaks_language":
        text = _("works in %(language)s") if organization else _("speaks %(language)s (%(level)s)")
        return text % {**names, "level": proficiency(params["proficiency"])}
    if message == "accepts_language":
        return _("in %(language)s") % names
    return _place_and_load(message, params)


def _place_and_load(message: str, params: dict) -> str:
    if message == "same_region":
        return _("same region")
    if message == "online":
        return _("online")
    if message == "time_zone_overlap":
        hours = params["hours"]
        if hours == 0:
            return _("same time zone")
        return ngettext("%(hours)s hour apart", "%(hours)s hours apart", hours) % {"hours": hours}
    if message == "has_capacity_for_more":
        free = params["free"]
        return ngettext(
            "free for %(free)s more connection", "free for %(free)s more connections", free
        ) % {"free": free}
    if message == "well_rated":
        return ngettext(
            "rated %(rating)s/5 by %(count)s requester",
            "rated %(rating)s/5 by %(count)s requesters",
            params["count"],
        ) % {"rating": formats.number_format(params["rating"], 1), "count": params["count"]}
    return ""


# Rendered reasons per language, for as long as that language's labels stay the same object
# (the taxonomy cache hands out a new one when they change): a page of 20 matches repeats the
# same few dozen fragments, and rendering each again was a sixth of a matches request.
_RENDERED: dict[str, tuple[dict, dict]] = {}
RENDERED_MOST = 20_000


def reasons(parts: Iterable[Part], *, organization: bool = False) -> list[str]:
    """Every reason of a match, in the active language (labels read from the taxonomy cache)."""
    language = get_language() or ""
    labels = capacity_labels(language)
    held = _RENDERED.get(language)
    if held is None or held[0] is not labels or len(held[1]) > RENDERED_MOST:
        held = _RENDERED[language] = (labels, {})
    memo = held[1]
    found = []
    for message, params in parts:
        try:
            key = (message, tuple(sorted(params.items())), organization)
            text = memo.get(key)
        except TypeError:  # a parameter that cannot be a key: render it every time
            key, text = None, None
        if text is None:
            text = render_part(message, params, labels=labels, organization=organization)
            if key is not None:
                memo[key] = text
        if text:
            found.append(text)
    return found


def works_in(languages: Iterable[str]) -> str:
    """ "if you can work in Portuguese or Spanish": for an exact offer in other languages."""
    names = [language_name(code, get_language()) for code in languages]
    return _("if you can work in %(languages)s") % {"languages": or_list(names)}
