"""Background tasks, run by `manage.py db_worker`."""

from django.tasks import task

from .services.exports import export_run
from .services.mail import mail_deliver_now


@task()
def export_write(job_id: str) -> None:
    """Write an export file (iam.services.exports)."""
    export_run(job_id)


@task()
def mail_deliver(*, to: str, subject: str, body: str) -> None:
    """Send a mail queued by iam.services.mail."""
    mail_deliver_now(to=to, subject=subject, body=body)
