"""Benchmark: the Product List at scale, against `manage.py generate_scale_data`'s data set.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/forticloud_scale \\
        .venv/bin/python manage.py generate_scale_data          # 1M assets, once
    DATABASE_URL=... .venv/bin/python tests/perf/bench_assets.py [--requests 30]

Serves the portal with gunicorn (production settings, 2 workers) beside one `db_worker`, and
asks every page in turn (interleaved rounds): /healthz, the partner's aggregated Product List
sorted by each column (first page, and the page at the middle row), searches, filters, one
account's list and the Django admin changelist of assets; prints median, p95 and the ratios to
/healthz and to the admin. Then exports the whole aggregated list as CSV and .xlsx jobs, beside
a bare csv.writer / xlsxwriter loop over the same rows, with the worker's peak memory.
"""

import sys
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.perf import scale_setup
from tests.perf.common import db_worker, gunicorn, measure_interleaved, table
from tests.perf.exports import export_comparison

ADMIN = "Django admin changelist of assets"


def middle_cursor(field: str, position: int) -> str:
    """The keyset cursor of the row at ``position`` in ``field`` order (the page after it)."""
    from assets.models import Asset
    from forticloud.web.listing import cursor_encode

    rows = Asset.objects.in_service().order_by(field, "id").values_list(field, "id")
    return cursor_encode(*rows[position])


def main():
    parser = scale_setup.arguments(__doc__, requests=30)
    parser.add_argument("--skip-export", action="store_true")
    args = parser.parse_args()
    env = scale_setup.connect()

    from assets.lists import PRODUCT_TABLE
    from assets.models import Asset
    from forticloud.devdata.scale import (
        FIRST_ACCOUNT_ID,
    )

    total = Asset.objects.in_service().count()
    serial_prefix = Asset.objects.order_by("id").values_list("serial_number", flat=True)[0][:-4]
    one_company = quote(Asset.objects.order_by("id").values_list("company_name", flat=True)[0])

    with gunicorn(env) as (url, _server), db_worker(env) as worker:
        partner, owner, staff = scale_setup.scale_browsers(url)
        pages = [("/healthz", partner, "/healthz")]
        for column in (column for column in PRODUCT_TABLE.columns if column.sortable):
            after = middle_cursor(column.field, total // 2)
            pages += [
                (
                    f"sorted by {column.key}, first page",
                    partner,
                    f"/partner/assets/?sort={column.key}",
                ),
                (
                    f"sorted by {column.key}, row {total // 2:,}",
                    partner,
                    f"/partner/assets/?sort={column.key}&after={after}",
                ),
            ]
        pages += [
            ("search by serial prefix", partner, f"/partner/assets/?q={serial_prefix}"),
            ("search in descriptions", partner, "/partner/assets/?q=%23421"),
            ("Expiring within 30 days", partner, "/partner/assets/?coverage=expiring30"),
            ("one company's name", partner, f"/partner/assets/?company={one_company}"),
            ("a name every company has", partner, "/partner/assets/?company=Company"),
            ("one account, first page", owner, f"/a/{FIRST_ACCOUNT_ID}/assets/"),
            ("one account, sorted by model", owner, f"/a/{FIRST_ACCOUNT_ID}/assets/?sort=model"),
            ("Decommissioned Units", partner, "/partner/assets/decommissioned/"),
            (ADMIN, staff, "/admin/assets/asset/"),
        ]
        vendor = scale_setup.vendor(env)
        print(f"\n{total:,} assets, {vendor}, gunicorn 2 workers, {args.requests} rounds\n")
        table(measure_interleaved(pages, args.requests), extra=ADMIN)

        if not args.skip_export:
            from assets.lists import PRODUCT_LIST

            export_comparison(partner, worker, "/partner/", PRODUCT_LIST, small_query="q=%23421")


if __name__ == "__main__":
    main()
