"""Real processes of the portal on this test run's database: a `manage.py db_worker`, or a
web server (gunicorn with the project's gunicorn.conf.py), as they run in production."""

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from django.db import connection

from tests.mail import free_port

ROOT = Path(__file__).resolve().parents[1]


def _environment(**variables: str) -> dict:
    database = connection.settings_dict
    if connection.vendor == "sqlite":
        url = f"sqlite:///{database['NAME']}"
    else:
        url = f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/"
        url += database["NAME"]
    test_settings = {"DJANGO_SETTINGS_MODULE": "forticloud.settings_test", "DATABASE_URL": url}
    return os.environ | test_settings | variables


def worker_process(*options: str) -> subprocess.Popen:
    """A real `manage.py db_worker` process on this test run's database."""
    command = [sys.executable, "manage.py", "db_worker", "--no-startup-delay", *options]
    return subprocess.Popen(command, cwd=ROOT, env=_environment())


@contextmanager
def web_server(**variables: str):
    """A gunicorn serving the portal on this test run's database (one worker; ``variables``
    go into its environment); yields its base URL once it answers /healthz."""
    port = free_port()
    environment = _environment(GUNICORN_BIND=f"127.0.0.1:{port}", GUNICORN_WORKERS="1", **variables)
    command = [sys.executable, "-m", "gunicorn", "forticloud.wsgi"]
    server = subprocess.Popen(
        command, cwd=ROOT, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/healthz", timeout=5):
                    break
            except (urllib.error.URLError, ConnectionError):
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("the web server did not start") from None
                time.sleep(0.1)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)
