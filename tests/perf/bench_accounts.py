"""Benchmark: the account chooser and contexts of a partner with many connected accounts.

Builds one partner connected to N customer accounts (default 1,000), serves the portal with
gunicorn (production settings, 2 workers) and measures median and p95 latency of each page
over real HTTP, beside /healthz, asked in turn (interleaved rounds).

    .venv/bin/python tests/perf/bench_accounts.py [--accounts 1000] [--requests 200]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/forticloud_bench .venv/bin/python ...

The database named by DATABASE_URL (default: a temporary SQLite file) is migrated and filled;
use a scratch database.
"""

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.perf.common import ROOT, Browser, gunicorn, measure_interleaved, production_env, table

PASSWORD = "bench-password-0123"


def prepare(accounts: int):
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from iam.models import Account, PartnerRole, User
    from partners.models import Partner

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    partner, _ = Partner.objects.get_or_create(company_name="Bench Partner")
    base = 7_000_000
    ids = range(base, base + accounts)
    Account.objects.bulk_create(
        [Account(pk=n, company_name=f"Company {n}") for n in ids],
        ignore_conflicts=True,
        batch_size=500,
    )
    owners = [
        User(kind=User.Kind.OWNER, email=f"owner{n}@bench.test", account_id=n, full_name=f"O {n}")
        for n in ids
    ]
    User.objects.bulk_create(owners, ignore_conflicts=True, batch_size=500)
    roles = [
        PartnerRole(account_id=n, partner=partner, name="Bench role", status="active") for n in ids
    ]
    PartnerRole.objects.bulk_create(roles, ignore_conflicts=True, batch_size=500)
    user = User.objects.filter(email="bench@partner.test").first() or User(
        kind=User.Kind.PARTNER, email="bench@partner.test", partner=partner
    )
    user.set_password(PASSWORD)
    user.save()
    # Fresh bulk loads have no planner statistics yet; production has autovacuum's.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return base


class Htmx:
    """The same browser asking as htmx asks (the Switch Accounts dialog)."""

    def __init__(self, browser):
        self.browser = browser

    def get(self, path):
        return self.browser.get(path, {"HX-Request": "true", "HX-Target": "modal-body"})


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=1000)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()

    scratch = Path(tempfile.mkdtemp(prefix="forticloud-bench-"))
    env = production_env(os.environ.get("DATABASE_URL", f"sqlite:///{scratch}/bench.sqlite3"))
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    base = prepare(args.accounts)
    try:
        with gunicorn(env) as (url, _server):
            browser = Browser(url)
            browser.login("bench@partner.test", PASSWORD)
            htmx = Htmx(browser)
            connected = "/partner/account/connected-accounts/"
            chooser = "/accounts/?tab=partner"
            pages = [
                ("/healthz", browser, "/healthz"),
                ("chooser, first page", browser, chooser),
                ("chooser, page 20", browser, f"{chooser}&page=20"),
                ("chooser, search", browser, f"{chooser}&q={base + args.accounts - 3}"),
                ("Switch Accounts dialog (htmx)", htmx, "/accounts/switch/?tab=partner"),
                ("Dashboard in a customer", browser, f"/a/{base + args.accounts // 2}/"),
                ("Connected Accounts, first page", browser, connected),
                (
                    "Connected Accounts, page 20, sorted",
                    browser,
                    f"{connected}?sort=-account&page=20",
                ),
                ("Connected Accounts, search", browser, f"{connected}?q={base + 9}"),
                ("Visit as Partner", browser, "/partner/"),
            ]
            vendor = "PostgreSQL" if env["DATABASE_URL"].startswith("postgres") else "SQLite"
            print(
                f"\n{args.accounts} connected accounts, {vendor}, gunicorn 2 workers, "
                f"{args.requests} interleaved rounds\n"
            )
            table(measure_interleaved(pages, args.requests))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
