"""Benchmark: the Product List at scale, against `manage.py generate_scale_data`'s data set.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/forticloud_scale \\
        .venv/bin/python manage.py generate_scale_data          # 1M assets, once
    DATABASE_URL=... .venv/bin/python tests/perf/bench_assets.py [--requests 50]

Serves the portal with gunicorn (production settings, 2 workers) and prints median and p95 of
/healthz, the partner's aggregated Product List (first page, a sorted page half-way through
the list, a search), one account's Product List and the Django admin changelist of assets,
with the ratios to /healthz and the admin; then streams the CSV export of every visible asset
and reports rows per second and the workers' peak memory before and after.
"""

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.perf import scale_setup
from tests.perf.common import Browser, gunicorn, measure, table, worker_peak_rss_kib


def deep_cursor(position: int) -> tuple[str, str]:
    """A cursor (and a serial prefix to search for) half-way through the aggregated list."""
    import django

    django.setup()
    from assets.models import Asset
    from forticloud.web.listing import cursor_encode

    serial, pk = Asset.objects.order_by("serial_number", "id").values_list("serial_number", "id")[
        position
    ]
    return cursor_encode(serial, pk), serial[:-3]


def main():
    parser = scale_setup.arguments(__doc__, requests=50)
    parser.add_argument("--skip-export", action="store_true")
    args = parser.parse_args()
    env = scale_setup.connect()

    from assets.models import Asset
    from forticloud.devdata.scale import (
        FIRST_ACCOUNT_ID,
        PARTNER_EMAIL,
        SCALE_PASSWORD,
        STAFF_EMAIL,
    )

    total = Asset.objects.count()
    cursor, prefix = deep_cursor(total // 2)

    with gunicorn(env) as (url, server):
        partner, owner, staff = Browser(url), Browser(url), Browser(url)
        partner.login(PARTNER_EMAIL.format(n=0), SCALE_PASSWORD)
        owner.login(f"owner{FIRST_ACCOUNT_ID}@scale.test", SCALE_PASSWORD)
        staff.login(STAFF_EMAIL, SCALE_PASSWORD)
        pages = [
            ("/healthz", partner, "/healthz"),
            ("aggregated Product List, first page", partner, "/partner/assets/"),
            ("aggregated, sorted by serial, first page", partner, "/partner/assets/?sort=serial"),
            (
                f"aggregated, sorted by serial, row {total // 2:,}",
                partner,
                f"/partner/assets/?sort=serial&after={cursor}",
            ),
            ("aggregated, search by serial prefix", partner, f"/partner/assets/?q={prefix}"),
            ("one account's Product List", owner, f"/a/{FIRST_ACCOUNT_ID}/assets/"),
            ("Django admin changelist of assets", staff, "/admin/assets/asset/"),
        ]
        vendor = scale_setup.vendor(env)
        print(f"\n{total:,} assets, {vendor}, gunicorn 2 workers, {args.requests} requests each\n")
        rows = [(label, *measure(browser, path, args.requests)) for label, browser, path in pages]
        table(rows, extra="Django admin changelist of assets")

        if not args.skip_export:
            before = worker_peak_rss_kib(server.pid)
            start = time.perf_counter()
            lines = 0
            for block in partner.stream("/partner/assets/?export=csv"):
                lines += block.count(b"\n")
            seconds = time.perf_counter() - start
            after = worker_peak_rss_kib(server.pid)
            print(
                f"\nCSV export: {lines - 1:,} rows in {seconds:.1f} s "
                f"({(lines - 1) / seconds:,.0f} rows/s); worker peak memory "
                f"{before / 1024:.0f} MiB before, {after / 1024:.0f} MiB after"
            )


if __name__ == "__main__":
    main()
