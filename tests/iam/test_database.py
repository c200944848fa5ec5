"""Rules the database itself enforces, on SQLite and on PostgreSQL."""

import os

import pytest
from django.db import IntegrityError, connection, transaction

from iam.models import PartnerRole, User
from tests.conftest import skip_or_fail
from tests.factories import IamUserFactory, OwnerFactory, PartnerFactory

pytestmark = pytest.mark.django_db


def test_the_suite_runs_on_postgresql_when_required():
    if connection.vendor != "postgresql":
        skip_or_fail("this run uses SQLite; set DATABASE_URL for PostgreSQL", "REQUIRE_POSTGRES")
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version_num")
        assert int(cursor.fetchone()[0]) >= 150000
    assert os.environ.get("DATABASE_URL", "").startswith("postgres")


def test_one_partner_role_per_account(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        PartnerRole.objects.create(account=world.account_a, partner=PartnerFactory(), name="Two")


def test_an_active_role_needs_a_partner(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        PartnerRole.objects.create(account=world.account_b, name="Orphan", status="active")


def test_login_emails_are_unique_whatever_the_case(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        OwnerFactory(email=world.owner_a.email.upper())


def test_iam_usernames_are_unique_per_account_only(world):
    IamUserFactory(account=world.account_b, username=world.iam_a.username)
    with pytest.raises(IntegrityError), transaction.atomic():
        IamUserFactory(account=world.account_a, username=world.iam_a.username.upper())


def test_an_account_has_one_owner(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        OwnerFactory(account=world.account_a)


def test_users_of_an_account_kind_need_an_account(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create_user(kind=User.Kind.OWNER, email="lost@example.test")
