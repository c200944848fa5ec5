"""Benchmark: the Vulnerability List at scale, against `manage.py generate_scale_data`'s data
set (its units carry firmware versions and the demo advisories are loaded).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/forticloud_scale \\
        .venv/bin/python tests/perf/bench_vulnerabilities.py [--requests 30]

Counts every account's coverage and advisories once (the recount a new day, a change or an
import asks the worker for, timed here) and vacuums the count tables (as autovacuum does
within a minute), then serves the portal with gunicorn (production
settings, 2 workers) and asks in turn (interleaved rounds): /healthz, the partner's aggregated
Vulnerability List over its 1,000 customers (first page, sorted by units, Critical only, a
search, one company), the Product List's first page (for reference) and the Product List
filtered to the advisory affecting the most units and to the one affecting the fewest, one
customer's Vulnerability List and the
Django admin changelist of assets; prints median, p95 and the ratios to /healthz and to the
admin.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.perf import scale_setup
from tests.perf.common import gunicorn, measure_interleaved, table

ADMIN = "Django admin changelist of assets"
PARTNER_LIST = "/partner/assets/vulnerability-list/"


def main():
    args = scale_setup.arguments(__doc__, requests=30).parse_args()
    env = scale_setup.connect()

    from django.db.models import Sum

    from assets.advisory_models import Advisory, AdvisoryCount
    from assets.models import Asset
    from forticloud.devdata.scale import (
        FIRST_ACCOUNT_ID,
    )

    accounts, recount = scale_setup.recount_everything()
    units = Asset.objects.in_service().count()
    versioned = Asset.objects.in_service().filter(firmware_code__isnull=False).count()
    totals = AdvisoryCount.objects.filter(whole=True).values("advisory_id")
    by_units = totals.annotate(units=Sum("units"))
    top, fewest = by_units.order_by("-units").first(), by_units.order_by("units").first()
    if top is None:
        sys.exit("No advisory affects any unit: run generate_scale_data (it loads advisories).")
    advisory = Advisory.objects.get(pk=top["advisory_id"])
    rare = Advisory.objects.get(pk=fewest["advisory_id"])

    with gunicorn(env) as (url, _server):
        partner, owner, staff = scale_setup.scale_browsers(url)
        pages = [
            ("/healthz", partner, "/healthz"),
            ("partner Vulnerability List, first page", partner, PARTNER_LIST),
            ("partner, sorted by units affected", partner, f"{PARTNER_LIST}?sort=-units"),
            ("partner, Critical only", partner, f"{PARTNER_LIST}?severity=critical"),
            ("partner, search sslvpnd", partner, f"{PARTNER_LIST}?q=sslvpnd"),
            ("partner, one company", partner, f"{PARTNER_LIST}?company={FIRST_ACCOUNT_ID}"),
            ("partner Product List, first page (reference)", partner, "/partner/assets/"),
            (
                f"partner Product List, units of {advisory.advisory_id}",
                partner,
                f"/partner/assets/?advisory={advisory.pk}",
            ),
            (
                f"partner Product List, units of {rare.advisory_id}",
                partner,
                f"/partner/assets/?advisory={rare.pk}",
            ),
            (
                "one customer's Vulnerability List",
                owner,
                f"/a/{FIRST_ACCOUNT_ID}/assets/vulnerability-list/",
            ),
            (ADMIN, staff, "/admin/assets/asset/"),
        ]
        vendor = scale_setup.vendor(env)
        print(
            f"\n{len(accounts):,} accounts, {units:,} units in service ({versioned:,} with a "
            f"firmware version), {Advisory.objects.count()} advisories, {vendor}, gunicorn 2 "
            f"workers, {args.requests} rounds; counting every account's coverage and "
            f"advisories took {recount:.1f} s\n"
        )
        table(measure_interleaved(pages, args.requests), extra=ADMIN)


if __name__ == "__main__":
    main()
