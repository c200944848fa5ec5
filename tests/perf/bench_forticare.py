"""Benchmark: All Tickets and the Bug Tracker at scale, and the bug exports.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/forticloud_scale \\
        .venv/bin/python manage.py generate_scale_data     # 500k tickets, 100k bugs, once
    DATABASE_URL=... .venv/bin/python tests/perf/bench_forticare.py [--requests 30]

Prints median and p95 of the partner's aggregated All Tickets (first page, a page half-way,
a search) and of the Bug Tracker (first page, searches); then exports the 100,000 bugs as
CSV and .xlsx through the server, beside a bare csv.writer / xlsxwriter loop over the same
rows in this process, with rows per second and the workers' peak memory.
"""

import csv
import io
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import xlsxwriter

from tests.perf import scale_setup
from tests.perf.common import Browser, gunicorn, measure, table, worker_peak_rss_kib


def bare_rows():
    from forticare.lists import BUG_TABLE
    from forticare.models import Bug

    fields = [column.field for column in BUG_TABLE.columns]
    return Bug.objects.order_by("-number").values_list(*fields).iterator(chunk_size=5000)


def bare_csv() -> tuple[int, float]:
    start = time.perf_counter()
    sink = io.StringIO()
    writer = csv.writer(sink)
    count = 0
    for row in bare_rows():
        writer.writerow(row)
        count += 1
        if sink.tell() > 1 << 20:
            sink.seek(0)
            sink.truncate()
    return count, time.perf_counter() - start


def bare_xlsx() -> tuple[int, float]:
    start = time.perf_counter()
    with tempfile.TemporaryFile() as spool:
        workbook = xlsxwriter.Workbook(spool, {"constant_memory": True})
        sheet = workbook.add_worksheet()
        count = 0
        for count, row in enumerate(bare_rows(), start=1):
            sheet.write_row(count, 0, row)
        workbook.close()
    return count, time.perf_counter() - start


def timed_download(browser, path) -> tuple[int, float]:
    start = time.perf_counter()
    size = sum(len(block) for block in browser.stream(path))
    return size, time.perf_counter() - start


def main():
    args = scale_setup.arguments(__doc__, requests=30).parse_args()
    env = scale_setup.connect()

    from forticare.models import Bug, Ticket
    from forticloud.devdata.scale import PARTNER_EMAIL, SCALE_PASSWORD
    from forticloud.web.listing import cursor_encode

    tickets, bugs = Ticket.objects.count(), Bug.objects.count()
    created, pk = Ticket.objects.order_by("-created_at", "-id").values_list("created_at", "id")[
        tickets // 2
    ]
    cursor = cursor_encode(created, pk)

    with gunicorn(env) as (url, server):
        partner = Browser(url)
        partner.login(PARTNER_EMAIL.format(n=0), SCALE_PASSWORD)
        pages = [
            ("/healthz", "/healthz"),
            ("aggregated All Tickets, first page", "/partner/forticare/"),
            (
                f"aggregated All Tickets, row {tickets // 2:,}",
                f"/partner/forticare/?after={cursor}",
            ),
            ("aggregated All Tickets, search subject", "/partner/forticare/?q=Issue+4242+"),
            ("Bug Tracker, first page", "/partner/forticare/bug-tracker/"),
            ("Bug Tracker, search project", "/partner/forticare/bug-tracker/?q=FortiManager"),
            ("Bug Tracker, search summary", "/partner/forticare/bug-tracker/?q=summary+4242+"),
        ]
        vendor = scale_setup.vendor(env)
        print(f"\n{tickets:,} tickets, {bugs:,} bugs, {vendor}, gunicorn 2 workers\n")
        table([(label, *measure(partner, path, args.requests)) for label, path in pages])

        print(f"\nExport of all {bugs:,} bugs (rows per second; worker peak memory):")
        small = "/partner/forticare/bug-tracker/?q=FortiAP&export="
        for kind, bare in (("csv", bare_csv), ("xlsx", bare_xlsx)):
            timed_download(partner, small + kind)  # warm up with a fifth of the rows
            before = worker_peak_rss_kib(server.pid)
            _size, seconds = timed_download(
                partner, f"/partner/forticare/bug-tracker/?export={kind}"
            )
            after = worker_peak_rss_kib(server.pid)
            rows, bare_seconds = bare()
            portal_rate, bare_rate = bugs / seconds, rows / bare_seconds
            print(
                f"  {kind:<4} portal {portal_rate:9,.0f} rows/s   bare loop {bare_rate:9,.0f} "
                f"rows/s   portal/bare {portal_rate / bare_rate:5.0%}   worker peak "
                f"{before / 1024:.0f} MiB after {bugs // 5:,} rows, {after / 1024:.0f} MiB "
                f"after {bugs:,}"
            )


if __name__ == "__main__":
    main()
