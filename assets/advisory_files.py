"""Reading an advisories file (assets.advisory_import): CSV or JSON, row by row, each with
where it is ("line 4", "item 2"); a file that cannot be read as a whole is a BadFile."""

import csv
import json
from pathlib import Path

FIELDS = [
    "advisory_id",
    "title",
    "severity",
    "cvss",
    "cve_ids",
    "product_models",
    "affected_versions",
    "fixed_versions",
    "published",
]


class BadFile(Exception):
    """The file as a whole cannot be read (not CSV or JSON, missing columns)."""


def _records_csv(text: str):
    reader = csv.DictReader(text.splitlines(keepends=True))
    missing = [name for name in FIELDS if name not in (reader.fieldnames or [])]
    if missing:
        raise BadFile(f"line 1: missing columns: {', '.join(missing)}")
    line = reader.line_num + 1
    for record in reader:
        yield f"line {line}", record
        line = reader.line_num + 1


def _records_json(text: str):
    try:
        items = json.loads(text)
    except json.JSONDecodeError as error:
        raise BadFile(f"line {error.lineno}: not valid JSON ({error.msg})") from None
    except (ValueError, RecursionError):  # a number of thousands of digits, deep nesting
        raise BadFile("not JSON this import reads (a huge number or deep nesting)") from None
    if not isinstance(items, list):
        raise BadFile("the file must hold a JSON list of advisories")
    for number, item in enumerate(items, start=1):
        yield f"item {number}", item


def records_read(path) -> list[tuple[str, object]]:
    """(where, record) of every row of the file: "line N" of a CSV file, "item N" of JSON."""
    raw = Path(path).read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise BadFile("the file is not UTF-8 text") from None
    is_json = str(path).lower().endswith(".json") or (
        not str(path).lower().endswith(".csv") and text.lstrip().startswith("[")
    )
    try:
        return list(_records_json(text) if is_json else _records_csv(text))
    except csv.Error as error:  # e.g. a field beyond the csv module's size limit
        raise BadFile(f"not CSV this import reads ({error})") from None
