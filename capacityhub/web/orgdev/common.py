"""What the orgdev pages share: lookups and the shapes of results, change and charts."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _

from capacityhub.community.models import Organization
from capacityhub.core.validation import MAX_ID
from capacityhub.orgdev.framework import (
    DIMENSIONS,
    LEVEL_NAMES,
    dimension_label,
    dimension_of,
    question_text,
)
from capacityhub.orgdev.models import Role
from capacityhub.web.core.cldr import number_text

ROLE_LABELS = dict(Role.choices)
# Bars of earlier rounds paler, the latest the progressive blue (Codex colours).
PALETTE = ["#a2a9b1", "#6485d1", "#36c", "#14866d", "#ac6600"]


def organization_or_404(slug: str) -> Organization:
    found = Organization.objects.filter(slug=slug).first()
    if found is None:
        raise Http404(_("No such organization."))
    return found


def check_id(pk: int) -> None:
    if pk > MAX_ID:
        raise Http404(_("No such assessment."))


def errors_to_messages(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def level_name(value: float | None) -> str:
    if value is None:
        return ""
    return str(LEVEL_NAMES[min(4, max(1, round(value)))])


def result_rows(results: dict, benchmarks: dict | None = None, before: dict | None = None):
    """One row per dimension for the results table, in the framework's order."""
    rows = []
    for dimension in DIMENSIONS:
        summary = results["dimensions"].get(dimension)
        if summary is None:
            continue
        rows.append(
            {
                "dimension": dimension,
                "label": dimension_label(dimension),
                "summary": summary,
                "level_name": level_name(summary.median),
                "roles": [(ROLE_LABELS.get(r, r), v) for r, v in summary.by_role.items()],
                "kind": (benchmarks or {}).get("kind", {}).get(dimension),
                "region": (benchmarks or {}).get("region", {}).get(dimension),
                "before": (before or {}).get(dimension, (None, None))[0],
            }
        )
    return rows


def question_rows(results: dict, order: list[str]) -> list[dict]:
    """One row per question, in the framework version's order."""
    found = results["questions"]
    return [
        {
            "key": key,
            "text": question_text(key),
            "dimension": dimension_label(dimension_of(key)),
            "summary": found[key],
        }
        for key in order
        if key in found
    ]


def change_rows(change: dict) -> list[dict]:
    rows = []
    for key, (before, after) in change.items():
        label = dimension_label(key) if key in DIMENSIONS else question_text(key)
        delta = None if before is None or after is None else round(after - before, 2)
        rows.append({"key": key, "label": label, "before": before, "after": after, "delta": delta})
    return rows


def history_chart(history) -> dict:
    """Bars per dimension, one per round (oldest first), as SVG geometry plus the table."""
    rounds = [round_ for round_, _medians in history]
    bar = 14
    step = (bar + 2) * max(1, len(rounds)) + 12
    groups = []
    for index, dimension in enumerate(DIMENSIONS):
        bars = []
        for position, (_round, medians) in enumerate(history):
            value = medians.get(dimension)
            if value is None:
                continue
            height = value * 25
            bars.append(
                {"x": position * (bar + 2), "y": 100 - height, "height": height, "value": value,
                 "fill": PALETTE[position % len(PALETTE)]}
            )  # fmt: skip
        groups.append({"x": index * step, "bars": bars, "label": dimension_label(dimension)})
    headers = [_("Dimension"), *[r.title for r in rounds]]
    rows = [[dimension_label(d), *[_number(m.get(d)) for _r, m in history]] for d in DIMENSIONS]
    return {"groups": groups, "headers": headers, "rows": rows, "width": step * len(groups)}


def _number(value) -> str:
    return "" if value is None else number_text(value)


def change_chart(rows: list[dict]) -> dict:
    """Paired bars (before, now) per row of change_rows, with the chart's data table."""
    step, bar = 30, 12
    groups = []
    for index, row in enumerate(rows):
        bars = []
        for position, value in enumerate((row["before"], row["after"])):
            if value is not None:
                height = value * 25
                bars.append({"x": position * (bar + 1), "y": 100 - height, "height": height,
                             "value": value, "fill": PALETTE[position * 2]})  # fmt: skip
        groups.append({"x": index * step, "bars": bars, "label": row["label"]})
    table = [
        [row["label"], _number(row["before"]), _number(row["after"]), _number(row["delta"])]
        for row in rows
    ]
    headers = [_("Question"), _("Before"), _("Now"), _("Change")]
    return {"groups": groups, "headers": headers, "rows": table, "width": step * max(1, len(rows))}
