"""The one CSV writer: every cell a spreadsheet would run as a formula is written as text."""

import csv
import io

import pytest

from capacityhub.core.csv import csv_response, restore_cell, safe_cell, write_csv


@pytest.mark.parametrize(
    "text",
    ["=cmd|' /C calc'!A0", "+1+1", "-2+3+cmd|x", "@SUM(A1)", "\t=1", "\r=1", "'=already"],
)
def test_a_cell_a_spreadsheet_would_run_gets_a_leading_quote(text):
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("value", ["Edit-a-thon", "-0.2500", "+3", "12", 7, -1.5, None, ""])
def test_plain_text_and_numbers_are_left_alone(value):
    assert safe_cell(value) == value


@pytest.mark.parametrize("text", ["=1", "'=1", "''@x", "'tis", "a=b", "-0.5", ""])
def test_reading_back_restores_exactly_what_was_written(text):
    assert restore_cell(safe_cell(text)) == text


def test_the_writer_guards_the_header_and_every_row():
    text = write_csv([["=HYPERLINK(1)", 3]], header=["@title", "n"])

    assert list(csv.reader(io.StringIO(text))) == [["'@title", "n"], ["'=HYPERLINK(1)", "3"]]
    assert text.endswith("\r\n")


def test_the_response_is_a_named_csv_download():
    response = csv_response([["=1"]], ["a"], filename="x.csv")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="x.csv"'
    assert response.content.decode() == "a\r\n'=1\r\n"
