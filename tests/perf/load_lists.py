"""Load test: 50 users on the Product Lists while two exports of a million rows run.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/forticloud_scale \\
        .venv/bin/python tests/perf/load_lists.py [--users 50] [--seconds 60]

Needs locust (`pip install -e ".[perf]"`). Serves the portal with gunicorn (production
settings, `gunicorn.conf.py`'s workers) beside two `db_worker`s. First measures each page alone
(one client, in turn, once every worker has served each page); then starts two CSV exports of
the partner's whole aggregated Product List and runs locust headless: every simulated user
logs in (half as a customer owner, half as the partner) and loads their Product List, the
aggregated one and /healthz, thinking 1 to 5 s between clicks; the figures count from when
every user has logged in. Prints errors, p50 / p95 and requests per second per page under
load beside the unloaded p95, and whether the exports finished.
"""

from gevent import monkey

monkey.patch_all()

import argparse  # noqa: E402
import os  # noqa: E402
import re  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

import gevent  # noqa: E402
from locust import HttpUser, between, task  # noqa: E402
from locust.env import Environment  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.perf.common import (  # noqa: E402
    ROOT,
    Browser,
    db_worker,
    gunicorn,
    measure_interleaved,
    production_env,
)

PASSWORD = "scale-data-password"  # forticloud.devdata.scale.SCALE_PASSWORD
FIRST_ACCOUNT = 800_000_000  # forticloud.devdata.scale.FIRST_ACCOUNT_ID
PAGES = {
    "/healthz": "/healthz",
    "one account's Product List": "/a/{account}/assets/",
    "aggregated Product List": "/partner/assets/",
}


class PortalUser(HttpUser):
    wait_time = between(1, 5)
    number = 0
    logged_in = 0

    def on_start(self):
        PortalUser.number += 1
        self.partner = PortalUser.number % 2 == 0
        self.account = FIRST_ACCOUNT + PortalUser.number % 1000
        email = "partner0@scale.test" if self.partner else f"owner{self.account}@scale.test"
        page = self.client.get("/login/", name="login").text
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        self.client.post(
            "/login/",
            {"csrfmiddlewaretoken": token, "email": email, "password": PASSWORD},
            headers={"Referer": self.host + "/login/"},
            name="login",
        )
        PortalUser.logged_in += 1

    @task(3)
    def product_list(self):
        if self.partner:
            self.client.get(PAGES["aggregated Product List"], name="aggregated Product List")
        else:
            path = PAGES["one account's Product List"].format(account=self.account)
            self.client.get(path, name="one account's Product List")

    @task(1)
    def healthz(self):
        self.client.get("/healthz", name="/healthz")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--exports", type=int, default=2, help="exports running meanwhile")
    args = parser.parse_args()
    if "DATABASE_URL" not in os.environ:
        sys.exit("Set DATABASE_URL to the database generate_scale_data filled.")
    env = production_env(os.environ["DATABASE_URL"])
    manage = [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"]
    subprocess.run(manage, cwd=ROOT, env=env, check=True)

    with (
        gunicorn(env, workers=None) as (url, _server),
        db_worker(env) as one,
        db_worker(env) as two,
    ):
        owner, partner = Browser(url), Browser(url)
        owner.login(f"owner{FIRST_ACCOUNT}@scale.test", PASSWORD)
        partner.login("partner0@scale.test", PASSWORD)
        alone_pages = [
            ("/healthz", owner, "/healthz"),
            ("one account's Product List", owner, f"/a/{FIRST_ACCOUNT}/assets/"),
            ("aggregated Product List", partner, "/partner/assets/"),
        ]
        # gunicorn.conf.py's workers each compile and prepare the access queries on their first
        # requests: warm them all first, or the slowest of those make the p95 "alone".
        measure_interleaved(alone_pages, 20)
        alone = {label: p95 for label, _p50, p95 in measure_interleaved(alone_pages, 30)}

        load = Environment(user_classes=[PortalUser], host=url)
        runner = load.create_local_runner()
        runner.start(args.users, spawn_rate=10)
        # Logging in hashes each password with Argon2, which holds a core for a while: the
        # figures count from when every user has logged in, with the exports just started.
        while PortalUser.logged_in < args.users:
            gevent.sleep(0.5)
        jobs = []
        for _ in range(args.exports):
            data = {"list": "assets:product_list", "kind": "csv", "query": ""}
            jobs.append(partner.post("/partner/exports/new/", data))
        gevent.sleep(1)  # both workers have taken their job
        load.stats.reset_all()
        gevent.spawn_later(args.seconds, runner.quit)
        runner.greenlet.join()
        exports_done = [
            "Download" in partner.get(re.sub(r"^https?://[^/]+", "", job)).decode() for job in jobs
        ]

    stats = load.stats
    print(f"\n{args.users} users for {args.seconds} s, 1-5 s between clicks, {args.exports} CSV")
    print(f"exports of the whole aggregated Product List running (workers {one.pid}, {two.pid})\n")
    columns = ["requests", "errors", "req/s", "p50 ms", "p95 ms", "p95 alone ms", "p95 / alone"]
    print(f"| {'page':<29} | " + " | ".join(columns) + " |")
    print("|" + "-" * 31 + "|" + "|".join("-" * (len(c) + 1) + ":" for c in columns) + "|")
    for label in PAGES:
        entry = stats.get(label, "GET")
        p50, p95 = entry.get_response_time_percentile(0.5), entry.get_response_time_percentile(0.95)
        print(
            f"| {label:<29} | {entry.num_requests:8} | {entry.num_failures:6} | "
            f"{entry.total_rps:5.1f} | {p50:6.0f} | {p95:6.0f} | {alone[label]:12.1f} | "
            f"{p95 / alone[label]:11.1f} |"
        )
    print(f"\nAll requests: {stats.total.num_requests}, failures {stats.total.num_failures}")
    print(f"Exports still running at the end: {exports_done.count(False)} of {args.exports}")


if __name__ == "__main__":
    main()
