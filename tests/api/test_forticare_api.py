"""FortiCare through the REST API: All Tickets as the page lists them, Create Ticket, a comment
and Close, validated by the page's forms and made by its services; a read-only profile may
not write (404, as on the pages); another account's ticket is the same 404 as a missing one."""

import pytest

from forticare.models import Ticket
from iam.permissions import Level
from tests.assets.conftest import make_asset
from tests.factories import ProfileFactory, TicketFactory

from .helpers import api_user, bearer

pytestmark = pytest.mark.django_db

TICKETS = "/api/v1/forticare/tickets/"
JSON = "application/json"


@pytest.fixture
def writer(world, client):
    profile = ProfileFactory(
        account=world.account_a, forticare=Level.READ_WRITE, asset_management=1
    )
    user, secret = api_user(world.account_a, world.owner_a, "writer", permission_profile=profile)
    return bearer(client, user, secret)


def new_ticket(**fields):
    return {
        "subject": "Fan noise",
        "request_type": "technical_support",
        "priority": 3,
        "description": "Loud since the update.",
        **fields,
    }


def test_all_tickets_lists_the_account_s_tickets_as_the_page_does(world, client, writer):
    mine = [TicketFactory(account=world.account_a, subject=f"A {n}") for n in range(3)]
    TicketFactory(account=world.account_b, subject="B's")
    listed = client.get(TICKETS + "?sort=id", **writer).json()["results"]
    assert [ticket["id"] for ticket in listed] == [ticket.pk for ticket in mine]
    search = client.get(TICKETS + "?q=A 1", **writer).json()["results"]
    assert [ticket["subject"] for ticket in search] == ["A 1"]


def test_create_comment_and_close_a_ticket(world, client, writer):
    unit = make_asset(world.account_a)
    made = client.post(TICKETS, new_ticket(asset=unit.pk), content_type=JSON, **writer)
    assert made.status_code == 201, made.json()
    ticket = Ticket.objects.get(pk=made.json()["id"])
    assert (ticket.account, ticket.asset, ticket.creator_label) == (world.account_a, unit, "writer")
    url = f"{TICKETS}{ticket.pk}/"
    commented = client.post(url + "comments/", {"body": "Still loud."}, content_type=JSON, **writer)
    assert commented.status_code == 201
    assert commented.json()["comments"][-1]["body"] == "Still loud."
    closed = client.post(url + "close/", **writer)
    assert closed.status_code == 200 and closed.json()["status"] == "closed"
    late = client.post(url + "comments/", {"body": "x"}, content_type=JSON, **writer)
    assert late.status_code == 400 and late.json()["error"]["code"] == "invalid"


def test_bad_input_is_a_400_naming_the_fields_and_changes_nothing(world, client, writer):
    other = make_asset(world.account_b)
    answer = client.post(
        TICKETS,
        new_ticket(subject="", asset=other.pk, request_type="nonsense"),
        content_type=JSON,
        **writer,
    )
    assert answer.status_code == 400
    fields = answer.json()["error"]["fields"]
    assert {"subject", "asset", "request_type"} <= set(fields)
    assert not Ticket.objects.exists()
    broken = client.post(TICKETS, "{not json", content_type=JSON, **writer)
    assert broken.status_code == 400 and "error" in broken.json()


def test_read_only_may_read_not_write_and_other_accounts_are_404(world, client):
    reader, secret = api_user(world.account_a, world.owner_a, "reader")  # FortiCare Read Only
    headers = bearer(client, reader, secret)
    ticket = TicketFactory(account=world.account_a)
    assert client.get(f"{TICKETS}{ticket.pk}/", **headers).status_code == 200
    assert client.post(TICKETS, new_ticket(), content_type=JSON, **headers).status_code == 404
    assert client.post(f"{TICKETS}{ticket.pk}/close/", **headers).status_code == 404
    theirs = TicketFactory(account=world.account_b)
    forbidden = client.get(f"{TICKETS}{theirs.pk}/", **headers)
    assert forbidden.status_code == 404
    assert forbidden.json() == client.get(f"{TICKETS}999999999/", **headers).json()
    assert Ticket.objects.get(pk=ticket.pk).status == Ticket.Status.OPEN
