"""Shared fixtures: every test gets two customer accounts, a partner connected to one of them,
and a stranger, so a cross-tenant negative test is one line."""

import os
from dataclasses import dataclass

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from iam.models import Account, PartnerRole, User
from partners.models import Partner
from tests.factories import (
    AccountFactory,
    IamUserFactory,
    OwnerFactory,
    PartnerFactory,
    PartnerRoleFactory,
    PartnerUserFactory,
)


def skip_or_fail(reason: str, require_variable: str):
    """Skip with ``reason``, or fail when CI demands the capability (e.g. REQUIRE_BROWSER=1)."""
    if os.environ.get(require_variable) == "1":
        pytest.fail(f"{reason} ({require_variable}=1 demands it)")
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with empty caches (cached counts belong to the test that made them)."""
    for kept in caches.all():
        kept.clear()


@pytest.fixture
def client():
    """Django's test client skips CSRF checks unless asked; ours never does."""
    return Client(enforce_csrf_checks=True)


def csrf_token(client) -> str:
    # Every full page carries the token (base.html); /login/ for visitors, /accounts/ for users.
    for page in ("/login/", "/accounts/"):
        if "csrftoken" not in client.cookies:
            client.get(page)
    return client.cookies["csrftoken"].value


def page_queries(client, url) -> int:
    """How many database queries a GET of ``url`` (which must answer 200) runs."""
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.fixture
def post(client):
    """POST like a browser: with the CSRF token of the client's cookie."""

    def do_post(url, data=None, **extra):
        data = dict(data or {})
        data.setdefault("csrfmiddlewaretoken", csrf_token(client))
        return client.post(url, data, **extra)

    return do_post


@dataclass
class World:
    account_a: Account
    account_b: Account
    owner_a: User
    owner_b: User
    iam_a: User
    partner: Partner
    partner_user: User
    role_a: PartnerRole
    stranger: User


@pytest.fixture
def world(db) -> World:
    """Customer A is connected to the partner; customer B is not; the stranger owns account C."""
    account_a = AccountFactory(company_name="Alpha Corp")
    account_b = AccountFactory(company_name="Bravo Ltd")
    partner = PartnerFactory(company_name="Reseller One")
    return World(
        account_a=account_a,
        account_b=account_b,
        owner_a=OwnerFactory(account=account_a),
        owner_b=OwnerFactory(account=account_b),
        iam_a=IamUserFactory(account=account_a),
        partner=partner,
        partner_user=PartnerUserFactory(partner=partner),
        role_a=PartnerRoleFactory(account=account_a, partner=partner, name="Reseller access"),
        stranger=OwnerFactory(account=AccountFactory(company_name="Charlie Inc")),
    )


# The SMTP server on loopback, for every test that reads mail (last: it imports this module).
from tests.mail import smtp  # noqa: E402, F401
