"""Bad text fields: comments too long or empty, NUL bytes in searches, a forged ``back`` query."""

from urllib.parse import quote, urlencode

import pytest

from forticare.models import Ticket
from forticloud.web.listing import cursor_encode
from tests.exports import export_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def ticket(world):
    return Ticket.objects.create(
        account=world.account_a,
        subject="Port2 flaps",
        description="Since the upgrade.",
        request_type=Ticket.RequestType.TECHNICAL_SUPPORT,
        ticket_type=Ticket.TicketType.CUSTOMER,
        creator_label="owner",
    )


def test_a_comment_over_10000_characters_is_refused_and_not_stored(world, client, post, ticket):
    client.force_login(world.owner_a)
    url = f"/a/{world.account_a.pk}/forticare/tickets/{ticket.pk}/comment/"
    for body in ("x" * 10_001, "x" * 2_000_000):
        response = post(url, {"body": body})
        assert response.status_code == 400
        assert "at most 10000 characters" in response.content.decode()
    assert not ticket.comments.exists()
    assert post(url, {"body": "x" * 10_000}).status_code == 303
    assert ticket.comments.get().body == "x" * 10_000


@pytest.mark.parametrize("body", ["", "   ", "Hello\x00world"])
def test_an_empty_comment_or_one_with_a_nul_byte_is_refused(world, client, post, ticket, body):
    client.force_login(world.owner_a)
    url = f"/a/{world.account_a.pk}/forticare/tickets/{ticket.pk}/comment/"
    assert post(url, {"body": body}).status_code == 400
    assert not ticket.comments.exists()


# The lists with a search field, by who sees them; the field is ``q`` unless named below.
OWNER_LISTS = [
    "/a/{a}/assets/",
    "/a/{a}/assets/decommissioned/",
    "/a/{a}/forticare/",
    "/a/{a}/iam/users/",
    "/accounts/",
]
PARTNER_LISTS = [
    "/partner/forticare/",
    "/partner/forticare/bug-tracker/",
    "/partner/account/connected-accounts/",
]
NUL_SEARCHES = [
    *(("owner", path, "q") for path in OWNER_LISTS),
    ("owner", "/a/{a}/iam/audit-log/", "actor"),
    *(("partner", path, "q") for path in PARTNER_LISTS),
    ("partner", "/partner/assets/", "company"),
]


@pytest.mark.parametrize(("persona", "path", "name"), NUL_SEARCHES)
def test_a_nul_byte_in_a_search_is_ignored(world, client, persona, path, name):
    """PostgreSQL refuses a NUL byte in a query: the search is dropped, the list shows."""
    client.force_login(world.owner_a if persona == "owner" else world.partner_user)
    url = path.format(a=world.account_a.pk)
    for value in ("\x00", "Alpha\x00", "%00"):
        response = client.get(url, {name: value})
        assert response.status_code == 200, (url, value)
        exported = client.get(url, {name: value, "export": "csv"})
        if exported.status_code == 303:  # a list with exports: the worker writes the file
            exported = export_of(client, f"{url}?{urlencode({name: value})}")
        assert exported.status_code == 200, (url, value)


def test_the_column_picker_goes_back_to_the_list_query_only(world, client, post):
    client.force_login(world.partner_user)
    url = "/partner/forticare/bug-tracker/columns/"
    after = cursor_encode("new", 7)
    back = f"q=FortiOS&sort=-status&after={after}&evil=%0d%0aSet-Cookie:x&export=csv"
    response = post(url, {"columns": ["number", "status"], "back": back})
    assert response.status_code == 303
    assert response["Location"] == (
        f"/partner/forticare/bug-tracker/?q=FortiOS&sort=-status&after={quote(after)}"
    )
    response = post(url, {"columns": ["number", "not-a-column"], "back": "q=\r\nx"})
    assert response.status_code == 303
    assert response["Location"] == "/partner/forticare/bug-tracker/"
