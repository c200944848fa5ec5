"""Export files: CSV and .xlsx written row by row to a file in constant memory, safe to open
in a spreadsheet (the same rule for every export). The worker writes them (see iam.exports)."""

import codecs
import csv
import datetime
import io
import time
from collections.abc import Callable, Iterable

import xlsxwriter
from django.http import FileResponse, HttpResponse
from django.utils.http import content_disposition_header

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
# Progress is reported at most every PROGRESS_SECONDS (the job's page asks every second), the
# clock read every PROGRESS_CHECK rows. A report is an UPDATE committed on its own: one per
# 5,000 rows cost a 100,000-row job 5% of its time.
PROGRESS_SECONDS = 0.5
PROGRESS_CHECK = 1000


# A time is exported as the lists show it, to the minute: "2026-12-05 14:07" (isoformat's first
# 16 characters, a quarter of what strftime costs, which a million rows paid twice a row).
MINUTE_LENGTH = 16
# Spreadsheets keep 15 significant digits: a longer number stays text.
LARGEST_NUMBER = 10**15


def _csv_safe_row(row) -> list:
    """The cells as a spreadsheet shows them as text: a leading ' disarms text starting with
    = + - @ tab CR LF (only text can start a formula); a time to the minute; numbers, dates and
    None (an empty cell) as they are. One comprehension: it runs for every cell of a million
    rows."""
    return [
        ("'" + cell if cell.startswith(FORMULA_PREFIXES) else cell)
        if cell.__class__ is str
        else cell.isoformat(" ", "minutes")[:MINUTE_LENGTH]
        if cell.__class__ is datetime.datetime
        else cell
        for cell in row
    ]


def with_progress(rows: Iterable, progress: Callable[[int], None], clock=time.monotonic):
    """``rows``, calling ``progress(rows so far)`` at most every PROGRESS_SECONDS while they
    come, and once at the end."""
    count, due = 0, clock() + PROGRESS_SECONDS
    for count, row in enumerate(rows, start=1):
        yield row
        if count % PROGRESS_CHECK == 0 and (now := clock()) >= due:
            progress(count)
            due = now + PROGRESS_SECONDS
    progress(count)


def write_csv(binary_file, header: list[str], rows: Iterable[Iterable], progress) -> None:
    # The BOM makes Excel read accents correctly. Written here, then plain UTF-8: a "utf-8-sig"
    # text file writes the same bytes but encodes every row through Python's codec machinery
    # (7% of a CSV job).
    binary_file.write(codecs.BOM_UTF8)
    text = io.TextIOWrapper(binary_file, encoding="utf-8", newline="")
    writer = csv.writer(text, quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    writer.writerows(_csv_safe_row(row) for row in with_progress(rows, progress))
    text.flush()
    text.detach()  # the caller keeps the binary file open


def write_xlsx(binary_file, header: list[str], rows: Iterable[Iterable], progress, *, sheet):
    """Dates and times stay dates and times (a time shown to the minute), numbers stay
    numbers; no cell ever becomes a formula (strings_to_formulas off), so a value like
    "=HYPERLINK(...)" is shown as text."""
    workbook = xlsxwriter.Workbook(
        binary_file,
        {
            "constant_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        },
    )
    worksheet = workbook.add_worksheet(sheet)
    bold = workbook.add_format({"bold": True})
    date_format = workbook.add_format({"num_format": "yyyy-mm-dd"})
    time_format = workbook.add_format({"num_format": "yyyy-mm-dd hh:mm"})
    worksheet.write_row(0, 0, header, bold)
    for row_number, row in enumerate(with_progress(rows, progress), start=1):
        for column, value in enumerate(row):
            if isinstance(value, datetime.datetime):
                worksheet.write_datetime(row_number, column, value, time_format)
            elif isinstance(value, datetime.date):
                worksheet.write_datetime(row_number, column, value, date_format)
            elif value.__class__ is int and -LARGEST_NUMBER < value < LARGEST_NUMBER:
                worksheet.write_number(row_number, column, value)
            elif value is None:
                worksheet.write_blank(row_number, column, None)
            else:
                worksheet.write_string(row_number, column, str(value))
    workbook.close()


def write_export(kind: str, binary_file, header, rows, progress, *, sheet="Export") -> None:
    if kind == "csv":
        write_csv(binary_file, header, rows, progress)
    else:
        write_xlsx(binary_file, header, rows, progress, sheet=sheet)


# An export's file is sent in blocks of this size (FileResponse reads 4 KiB at a time: 25,000
# reads of a million-row file from an object store); a local file goes by sendfile anyway.
DOWNLOAD_BLOCK = 1 << 16


def download(file, size: int, filename: str, kind: str) -> HttpResponse:
    """An export's file (open for reading, ``size`` bytes) as an attachment, sent as it is
    read; with no file (a HEAD request) the same headers alone."""
    if file is None:
        response = HttpResponse(content_type=CONTENT_TYPES[kind])
        response["Content-Disposition"] = content_disposition_header(True, filename)
    else:
        response = FileResponse(
            file, as_attachment=True, filename=filename, content_type=CONTENT_TYPES[kind]
        )
        response.block_size = DOWNLOAD_BLOCK
    response["Content-Length"] = str(size)
    return response
