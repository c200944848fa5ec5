"""All Tickets sorted by each column, page after page; the Account column sorts on the
account's name kept on the ticket row (so an index serves it), which follows a renamed account
through the worker."""

import pytest

from forticare.models import Ticket
from tests.exports import csv_rows, export_of, run_worker
from tests.factories import PartnerRoleFactory

pytestmark = pytest.mark.django_db

ALL_TICKETS = "/partner/forticare/"


def _ticket(account, subject, **fields):
    fields = {
        "request_type": Ticket.RequestType.CUSTOMER_SERVICE,
        "ticket_type": Ticket.TicketType.CUSTOMER,
    } | fields
    return Ticket.objects.create(
        account=account, subject=subject, description="-", creator_label="owner", **fields
    )


def every_page(client, query) -> list[Ticket]:
    """Every row of All Tickets so sorted, page after page (Next)."""
    rows, after = [], ""
    while True:
        page = client.get(f"{ALL_TICKETS}?{query}&after={after}").context["page"]
        rows += page.rows
        if not page.next_after:
            return rows
        after = page.next_after


@pytest.fixture
def tickets(world):
    """Alpha Corp's and Zeta Ltd's tickets, each request type, one kept from the customer."""
    zeta = PartnerRoleFactory(partner=world.partner).account
    zeta.company_name = "Zeta Ltd"
    zeta.save()
    made = []
    for n in range(30):
        account = world.account_a if n % 2 else zeta
        kind = list(Ticket.RequestType)[n % 4]
        made.append(_ticket(account, f"Issue {n:02d}", request_type=kind))
    made.append(
        _ticket(
            world.account_a,
            "Between us",
            visibility=Ticket.Visibility.PARTNER_ONLY,
            partner=world.partner,
            ticket_type=Ticket.TicketType.PARTNER,
        )
    )
    return made


@pytest.mark.parametrize(
    ("sort", "key"),
    [
        ("request_type", lambda t: (t.request_type, t.pk)),
        ("-request_type", lambda t: (t.request_type, t.pk)),
        ("type", lambda t: (t.ticket_type, t.pk)),
        ("-visibility", lambda t: (t.visibility, t.pk)),
        ("account", lambda t: (t.account.company_name, t.pk)),
        ("-account", lambda t: (t.account.company_name, t.pk)),
    ],
)
def test_every_column_sorts_page_after_page(world, client, tickets, sort, key):
    client.force_login(world.partner_user)
    shown = every_page(client, f"sort={sort}")
    expected = sorted(tickets, key=key, reverse=sort.startswith("-"))
    assert [t.pk for t in shown] == [t.pk for t in expected]


def test_the_account_sort_follows_a_renamed_account(world, client, tickets):
    client.force_login(world.partner_user)
    first = every_page(client, "sort=account")[0]
    assert first.account == world.account_a and first.company_name == "Alpha Corp"

    world.account_a.company_name = "Zulu Corp"
    world.account_a.save()
    run_worker()
    shown = every_page(client, "sort=account")
    assert {t.company_name for t in shown[:15]} == {"Zeta Ltd"}
    assert {t.company_name for t in shown[15:]} == {"Zulu Corp"}
    page = client.get(f"{ALL_TICKETS}?sort=-account").text
    assert "<td>Zulu Corp</td>" in page and "Alpha Corp" not in page
    rows = csv_rows(export_of(client, ALL_TICKETS))
    assert {row[6] for row in rows[1:]} == {"Zeta Ltd", "Zulu Corp"}
    assert len(client.get(f"{ALL_TICKETS}?company=zulu").context["page"].rows) == 16


def test_a_new_ticket_keeps_its_accounts_name(world, client, post):
    unit_less = {"subject": "Traffic drops", "request_type": "technical_support"}
    client.force_login(world.owner_a)
    response = post(
        f"/a/{world.account_a.pk}/forticare/tickets/new/",
        unit_less | {"priority": 2, "description": "Port2 flaps."},
    )
    assert response.status_code == 303
    assert Ticket.objects.get().company_name == "Alpha Corp"
