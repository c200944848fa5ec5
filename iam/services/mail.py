"""Mail to people through the outbox (iam.models.OutboxMail): ``mail_send`` writes the mail in
the caller's transaction (it goes if and only if the change is saved) and queues its delivery;
the worker sends it, retrying with backoff while the mail server is down. No web request waits
on the mail server, and nothing is lost while it is down."""

import datetime

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import models, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from ..models import OutboxMail

# The wait before each retry (then the last one again), and how many tries in all.
BACKOFF = [datetime.timedelta(minutes=m) for m in (1, 5, 15, 60, 180)]


def mail_send(
    *,
    to: str,
    template: str,
    context: dict,
    html_template: str = "",
    headers=None,
    sensitive: bool = False,
):
    """Queue the mail of ``template`` (a text template: its first line is the subject), with an
    HTML alternative from ``html_template`` if given; ``sensitive``: it holds a one-time link."""
    subject, _, body = render_to_string(template, context).strip().partition("\n")
    subject = " ".join(subject.split())[:255]  # one line, whatever a name held
    html = render_to_string(html_template, context) if html_template else ""
    mail = OutboxMail.objects.create(
        to=to,
        subject=subject,
        body=body.strip() + "\n",
        html=html,
        headers=headers or {},
        sensitive=sensitive,
    )
    _deliver_later(mail, run_after=None)
    return mail


def _deliver_later(mail: OutboxMail, run_after) -> None:
    from ..tasks import mail_deliver  # the task module imports the services

    task = mail_deliver.using(run_after=run_after) if run_after else mail_deliver
    task.enqueue(mail.pk)


def mail_attempt(mail_id: int) -> str:
    """One try at sending an outbox mail (the worker's task). The row is locked while it is
    sent, so two workers never send it twice; a mail already sent or failed is left alone."""
    with transaction.atomic():
        mail = OutboxMail.objects.select_for_update().filter(pk=mail_id).first()
        if mail is None or mail.status != OutboxMail.Status.QUEUED:
            return "gone" if mail is None else mail.status
        mail.attempts += 1
        try:
            message = EmailMultiAlternatives(
                subject=mail.subject, body=mail.body, to=[mail.to], headers=mail.headers
            )
            if mail.html:
                message.attach_alternative(mail.html, "text/html")
            message.send()
        except Exception as error:  # the mail server down, refusing, timing out: try later
            return _retry_or_fail(mail, error)
        mail.status, mail.sent_at, mail.next_attempt_at = (
            OutboxMail.Status.SENT,
            timezone.now(),
            None,
        )
        if mail.sensitive:
            mail.body = mail.html = ""
        sent = ["attempts", "status", "sent_at", "next_attempt_at", "body", "html"]
        mail.save(update_fields=sent)
        return mail.status


def _retry_or_fail(mail: OutboxMail, error: Exception) -> str:
    mail.last_error = f"{type(error).__name__}: {error}"[:500]
    if mail.attempts >= settings.MAIL_ATTEMPTS:
        mail.status, mail.next_attempt_at = OutboxMail.Status.FAILED, None
    else:
        wait = BACKOFF[min(mail.attempts, len(BACKOFF)) - 1]
        mail.next_attempt_at = timezone.now() + wait
        _deliver_later(mail, run_after=mail.next_attempt_at)  # queued with this transaction
    mail.save(update_fields=["attempts", "status", "last_error", "next_attempt_at"])
    return mail.status


def mail_retry(mails) -> int:
    """Staff's "Send again" in admin: failed mails queued once more, from no tries."""
    count = 0
    for mail in mails.filter(status=OutboxMail.Status.FAILED):
        mail.status, mail.attempts, mail.next_attempt_at = OutboxMail.Status.QUEUED, 0, None
        mail.save(update_fields=["status", "attempts", "next_attempt_at"])
        _deliver_later(mail, run_after=None)
        count += 1
    return count


STUCK_AFTER = datetime.timedelta(hours=1)


def mail_sweep() -> int:
    """Queue again the mails that have waited long past their time with no task left to send
    them (a worker killed while sending, a commit lost after the server took the mail): sent
    at least once. A mail whose task is only late is not sent twice: the row lock decides."""
    late = timezone.now() - STUCK_AFTER
    stuck = OutboxMail.objects.filter(status=OutboxMail.Status.QUEUED).filter(
        models.Q(next_attempt_at__isnull=True, created_at__lt=late)
        | models.Q(next_attempt_at__lt=late)
    )
    count = 0
    for mail in stuck.only("pk")[:10_000]:
        _deliver_later(mail, run_after=None)
        count += 1
    return count
