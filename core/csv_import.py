"""Shared machinery for all-or-nothing CSV imports with line-numbered errors.

An import reads the whole file, checks every row, and loads nothing unless every row is good;
the person importing sees every bad row at once as "Line 7: unknown GSS code 'E99999999'."
(the header is line 1, so line numbers match what a spreadsheet shows).

Use it like this::

    table = read_table(data, required=["gss_code", "year"], optional=["note"])
    councils = councils_by_gss_code(table.column_values("gss_code"))  # councils.selectors
    seen = DuplicateTracker()
    for row in table.rows:
        council = row.council("gss_code", councils)
        year = row.year("year")
        if council and year:
            row.check_duplicate(seen, (council.pk, year), f"{council.name} in {year}")
        if row.ok:
            good.append(...)
    table.raise_if_errors()  # CsvImportError listing every bad row

Values are trimmed; an empty optional value is None. Old GSS codes that a later ONS recode
replaced (see ../shared/data/councils.README.md) are mapped to the current code before joining.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import TypeVar

# A council row (councils.models.Council); core does not import the domain apps.
CouncilT = TypeVar("CouncilT")

# ONS recoded Barnsley and Sheffield on 1 April 2025; ASCOF/SALT up to 2023-24 and the mid-2024
# population estimates still use the old pair.
GSS_RECODES: dict[str, str] = {
    "E08000016": "E08000038",  # Barnsley
    "E08000019": "E08000039",  # Sheffield
}

MAX_ERRORS_SHOWN = 200
MIN_YEAR = 2000
MAX_YEAR = 2100


class CsvImportError(Exception):
    """A file that cannot be loaded; `errors` lists every problem, each fit to show a user."""

    def __init__(self, errors: Sequence[str]):
        self.errors = list(errors)
        super().__init__("; ".join(self.errors[:5]))

    @property
    def shown_errors(self) -> list[str]:
        """The first MAX_ERRORS_SHOWN errors and a line saying how many more there are."""
        shown = self.errors[:MAX_ERRORS_SHOWN]
        if len(self.errors) > MAX_ERRORS_SHOWN:
            shown.append(f"… and {len(self.errors) - MAX_ERRORS_SHOWN} more problems.")
        return shown


def decode(data: bytes | str) -> str:
    """The text of an uploaded file: UTF-8, with or without a byte order mark (Excel adds one)."""
    if isinstance(data, str):
        return data.removeprefix("\ufeff")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CsvImportError(
            [
                f"The file is not UTF-8 text (byte {exc.start + 1} cannot be read). "
                "Save it as 'CSV UTF-8' and try again."
            ]
        ) from exc


def normalise_gss_code(code: str) -> str:
    """Upper-cased, trimmed and mapped from a replaced code to the code in force."""
    code = (code or "").strip().upper()
    return GSS_RECODES.get(code, code)


class DuplicateTracker:
    """Remembers the line each key was first seen on, to report repeats within a file."""

    def __init__(self) -> None:
        self._lines: dict[Hashable, int] = {}

    def first_line(self, key: Hashable, line: int) -> int | None:
        """The earlier line holding `key`, or None (and `key` is remembered for `line`)."""
        earlier = self._lines.get(key)
        if earlier is None:
            self._lines[key] = line
        return earlier


@dataclass
class Row:
    """One data row: typed accessors that record a problem instead of raising."""

    line: int
    values: dict[str, str]
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def problem(self, message: str) -> None:
        self.problems.append(message)

    def text(self, column: str, *, required: bool = True, max_length: int = 0) -> str | None:
        value = self.values.get(column, "")
        if not value:
            if required:
                self.problem(f"no {column}")
            return None
        if max_length and len(value) > max_length:
            self.problem(f"{column} is longer than {max_length} characters")
            return None
        return value

    def decimal(
        self, column: str, *, required: bool = True, minimum: Decimal | int | None = None
    ) -> Decimal | None:
        raw = self.text(column, required=required)
        if raw is None:
            return None
        try:
            value = Decimal(raw.replace(",", ""))
        except InvalidOperation:
            self.problem(f"{column} {raw!r} is not a number")
            return None
        if not value.is_finite():
            self.problem(f"{column} {raw!r} is not a number")
            return None
        if minimum is not None and value < minimum:
            self.problem(f"{column} {raw!r} is below {minimum}")
            return None
        return value

    def integer(
        self, column: str, *, required: bool = True, minimum: int | None = None
    ) -> int | None:
        raw = self.text(column, required=required)
        if raw is None:
            return None
        cleaned = raw.replace(",", "")
        if not cleaned.lstrip("-").isdigit():
            self.problem(f"{column} {raw!r} is not a whole number")
            return None
        value = int(cleaned)
        if minimum is not None and value < minimum:
            self.problem(f"{column} {raw!r} is below {minimum}")
            return None
        return value

    def year(self, column: str = "year") -> int | None:
        """A four-digit year; "2023-24" is read as 2023 (a financial year starting in April)."""
        raw = self.text(column)
        if raw is None:
            return None
        head = raw[:4]
        tail = raw[4:]
        if head.isdigit() and (not tail or (tail[:1] in "-/" and tail[1:].isdigit())):
            value = int(head)
            if tail and int(tail[1:]) % 100 != (value + 1) % 100:
                self.problem(f"{column} {raw!r} is not a financial year such as 2023-24")
                return None
            if MIN_YEAR <= value <= MAX_YEAR:
                return value
        self.problem(f"{column} {raw!r} is not a year such as 2023 or 2023-24")
        return None

    def date(self, column: str) -> datetime.date | None:
        """A date as YYYY-MM-DD or DD/MM/YYYY."""
        raw = self.text(column)
        if raw is None:
            return None
        for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
            try:
                return datetime.datetime.strptime(raw, pattern).date()  # noqa: DTZ007 - a date
            except ValueError:
                continue
        self.problem(f"{column} {raw!r} is not a date as YYYY-MM-DD")
        return None

    def boolean(self, column: str, *, required: bool = True) -> bool | None:
        raw = self.text(column, required=required)
        if raw is None:
            return None
        lowered = raw.lower()
        if lowered in {"yes", "y", "true", "1"}:
            return True
        if lowered in {"no", "n", "false", "0"}:
            return False
        self.problem(f"{column} {raw!r} is not yes or no")
        return None

    def council(self, column: str, councils: Mapping[str, CouncilT]) -> CouncilT | None:
        """The council whose GSS code (old Barnsley/Sheffield codes mapped) is in `column`;
        `councils` maps current GSS codes to councils
        (`councils.selectors.councils_by_gss_code`)."""
        raw = self.text(column)
        if raw is None:
            return None
        council = councils.get(normalise_gss_code(raw))
        if council is None:
            self.problem(f"unknown GSS code {raw!r}")
        return council

    def lookup(self, column: str, choices: Mapping[str, object], *, what: str) -> object | None:
        """The object `choices` holds under this column's value (matched case-insensitively)."""
        raw = self.text(column)
        if raw is None:
            return None
        found = choices.get(raw.upper())
        if found is None:
            self.problem(f"unknown {what} {raw!r}")
        return found

    def check_duplicate(self, tracker: DuplicateTracker, key: Hashable, label: str) -> None:
        earlier = tracker.first_line(key, self.line)
        if earlier is not None:
            self.problem(f"{label} repeats line {earlier}")

    def message(self) -> str:
        return f"Line {self.line}: {'; '.join(self.problems)}."


@dataclass
class Table:
    """The rows of a CSV file whose header has been checked."""

    rows: list[Row]

    def column_values(self, column: str) -> set[str]:
        return {row.values.get(column, "") for row in self.rows}

    @property
    def errors(self) -> list[str]:
        return [row.message() for row in self.rows if not row.ok]

    def raise_if_errors(self) -> None:
        """All or nothing: any bad row (or an empty file) stops the whole import."""
        errors = self.errors
        if not errors and not self.rows:
            errors = ["The file has no data rows."]
        if errors:
            raise CsvImportError(errors)


def read_table(
    data: bytes | str, *, required: Sequence[str], optional: Sequence[str] = ()
) -> Table:
    """Parse CSV text with a header row naming `required` columns (any order) and perhaps some
    `optional` ones; unknown or missing columns stop the import at line 1. Blank lines are
    skipped; a row with more values than columns is reported."""
    text = decode(data)
    reader = csv.reader(io.StringIO(text))
    try:
        header = next(reader)
    except StopIteration:
        raise CsvImportError(["The file is empty."]) from None
    except csv.Error as exc:
        raise CsvImportError([f"Line 1: {exc}."]) from exc
    header = [name.strip().lower() for name in header]
    known = [*required, *optional]
    problems = []
    missing = [name for name in required if name not in header]
    unknown = list(dict.fromkeys(name for name in header if name and name not in known))
    repeated = sorted({name for name in header if name and header.count(name) > 1})
    if missing:
        problems.append(f"missing columns {', '.join(missing)}")
    if unknown:
        problems.append(f"unknown columns {', '.join(unknown)}")
    if repeated:
        problems.append(f"repeated columns {', '.join(repeated)}")
    if problems:
        raise CsvImportError([f"Line 1: {'; '.join(problems)}. Expected: {', '.join(known)}."])
    rows: list[Row] = []
    ended = reader.line_num
    try:
        for cells in reader:
            # A quoted value may span lines: report the line the row starts on.
            line, ended = ended + 1, reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            row = Row(
                line=line,
                values={
                    name: cell.strip() for name, cell in zip(header, cells, strict=False) if name
                },
            )
            if len(cells) > len(header):
                row.problem(f"{len(cells)} values but {len(header)} columns")
            rows.append(row)
    except csv.Error as exc:
        raise CsvImportError([f"Line {reader.line_num}: {exc}."]) from exc
    return Table(rows=rows)
