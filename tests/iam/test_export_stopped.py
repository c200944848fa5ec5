"""An export whose worker never comes, or stops while writing (a task is not taken again): its
page says so instead of polling for ever, and a stopped export no longer holds one of the
user's three places. The worker notes each job's progress as a sign of life."""

import datetime
import html

import pytest
from django.core.files.storage import storages
from django.utils import timezone

from iam.models import ExportJob
from iam.models.export_job import STOPPED
from iam.services import exports
from tests.api.helpers import started_export
from tests.exports import run_worker, start_export

from .test_exports import audit_events, audit_url

pytestmark = pytest.mark.django_db

WAITING_NOTE = "No worker has taken this export yet"


def _started(client, account):
    job_url = start_export(client, audit_url(account))["Location"]
    return job_url, ExportJob.objects.order_by("-created_at").first()


def _age(job, **fields):
    """Moves the job's times back: ``created_at=minutes`` and the like."""
    now = timezone.now()
    ExportJob.objects.filter(pk=job.pk).update(
        **{name: now - datetime.timedelta(minutes=minutes) for name, minutes in fields.items()}
    )


def test_a_job_no_worker_takes_says_so_and_is_asked_for_less_often(world, client):
    client.force_login(world.owner_a)
    job_url, job = _started(client, world.account_a)
    fresh = client.get(job_url, HTTP_HX_REQUEST="true").text
    assert 'hx-trigger="every 1s"' in fresh and WAITING_NOTE not in fresh

    _age(job, created_at=1)
    waiting = client.get(job_url, HTTP_HX_REQUEST="true").text
    assert 'hx-trigger="every 5s"' in waiting and WAITING_NOTE in waiting
    assert "Waiting to start" in waiting


def test_a_job_whose_worker_stopped_is_shown_failed_and_frees_its_place(world, client):
    client.force_login(world.owner_a)
    jobs = [_started(client, world.account_a) for _ in range(exports.MAX_UNFINISHED)]
    (dead_url, dead), (never_url, never), (_, alive) = jobs
    ExportJob.objects.filter(pk__in=[dead.pk, alive.pk]).update(status=ExportJob.Status.RUNNING)
    _age(dead, created_at=15, progress_at=11)  # no progress for eleven minutes
    _age(never, created_at=61)  # no worker took it within the hour
    _age(alive, created_at=120, progress_at=1)  # a long export, still writing

    for url in (dead_url, never_url):
        page = client.get(url, HTTP_HX_REQUEST="true").text
        assert "Failed" in page and html.escape(STOPPED) in page
        assert "hx-get" not in page  # the page no longer asks
    assert "Writing" in client.get(jobs[2][0], HTTP_HX_REQUEST="true").text

    # Two places are free again: two more exports start, the third is refused.
    assert "/exports/" in start_export(client, audit_url(world.account_a))["Location"]
    assert "/exports/" in start_export(client, audit_url(world.account_a))["Location"]
    assert "/exports/" not in start_export(client, audit_url(world.account_a))["Location"]

    exports.exports_prune()
    statuses = dict(ExportJob.objects.values_list("pk", "status"))
    assert statuses[dead.pk] == statuses[never.pk] == ExportJob.Status.FAILED
    assert statuses[alive.pk] == ExportJob.Status.RUNNING
    assert ExportJob.objects.get(pk=dead.pk).error == STOPPED


def test_the_api_shows_a_stopped_job_failed(world, client):
    headers, job_id = started_export(client, world.account_a, world.owner_a)
    job = ExportJob.objects.get(pk=job_id)
    ExportJob.objects.filter(pk=job.pk).update(status=ExportJob.Status.RUNNING)
    _age(job, progress_at=11)
    shown = client.get(f"/api/v1/exports/{job.pk}/", **headers).json()
    assert (shown["status"], shown["error"], shown["download"]) == ("failed", STOPPED, None)
    listed = client.get("/api/v1/exports/", **headers).json()["results"]
    assert [(job["status"], job["error"]) for job in listed] == [("failed", STOPPED)]


def test_the_worker_notes_the_progress_of_the_job_it_writes(world, client):
    audit_events(world.account_a, 3)
    client.force_login(world.owner_a)
    _, job = _started(client, world.account_a)
    _age(job, created_at=10, progress_at=10)  # a queue that was busy for ten minutes
    before = timezone.now()
    run_worker()
    job.refresh_from_db()
    assert job.status == ExportJob.Status.DONE and job.progress_at >= before


def test_a_job_taken_after_it_was_shown_stopped_stays_failed(world, client):
    """Queued for over an hour (the user was told to start it again), then a worker comes:
    it does not write the file."""
    audit_events(world.account_a, 1)
    client.force_login(world.owner_a)
    _, job = _started(client, world.account_a)
    _age(job, created_at=61)
    run_worker()
    job.refresh_from_db()
    assert (job.status, job.error, job.file_name) == (ExportJob.Status.FAILED, STOPPED, "")


def test_a_worker_that_finds_its_job_stopped_stops_writing(world, client, monkeypatch):
    """The worker was silent for too long (an upload stalled, say) and the prune of another
    worker marked its job failed: it stops at its next sign of life, and keeps no file."""
    audit_events(world.account_a, 3)
    client.force_login(world.owner_a)
    _, job = _started(client, world.account_a)
    written = exports.write_export

    def write_then_fall_silent(*args, **kwargs):
        written(*args, **kwargs)
        _age(job, progress_at=11)
        exports.exports_prune()

    monkeypatch.setattr(exports, "write_export", write_then_fall_silent)
    run_worker()
    job.refresh_from_db()
    assert (job.status, job.error, job.file_name) == (ExportJob.Status.FAILED, STOPPED, "")
    assert not storages["exports"].exists(f"{job.pk}/{job.download_name}")  # no file kept
