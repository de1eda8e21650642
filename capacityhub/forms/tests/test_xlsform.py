"""XLSForm import and export: a form survives the round trip; a malformed sheet is refused with
its sheet and row, and nothing is saved."""

import io

import pytest
from django.core.exceptions import ValidationError
from openpyxl import Workbook

from capacityhub.forms.models import Form
from capacityhub.forms.selectors import form_current_version
from capacityhub.forms.services import (
    form_create,
    form_export_xlsform,
    form_import_xlsform,
)
from capacityhub.forms.xlsform.reader import import_xlsform
from capacityhub.forms.xlsform.writer import export_xlsform


def workbook(survey, choices=(), settings=None) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "survey"
    for row in survey:
        sheet.append(list(row))
    if choices:
        sheet = book.create_sheet("choices")
        for row in choices:
            sheet.append(list(row))
    if settings:
        sheet = book.create_sheet("settings")
        for row in settings:
            sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


KOBO = workbook(
    survey=[
        (
            "type",
            "name",
            "label::English (en)",
            "label::Español (es)",
            "hint",
            "required",
            "relevant",
            "constraint",
            "parameters",
            "appearance",
        ),
        ("start", "start", "", "", "", "", "", "", "", ""),
        (
            "text",
            "name",
            "Your name",
            "Su nombre",
            "As on wiki",
            "yes",
            "",
            "string-length(.) <= 80",
            "",
            "",
        ),
        ("text", "story", "Your story", "Su historia", "", "", "", "", "", "multiline"),
        ("select_one yn", "travel", "Travel?", "¿Viaje?", "", "yes", "", "", "", ""),
        (
            "decimal",
            "cost",
            "Cost",
            "Costo",
            "",
            "yes",
            "${travel} = 'yes'",
            ". >= 0 and . <= 5000",
            "",
            "",
        ),
        ("select_multiple tools", "tools", "Tools", "Herramientas", "", "", "", "", "", ""),
        ("date", "arrival", "Arrival", "Llegada", "", "", "selected(${tools}, 'wd')", "", "", ""),
        (
            "range",
            "motivation",
            "Motivation",
            "Motivación",
            "",
            "",
            "",
            "",
            "start=1 end=10 step=1",
            "",
        ),
        ("begin_group", "g", "", "", "", "", "", "", "", ""),
        ("image", "photo", "Photo", "Foto", "", "", "", "", "", ""),
        ("end_group", "", "", "", "", "", "", "", "", ""),
        ("acknowledge", "ok", "I agree", "Acepto", "", "yes", "", "", "", ""),
    ],
    choices=[
        ("list_name", "name", "label::English (en)", "label::Español (es)"),
        ("yn", "yes", "Yes", "Sí"),
        ("yn", "no", "No", "No"),
        ("tools", "wd", "Wikidata", "Wikidata"),
        ("tools", "commons", "Commons", "Commons"),
    ],
    settings=[("form_title", "version", "default_language"), ("Scholarship", "3", "English (en)")],
)


def test_a_kobo_style_form_is_imported_with_kinds_translations_and_rules():
    parsed = import_xlsform(KOBO)

    by_key = {q["key"]: q for q in parsed.questions}
    assert list(by_key) == [
        "name",
        "story",
        "travel",
        "cost",
        "tools",
        "arrival",
        "motivation",
        "photo",
        "ok",
    ]
    assert [by_key[k]["kind"] for k in by_key] == [
        "short_text",
        "long_text",
        "single_choice",
        "number",
        "multiple_choice",
        "date",
        "scale",
        "file",
        "consent",
    ]
    assert by_key["name"]["label"] == {"en": "Your name", "es": "Su nombre"}
    assert by_key["name"]["help"] == {"en": "As on wiki"}
    assert by_key["name"]["validation"] == {"max_length": 80}
    assert by_key["cost"]["show_if"] == {"question": "travel", "equals": "yes"}
    assert by_key["cost"]["validation"] == {"min": 0, "max": 5000}
    assert by_key["arrival"]["show_if"] == {"question": "tools", "equals": "wd"}
    assert (by_key["motivation"]["scale_min"], by_key["motivation"]["scale_max"]) == (1, 10)
    assert by_key["photo"]["validation"]["allowed_types"] == ["image/png", "image/jpeg"]
    assert by_key["travel"]["choices"][0] == {"value": "yes", "label": {"en": "Yes", "es": "Sí"}}
    assert parsed.title == {"en": "Scholarship"}


def test_a_form_survives_export_and_import(staff):
    form = form_import_xlsform(actor=staff, data=KOBO)
    version = form_current_version(form)

    again = form_import_xlsform(actor=staff, data=form_export_xlsform(version=version))

    fields = (
        "key",
        "kind",
        "required",
        "label",
        "help",
        "choices",
        "scale_min",
        "scale_max",
        "show_if",
        "validation",
    )

    def described(f):
        return [{n: getattr(q, n) for n in fields} for q in form_current_version(f).questions.all()]

    assert described(again) == described(form)
    assert again.title == form.title


@pytest.mark.parametrize(
    ("survey", "expected"),
    [
        (
            [("type", "name", "label"), ("geopoint", "where", "Where")],
            "Sheet 'survey', row 2: the type 'geopoint'",
        ),
        (
            [("type", "name", "label"), ("text", "", "Name")],
            "Sheet 'survey', row 2: the question has no name",
        ),
        (
            [("type", "name", "label"), ("select_one nope", "a", "A")],
            "Sheet 'survey', row 2: no choices list",
        ),
        (
            [
                ("type", "name", "label", "relevant"),
                ("text", "a", "A", ""),
                ("text", "b", "B", "${a} > 3"),
            ],
            "Sheet 'survey', row 3: the relevant rule '${a} > 3' is not supported",
        ),
        (
            [("type", "name", "label", "constraint"), ("integer", "a", "A", ". mod 2 = 0")],
            "Sheet 'survey', row 2: the constraint",
        ),
        ([("type", "name", "label")], "Sheet 'survey', row 1: the survey sheet is missing"),
        ([("type", "name", "label"), ("text", "1bad", "A")], "Sheet 'survey', question 1:"),
    ],
)
def test_a_malformed_sheet_is_refused_naming_sheet_and_row_and_nothing_is_saved(
    staff, survey, expected
):
    with pytest.raises(ValidationError) as error:
        form_import_xlsform(actor=staff, data=workbook(survey))

    assert error.value.message_dict["file"][0].startswith(expected)
    assert not Form.objects.exists()


def test_a_file_that_is_not_a_spreadsheet_is_refused(staff):
    with pytest.raises(ValidationError) as error:
        form_import_xlsform(actor=staff, data=b"name,label\nx,y")
    assert "not an .xlsx" in error.value.message_dict["file"][0]


def test_a_choice_without_a_list_name_is_refused_with_its_row():
    data = workbook(
        [("type", "name", "label"), ("select_one yn", "a", "A")],
        choices=[("list_name", "name", "label"), ("yn", "yes", "Yes"), ("", "no", "No")],
    )
    with pytest.raises(ValidationError) as error:
        import_xlsform(data)
    assert error.value.message_dict["file"][0].startswith("Sheet 'choices', row 3")


def test_export_writes_odk_columns_for_rules(staff):
    form = form_create(
        actor=staff,
        title={"en": "T", "fr": "T fr"},
        questions=[
            {
                "key": "tools",
                "kind": "multiple_choice",
                "label": {"en": "Tools"},
                "choices": [{"value": "wd"}],
            },
            {
                "key": "when",
                "kind": "date",
                "label": {"en": "When"},
                "show_if": {"question": "tools", "equals": "wd"},
                "validation": {"min": "2026-01-01"},
            },
        ],
    )
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(form_export_xlsform(version=form_current_version(form))))
    rows = list(book["survey"].iter_rows(values_only=True))
    header = rows[0]
    when = dict(zip(header, rows[2], strict=False))
    assert "label::French (fr)" in header
    assert when["relevant"] == "selected(${tools}, 'wd')"
    assert when["constraint"] == ". >= date('2026-01-01')"
    assert export_xlsform(title={"en": "x"}, questions=[], version="1")[:2] == b"PK"
