"""Open data: the CC0 dumps (resource metadata, taxonomy) as files, for anyone."""

from typing import Literal

from django.http import HttpRequest, HttpResponse
from ninja import Path, Router, Schema

from capacityhub.knowledge.opendata import LICENCE_URL
from capacityhub.knowledge.opendata_io import DUMPS, dump_text

from ..core.schemas import READ, READ_ERRORS

router = Router(tags=["open data"])


class DumpPath(Schema):
    name: Literal[tuple(DUMPS)]


@router.get(
    "/data/{name}",
    response={200: dict, **READ_ERRORS},
    openapi_extra={
        **READ["openapi_extra"],
        "responses": {
            200: {
                "description": "The file (CC0 1.0): JSON with a format, version and licence "
                "header, or CSV with a header row.",
                "content": {
                    "application/json": {"schema": {"type": "object"}},
                    "text/csv": {"schema": {"type": "string"}},
                },
            }
        },
    },
    auth=READ["auth"],
)
def open_data_file(request: HttpRequest, path: Path[DumpPath]) -> HttpResponse:
    """One open-data dump: resources.json, resources.csv, taxonomy.json or taxonomy.csv."""
    response = HttpResponse(dump_text(path.name), content_type=f"{DUMPS[path.name]}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="capacityhub-{path.name}"'
    response["Link"] = f'<{LICENCE_URL}>; rel="license"'
    return response
