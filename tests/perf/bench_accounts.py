"""Benchmark: the account chooser and contexts of a partner with many connected accounts.

Builds one partner connected to N customer accounts (default 1,000), serves the portal with
gunicorn (production settings, 2 workers) and measures median and p95 latency of each page
over real HTTP, beside /healthz.

    .venv/bin/python tests/perf/bench_accounts.py [--accounts 1000] [--requests 200]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/forticloud_bench .venv/bin/python ...

The database named by DATABASE_URL (default: a temporary SQLite file) is migrated and filled;
use a scratch database.
"""

import argparse
import http.cookiejar
import os
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "bench-password-0123"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


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


class Browser:
    def __init__(self, base_url):
        self.base_url = base_url
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def get(self, path, headers=None):
        request = urllib.request.Request(self.base_url + path, headers=headers or {})
        with self.opener.open(request) as response:
            body = response.read()
            assert response.status == 200, (path, response.status)
            return body

    def login(self, email):
        page = self.get("/login/").decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        data = urllib.parse.urlencode(
            {"csrfmiddlewaretoken": token, "email": email, "password": PASSWORD}
        ).encode()
        request = urllib.request.Request(
            self.base_url + "/login/", data=data, headers={"Referer": self.base_url + "/login/"}
        )
        with self.opener.open(request) as response:
            assert "/accounts/" in response.url, response.url


def measure(browser, path, count, headers=None):
    browser.get(path, headers)  # warm up
    timings = []
    for _ in range(count):
        start = time.perf_counter()
        browser.get(path, headers)
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    return statistics.median(timings), timings[int(len(timings) * 0.95) - 1]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=1000)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()

    scratch = Path(tempfile.mkdtemp(prefix="forticloud-bench-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "forticloud.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_SECURE_COOKIES": "0",
        "DJANGO_LOG_LEVEL": "WARNING",
    }
    env.setdefault("DATABASE_URL", f"sqlite:///{scratch}/bench.sqlite3")
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    base = prepare(args.accounts)

    port = free_port()
    server = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "forticloud.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        url = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                urllib.request.urlopen(url + "/healthz")
                break
            except OSError:
                time.sleep(0.1)
        browser = Browser(url)
        browser.login("bench@partner.test")
        htmx = {"HX-Request": "true", "HX-Target": "modal-body"}
        pages = [
            ("/healthz", "/healthz", None),
            ("chooser, first page", "/accounts/?tab=partner", None),
            ("chooser, page 20", "/accounts/?tab=partner&page=20", None),
            ("chooser, search", f"/accounts/?tab=partner&q={base + 777}", None),
            ("Switch Accounts dialog (htmx)", "/accounts/switch/?tab=partner", htmx),
            ("Dashboard in a customer", f"/a/{base + 500}/", None),
            ("Connected Accounts, first page", "/partner/account/connected-accounts/", None),
            (
                "Connected Accounts, page 20, sorted",
                "/partner/account/connected-accounts/?sort=-account&page=20",
                None,
            ),
            (
                "Connected Accounts, search",
                f"/partner/account/connected-accounts/?q={base + 9}",
                None,
            ),
            ("Visit as Partner", "/partner/", None),
        ]
        vendor = "PostgreSQL" if env["DATABASE_URL"].startswith("postgres") else "SQLite"
        print(
            f"\n{args.accounts} connected accounts, {vendor}, gunicorn 2 workers, "
            f"{args.requests} requests per page\n"
        )
        print(f"| {'page':<36} | p50 ms | p95 ms | p50 / healthz |")
        print(f"|{'-' * 38}|-------:|-------:|--------------:|")
        healthz = None
        for label, path, headers in pages:
            p50, p95 = measure(browser, path, args.requests, headers)
            healthz = healthz or p50
            print(f"| {label:<36} | {p50:6.1f} | {p95:6.1f} | {p50 / healthz:13.1f} |")
    finally:
        server.terminate()
        server.wait()
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
