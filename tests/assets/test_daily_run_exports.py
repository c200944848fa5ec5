"""The daily run (renewal notices) also deletes the export files past their retention, after
the day's notices: a store out of reach fails the run but keeps nothing from being sent."""

import pytest
from django.core.files.storage import storages
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from assets.renewal_notices import renewal_notices_daily
from forticloud.settings_storage import S3
from iam.models import ExportJob
from tests.exports import export_of
from tests.mail import deliver, free_port

from .conftest import make_asset

pytestmark = pytest.mark.django_db


def test_the_daily_run_deletes_the_exports_past_their_retention(world, client):
    """Also when no one exports again (an export prunes them as it starts)."""
    client.force_login(world.owner_a)
    export_of(client, f"/a/{world.account_a.pk}/assets/")
    job = ExportJob.objects.get()
    renewal_notices_daily.call()
    assert storages["exports"].exists(job.file_name)  # within its 24 hours: kept
    ExportJob.objects.update(expires_at=timezone.now())
    renewal_notices_daily.call()
    assert not storages["exports"].exists(job.file_name)
    assert not ExportJob.objects.exists()


def test_an_object_store_out_of_reach_does_not_keep_the_notices(world, smtp, settings, monkeypatch):
    """The store's address answers nothing (a closed port): the day's notice still goes out,
    the export past its retention is kept for the next run, and tomorrow's run is queued."""
    make_asset(world.account_a, ends_in=7)
    closed = free_port()  # nothing listens on it
    for name, value in {
        "AWS_ACCESS_KEY_ID": "x",
        "AWS_SECRET_ACCESS_KEY": "x",
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_MAX_ATTEMPTS": "1",
    }.items():
        monkeypatch.setenv(name, value)
    options = {"bucket_name": "exports", "endpoint_url": f"http://127.0.0.1:{closed}"}
    settings.STORAGES = {**settings.STORAGES, "exports": {"BACKEND": S3, "OPTIONS": options}}
    ExportJob.objects.create(
        user=world.owner_a,
        context=f"a-{world.account_a.pk}",
        list_name="assets:product_list",
        kind="csv",
        file_name="gone/product-list.csv",
        download_name="product-list.csv",
        expires_at=timezone.now(),
    )
    renewal_notices_daily.call()
    deliver()
    assert len(smtp.to(world.owner_a.email)) == 1
    assert ExportJob.objects.exists()  # kept for the next run
    daily = DBTaskResult.objects.filter(task_path=renewal_notices_daily.module_path)
    assert daily.filter(status="READY").count() == 1
