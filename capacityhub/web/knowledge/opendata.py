"""Open data: the CC0 dumps of resource metadata and of the taxonomy, for anyone."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from capacityhub.knowledge import opendata
from capacityhub.knowledge.opendata_io import DUMPS, dump_text

DESCRIPTIONS = {
    "resources.json": _("Resource metadata as JSON, with a format, version and licence header."),
    "resources.csv": _("Resource metadata as CSV: one header row, one row per resource."),
    "taxonomy.json": _("The capacity taxonomy as JSON: capacities, labels in every language."),
    "taxonomy.csv": _("The capacity taxonomy as CSV: one row per capacity."),
}


@require_GET
def open_data(request):
    dumps = [(name, DESCRIPTIONS[name], DUMPS[name]) for name in DUMPS]
    context = {"dumps": dumps, "licence_url": opendata.LICENCE_URL, "columns": opendata.COLUMNS}
    return render(request, "web/opendata/index.html", context)


def download(name: str) -> HttpResponse:
    if name not in DUMPS:
        raise Http404(name)
    response = HttpResponse(dump_text(name), content_type=f"{DUMPS[name]}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="capacityhub-{name}"'
    response["Link"] = f'<{opendata.LICENCE_URL}>; rel="license"'
    return response


@require_GET
def open_data_download(request, name: str):
    return download(name)


urlpatterns = [
    path("data/", open_data, name="open-data"),
    path("data/<str:name>", open_data_download, name="open-data-download"),
]
