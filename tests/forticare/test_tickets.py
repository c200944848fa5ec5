"""Tickets: creation, Ticket Visibility, permissions, the aggregated All Tickets, exports."""

import datetime
import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from forticare.models import Ticket
from iam.permissions import Level
from tests.assets.conftest import make_asset
from tests.exports import csv_rows, export_of
from tests.factories import IamUserFactory, PartnerRoleFactory, ProfileFactory

pytestmark = pytest.mark.django_db


def url(account, path=""):
    return f"/a/{account.pk}/forticare/{path}"


def create(post, account, **data):
    fields = {
        "subject": "Traffic drops",
        "request_type": "technical_support",
        "priority": 2,
        "description": "Port2 flaps.",
    } | data
    return post(url(account, "tickets/new/"), fields)


def ids(response):
    return sorted(t.pk for t in response.context["page"].rows)


def test_a_customer_ticket_for_a_unit_in_service(world, client, post):
    unit = make_asset(world.account_a)
    client.force_login(world.owner_a)
    response = create(post, world.account_a, asset=unit.pk, visibility="partner")
    assert response.status_code == 303
    ticket = Ticket.objects.get()
    assert (ticket.ticket_type, ticket.visibility, ticket.asset) == ("customer", "all", unit)
    assert ticket.creator == world.owner_a


def test_tickets_only_for_this_accounts_units_in_service(world, client, post):
    theirs = make_asset(world.account_b)
    gone = make_asset(world.account_a, decommissioned_at=timezone.now())
    client.force_login(world.owner_a)
    assert (
        "Select a valid choice" in create(post, world.account_a, asset=theirs.pk).content.decode()
    )
    assert "Select a valid choice" in create(post, world.account_a, asset=gone.pk).content.decode()
    assert not Ticket.objects.exists()


def test_read_only_forticare_views_but_cannot_act(world, client, post):
    ticket = Ticket.objects.create(
        account=world.account_a, subject="x", description="y", request_type="rma",
        ticket_type="customer", creator_label="o",
    )  # fmt: skip
    reader = IamUserFactory(
        account=world.account_a,
        permission_profile=ProfileFactory(account=world.account_a, forticare=Level.READ_ONLY),
    )
    client.force_login(reader)
    assert client.get(url(world.account_a, f"tickets/{ticket.pk}/")).status_code == 200
    assert client.get(url(world.account_a, "tickets/new/")).status_code == 404
    assert create(post, world.account_a).status_code == 404
    assert (
        post(url(world.account_a, f"tickets/{ticket.pk}/comment/"), {"body": "hi"}).status_code
        == 404
    )
    assert post(url(world.account_a, f"tickets/{ticket.pk}/close/")).status_code == 404
    assert Ticket.objects.get().status == "open" and not ticket.comments.exists()


def test_partner_only_tickets_are_hidden_from_the_customer(world, client, post):
    client.force_login(world.partner_user)
    create(post, world.account_a, subject="Private", visibility="partner")
    create(post, world.account_a, subject="Shared", visibility="all")
    private = Ticket.objects.get(subject="Private")
    assert (private.ticket_type, private.partner) == ("partner", world.partner)
    assert len(ids(client.get(url(world.account_a)))) == 2

    client.force_login(world.owner_a)
    listing = client.get(url(world.account_a))
    assert [t.subject for t in listing.context["page"].rows] == ["Shared"]
    assert client.get(url(world.account_a, f"tickets/{private.pk}/")).status_code == 404
    client.post(url(world.account_a, f"tickets/{private.pk}/close/"))
    assert Ticket.objects.get(pk=private.pk).status == "open"


def test_comment_close_and_reopen(world, client, post):
    client.force_login(world.owner_a)
    create(post, world.account_a)
    ticket = Ticket.objects.get()
    base = url(world.account_a, f"tickets/{ticket.pk}/")
    post(base + "comment/", {"body": "Any news?"})
    assert Ticket.objects.get().status == "in_progress"
    post(base + "close/")
    ticket.refresh_from_db()
    assert ticket.status == "closed" and ticket.closed_at
    refused = post(base + "comment/", {"body": "late"}, follow=True)
    assert "reopen it to add a comment" in refused.content.decode()
    post(base + "reopen/")
    page = client.get(base).content.decode()
    assert "Any news?" in page and "Closed." in page and "Reopened." in page


def test_another_accounts_ticket_is_a_404(world, client, post):
    ticket = Ticket.objects.create(
        account=world.account_b, subject="B", description="b", request_type="rma",
        ticket_type="customer", creator_label="b",
    )  # fmt: skip
    client.force_login(world.owner_a)
    assert client.get(url(world.account_a, f"tickets/{ticket.pk}/")).status_code == 404
    assert post(url(world.account_a, f"tickets/{ticket.pk}/close/")).status_code == 404
    assert Ticket.objects.get(pk=ticket.pk).status == "open"


def _ticket(account, subject):
    return Ticket.objects.create(
        account=account, subject=subject, description="-", request_type="customer_service",
        ticket_type="customer", creator_label="owner",
    )  # fmt: skip


def test_the_seed_example_roles_a_b_c(world, client):
    """Role A: FortiCare, IAM, Asset Management. Role B: Asset Management, FortiCare denied.
    Role C: FortiCare and ELA. Visit as Partner shows the tickets of A and C only."""
    a = world.role_a
    a.permission_profile = ProfileFactory(
        account=a.account, forticare=Level.ADMIN, iam=Level.ADMIN, asset_management=Level.ADMIN
    )
    a.save()
    b = PartnerRoleFactory(partner=world.partner)
    b.permission_profile = ProfileFactory(account=b.account, asset_management=Level.ADMIN)
    b.save()
    c = PartnerRoleFactory(partner=world.partner)
    c.permission_profile = ProfileFactory(
        account=c.account, forticare=Level.READ_ONLY, ela=Level.ADMIN
    )
    c.save()
    ta, tb, tc = _ticket(a.account, "A"), _ticket(b.account, "B"), _ticket(c.account, "C")
    client.force_login(world.partner_user)
    listed = client.get("/partner/forticare/")
    assert ids(listed) == sorted([ta.pk, tc.pk])
    assert tb.pk not in ids(client.get("/partner/forticare/?q=B"))
    for ticket in (ta, tc):  # each row opens its ticket in its customer's context
        link = f"/a/{ticket.account_id}/forticare/tickets/{ticket.pk}/"
        assert f'href="{link}"' in listed.content.decode()
        assert client.get(link).status_code == 200


def test_all_tickets_filters_sorts_and_exports(world, client):
    for n in range(30):
        t = _ticket(world.account_a, f"Subject {n:02d}")
        if n % 3 == 0:
            Ticket.objects.filter(pk=t.pk).update(status="closed", closed_at=timezone.now())
    evil = _ticket(world.account_a, '=HYPERLINK("http://evil.test")')
    client.force_login(world.owner_a)
    assert len(ids(client.get(url(world.account_a, "?status=closed")))) == 10
    assert ids(client.get(url(world.account_a, f"?q={evil.pk}"))) == [evil.pk]
    first = client.get(url(world.account_a, "?sort=subject"))
    subjects = [t.subject for t in first.context["page"].rows]
    assert subjects == sorted(subjects) and len(subjects) == 25
    second = client.get(
        url(world.account_a, f"?sort=subject&after={first.context['page'].next_after}")
    )
    assert len(second.context["page"].rows) == 6

    rows = csv_rows(export_of(client, url(world.account_a, "?status=open")))
    assert rows[0] == ["Ticket ID", "Subject", "Request Type", "Creation Date", "Close Date",
                       "Ticket Type", "Account"]  # fmt: skip
    assert len(rows) - 1 == 21
    assert next(r for r in rows if r[0] == str(evil.pk))[1].startswith("'=")
    response = export_of(client, url(world.account_a, ""), "xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert sheet.max_row - 1 == 31
    cell = next(c for c in sheet["B"] if str(c.value).startswith("=HYPERLINK"))
    assert cell.data_type == "s"


def test_ticket_exports_read_as_the_list_shows(world, client):
    """Times to the minute (real times in .xlsx), the Ticket ID a number, and for a partner the
    Ticket Visibility of each ticket."""
    shared = _ticket(world.account_a, "Shared")
    created = datetime.datetime(2026, 5, 22, 9, 16, 42, tzinfo=datetime.UTC)
    Ticket.objects.filter(pk=shared.pk).update(created_at=created)
    private = _ticket(world.account_a, "Between us")
    Ticket.objects.filter(pk=private.pk).update(
        visibility=Ticket.Visibility.PARTNER_ONLY, partner=world.partner
    )

    client.force_login(world.owner_a)
    page = client.get(url(world.account_a, "")).content.decode()
    assert "2026-05-22 09:16" in page and "Ticket Visibility" not in page
    rows = csv_rows(export_of(client, url(world.account_a, "")))
    assert "Ticket Visibility" not in rows[0]
    assert [r[3] for r in rows if r[0] == str(shared.pk)] == ["2026-05-22 09:16"]

    client.force_login(world.partner_user)
    page = client.get("/partner/forticare/").content.decode()
    assert "Ticket Visibility" in page and "Partner only" in page
    rows = csv_rows(export_of(client, "/partner/forticare/"))
    assert rows[0][-1] == "Ticket Visibility"
    visibility = {r[0]: r[-1] for r in rows[1:]}
    assert visibility == {str(shared.pk): "Partner and customer", str(private.pk): "Partner only"}
    response = export_of(client, "/partner/forticare/", "xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    row = next(r for r in sheet.iter_rows(min_row=2, values_only=True) if r[0] == shared.pk)
    assert row[3] == datetime.datetime(2026, 5, 22, 9, 16, 42)
    cell = next(c for c in sheet["D"][1:] if c.value == row[3])
    assert cell.number_format == "yyyy-mm-dd hh:mm"


def test_creating_from_the_aggregated_view_asks_which_account(world, client):
    client.force_login(world.partner_user)
    page = client.get("/partner/forticare/tickets/new/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Alpha Corp" in html and f"/a/{world.account_a.pk}/forticare/tickets/new/" in html
    assert "Bravo Ltd" not in html


def test_all_tickets_query_count_is_the_same_for_1_and_50_accounts(
    world, client, django_assert_max_num_queries
):
    _ticket(world.account_a, "one")
    client.force_login(world.partner_user)
    with CaptureQueriesContext(connection) as one:
        assert client.get("/partner/forticare/").status_code == 200
    for _ in range(49):
        _ticket(PartnerRoleFactory(partner=world.partner).account, "many")
    with django_assert_max_num_queries(len(one)):
        response = client.get("/partner/forticare/")
    assert response.status_code == 200
    assert len(response.context["page"].rows) == 25


def test_all_tickets_reads_no_description_of_its_rows(world, client):
    """A description holds up to 10,000 characters and no column shows it: 25 of them would
    be a quarter of a megabyte read for each page (a ticket's page reads its own)."""
    ticket = _ticket(world.account_a, "Traffic drops")
    Ticket.objects.filter(pk=ticket.pk).update(description="Port2 flaps. " * 700)
    client.force_login(world.owner_a)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(url(world.account_a))
    assert [row.subject for row in page.context["page"].rows] == ["Traffic drops"]
    assert not [query for query in queries if '"forticare_ticket"."description"' in query["sql"]]
    assert "Port2 flaps." in client.get(url(world.account_a, f"tickets/{ticket.pk}/")).text


def test_a_units_page_lists_its_tickets_the_viewer_may_see(world, client, post):
    unit = make_asset(world.account_a)
    client.force_login(world.partner_user)
    create(post, world.account_a, subject="Partner private", asset=unit.pk, visibility="partner")
    create(post, world.account_a, subject="Shared one", asset=unit.pk, visibility="all")
    client.force_login(world.owner_a)
    page = client.get(f"/a/{world.account_a.pk}/assets/units/{unit.pk}/").content.decode()
    assert "Shared one" in page and "Partner private" not in page


def test_a_units_page_lists_its_tickets_for_those_who_see_tickets(world, client):
    """FortiCare's panel on the unit's page (assets does not import forticare)."""
    unit, other = make_asset(world.account_a), make_asset(world.account_a)
    ticket = Ticket.objects.create(
        account=world.account_a, asset=unit, subject="Fan noise", description="y",
        request_type="rma", ticket_type="customer", creator_label="o",
    )  # fmt: skip
    Ticket.objects.create(
        account=world.account_a, asset=other, subject="Other unit", description="y",
        request_type="rma", ticket_type="customer", creator_label="o",
    )  # fmt: skip
    client.force_login(world.owner_a)
    page = client.get(f"/a/{world.account_a.pk}/assets/units/{unit.pk}/").content.decode()
    assert f"/a/{world.account_a.pk}/forticare/tickets/{ticket.pk}/" in page
    assert "Fan noise" in page and "Other unit" not in page
    no_forticare = IamUserFactory(
        account=world.account_a,
        permission_profile=ProfileFactory(
            account=world.account_a, asset_management=Level.READ_ONLY
        ),
    )
    client.force_login(no_forticare)
    page = client.get(f"/a/{world.account_a.pk}/assets/units/{unit.pk}/").content.decode()
    assert "Fan noise" not in page and "No tickets you can see." in page


def test_ticket_ids_have_eight_digits_like_forticares(world, client):
    ticket = _ticket(world.account_a, "New ticket")
    assert len(str(ticket.pk)) == 8
    client.force_login(world.owner_a)
    assert f">{ticket.pk}</a>" in client.get(url(world.account_a, "")).content.decode()
