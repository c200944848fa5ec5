"""Mail to people: queued as a task in the same database transaction as the change it tells
about (the mail goes if and only if the change is saved), sent by the worker, so no web
request waits on the mail server. A later outbox with retries replaces ``mail_send`` only."""

from django.core.mail import EmailMessage
from django.template.loader import render_to_string


def mail_send(*, to: str, template: str, context: dict) -> None:
    """Queue the mail of ``template`` (a text template: its first line is the subject)."""
    from ..tasks import mail_deliver  # the task module imports the services

    subject, _, body = render_to_string(template, context).strip().partition("\n")
    mail_deliver.enqueue(to=to, subject=subject.strip(), body=body.strip() + "\n")


def mail_deliver_now(*, to: str, subject: str, body: str) -> None:
    """Hand one mail to the configured mail server (MAILERS, from EMAIL_URL)."""
    EmailMessage(subject=subject, body=body, to=[to]).send()
