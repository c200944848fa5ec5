"""While the database is down: 503, not 500; other errors keep the 500 page."""

import socket

import pytest
from django.db import InterfaceError, OperationalError, connection
from django.test import Client

from forticloud.views import server_error
from tests.conftest import skip_or_fail
from tests.factories import OwnerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def database_down(transactional_db):
    """Point the connection at a database that cannot be reached, and back afterwards."""
    saved = dict(connection.settings_dict)

    def break_it():
        connection.close()
        if connection.vendor == "postgresql":
            with socket.socket() as probe:  # a port nobody listens on: bound, never listening
                probe.bind(("127.0.0.1", 0))
                port = probe.getsockname()[1]
            connection.settings_dict.update(HOST="127.0.0.1", PORT=str(port))
        elif connection.vendor == "sqlite":
            connection.settings_dict["NAME"] = "/nonexistent-directory/forticloud.sqlite3"
        else:
            skip_or_fail(f"no way to take {connection.vendor} down in a test", "REQUIRE_503")

    yield break_it
    connection.close()
    connection.settings_dict.clear()
    connection.settings_dict.update(saved)


def test_pages_answer_503_while_the_database_is_down(client, database_down):
    owner = OwnerFactory()
    client.force_login(owner)
    assert client.get(f"/a/{owner.account_id}/").status_code == 200
    client = Client(raise_request_exception=False)
    client.force_login(owner)
    database_down()
    for url in (f"/a/{owner.account_id}/", "/accounts/", "/healthz"):
        response = client.get(url)
        assert response.status_code == 503, url
    response = client.get(f"/a/{owner.account_id}/iam/users/")
    assert response["Retry-After"] == "30"
    assert "temporarily unavailable" in response.content.decode()
    assert isinstance(response.exc_info[1], OperationalError | InterfaceError)


def test_other_errors_keep_the_500_page(rf):
    request = rf.get("/")
    try:
        raise ValueError("a bug")
    except ValueError:
        response = server_error(request)
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()
