"""Benchmark: the REST API's Product List at scale, against `manage.py generate_scale_data`'s
data set (1,000 accounts, 1,000,000 units).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/forticloud_scale \\
        .venv/bin/python tests/perf/bench_api.py [--requests 30]

Adds (or renews) an API user with the SysAdmin profile in the first scale account, gets its
token from /oauth/token/, serves the portal with gunicorn (production settings, 2 workers)
and asks in turn (interleaved rounds): /healthz (bare, and with a portal session); the API's
Product List (first page, sorted by model, a page deep in the cursor, a search) and a unit;
the same account's Product List page; the Django admin changelist of assets. Prints median,
p95 and the ratios to /healthz and to the admin.
"""

import base64
import json
import sys
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.perf import scale_setup
from tests.perf.common import Browser, gunicorn, measure_interleaved, table

ADMIN = "Django admin changelist of assets"


class ApiClient(Browser):
    """Asks with the API user's bearer token, no cookies."""

    def __init__(self, base_url, token):
        super().__init__(base_url)
        self.token = token

    def get(self, path, headers=None) -> bytes:
        return super().get(path, {"Authorization": f"Bearer {self.token}"})


def api_user_secret(account_id: int) -> tuple[str, str]:
    """The Client ID and a fresh secret of the benchmark's API user."""
    from iam.access import access_for_account
    from iam.models import PermissionProfile, User
    from iam.services.api_users import (
        api_secret_regenerate,
        api_user_create,
        credentials_of,
    )

    owner = User.objects.get(kind=User.Kind.OWNER, account_id=account_id)
    access = access_for_account(owner, account_id)
    user = User.objects.filter(kind=User.Kind.API, account_id=account_id, username="bench").first()
    if user is None:
        sysadmin = PermissionProfile.objects.get(builtin=PermissionProfile.Builtin.SYSADMIN)
        user, secret = api_user_create(access=access, username="bench", permission_profile=sysadmin)
    else:
        secret = api_secret_regenerate(access=access, user=user)
    return credentials_of(user).client_id, secret


def token_of(url: str, client_id: str, secret: str) -> str:
    basic = base64.b64encode(f"{client_id}:{secret}".encode()).decode()
    request = urllib.request.Request(
        f"{url}/oauth/token/",
        data=urllib.parse.urlencode({"grant_type": "client_credentials"}).encode(),
        headers={"Authorization": f"Basic {basic}"},
    )
    with urllib.request.urlopen(request) as response:
        return json.load(response)["access_token"]


def main():
    args = scale_setup.arguments(__doc__, requests=30).parse_args()
    env = scale_setup.connect()

    from assets.models import Asset
    from forticloud.devdata.scale import FIRST_ACCOUNT_ID, SCALE_PASSWORD, STAFF_EMAIL

    account = FIRST_ACCOUNT_ID
    client_id, secret = api_user_secret(account)
    units = Asset.objects.in_service()
    unit = units.filter(account_id=account).order_by("id").first()
    total = units.count()

    # The rate limit (600 a minute by default) is not what is measured here.
    with gunicorn({**env, "API_RATE_LIMIT": "1000000/minute"}) as (url, _server):
        api = ApiClient(url, token_of(url, client_id, secret))
        owner, staff = Browser(url), Browser(url)
        owner.login(f"owner{account}@scale.test", SCALE_PASSWORD)
        staff.login(STAFF_EMAIL, SCALE_PASSWORD)
        # A page deep in the cursor: follow ``next`` twenty times.
        deep = "/api/v1/assets/units/"
        for _ in range(20):
            deep = urllib.parse.urlsplit(json.loads(api.get(deep))["next"])
            deep = f"{deep.path}?{deep.query}"
        pages = [
            ("/healthz", api, "/healthz"),
            ("/healthz with a portal session", owner, "/healthz"),
            ("API: Product List, first page", api, "/api/v1/assets/units/"),
            ("API: sorted by model", api, "/api/v1/assets/units/?sort=model"),
            ("API: page 21 (cursor)", api, deep),
            ("API: search", api, f"/api/v1/assets/units/?q={unit.serial_number[:6]}"),
            ("API: a unit", api, f"/api/v1/assets/units/{unit.pk}/"),
            ("page: Product List", owner, f"/a/{account}/assets/"),
            (ADMIN, staff, "/admin/assets/asset/"),
        ]
        print(
            f"\n{total:,} units in service (one account's: 1,000), {scale_setup.vendor(env)}, "
            f"gunicorn 2 workers, {args.requests} rounds\n"
        )
        table(measure_interleaved(pages, args.requests), extra=ADMIN)


if __name__ == "__main__":
    main()
