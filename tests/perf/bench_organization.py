"""Benchmark: the organization view and Switch Accounts of an organization at scale, against
`manage.py generate_scale_data`'s data set (1,000 member accounts over a 3-level OU tree).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/forticloud_scale \\
        .venv/bin/python tests/perf/bench_organization.py [--requests 30]

Serves the portal with gunicorn (production settings, 2 workers) and asks in turn (interleaved
rounds): /healthz; the OU admin's organization view (its region: 200 member accounts) and the
root owner's (all 1,000), Product List first page, sorted, a deep page and a search; the
Organization Accounts tab of Switch Accounts (htmx) and of the chooser; the Django admin
changelist of assets. Prints median, p95 and the ratios to /healthz and to the admin.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.perf import scale_setup
from tests.perf.common import Browser, gunicorn, measure_interleaved, table

ADMIN = "Django admin changelist of assets"


def main():
    args = scale_setup.arguments(__doc__, requests=30).parse_args()
    env = scale_setup.connect()

    from assets.models import Asset
    from forticloud.devdata.scale import SCALE_PASSWORD, STAFF_EMAIL
    from forticloud.devdata.scale_organization import OU_ADMIN
    from iam.access import access_for_context
    from iam.models import Organization, User

    organization = Organization.objects.get(name="Scale Group")
    root = organization.root_id
    admin_user = User.objects.get(account_id=root, username=OU_ADMIN)
    in_region = Asset.objects.visible_to(access_for_context(admin_user, f"o-{root}"))
    in_region = in_region.in_service().count()
    members = organization.members.count()

    with gunicorn(env) as (url, _server):
        admin, owner, staff = Browser(url), Browser(url), Browser(url)
        admin.login_iam(str(root), OU_ADMIN, SCALE_PASSWORD)
        owner.login(f"owner{root}@scale.test", SCALE_PASSWORD)
        staff.login(STAFF_EMAIL, SCALE_PASSWORD)
        view = f"/o/{root}/assets/"
        switch = "/accounts/switch/?tab=organization"
        pages = [
            ("/healthz", admin, "/healthz"),
            ("OU admin: Product List, first page", admin, view),
            ("OU admin: sorted by PRODUCT MODEL", admin, f"{view}?sort=model"),
            ("OU admin: search", admin, f"{view}?q=FGT"),
            ("OU admin: All Tickets", admin, f"/o/{root}/forticare/"),
            ("OU admin: Switch Accounts (Organization)", admin, switch),
            ("OU admin: chooser, page 5", admin, "/accounts/?tab=organization&page=5"),
            ("root owner: Product List, first page", owner, view),
            ("root owner: Switch Accounts (Organization)", owner, switch),
            (ADMIN, staff, "/admin/assets/asset/"),
        ]
        print(
            f"\n{members:,} member accounts; the OU admin's region holds {in_region:,} units in "
            f"service; {scale_setup.vendor(env)}, gunicorn 2 workers, {args.requests} rounds\n"
        )
        table(measure_interleaved(pages, args.requests), extra=ADMIN)


if __name__ == "__main__":
    main()
