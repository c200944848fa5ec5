"""Streamed CSV exports, safe to open in a spreadsheet (the same rule for every export)."""

import csv
import datetime
import tempfile
from collections.abc import Iterable

import xlsxwriter
from django.http import FileResponse, StreamingHttpResponse

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n")


def csv_safe(value) -> str:
    """A cell a spreadsheet shows as text: a leading ' disarms = + - @ tab CR LF."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


class _Echo:
    def write(self, value):
        return value


# Rows are sent in chunks of about this many characters: one write per row would make the
# server's per-chunk overhead dominate.
CHUNK = 64 * 1024


def stream_csv(filename: str, header: list[str], rows: Iterable[Iterable]) -> StreamingHttpResponse:
    writer = csv.writer(_Echo(), quoting=csv.QUOTE_MINIMAL)

    def lines():
        chunk = ["\ufeff", writer.writerow(header)]  # BOM: Excel then reads accents correctly
        size = 0
        for row in rows:
            line = writer.writerow([csv_safe(cell) for cell in row])
            chunk.append(line)
            size += len(line)
            if size >= CHUNK:
                yield "".join(chunk)
                chunk, size = [], 0
        yield "".join(chunk)

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def stream_xlsx(filename: str, header: list[str], rows: Iterable[Iterable], *, sheet="Export"):
    """An .xlsx written row by row in constant memory to a temporary file, then streamed.

    Dates stay dates; no cell ever becomes a formula (strings_to_formulas off), so a value
    like "=HYPERLINK(...)" is shown as text."""
    spool = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse closes it after streaming)
    workbook = xlsxwriter.Workbook(
        spool,
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
    worksheet.write_row(0, 0, header, bold)
    for row_number, row in enumerate(rows, start=1):
        for column, value in enumerate(row):
            if isinstance(value, datetime.date):
                worksheet.write_datetime(row_number, column, value, date_format)
            elif value is None:
                worksheet.write_blank(row_number, column, None)
            else:
                worksheet.write_string(row_number, column, str(value))
    workbook.close()
    spool.seek(0)
    return FileResponse(
        spool,
        as_attachment=True,
        filename=filename,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
