"""Export files in an S3-compatible object store, as several machines keep them: configured
from the environment as the README says, written by the worker, downloaded through the portal
(never from the bucket by its address), deleted from the bucket after the retention. The store
is moto's S3 server on loopback, spoken to over HTTP by boto3 (tests/iam/conftest.py)."""

import hashlib
import tracemalloc

import environ
import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import storages
from django.utils import timezone

from forticloud.settings_storage import S3, exports_storage
from iam.models import ExportJob
from iam.services import exports
from tests.exports import csv_rows, export_of
from tests.iam.test_exports import audit_events, audit_url

from .object_stores import BUCKET

pytestmark = pytest.mark.django_db


def keys(bucket) -> list[str]:
    return [item["Key"] for item in bucket.list_objects_v2(Bucket=BUCKET).get("Contents", [])]


def test_exports_are_kept_in_the_bucket_and_downloaded_through_the_portal(
    world, client, s3_exports
):
    bucket = s3_exports
    audit_events(world.account_a, 3)
    client.force_login(world.owner_a)

    download = export_of(client, audit_url(world.account_a))
    assert [row[1] for row in csv_rows(download)[1:]] == [
        "actor2@example.com",
        "actor1@example.com",
        "actor0@example.com",
    ]
    job = ExportJob.objects.get()
    assert keys(bucket) == [f"exports/{job.pk}/{job.download_name}"]

    assert exports.exports_prune(now=job.expires_at + timezone.timedelta(seconds=1)) == 1
    assert keys(bucket) == []
    assert client.get(f"/a/{world.account_a.pk}/exports/{job.pk}/download/").status_code == 404


def test_an_object_store_without_a_bucket_stops_the_start(monkeypatch):
    monkeypatch.setenv("DJANGO_EXPORTS_STORAGE", S3)
    monkeypatch.delenv("AWS_STORAGE_BUCKET_NAME", raising=False)
    with pytest.raises(ImproperlyConfigured, match="needs AWS_STORAGE_BUCKET_NAME"):
        exports_storage(environ.Env(), "")


def download_url(account, job) -> str:
    return f"/a/{account.pk}/exports/{job.pk}/download/"


def test_a_download_from_the_bucket_is_sent_as_it_is_read(world, client, s3_exports):
    """A large file in the bucket is not first read whole into the web worker's memory
    (django-storages' own file downloads the whole object before the first byte)."""
    bucket = s3_exports
    audit_events(world.account_a, 1)
    client.force_login(world.owner_a)
    export_of(client, audit_url(world.account_a))
    job = ExportJob.objects.get()
    large = b"".join(b"%08d,actor@example.com,user.create\r\n" % n for n in range(300_000))
    bucket.put_object(Bucket=BUCKET, Key=f"exports/{job.file_name}", Body=large)

    received = hashlib.sha256()
    tracemalloc.start()
    try:
        response = client.get(download_url(world.account_a, job))
        assert response.status_code == 200
        assert response["Content-Length"] == str(len(large))
        for block in response.streaming_content:
            received.update(block)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert received.digest() == hashlib.sha256(large).digest()
    assert peak < len(large) // 4, f"{peak:,} bytes held for a {len(large):,}-byte file"


@pytest.mark.parametrize("store", ["folder", "bucket"])
def test_a_file_gone_from_the_store_is_not_found(world, client, request, store):
    """The job says done but its file is gone (deleted by hand, a bucket emptied): the
    download answers 404, as for an expired one, never a 500."""
    if store == "bucket":
        request.getfixturevalue("s3_exports")
    audit_events(world.account_a, 1)
    client.force_login(world.owner_a)
    export_of(client, audit_url(world.account_a))
    job = ExportJob.objects.get()
    storages["exports"].delete(job.file_name)
    assert client.get(download_url(world.account_a, job)).status_code == 404


def test_a_head_request_does_not_read_the_file_from_the_bucket(world, client, s3_exports):
    """HEAD answers the download's headers, its size included, without asking the bucket for
    the object's body: the WSGI server would read the whole file from the store only to drop
    it (105 MB for a million rows, for each HEAD a link checker or a script sends)."""
    audit_events(world.account_a, 3)
    client.force_login(world.owner_a)
    export_of(client, audit_url(world.account_a))
    job = ExportJob.objects.get()
    asked = []
    events = storages["exports"].connection.meta.client.meta.events
    events.register("before-call.s3.GetObject", lambda **kwargs: asked.append("GetObject"))
    url = download_url(world.account_a, job)
    head = client.head(url)
    assert head.status_code == 200 and head.content == b""
    assert asked == []
    got = client.get(url)
    assert asked == ["GetObject"]
    body = b"".join(got.streaming_content)
    assert head["Content-Length"] == got["Content-Length"] == str(len(body))
    assert head["Content-Disposition"] == got["Content-Disposition"]
    assert head["Content-Type"] == got["Content-Type"]
    storages["exports"].delete(job.file_name)
    assert client.head(url).status_code == 404
