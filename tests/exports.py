"""Exports as a user gets them: the list's Export link, Start Export, the worker
(`manage.py db_worker`, run in this process until the queue is empty), then Download."""

import csv
import io
from unittest import mock
from urllib.parse import urlsplit

from django.core.management import call_command
from django_tasks_db.management.commands import db_worker
from openpyxl import load_workbook

from tests.conftest import csrf_token


def run_worker() -> None:
    """`manage.py db_worker --batch` in this process. It closes stale connections between
    tasks, which would close the test's own transaction: here it keeps them."""
    with mock.patch.object(db_worker, "close_old_connections", lambda: None):
        call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0", verbosity=0)


def start_export(client, list_url: str, kind: str = "csv"):
    """The list URL's export link: its Start Export page, then POST. Returns the response of
    the POST (303 to the job's page when started)."""
    separator = "&" if "?" in list_url else "?"
    link = client.get(f"{list_url}{separator}export={kind}")
    assert link.status_code == 303, link
    start = client.get(link["Location"])
    assert start.status_code == 200, start
    fields = {name: start.context["form"].cleaned_data[name] for name in ("list", "kind", "query")}
    fields["csrfmiddlewaretoken"] = csrf_token(client)
    return client.post(urlsplit(link["Location"]).path, fields)


def export_of(client, list_url: str, kind: str = "csv"):
    """The downloaded file of the export of ``list_url`` (with its query) as ``client``."""
    started = start_export(client, list_url, kind)
    assert started.status_code == 303, started
    run_worker()
    job_page = client.get(started["Location"])
    assert job_page.status_code == 200
    job = job_page.context["job"]
    assert job.status == "done", job.error
    download = client.get(f"{started['Location']}download/")
    assert download.status_code == 200
    return download


def csv_rows(response) -> list[list[str]]:
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(content)))


def xlsx_rows(response) -> list[tuple]:
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    return list(workbook.active.iter_rows(values_only=True))
