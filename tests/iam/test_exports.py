"""Exports are jobs: started with POST, written by the worker with visible progress, and
downloaded only by the user who started them, in the context they started them in, while
they still have the list. Shown on the Audit Log; every list's export uses the same path."""

import datetime

import pytest
from django.core.files.storage import storages
from django.utils import timezone

from iam.models import AuditEvent, ExportJob, PermissionProfile
from iam.services import exports
from tests.exports import csv_rows, export_of, run_worker, start_export
from tests.factories import IamUserFactory, builtin_profile

pytestmark = pytest.mark.django_db


def audit_url(account, query=""):
    return f"/a/{account.pk}/iam/audit-log/{query}"


def audit_events(account, count):
    for number in range(count):
        AuditEvent.objects.create(
            account=account,
            actor_label=f"actor{number}@example.com",
            acting_as="Master user",
            action="user.create",
            target_type="IAM User",
            target_id=str(number),
            target_label=f"user{number}",
        )


def iam_admin(account):
    return IamUserFactory(
        account=account, permission_profile=builtin_profile(PermissionProfile.Builtin.SYSADMIN)
    )


def test_an_export_runs_on_the_worker_and_holds_every_row_the_list_counts(world, client):
    audit_events(world.account_a, 12)
    audit_events(world.account_b, 3)  # another tenant's events never reach the file
    client.force_login(world.owner_a)
    started = start_export(client, audit_url(world.account_a, "?actor=actor1"))
    job_url = started["Location"]
    waiting = client.get(job_url)
    assert waiting.context["job"].status == ExportJob.Status.QUEUED
    # The page looks again after a quarter of a second, then every second until it is ready.
    assert 'hx-trigger="load delay:250ms"' in waiting.text
    still_waiting = client.get(job_url, headers={"HX-Request": "true"})
    assert 'hx-trigger="every 1s"' in still_waiting.text and "<h1>" not in still_waiting.text
    run_worker()
    ready = client.get(job_url, headers={"HX-Request": "true"})
    assert "<h1>" not in ready.text and "every 1s" not in ready.text  # the partial, done
    assert "Download audit-log-" in ready.text and "3 rows" in ready.text
    rows = csv_rows(client.get(f"{job_url}download/"))
    assert [row[1] for row in rows[1:]] == [
        "actor11@example.com",
        "actor10@example.com",
        "actor1@example.com",
    ]


def test_only_the_user_who_started_it_downloads_it_in_that_context(world, client):
    audit_events(world.account_a, 2)
    other_admin = iam_admin(world.account_a)
    client.force_login(world.owner_a)
    job_url = start_export(client, audit_url(world.account_a))["Location"]
    run_worker()
    assert client.get(f"{job_url}download/").status_code == 200
    client.force_login(other_admin)  # same account, every right: still not theirs
    assert client.get(job_url).status_code == 404
    assert client.get(f"{job_url}download/").status_code == 404
    client.force_login(world.owner_b)  # the same id in another account's URL
    foreign = job_url.replace(f"/a/{world.account_a.pk}/", f"/a/{world.account_b.pk}/")
    assert client.get(foreign).status_code == 404


def test_losing_the_list_stops_the_download_and_the_queued_job(world, client):
    audit_events(world.account_a, 2)
    admin = iam_admin(world.account_a)
    client.force_login(admin)
    done_url = start_export(client, audit_url(world.account_a))["Location"]
    run_worker()
    queued_url = start_export(client, audit_url(world.account_a))["Location"]
    admin.permission_profile = builtin_profile(PermissionProfile.Builtin.NO_ACCESS)
    admin.save()
    assert client.get(f"{done_url}download/").status_code == 404
    run_worker()
    job = ExportJob.objects.get(pk=queued_url.rstrip("/").rsplit("/", 1)[1])
    assert job.status == ExportJob.Status.FAILED and job.error == exports.NO_LONGER_ALLOWED
    assert job.file_name == ""


def test_a_get_starts_nothing_and_a_forged_list_or_format_is_not_found(world, client, post):
    client.force_login(world.owner_a)
    start = f"/a/{world.account_a.pk}/exports/new/"
    page = client.get(f"{start}?list=iam:audit_log&kind=csv&query=")
    assert page.status_code == 200 and "Start Export" in page.text
    for fields in (
        {"list": "iam:nonexistent", "kind": "csv"},
        {"list": "iam:audit_log", "kind": "pdf"},
        {"list": "forticare:bugs", "kind": "csv"},  # the Bug Tracker is the partners'
        {"list": "iam:users", "kind": "csv"},  # a list without exports
    ):
        answer = post(start, fields)
        assert answer.status_code in (303, 404), fields
        if answer.status_code == 303:  # refused with a message, back to the list
            assert "exports/" not in answer["Location"]
    assert not ExportJob.objects.exists()


def test_a_user_has_at_most_three_exports_in_progress(world, client):
    client.force_login(world.owner_a)
    for _ in range(exports.MAX_UNFINISHED):
        assert "/exports/" in start_export(client, audit_url(world.account_a))["Location"]
    refused = start_export(client, audit_url(world.account_a))
    assert "/exports/" not in refused["Location"]
    assert "exports in progress" in client.get(refused["Location"]).text
    assert ExportJob.objects.count() == exports.MAX_UNFINISHED


def test_an_export_is_deleted_with_its_file_after_the_retention(world, client):
    audit_events(world.account_a, 1)
    client.force_login(world.owner_a)
    job_url = start_export(client, audit_url(world.account_a))["Location"]
    run_worker()
    job = ExportJob.objects.get()
    assert storages["exports"].exists(job.file_name)
    assert exports.exports_prune(job.expires_at + datetime.timedelta(seconds=1)) == 1
    assert not storages["exports"].exists(job.file_name)
    assert client.get(job_url).status_code == 404


def test_an_expired_export_is_no_longer_offered(world, client):
    client.force_login(world.owner_a)
    download = export_of(client, audit_url(world.account_a))
    assert download.status_code == 200
    ExportJob.objects.update(expires_at=timezone.now())
    job = ExportJob.objects.get()
    assert client.get(f"/a/{world.account_a.pk}/exports/{job.pk}/download/").status_code == 404


def test_a_job_is_written_once(world, client):
    client.force_login(world.owner_a)
    start_export(client, audit_url(world.account_a))
    job = ExportJob.objects.get()
    exports.export_run(str(job.pk))
    first = ExportJob.objects.get().file_name
    exports.export_run(str(job.pk))  # a second delivery of the same task
    assert ExportJob.objects.get().file_name == first
    assert len(storages["exports"].listdir(str(job.pk))[1]) == 1


def test_a_filter_swap_carries_the_export_along(world, client):
    """The Audit Log's Export CSV exports what the table shows after an htmx filter."""
    client.force_login(world.owner_a)
    page = client.get(audit_url(world.account_a))
    assert 'id="audit-export"' in page.text
    swapped = client.get(
        audit_url(world.account_a, "?actor=actor1"),
        headers={"HX-Request": "true", "HX-Target": "audit-table"},
    )
    assert 'id="audit-export"' not in swapped.text  # only the table was swapped
    assert 'name="query" value="actor=actor1" form="audit-export"' in swapped.text
