"""Setup shared by the benchmarks over ``manage.py generate_scale_data``'s data set."""

import argparse
import os
import sys

from tests.perf.common import production_env


def arguments(doc: str, requests: int) -> argparse.ArgumentParser:
    """The command line of a benchmark: ``doc``'s first line, ``--requests`` per page."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--requests", type=int, default=requests)
    return parser


def connect() -> dict:
    """Production settings on DATABASE_URL, the database generate_scale_data filled: Django set
    up in this process and static files collected for gunicorn. Returns gunicorn's environment."""
    if "DATABASE_URL" not in os.environ:
        sys.exit("Set DATABASE_URL to the database generate_scale_data filled.")
    env = production_env(os.environ["DATABASE_URL"])
    os.environ.update(env)

    import django

    django.setup()
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)
    return env


def vendor(env: dict) -> str:
    return "PostgreSQL" if env["DATABASE_URL"].startswith("postgres") else "SQLite"


def recount_everything() -> tuple[list[int], float]:
    """Every account's coverage and advisory counts, counted as the worker counts them, then
    vacuumed on PostgreSQL (as autovacuum does within a minute of a recount, which rewrites
    them). Returns the account ids and the seconds the counting took."""
    import time

    from django.db import connection

    from assets.coverage import coverage_recount
    from iam.models import Account

    accounts = list(Account.objects.values_list("pk", flat=True))
    start = time.perf_counter()
    coverage_recount(accounts)
    seconds = time.perf_counter() - start
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "VACUUM ANALYZE assets_advisorycount, assets_coveragecount, assets_coveragetally"
            )
    return accounts, seconds


def scale_browsers(url: str):
    """The data set's first partner user, first customer's owner and staff, logged in."""
    from forticloud.devdata.scale import (
        FIRST_ACCOUNT_ID,
        PARTNER_EMAIL,
        SCALE_PASSWORD,
        STAFF_EMAIL,
    )
    from tests.perf.common import Browser

    partner, owner, staff = Browser(url), Browser(url), Browser(url)
    partner.login(PARTNER_EMAIL.format(n=0), SCALE_PASSWORD)
    owner.login(f"owner{FIRST_ACCOUNT_ID}@scale.test", SCALE_PASSWORD)
    staff.login(STAFF_EMAIL, SCALE_PASSWORD)
    return partner, owner, staff
