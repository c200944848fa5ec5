"""Mail in the tests: a real SMTP server on loopback (aiosmtpd) that the worker's mails reach
(the ``smtp`` fixture, registered in tests/conftest.py), and the worker that sends them."""

import email
import socket
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller

from tests.exports import run_worker


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
