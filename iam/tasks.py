"""Background tasks, run by `manage.py db_worker`."""

from django.tasks import task

from .services.exports import export_run


@task()
def export_write(job_id: str) -> None:
    """Write an export file (iam.services.exports)."""
    export_run(job_id)
