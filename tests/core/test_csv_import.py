"""The shared CSV import machinery (core.csv_import): header checks, typed cells, line numbers."""

import datetime
from decimal import Decimal

import pytest

from core.csv_import import (
    CsvImportError,
    DuplicateTracker,
    decode,
    normalise_gss_code,
    read_table,
)
from councils.selectors import councils_by_gss_code


def test_header_problems_stop_at_line_1():
    with pytest.raises(CsvImportError) as caught:
        read_table("gss_code,colour,colour\nE1,red,blue\n", required=["gss_code", "year"])
    assert caught.value.errors == [
        "Line 1: missing columns year; unknown columns colour; repeated columns colour. "
        "Expected: gss_code, year."
    ]


def test_empty_file_and_file_with_only_a_header():
    with pytest.raises(CsvImportError, match="The file is empty"):
        read_table("", required=["a"])
    table = read_table("a\n\n", required=["a"])
    with pytest.raises(CsvImportError) as caught:
        table.raise_if_errors()
    assert caught.value.errors == ["The file has no data rows."]


def test_rows_keep_the_line_number_a_spreadsheet_shows():
    """Header is line 1; a blank line is skipped but still counted; a quoted value with a
    line break makes its row end one line later."""
    text = 'Name,Note\nA,one\n\nB,"two\nlines"\nC,three,extra\n'
    table = read_table(text, required=["name", "note"])
    assert [row.line for row in table.rows] == [2, 4, 6]
    assert table.rows[1].values == {"name": "B", "note": "two\nlines"}
    assert table.errors == ["Line 6: 3 values but 2 columns."]


def test_excel_byte_order_mark_and_bad_encoding():
    assert decode("\ufeffa,b".encode()) == "a,b"
    with pytest.raises(CsvImportError, match="not UTF-8"):
        decode(b"a,b\n\xff\xfe\x00")


def _row(**values):
    header = ",".join(values)
    line = ",".join(f'"{v}"' for v in values.values())
    return read_table(f"{header}\n{line}\n", required=list(values)).rows[0]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("2023", 2023), ("2023-24", 2023), ("2023/24", 2023), ("2009-10", 2009), ("2099-2100", 2099)],
)
def test_years_and_financial_years(raw, expected):
    row = _row(year=raw)
    assert row.year("year") == expected and row.ok


@pytest.mark.parametrize("raw", ["23", "2023-25", "twenty", "1850", "2023-"])
def test_bad_years_are_reported(raw):
    row = _row(year=raw)
    assert row.year("year") is None
    assert "is not" in row.problems[0] and raw in row.problems[0]


def test_numbers_dates_and_booleans():
    row = _row(n="1,234.50", i="1,200", d="31/03/2025", iso="2025-03-31", b="Yes")
    assert row.decimal("n") == Decimal("1234.50")
    assert row.integer("i") == 1200
    assert row.date("d") == row.date("iso") == datetime.date(2025, 3, 31)
    assert row.boolean("b") is True
    assert row.ok
    bad = _row(n="1.2.3", i="4.5", neg="-3", d="31/02/2025", inf="inf", b="maybe")
    assert bad.decimal("n") is None
    assert bad.integer("i") is None
    assert bad.integer("neg", minimum=0) is None
    assert bad.date("d") is None
    assert bad.decimal("inf") is None
    assert bad.boolean("b") is None
    assert bad.problems == [
        "n '1.2.3' is not a number",
        "i '4.5' is not a whole number",
        "neg '-3' is below 0",
        "d '31/02/2025' is not a date as YYYY-MM-DD",
        "inf 'inf' is not a number",
        "b 'maybe' is not yes or no",
    ]
    assert bad.message().startswith("Line 2: n '1.2.3' is not a number; ")


def test_optional_values_may_be_empty_but_required_ones_may_not():
    row = _row(a="", b="", c="x")
    assert row.decimal("a", required=False) is None and row.ok
    assert row.text("b") is None
    assert row.problems == ["no b"]


def test_old_barnsley_and_sheffield_codes_map_to_the_current_ones():
    assert normalise_gss_code(" e08000016 ") == "E08000038"
    assert normalise_gss_code("E08000019") == "E08000039"
    assert normalise_gss_code("E10000029") == "E10000029"


@pytest.mark.django_db
def test_council_lookup_and_unknown_codes():
    table = read_table("gss_code\nE08000016\nE08000039\nE99999999\n", required=["gss_code"])
    councils = councils_by_gss_code(table.column_values("gss_code"))
    found = [row.council("gss_code", councils) for row in table.rows]
    assert [c.name if c else None for c in found] == ["Barnsley", "Sheffield", None]
    assert table.errors == ["Line 4: unknown GSS code 'E99999999'."]


def test_duplicates_name_the_first_line():
    tracker = DuplicateTracker()
    assert tracker.first_line(("a", 1), 2) is None
    assert tracker.first_line(("a", 1), 5) == 2
    row = _row(x="1")
    row.check_duplicate(tracker, ("a", 1), "A in 2023-24")
    assert row.problems == ["A in 2023-24 repeats line 2"]


def test_many_errors_are_capped_for_display():
    error = CsvImportError([f"Line {n}: bad." for n in range(2, 400)])
    shown = error.shown_errors
    assert len(shown) == 201
    assert shown[-1] == "… and 198 more problems."
