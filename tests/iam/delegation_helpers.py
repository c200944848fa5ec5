"""Steps of the delegation tests (``test_delegation_*.py``): browsers, IAM URLs, a new user."""

from django.test import Client

from iam.models import PermissionProfile
from tests.conftest import csrf_token

NEW_PASSWORD = "backdoor-password-2026"
FULL_ACCESS = PermissionProfile.Builtin.FULL_ACCESS
SYSADMIN = PermissionProfile.Builtin.SYSADMIN


def browser(user=None):
    client = Client(enforce_csrf_checks=True)
    if user is not None:
        client.force_login(user)
    return client


def send(client, url, data=None):
    data = dict(data or {})
    data["csrfmiddlewaretoken"] = csrf_token(client)
    return client.post(url, data)


def iam(account, path=""):
    return f"/a/{account.pk}/iam/{path}"


def user_data(profile, **overrides):
    data = {
        "username": "backdoor",
        "password": NEW_PASSWORD,
        "password_confirm": NEW_PASSWORD,
        "permission_profile": profile.pk,
    }
    return data | overrides


def iam_login(account, username, password=NEW_PASSWORD):
    client = browser()
    data = {"account": str(account.pk), "username": username, "password": password}
    response = send(client, "/login/iam/", data)
    return client, response
