"""The capacity map page: supply against demand as an SVG heat map with an accessible data
table beside it, filters, a comparison with an earlier month, and CSV / JSON / SVG downloads
that honour the same query string."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_bidi
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from capacityhub.core.csv import csv_response
from capacityhub.exchange.capacity_map import LANGUAGE_VIEW
from capacityhub.exchange.models import MapSnapshot
from capacityhub.exchange.selectors.capacity_map import (
    CapacityMap,
    capacity_map,
    map_languages,
)
from capacityhub.exchange.selectors.map_snapshots import map_snapshot_months, map_snapshots
from capacityhub.exchange.services.capacity_map import map_snapshot_take
from capacityhub.exchange.unmet_needs import largest_unmet
from capacityhub.presentation.capacity_map import capacity_map_dict
from capacityhub.web.core.cldr import month_text
from capacityhub.web.core.forms import add_service_errors
from capacityhub.web.exchange.forms_map import CapacityMapForm
from capacityhub.web.exchange.heatmap import HeatCell, HeatRow, HeatText, heatmap_svg, signed


def _form(request) -> CapacityMapForm:
    return CapacityMapForm(
        request.GET,
        languages=map_languages(viewer=request.user),
        months=map_snapshot_months(),
    )


def _read(request, form: CapacityMapForm) -> CapacityMap | None:
    """The map for valid filters, else None with the errors on the form."""
    if not form.is_valid():
        return None
    filters = form.filters()
    month = form.compare_month()
    try:
        if month:
            return map_snapshots(viewer=request.user, month=month, **filters)
        return capacity_map(viewer=request.user, **filters)
    except ValidationError as error:
        add_service_errors(form, error)
    except MapSnapshot.DoesNotExist:
        form.add_error("compare", _("There is no snapshot for this month."))
    return None


def _svg(result: CapacityMap) -> str:
    if result.view == LANGUAGE_VIEW:
        what = _("Per capacity and language")
    else:
        what = _("Per capacity and region")
    text = HeatText(
        title=_("Capacity map: where demand outruns supply"),
        description=_(
            "%(what)s: the gap between open needs (demand) and active offers (supply), "
            "from −100 (only offers) to +100 (only needs). The table on this page gives "
            "every figure."
        )
        % {"what": what},
        supply_outruns=_("Supply outruns demand"),
        balanced=_("Balanced"),
        demand_outruns=_("Demand outruns supply"),
        no_data=_("no offers or needs"),
        cell=_("{row} · {column}: demand {demand}, supply {supply}, gap {gap}"),
        sparse=_("too few to compare"),
        negative_means=_(
            "Gap from −100 to +100: negative (−) means more offers than needs, positive (+) "
            "more needs than offers."
        ),
        volume_means=_(
            "Below each gap: needs / offers. Paler cells have fewer of them; grey hatched "
            "cells have fewer than {minimum} and are not coloured."
        ),
    )
    rows = [
        HeatRow(
            label=row.label,
            depth=row.depth,
            lang=row.label_language,
            cells=[HeatCell(c.supply, c.demand, c.gap) for c in row.cells],
        )
        for row in result.rows
    ]
    columns = [column.label for column in result.columns]
    return heatmap_svg(
        rows=rows, columns=columns, text=text, rtl=get_language_bidi(), lang=get_language()
    )


def _change(value: int) -> str:
    return f"+{value}" if value > 0 else (f"\u2212{-value}" if value < 0 else "±0")


def _figures(entry) -> dict:
    """What one table cell (or a row's total) shows: numbers, the gap as −100..+100, and the
    change since the compared month when there is one."""
    figures = {"supply": entry.supply, "demand": entry.demand, "gap": signed(entry.gap)}
    if entry.change is not None:
        figures["change"] = {
            "supply": _change(entry.change.supply),
            "demand": _change(entry.change.demand),
            "gap": signed(entry.change.gap),
        }
    return figures


def _table(result: CapacityMap) -> list[dict]:
    return [
        {
            "row": row,
            "indent": range(row.depth),
            "total": _figures(row),
            "cells": [_figures(cell) for cell in row.cells],
        }
        for row in result.rows
    ]


def _unmet(result: CapacityMap) -> list[dict]:
    """The ranked list above the heat map; bar widths in steps of 5 % (CSS classes: the
    Content-Security-Policy allows no inline styles)."""
    return [
        {
            "row": item.row,
            "unmet": item.unmet,
            "demand_width": round(item.demand_share * 20) * 5,
            "supply_width": round(item.supply_share * 20) * 5,
        }
        for item in largest_unmet(result.rows)
    ]


def capacity_map_page(request):
    form = _form(request)
    result = _read(request, form)
    context = {
        "form": form,
        "result": result,
        "table": _table(result) if result else [],
        "unmet": _unmet(result) if result else [],
        "svg": mark_safe(_svg(result)) if result else "",  # noqa: S308 - escaped by heatmap_svg
        "query": request.GET.urlencode(),
        "can_snapshot": request.user.is_staff,
    }
    return render(request, "web/exchange/map/map.html", context)


def capacity_map_svg(request):
    form = _form(request)
    result = _read(request, form)
    if result is None:
        return HttpResponseBadRequest(_("These filters are not valid."), content_type="text/plain")
    return HttpResponse(_svg(result), content_type="image/svg+xml; charset=utf-8")


def _filename(result: CapacityMap, extension: str) -> str:
    stamp = timezone.localdate().isoformat()
    root = f"-{result.root}" if result.root else ""
    return f"capacity-map-{result.view}{root}-{stamp}.{extension}"


def _csv_rows(result: CapacityMap):
    comparing = result.compared_with is not None
    header = ["capacity", "label", "depth", "column", "column_label", "supply", "demand", "gap"]
    if comparing:
        header += ["supply_change", "demand_change", "gap_change"]
    yield header
    for row in result.rows:
        for column, cell in zip(result.columns, row.cells, strict=True):
            line = [row.code, row.label, row.depth, column.key, column.label]
            line += [cell.supply, cell.demand, f"{cell.gap:.4f}"]
            if comparing:
                line += [cell.change.supply, cell.change.demand, f"{cell.change.gap:.4f}"]
            yield line
        total = [row.code, row.label, row.depth, "total", _("Total")]
        total += [row.supply, row.demand, f"{row.gap:.4f}"]
        if comparing:
            total += [row.change.supply, row.change.demand, f"{row.change.gap:.4f}"]
        yield total


def _bad_filters(form: CapacityMapForm) -> HttpResponse:
    errors = {field: [str(e) for e in errs] for field, errs in form.errors.items()}
    body = json.dumps({"detail": _("These filters are not valid."), "errors": errors})
    return HttpResponseBadRequest(body, content_type="application/json")


def capacity_map_csv(request):
    form = _form(request)
    result = _read(request, form)
    if result is None:
        return _bad_filters(form)
    return csv_response(_csv_rows(result), filename=_filename(result, "csv"))


def capacity_map_json(request):
    form = _form(request)
    result = _read(request, form)
    if result is None:
        return _bad_filters(form)
    body = json.dumps(capacity_map_dict(result), cls=DjangoJSONEncoder, ensure_ascii=False)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(result, "json")}"'
    return response


@login_required
@require_POST
def capacity_map_snapshot(request):
    """Staff: take (or refresh) this month's snapshot now. Anyone else: 403."""
    snapshot, created = map_snapshot_take(actor=request.user)
    if created:
        messages.success(request, _("Snapshot of %s taken.") % month_text(snapshot.month))
    else:
        messages.success(request, _("Snapshot of %s refreshed.") % month_text(snapshot.month))
    return redirect("web:capacity-map")


urlpatterns = [
    path("map/", capacity_map_page, name="capacity-map"),
    path("map/heatmap.svg", capacity_map_svg, name="capacity-map-svg"),
    path("map.csv", capacity_map_csv, name="capacity-map-csv"),
    path("map.json", capacity_map_json, name="capacity-map-json"),
    path("map/snapshot/", capacity_map_snapshot, name="capacity-map-snapshot"),
]
