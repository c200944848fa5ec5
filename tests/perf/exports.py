"""Export jobs beside a bare loop: psycopg's server-side cursor over the same rows, written by
csv.writer / xlsxwriter alone (the most an export could do)."""

import csv
import tempfile
import time

import xlsxwriter

from tests.perf.common import export_job, process_peak_rss_kib


def bare_export(queryset, kind: str) -> tuple[int, float]:
    """(rows, seconds) of writing ``queryset``'s rows with nothing but psycopg and the writer."""
    from django.db import connection, transaction

    sql, params = queryset.query.sql_with_params()
    start = time.perf_counter()
    count = 0
    with transaction.atomic(), tempfile.TemporaryFile("w+b") as spool:
        connection.ensure_connection()
        with connection.connection.cursor(name="bare_export") as cursor:
            cursor.itersize = 5000
            cursor.execute(sql, params)
            if kind == "csv":
                with open(spool.fileno(), "w", newline="", closefd=False) as text:
                    writer = csv.writer(text)
                    for count, row in enumerate(cursor, start=1):  # noqa: B007
                        writer.writerow(row)
            else:
                options = {"constant_memory": True, "remove_timezone": True}
                workbook = xlsxwriter.Workbook(spool, options)
                sheet = workbook.add_worksheet()
                for count, row in enumerate(cursor, start=1):
                    sheet.write_row(count, 0, row)
                workbook.close()
    return count, time.perf_counter() - start


def export_comparison(browser, worker, context_path, declaration, *, small_query):
    """Print each format's job rate beside the bare loop's, and the worker's peak memory after
    a small export and after the whole list."""
    from forticloud.devdata.scale import PARTNER_EMAIL
    from iam.models import User
    from iam.partner_access import access_for_partner_visit

    access = access_for_partner_visit(User.objects.get(email=PARTNER_EMAIL.format(n=0)))
    table = declaration.table
    columns = table.shown_to(access)
    rows = table.ordered(declaration.rows(access), table.default_sort)
    bare_rows = rows.values_list(*[column.exported_field for column in columns])
    print(f"\nExport jobs of {declaration.title} (rows per second; worker peak memory):")
    print("| export | job rows/s | bare loop rows/s | job / bare | worker peak small / all |")
    print("|--------|-----------:|-----------------:|-----------:|-------------------------|")
    for kind in declaration.exports:
        export_job(browser, context_path, declaration.name, kind, small_query)  # warm up
        small_peak = process_peak_rss_kib(worker.pid)
        count, seconds = export_job(browser, context_path, declaration.name, kind)
        peak = process_peak_rss_kib(worker.pid)
        bare_count, bare_seconds = bare_export(bare_rows, kind)
        job_rate, bare_rate = count / seconds, bare_count / bare_seconds
        print(
            f"| {kind:<6} | {job_rate:10,.0f} | {bare_rate:16,.0f} | {job_rate / bare_rate:10.0%} "
            f"| {small_peak / 1024:.0f} MiB / {peak / 1024:.0f} MiB ({count:,} rows) |"
        )
