"""A store of export files that cannot be read: it refuses the portal (wrong credentials, a
policy), nothing listens at its address, or it takes the connection and never answers. The
download says so (503) and holds the web worker seconds at most; nothing is lost."""

import time

import pytest

from iam.models import ExportJob
from iam.services import exports
from tests.api.helpers import started_export
from tests.exports import csv_rows, export_of, run_worker
from tests.iam.test_exports import audit_events, audit_url
from tests.mail import free_port

from .object_stores import exports_at
from .test_export_storage import download_url

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("store", ["refusing", "not listening"])
def test_a_store_that_cannot_be_read_is_said_on_the_job_s_page_and_nothing_is_lost(
    world, client, settings, monkeypatch, s3_endpoint, s3_exports, request, store
):
    """The bucket refuses the portal (403) or its address answers nothing: the download is a
    503 that says so on the export's page, never a 500; the job stays done, and once the
    store answers again the same link gives the file."""
    audit_events(world.account_a, 2)
    client.force_login(world.owner_a)
    export_of(client, audit_url(world.account_a))
    job = ExportJob.objects.get()
    url = download_url(world.account_a, job)
    broken = (
        request.getfixturevalue("refusing_endpoint")
        if store == "refusing"
        else f"http://127.0.0.1:{free_port()}"
    )
    exports_at(settings, monkeypatch, broken)

    page = client.get(url)
    assert page.status_code == 503 and page["Retry-After"] == "60"
    text = page.content.decode()
    assert exports.STORE_UNAVAILABLE in text and f"Download {job.download_name}" in text
    head = client.head(url)
    assert head.status_code == 503 and head["Retry-After"] == "60"
    job.refresh_from_db()
    assert job.status == ExportJob.Status.DONE
    # The same id in another account, or for another user: not found, as before.
    client.force_login(world.owner_b)
    assert client.get(download_url(world.account_b, job)).status_code == 404
    client.force_login(world.owner_a)

    exports_at(settings, monkeypatch, s3_endpoint[0])
    assert len(csv_rows(client.get(url))) == 3


def test_the_api_says_the_store_cannot_be_read(
    world, client, settings, monkeypatch, s3_exports, refusing_endpoint
):
    headers, job_id = started_export(client, world.account_a, world.owner_a)
    run_worker()
    download = client.get(f"/api/v1/exports/{job_id}/", **headers).json()["download"]
    exports_at(settings, monkeypatch, refusing_endpoint)

    answer = client.get(download, **headers)
    assert answer.status_code == 503 and answer["Retry-After"] == "60"
    assert answer.json() == {
        "error": {"status": 503, "code": "store_unavailable", "message": exports.STORE_UNAVAILABLE}
    }


def test_a_store_that_does_not_answer_holds_the_web_server_seconds_not_minutes(
    world, client, settings, monkeypatch, s3_exports, silent_endpoint
):
    """Three attempts of 5 s each, then the 503 page: boto3's defaults waited 60 s for each of
    five attempts, a thread of the web server held for five minutes."""
    audit_events(world.account_a, 1)
    client.force_login(world.owner_a)
    export_of(client, audit_url(world.account_a))
    job = ExportJob.objects.get()
    endpoint, taken = silent_endpoint
    exports_at(settings, monkeypatch, endpoint)
    start = time.monotonic()
    assert client.get(download_url(world.account_a, job)).status_code == 503
    assert time.monotonic() - start < 60  # a bound on a hang, not a speed: 15 s expected
    assert len(taken) == 3
