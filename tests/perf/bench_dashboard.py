"""Benchmark: the Dashboards at scale, against `manage.py generate_scale_data`'s data set.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/forticloud_scale \\
        .venv/bin/python tests/perf/bench_dashboard.py [--requests 30]

Counts every account's coverage once (the recount a new day or a change asks the worker for,
timed here), then serves the portal with gunicorn (production settings, 2 workers) and asks in
turn (interleaved rounds): /healthz, the partner's Dashboard with its 1,000 customers (first,
middle and last page of the customer table), one customer's Dashboard and Users page, and the
Django admin changelists of assets and users; prints median, p95 and the ratios to /healthz and
to the assets' admin.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.perf import scale_setup
from tests.perf.common import gunicorn, measure_interleaved, table

ADMIN = "Django admin changelist of assets"


def main():
    args = scale_setup.arguments(__doc__, requests=30).parse_args()
    env = scale_setup.connect()

    from assets.models import Asset
    from forticloud.devdata.scale import (
        FIRST_ACCOUNT_ID,
    )

    accounts, recount = scale_setup.recount_everything()
    units = Asset.objects.in_service().count()
    last_page = -(-len(accounts) // 25)

    with gunicorn(env) as (url, _server):
        partner, owner, staff = scale_setup.scale_browsers(url)
        pages = [
            ("/healthz", partner, "/healthz"),
            ("partner Dashboard, first page", partner, "/partner/"),
            ("partner Dashboard, middle page", partner, f"/partner/?page={last_page // 2}"),
            ("partner Dashboard, last page", partner, f"/partner/?page={last_page}"),
            ("one customer's Dashboard", owner, f"/a/{FIRST_ACCOUNT_ID}/"),
            ("one customer's Users page", owner, f"/a/{FIRST_ACCOUNT_ID}/iam/users/"),
            (ADMIN, staff, "/admin/assets/asset/"),
            ("Django admin changelist of users", staff, "/admin/iam/user/"),
        ]
        vendor = scale_setup.vendor(env)
        print(
            f"\n{len(accounts):,} accounts, {units:,} units in service, {vendor}, "
            f"gunicorn 2 workers, {args.requests} rounds; "
            f"counting every account's coverage took {recount:.1f} s\n"
        )
        table(measure_interleaved(pages, args.requests), extra=ADMIN)


if __name__ == "__main__":
    main()
