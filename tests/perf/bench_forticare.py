"""Benchmark: All Tickets and the Bug Tracker at scale, and their export jobs.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/forticloud_scale \\
        .venv/bin/python manage.py generate_scale_data     # 500k tickets, 100k bugs, once
    DATABASE_URL=... .venv/bin/python tests/perf/bench_forticare.py [--requests 30]

Serves the portal with gunicorn (production settings, 2 workers) beside one `db_worker`, and
asks every page in turn (interleaved rounds): /healthz; the partner's aggregated All Tickets
(first page, the middle row, a search, filters, and sorted by each column: first page and the
middle row); the Bug Tracker sorted by each column (first page and the middle row) and its
searches; the Django admin changelists of tickets and bugs. Then exports All Tickets and the
Bug Tracker as CSV and .xlsx jobs beside a bare loop.
"""

import sys
from pathlib import Path
from urllib.parse import quote, urlencode

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.perf import scale_setup
from tests.perf.common import Browser, db_worker, gunicorn, measure_interleaved, table
from tests.perf.exports import export_comparison

TICKETS = "/partner/forticare/"
BUGS = "/partner/forticare/bug-tracker/"
ADMIN = "Django admin changelist of bugs"
# Searches of the Bug Tracker: a project, a word of every summary with a rare one, a single
# bug, two words of different columns, a release, a status.
BUG_SEARCHES = [
    ("project", "FortiManager"),
    ("summary words", "summary 4242"),
    ("rare word", "B77777:"),
    ("project and status", "FortiManager acknowledged"),
    ("two words no bug has together", "FortiManager resolved"),
    ("release", "7.4.12"),
    ("status", "resolved"),
]


def middle_cursor(model, field: str, position: int) -> str:
    from forticloud.web.listing import cursor_encode

    return cursor_encode(*model.objects.order_by(field, "id").values_list(field, "id")[position])


def main():
    parser = scale_setup.arguments(__doc__, requests=30)
    parser.add_argument("--skip-export", action="store_true")
    args = parser.parse_args()
    env = scale_setup.connect()

    from forticare.lists import ALL_TICKETS, BUG_TABLE, BUG_TRACKER, TICKET_TABLE
    from forticare.models import Bug, Ticket
    from forticloud.devdata.scale import PARTNER_EMAIL, SCALE_PASSWORD, STAFF_EMAIL

    tickets, bugs = Ticket.objects.count(), Bug.objects.count()
    with gunicorn(env) as (url, _server), db_worker(env) as worker:
        partner, staff = Browser(url), Browser(url)
        partner.login(PARTNER_EMAIL.format(n=0), SCALE_PASSWORD)
        staff.login(STAFF_EMAIL, SCALE_PASSWORD)
        middle = middle_cursor(Ticket, "created_at", tickets // 2)
        # A day with a hundredth of the tickets before it, and the first account's name.
        early_day = Ticket.objects.order_by("created_at")[tickets // 100].created_at.date()
        one_company = quote(Ticket.objects.order_by("account_id").first().company_name)
        pages = [
            ("/healthz", partner, "/healthz"),
            ("All Tickets, first page", partner, "/partner/forticare/"),
            (f"All Tickets, row {tickets // 2:,}", partner, f"/partner/forticare/?after={middle}"),
            ("All Tickets, search subject", partner, "/partner/forticare/?q=Issue+4242+"),
            ("All Tickets, Closed", partner, f"{TICKETS}?status=closed"),
            ("All Tickets, To an early day", partner, f"{TICKETS}?until={early_day}"),
            ("All Tickets, one company's name", partner, f"{TICKETS}?company={one_company}"),
            ("All Tickets, a name every company has", partner, f"{TICKETS}?company=Company"),
        ]
        for column in TICKET_TABLE.columns:
            if not column.sortable or column.field == "created_at":  # the default, above
                continue
            after = middle_cursor(Ticket, column.field, tickets // 2)
            pages += [
                (
                    f"All Tickets sorted by {column.key}, first page",
                    partner,
                    f"{TICKETS}?sort={column.key}",
                ),
                (
                    f"All Tickets sorted by {column.key}, row {tickets // 2:,}",
                    partner,
                    f"{TICKETS}?sort={column.key}&after={after}",
                ),
            ]
        for column in BUG_TABLE.columns:
            after = middle_cursor(Bug, column.field, bugs // 2)
            pages += [
                (f"Bugs sorted by {column.key}, first page", partner, f"{BUGS}?sort={column.key}"),
                (
                    f"Bugs sorted by {column.key}, row {bugs // 2:,}",
                    partner,
                    f"{BUGS}?sort={column.key}&after={after}",
                ),
            ]
        pages += [
            (f"Bugs, search {label}", partner, f"{BUGS}?{urlencode({'q': q})}")
            for label, q in BUG_SEARCHES
        ]
        pages += [
            ("Django admin changelist of tickets", staff, "/admin/forticare/ticket/"),
            (ADMIN, staff, "/admin/forticare/bug/"),
        ]
        vendor = scale_setup.vendor(env)
        print(f"\n{tickets:,} tickets, {bugs:,} bugs, {vendor}, gunicorn 2 workers")
        print(f"{args.requests} rounds\n")
        table(measure_interleaved(pages, args.requests), extra=ADMIN)

        if not args.skip_export:
            for declaration in (BUG_TRACKER, ALL_TICKETS):
                export_comparison(
                    partner, worker, "/partner/", declaration, small_query="q=FortiAP"
                )


if __name__ == "__main__":
    main()
