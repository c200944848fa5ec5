"""Background tasks, run by `manage.py db_worker`."""

from django.tasks import task

from .services.exports import export_run
from .services.mail import mail_attempt


@task()
def export_write(job_id: str) -> None:
    """Write an export file (iam.services.exports)."""
    export_run(job_id)


@task()
def mail_deliver(mail_id: int) -> str:
    """Send an outbox mail, or queue its next try (iam.services.mail)."""
    return mail_attempt(mail_id)
