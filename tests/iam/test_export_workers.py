"""Several workers share one PostgreSQL: each export job runs exactly once, on one of them.
Two real `manage.py db_worker` processes drain a queue of jobs. A waiting worker starts a job
as soon as it is queued, not at its next look."""

import time

import pytest
from django.core.files.storage import storages
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from forticloud.web.task_queue import CHANNEL
from iam.models import AuditEvent, ExportJob
from iam.tasks import export_write
from tests.conftest import skip_or_fail
from tests.processes import worker_process

JOBS = 24


@pytest.fixture
def postgresql():
    if connection.vendor != "postgresql":
        skip_or_fail("the worker test needs PostgreSQL; set DATABASE_URL", "REQUIRE_POSTGRES")


def audit_export(world, number=0) -> ExportJob:
    return ExportJob.objects.create(
        user=world.owner_a,
        context=f"a-{world.account_a.pk}",
        list_name="iam:audit_log",
        kind="csv",
        download_name=f"audit-{number}.csv",
        expires_at=timezone.now() + timezone.timedelta(hours=1),
    )


def wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def listening() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
            " AND query = %s",
            [f"LISTEN {CHANNEL}"],
        )
        return cursor.fetchone()[0] > 0


@pytest.mark.django_db(transaction=True)
def test_a_waiting_worker_starts_a_queued_export_at_once(postgresql, world):
    """The worker would look again in 60 s; the job is done long before, because queuing it
    woke the worker."""
    worker = worker_process("--interval", "60")
    try:
        assert wait_for(listening, 30), "the worker never listened for queued tasks"
        job = audit_export(world)
        export_write.enqueue(str(job.pk))
        finished = wait_for(
            lambda: ExportJob.objects.filter(pk=job.pk, status=ExportJob.Status.DONE).exists(), 30
        )
        assert finished, "the queued export did not start before the worker's next look"
        assert worker.poll() is None
    finally:
        worker.terminate()
        worker.wait(timeout=30)
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


@pytest.mark.django_db(transaction=True)
def test_two_workers_run_every_job_exactly_once(postgresql, world):
    for number in range(50):
        AuditEvent.objects.create(
            account=world.account_a, actor_label=f"a{number}", action="x", target_label="t"
        )
    jobs = [audit_export(world, number) for number in range(JOBS)]
    for job in jobs:
        export_write.enqueue(str(job.pk))
    options = ("--batch", "--interval", "0", "--worker-id")
    workers = [worker_process(*options, "worker-1"), worker_process(*options, "worker-2")]
    assert [process.wait(timeout=120) for process in workers] == [0, 0]
    results = list(DBTaskResult.objects.all())
    assert len(results) == JOBS
    assert all(result.status == "SUCCESSFUL" and len(result.worker_ids) == 1 for result in results)
    assert {result.worker_ids[0] for result in results} <= {"worker-1", "worker-2"}
    done = ExportJob.objects.filter(status=ExportJob.Status.DONE)
    assert done.count() == JOBS and set(done.values_list("rows_total", flat=True)) == {50}
    for job in done:
        assert storages["exports"].exists(job.file_name)
