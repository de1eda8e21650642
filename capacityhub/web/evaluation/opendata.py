"""Open data: anonymised aggregates as CSV and JSON, with a data dictionary."""

from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from capacityhub.core.csv import csv_response
from capacityhub.evaluation.selectors import DATA_DICTIONARY, open_data_rows

COLUMNS = [name for name, _kind, _meaning in DATA_DICTIONARY]


def open_data_csv(request) -> HttpResponse:
    rows = open_data_rows()
    return csv_response(
        [[row[c] for c in COLUMNS] for row in rows], COLUMNS, filename="evaluation-aggregates.csv"
    )


def open_data_json(request) -> JsonResponse:
    dictionary = [{"column": n, "type": t, "meaning": str(m)} for n, t, m in DATA_DICTIONARY]
    return JsonResponse({"licence": "CC0-1.0", "minimum_people": 5,
                         "data_dictionary": dictionary, "rows": open_data_rows()})  # fmt: skip


def data_dictionary(request):
    return render(request, "web/evaluation/dictionary.html", {
        "headers": [_("Column"), _("Type"), _("Meaning")],
        "rows": [[n, t, str(m)] for n, t, m in DATA_DICTIONARY],
    })  # fmt: skip
