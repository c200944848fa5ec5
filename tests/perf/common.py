"""Shared pieces of the benchmarks: a cookie-keeping HTTP client, gunicorn, timings."""

import contextlib
import http.cookiejar
import os
import random
import re
import secrets
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def production_env(database_url: str) -> dict:
    """Production settings on plain HTTP at 127.0.0.1, for gunicorn and for setup code."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "forticloud.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY", secrets.token_urlsafe(50)),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_SECURE_COOKIES": "0",
        "DJANGO_LOG_LEVEL": "WARNING",
        "DATABASE_URL": database_url,
        "GUNICORN_ACCESS_LOG": "",  # gunicorn.conf.py otherwise logs every request
    }


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def gunicorn(env: dict, workers: int | None = 2):
    """A real server on a free loopback port (gunicorn.conf.py; ``workers`` None: its own
    count); yields (base URL, master process)."""
    port = free_port()
    server = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "forticloud.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            *(["--workers", str(workers)] if workers else []),
            "--timeout",
            "600",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(url + "/healthz")
                break
            except OSError:
                time.sleep(0.1)
        yield url, server
    finally:
        server.terminate()
        server.wait()


class Browser:
    """Keeps cookies like a browser; logs in through the real login page."""

    def __init__(self, base_url):
        self.base_url = base_url
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def get(self, path, headers=None) -> bytes:
        request = urllib.request.Request(self.base_url + path, headers=headers or {})
        with self.opener.open(request) as response:
            body = response.read()
            assert response.status == 200, (path, response.status)
            return body

    def post(self, path, data: dict) -> str:
        """POST like the page's form (CSRF token from the cookie); the final URL."""
        token = next(c.value for c in self.cookies if c.name == "csrftoken")
        body = urllib.parse.urlencode({"csrfmiddlewaretoken": token, **data}).encode()
        headers = {"Referer": self.base_url + path}
        request = urllib.request.Request(self.base_url + path, data=body, headers=headers)
        with self.opener.open(request) as response:
            response.read()
            return response.url

    def stream(self, path, chunk=1 << 16):
        request = urllib.request.Request(self.base_url + path)
        with self.opener.open(request) as response:
            while block := response.read(chunk):
                yield block

    def login(self, email, password):
        self._log_in("/login/", email=email, password=password)

    def login_iam(self, account, username, password):
        """IAM Login: Account ID or alias, username, password."""
        self._log_in("/login/iam/", account=account, username=username, password=password)

    def _log_in(self, path, **fields):
        page = self.get(path).decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        data = urllib.parse.urlencode({"csrfmiddlewaretoken": token, **fields}).encode()
        request = urllib.request.Request(
            self.base_url + path, data=data, headers={"Referer": self.base_url + path}
        )
        with self.opener.open(request) as response:
            assert "/login/" not in response.url, f"login failed: {fields}"


def measure_interleaved(pages, count: int) -> list[tuple[str, float, float]]:
    """(label, p50 ms, p95 ms) of each of ``pages`` ((label, browser, path)), asked in turn
    ``count`` times after one warm-up round, so drifts of the machine hit every page alike;
    each round in another order (a fixed seed), so no page always follows the same one: a
    request right after an admin changelist (80 ms) measured about 1 ms slower, and when
    ``/healthz`` always came there every ratio to it looked a third smaller."""
    timings = {label: [] for label, _browser, _path in pages}
    order = random.Random(0)
    for round_number in range(count + 1):
        for label, browser, path in order.sample(pages, len(pages)):
            start = time.perf_counter()
            browser.get(path)
            if round_number:
                timings[label].append((time.perf_counter() - start) * 1000)
    rows = []
    for label, _browser, _path in pages:
        values = sorted(timings[label])
        rows.append((label, statistics.median(values), values[max(0, int(len(values) * 0.95) - 1)]))
    return rows


@contextlib.contextmanager
def db_worker(env: dict):
    """A real `manage.py db_worker` (the export jobs' worker), at a lower CPU priority than the
    web server as in the Procfile (`nice -n 19`; BENCH_WORKER_PRIORITY=idle tries SCHED_IDLE,
    another number another nice level); yields its process."""
    command = [sys.executable, "manage.py", "db_worker", "--interval", "0.1", "--no-startup-delay"]
    priority = os.environ.get("BENCH_WORKER_PRIORITY", "19").split()
    prefix = ["chrt", "--idle", "0"] if priority == ["idle"] else ["nice", "-n", *priority]
    worker = subprocess.Popen([*prefix, *command], cwd=ROOT, env=env)
    try:
        yield worker
    finally:
        worker.terminate()
        worker.wait()


def export_job(browser, context_path: str, list_name: str, kind: str, query: str = ""):
    """Start an export job as the Export menu does and wait for it: (rows, seconds from the
    click to the file being ready). The wait asks the job's row every 10 ms, not its page
    every 50 ms, which noticed the file 25 ms late on average and took a web worker's CPU
    while the niced worker wrote."""
    from iam.models import ExportJob

    start = time.perf_counter()
    data = {"list": list_name, "kind": kind, "query": query}
    job_url = browser.post(f"{context_path}exports/new/", data)
    job_path = urllib.parse.urlsplit(job_url).path
    job = ExportJob.objects.filter(pk=job_path.rstrip("/").rsplit("/", 1)[-1])
    while not job.filter(finished_at__isnull=False).exists():
        time.sleep(0.01)
    seconds = time.perf_counter() - start
    page = browser.get(job_path, {"HX-Request": "true"}).decode()
    assert "Download" in page, page
    return int(re.search(r"(\d+) rows?,", page).group(1)), seconds


def process_peak_rss_kib(pid: int) -> int:
    """The peak resident memory (VmHWM) of process ``pid``."""
    text = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmHWM:\s+(\d+) kB", text).group(1))


def worker_peak_rss_kib(master_pid: int) -> int:
    """The highest peak resident memory (VmHWM) among the gunicorn workers."""
    peak = 0
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
        except OSError:
            continue
        if f"PPid:\t{master_pid}\n" in text:
            match = re.search(r"VmHWM:\s+(\d+) kB", text)
            peak = max(peak, int(match.group(1)) if match else 0)
    return peak


def table(rows, baseline_label="/healthz", extra=None):
    """Print | label | p50 | p95 | ratio to the baseline (and to ``extra``) |."""
    base = dict((label, p50) for label, p50, _p95 in rows)[baseline_label]
    other = dict((label, p50) for label, p50, _p95 in rows).get(extra) if extra else None
    head = f"| {'page':<44} | p50 ms | p95 ms | / healthz |" + (" admin / page |" if other else "")
    print(head)
    print("|" + "-" * 46 + "|-------:|-------:|----------:|" + ("-------------:|" if other else ""))
    for label, p50, p95 in rows:
        line = f"| {label:<44} | {p50:6.1f} | {p95:6.1f} | {p50 / base:9.1f} |"
        if other:
            line += f" {other / p50:12.1f} |"
        print(line)
