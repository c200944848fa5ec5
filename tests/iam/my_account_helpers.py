"""My Account's tests: the steps a person takes: log in, ask for a new email, follow the link of
the mail (which a real SMTP server on loopback receives: tests/mail.py)."""

import re
from email.message import EmailMessage
from urllib.parse import urlsplit

from django.test import Client

from tests.conftest import csrf_token
from tests.factories import PASSWORD

LINK = re.compile(r"https?://\S+/account/email/confirm/[A-Za-z0-9_-]+/")


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
