"""Export files in an S3-compatible object store, as several machines keep them: configured
from the environment as the README says, written by the worker, downloaded through the portal
(never from the bucket by its address), deleted from the bucket after the retention. The store
is moto's S3 server on loopback, spoken to over HTTP by boto3."""

import boto3
import environ
import pytest
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone
from moto.server import ThreadedMotoServer

from forticloud.settings_storage import S3, exports_storage
from iam.models import ExportJob
from iam.services import exports
from tests.exports import csv_rows, export_of
from tests.iam.test_exports import audit_events, audit_url
from tests.mail import free_port

pytestmark = pytest.mark.django_db

BUCKET = "portal-exports"


@pytest.fixture
def s3_endpoint(monkeypatch):
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    for name, value in {
        "AWS_ACCESS_KEY_ID": "portal",
        "AWS_SECRET_ACCESS_KEY": "portal-secret",
        "AWS_DEFAULT_REGION": "us-east-1",
    }.items():
        monkeypatch.setenv(name, value)
    endpoint = f"http://127.0.0.1:{port}"
    bucket = boto3.client("s3", endpoint_url=endpoint)
    bucket.create_bucket(Bucket=BUCKET)
    yield endpoint, bucket
    server.stop()


def keys(bucket) -> list[str]:
    return [item["Key"] for item in bucket.list_objects_v2(Bucket=BUCKET).get("Contents", [])]


def test_exports_are_kept_in_the_bucket_and_downloaded_through_the_portal(
    world, client, settings, monkeypatch, s3_endpoint
):
    endpoint, bucket = s3_endpoint
    for name, value in {
        "DJANGO_EXPORTS_STORAGE": S3,
        "AWS_STORAGE_BUCKET_NAME": BUCKET,
        "AWS_S3_ENDPOINT_URL": endpoint,
        "AWS_LOCATION": "exports",
    }.items():
        monkeypatch.setenv(name, value)
    settings.STORAGES = {**settings.STORAGES, "exports": exports_storage(environ.Env(), "")}
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
