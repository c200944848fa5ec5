"""My Account's tests: a real SMTP server on loopback (aiosmtpd) that the worker's mails reach,
and the steps a person takes: log in, ask for a new email, follow the link of the mail."""

import email
import re
import socket
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from urllib.parse import urlsplit

import pytest
from aiosmtpd.controller import Controller
from django.test import Client

from tests.conftest import csrf_token
from tests.exports import run_worker
from tests.factories import PASSWORD

LINK = re.compile(r"https?://\S+/account/email/confirm/[A-Za-z0-9_-]+/")


@dataclass
class Inbox:
    """What the SMTP server received: (envelope recipients, parsed message)."""

    received: list[tuple[list[str], EmailMessage]] = field(default_factory=list)

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd calls it so
        message = email.message_from_bytes(envelope.content, policy=policy.default)
        self.received.append((list(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[EmailMessage]:
        return [message for rcpt, message in self.received if address in rcpt]

    def clear(self):
        self.received.clear()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def mailer_at(settings, port: int) -> None:
    """The portal's mailer (MAILERS, as EMAIL_URL sets it) sends to 127.0.0.1:``port``."""
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 10},
        }
    }


def smtp_server(port: int = 0) -> tuple[Inbox, Controller]:
    """A real SMTP server on loopback (a free port unless ``port``), started."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port or free_port())
    controller.start()
    return inbox, controller


@pytest.fixture
def smtp(settings):
    """A real SMTP server on loopback that the portal's mailer points at. The mails go when
    the worker runs (``deliver``)."""
    inbox, controller = smtp_server()
    mailer_at(settings, controller.port)
    yield inbox
    controller.stop()


def deliver() -> None:
    """The worker (`manage.py db_worker`) sends what is queued."""
    run_worker()


def session_of(user=None):
    """Another browser (logged in as ``user``): its client, and a POST with its CSRF token."""
    client = Client(enforce_csrf_checks=True)
    if user is not None:
        client.force_login(user)

    def post(url, data=None, **extra):
        return client.post(
            url, {**(data or {}), "csrfmiddlewaretoken": csrf_token(client)}, **extra
        )

    return client, post


def email_login(post, email_address, password=PASSWORD, ip="10.0.0.1"):
    return post("/login/", {"email": email_address, "password": password}, REMOTE_ADDR=ip)


def link_in(message: EmailMessage) -> str:
    """The path of the confirmation link in a mail."""
    found = LINK.search(message.get_content())
    assert found, message.get_content()
    return urlsplit(found.group(0)).path


def ask_for(post, new_email):
    return post("/account/email/", {"email": new_email})
