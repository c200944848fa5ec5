"""Instructions per request, counted by valgrind's callgrind: what a page costs this process
(Django, our code, psycopg; not PostgreSQL, a process of its own). The count is the same from
run to run whatever else the machine does, where a benchmark's milliseconds can drift by
more than a change saves.

    apt-get install valgrind
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/forticloud_scale \\
        .venv/bin/python tests/perf/instructions_per_page.py /healthz /partner/assets/

Each page is asked in a process of its own under callgrind: it logs in as generate_scale_data's
first partner user (Django's test client, production settings), asks every page given five
times to warm up, then the measured page ``--requests`` times. A run that asks none after
the warm-up is subtracted, and the rest divided by ``--requests``. About a minute a page.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.perf import scale_setup

INNER = "--inner"


def ask(requests: int, paths: list[str]) -> None:
    """In the process callgrind watches: warm every page up, then ask the first one."""
    import django

    django.setup()
    from django.test import Client

    from forticloud.devdata.scale import PARTNER_EMAIL, SCALE_PASSWORD

    client = Client(HTTP_HOST="127.0.0.1")
    client.post("/login/", {"email": PARTNER_EMAIL.format(n=0), "password": SCALE_PASSWORD})
    for path in paths:
        for _ in range(5):
            assert client.get(path).status_code == 200, path
    for _ in range(requests):
        client.get(paths[0])


def instructions(env: dict, requests: int, paths: list[str]) -> int:
    command = [
        *("valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"),
        *(sys.executable, __file__, INNER, str(requests), *paths),
    ]
    run = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    return int(re.search(r"Collected : (\d+)", run.stderr).group(1))


def main():
    if sys.argv[1:2] == [INNER]:
        return ask(int(sys.argv[2]), sys.argv[3:])
    parser = scale_setup.arguments(__doc__, requests=20)
    parser.add_argument("paths", nargs="+")
    options = parser.parse_args()
    env = scale_setup.connect()  # static files collected once, outside callgrind
    none = instructions(env, 0, options.paths)
    print("| page | instructions per request |\n| --- | ---: |")
    for path in options.paths:
        others = [other for other in options.paths if other != path]
        total = instructions(env, options.requests, [path, *others])
        print(f"| {path} | {(total - none) / options.requests / 1e6:.1f} M |")


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")  # the same dict layouts from run to run
    main()
