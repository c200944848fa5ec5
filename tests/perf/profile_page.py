"""Profile pages in this process: where a request's time goes, with production settings.

    .venv/bin/pip install -e ".[perf]"                       # pyinstrument
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/forticloud_scale \
        .venv/bin/python tests/perf/profile_page.py /partner/assets/ --as partner

Logs in through the login view (Django's test client, generate_scale_data's first partner
user or first customer's owner; ``{account}`` in a path is that customer's id), asks each page
a few times to warm up, then prints the mean time of ``--requests`` requests, each query of one
request with its time, and pyinstrument's call tree of ``--requests`` more.
"""

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.perf.scale_setup import arguments, connect


def timings(execute, sql, params, many, context):
    """A query wrapper that notes each query's SQL and milliseconds in ``timings.queries``."""
    start = time.perf_counter()
    try:
        return execute(sql, params, many, context)
    finally:
        timings.queries.append((sql, (time.perf_counter() - start) * 1000))


timings.queries = []


def main():
    parser = arguments(__doc__, 50)
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--as", dest="login", choices=["partner", "owner"], default="partner")
    parser.add_argument("--html", help="write pyinstrument's HTML report here")
    options = parser.parse_args()
    connect()

    from django.db import connection
    from django.test import Client
    from pyinstrument import Profiler

    from forticloud.devdata.scale import FIRST_ACCOUNT_ID, PARTNER_EMAIL, SCALE_PASSWORD

    client = Client(HTTP_HOST="127.0.0.1")
    login = (
        PARTNER_EMAIL.format(n=0)
        if options.login == "partner"
        else f"owner{FIRST_ACCOUNT_ID}@scale.test"
    )
    client.post("/login/", {"email": login, "password": SCALE_PASSWORD})
    for path in options.paths:
        path = path.replace("{account}", str(FIRST_ACCOUNT_ID))
        for _ in range(5):
            response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)
        start = time.perf_counter()
        for _ in range(options.requests):
            client.get(path)
        bare = (time.perf_counter() - start) / options.requests
        profiler = Profiler(interval=0.0002)
        profiler.start()
        for _ in range(options.requests):
            client.get(path)
        profiler.stop()
        print(f"\n{path}: {bare * 1000:.1f} ms per request without the profiler")
        with connection.execute_wrapper(timings):
            client.get(path)
        for sql, ms in timings.queries:
            print(f"{ms:7.2f} ms  {sql[:300]}")
        print(f"{len(timings.queries)} queries, {sum(ms for _, ms in timings.queries):.1f} ms")
        timings.queries.clear()
        print(profiler.output_text(unicode=True, show_all=False))
        if options.html:
            Path(options.html).write_text(profiler.output_html())


if __name__ == "__main__":
    main()
