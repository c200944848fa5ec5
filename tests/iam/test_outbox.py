"""The outbox: a mail is a row written with the change; the worker sends it through a real SMTP
server on loopback, retries with backoff while the server is down, and marks it failed after
MAIL_ATTEMPTS tries; two workers never send one mail twice."""

import datetime

import pytest
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from iam.models import OutboxMail
from iam.services.mail import mail_attempt, mail_retry, mail_send, mail_sweep
from tests.concurrency import at_once
from tests.mail import deliver, free_port, mailer_at, smtp_server

pytestmark = pytest.mark.django_db

TEMPLATE = "iam/mail/iam_user_ready.txt"
CONTEXT = {"master": "Olivia", "email": "a@b.test", "account_id": 1, "username": "a", "link": "L"}


def queue(to="person@example.test", **extra):
    return mail_send(to=to, template=TEMPLATE, context=CONTEXT, **extra)


def time_passes():
    """The retries' wait is over: every queued task is due now."""
    DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())


def test_a_mail_goes_when_the_worker_runs(smtp):
    mail = queue(headers={"List-Unsubscribe": "<https://example.test/u/1/>"})
    assert smtp.to("person@example.test") == []  # nothing is sent by the request itself
    deliver()
    [received] = smtp.to("person@example.test")
    assert received["Subject"] == "Your FortiCloud IAM user is ready: set its password"
    assert received["List-Unsubscribe"] == "<https://example.test/u/1/>"
    mail.refresh_from_db()
    assert (mail.status, mail.attempts) == ("sent", 1) and mail.sent_at is not None


def test_nothing_is_sent_for_a_change_rolled_back(smtp):
    with pytest.raises(RuntimeError), transaction.atomic():
        queue()
        raise RuntimeError("the change failed")
    deliver()
    assert smtp.received == [] and not OutboxMail.objects.exists()


def test_while_the_server_is_down_the_worker_retries_until_it_is_back(settings):
    port = free_port()
    mailer_at(settings, port)  # nobody listens there yet
    mail = queue()
    deliver()
    mail.refresh_from_db()
    assert (mail.status, mail.attempts) == ("queued", 1)
    assert "Connection" in mail.last_error or "refused" in mail.last_error.lower()
    assert mail.next_attempt_at > timezone.now()
    deliver()  # the retry is not due yet: nothing happens
    mail.refresh_from_db()
    assert mail.attempts == 1

    inbox, controller = smtp_server(port)  # the server comes back
    try:
        time_passes()
        deliver()
    finally:
        controller.stop()
    mail.refresh_from_db()
    assert (mail.status, mail.attempts) == ("sent", 2)
    assert len(inbox.to("person@example.test")) == 1


def test_after_the_last_try_it_is_failed_and_staff_can_send_it_again(settings):
    settings.MAIL_ATTEMPTS = 3
    port = free_port()
    mailer_at(settings, port)
    mail = queue()
    for _ in range(4):
        deliver()
        time_passes()
    mail.refresh_from_db()
    assert (mail.status, mail.attempts) == ("failed", 3)
    assert not DBTaskResult.objects.filter(status="READY").exists()  # no more tries queued

    inbox, controller = smtp_server(port)
    try:
        assert mail_retry(OutboxMail.objects.all()) == 1
        deliver()
    finally:
        controller.stop()
    mail.refresh_from_db()
    assert mail.status == "sent" and len(inbox.received) == 1


def test_two_workers_at_once_send_one_mail_once(transactional_db, smtp):
    mail = queue()
    outcomes = at_once(mail_attempt, [mail.pk, mail.pk, mail.pk])
    assert outcomes == ["sent", "sent", "sent"]  # each found it sent, by itself or another
    assert len(smtp.to("person@example.test")) == 1


def test_a_one_time_link_is_not_kept_once_sent(smtp):
    mail = queue(sensitive=True)
    deliver()
    mail.refresh_from_db()
    assert mail.status == "sent" and mail.body == "" and mail.html == ""
    assert "L" in smtp.to("person@example.test")[0].get_content()  # the link went out


def test_a_mail_left_without_a_task_is_queued_again(smtp):
    mail = queue()
    DBTaskResult.objects.all().delete()  # the worker died with it
    OutboxMail.objects.filter(pk=mail.pk).update(
        created_at=timezone.now() - datetime.timedelta(hours=2)
    )
    assert mail_sweep() == 1
    deliver()
    mail.refresh_from_db()
    assert mail.status == "sent" and len(smtp.received) == 1
    assert mail_sweep() == 0
