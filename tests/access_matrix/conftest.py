import pytest
from django.conf import settings
from django.db import connection, transaction
from django.test import Client

from .world import build_world

LOGGED_IN = [
    "owner_a",
    "stranger",
    "staff",
    "partner_user",
    "other_partner_user",
    "iam_scoped",
    "idp_scoped",
    "iam_read_only",
    "iam_no_am",
    "iam_no_fc",
    "iam_no_iam",
    "iam_no_resource",
    "iam_self",
    "org_inside",
    "org_outside",
    "sub_full",
    "sub_read_only",
    "sub_limited",
]


@pytest.fixture(scope="module")
def matrix_world(django_db_setup, django_db_blocker):
    """The world, built once per test module inside a transaction that is rolled back at the
    end, with a session for each user that logs in (``world.sessions``: session keys)."""
    with django_db_blocker.unblock(), transaction.atomic():
        name = str(connection.settings_dict["NAME"])
        assert "test" in name, f"not a test database: {name}"
        world = build_world()
        for name in LOGGED_IN:
            client = Client()
            client.force_login(getattr(world, name))
            world.sessions[name] = client.cookies[settings.SESSION_COOKIE_NAME].value
        yield world
        transaction.set_rollback(True)


@pytest.fixture
def world(matrix_world, db):
    """Each test runs in a savepoint on top of the module's world (the ``db`` fixture): what
    it changes (a role disabled, a user deleted, a session ended) is gone before the next."""
    return matrix_world


def log_in(client, world, user):
    """The session built for ``user`` with the world (force_login costs a write per test)."""
    name = next(name for name in LOGGED_IN if getattr(world, name) == user)
    client.cookies[settings.SESSION_COOKIE_NAME] = world.sessions[name]
