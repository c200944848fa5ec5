"""The rows of the busiest lists, written in Python rather than a template loop
(tests/perf/HISTORY.md): every value escaped, each cell where its column shows, each row
opening where it should, and their forms working."""

import datetime
import re

import pytest
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from assets.advisory_models import Advisory
from assets.coverage import coverage_recount
from assets.models import Asset
from forticare.models import Bug, Ticket
from iam.models import PartnerRole
from iam.permissions import Level, ResourceLevel
from tests.assets.advisories import make_advisory, make_unit
from tests.assets.conftest import make_asset
from tests.factories import IamUserFactory, ProfileFactory, TicketFactory

pytestmark = pytest.mark.django_db

HOSTILE = '<img src=x onerror="alert(1)">&'
ESCAPED = "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&amp;"


def body_rows(response) -> list[str]:
    """Each row of the list's table body, as HTML."""
    assert response.status_code == 200
    body = response.content.decode().split("<tbody>")[1].split("</tbody>")[0]
    return re.findall(r"<tr>.*?</tr>", body, re.S)


def cells(row: str) -> list[str]:
    return re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)


def test_a_units_row_in_its_account(world, client):
    unit = make_asset(world.account_a, ends_in=-1, description=HOSTILE, firmware_version="")
    client.force_login(world.owner_a)
    [row] = body_rows(client.get(f"/a/{world.account_a.pk}/assets/"))
    url = reverse("account:assets:asset", kwargs={"account_id": world.account_a.pk, "pk": unit.pk})
    assert cells(row) == [
        f'<a href="{url}">{unit.serial_number}</a>',
        unit.product_model_name,
        ESCAPED,  # the description, escaped
        "\u2014",  # no firmware version known
        '<span class="status-disabled">Expired</span>',
        unit.registered_on.isoformat(),
    ]


def test_a_units_row_of_an_aggregated_list_opens_in_its_account_with_its_company(world, client):
    world.account_a.company_name = HOSTILE
    world.account_a.save()
    ending = make_asset(world.account_a, ends_in=30)
    uncovered = make_asset(world.account_a, ends_in=None)
    client.force_login(world.partner_user)
    rows = {
        re.search(r">(\w+)</a>", row).group(1): cells(row)
        for row in body_rows(client.get("/partner/assets/"))
    }
    kwargs = {"account_id": world.account_a.pk, "pk": ending.pk}
    url = reverse("account:assets:asset", kwargs=kwargs)
    assert rows[ending.serial_number][0] == f'<a href="{url}">{ending.serial_number}</a>'
    assert rows[ending.serial_number][3] == ESCAPED  # COMPANY, in an aggregated list only
    assert rows[ending.serial_number][5] == '<span class="">30 days</span>'
    assert rows[uncovered.serial_number][5] == '<span class="muted">No coverage</span>'


def test_a_decommissioned_units_restore_works_from_its_row(world, client):
    unit = make_asset(world.account_a, decommissioned_at=timezone.now())
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(world.owner_a)
    [row] = body_rows(browser.get(f"/a/{world.account_a.pk}/assets/decommissioned/"))
    assert f'aria-label="Restore {unit.serial_number}"' in row
    action = re.search(r'<form method="post" action="([^"]+)">', row).group(1)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', row).group(1)
    browser.post(action, {"csrfmiddlewaretoken": token})
    assert Asset.objects.get(pk=unit.pk).decommissioned_at is None
    reader = ProfileFactory(
        account=world.account_a,
        asset_management=Level.READ_ONLY,
        asset_maintenance=ResourceLevel.READ_ONLY,
    )
    client.force_login(IamUserFactory(account=world.account_a, permission_profile=reader))
    unit.decommissioned_at = timezone.now()
    unit.save()
    [row] = body_rows(client.get(f"/a/{world.account_a.pk}/assets/decommissioned/"))
    assert "Restore" not in row and "csrfmiddlewaretoken" not in row


def test_a_tickets_row_for_its_customer_and_for_the_partner(world, client):
    shared = TicketFactory(account=world.account_a, subject=HOSTILE)
    kept = TicketFactory(
        account=world.account_a,
        subject="Partner notes",
        ticket_type=Ticket.TicketType.PARTNER,
        visibility=Ticket.Visibility.PARTNER_ONLY,
        partner=world.partner,
    )
    Ticket.objects.filter(pk=shared.pk).update(
        created_at=datetime.datetime(2026, 3, 4, 5, 6, tzinfo=datetime.UTC)
    )
    client.force_login(world.owner_a)
    [row] = body_rows(client.get(f"/a/{world.account_a.pk}/forticare/"))
    url = reverse(
        "account:forticare:ticket", kwargs={"account_id": world.account_a.pk, "pk": shared.pk}
    )
    created = timezone.localtime(datetime.datetime(2026, 3, 4, 5, 6, tzinfo=datetime.UTC))
    assert cells(row) == [
        f'<a href="{url}">{shared.pk}</a>',
        ESCAPED,
        "Technical Support",
        created.strftime("%Y-%m-%d %H:%M"),
        "",  # not closed
        "Customer",
        "Alpha Corp",
    ]  # no Ticket Visibility: every ticket a customer sees is shared
    client.force_login(world.partner_user)
    rows = {cells(row)[1]: cells(row) for row in body_rows(client.get("/partner/forticare/"))}
    kept_url = url.replace(f"/{shared.pk}/", f"/{kept.pk}/")
    assert rows["Partner notes"][0] == f'<a href="{kept_url}">{kept.pk}</a>'
    assert rows["Partner notes"][-1] == '<span class="badge">Partner only</span>'
    assert rows[ESCAPED][-1] == "Partner and customer"


@override_settings(TIME_ZONE="Asia/Tokyo")
def test_a_tickets_times_are_the_portals_own(world, client):
    """Opened late on 31 December and closed a day later in UTC: in Tokyo it is already the new
    year, for both the Creation Date and the Close Date."""
    ticket = TicketFactory(account=world.account_a)
    Ticket.objects.filter(pk=ticket.pk).update(
        created_at=datetime.datetime(2026, 12, 31, 20, 30, tzinfo=datetime.UTC),
        closed_at=datetime.datetime(2027, 1, 1, 16, 0, tzinfo=datetime.UTC),
    )
    client.force_login(world.partner_user)
    [row] = body_rows(client.get("/partner/forticare/"))
    assert cells(row)[3:5] == ["2027-01-01 05:30", "2027-01-02"]


def test_a_bugs_row_shows_the_chosen_columns(world, client, post):
    Bug.objects.create(
        number=1160819,
        project="FortiManager",
        category="GUI",
        summary=HOSTILE,
        status="resolved",
        known_fixed_releases="7.4.8-2696, 7.6.4-3527",
    )
    client.force_login(world.partner_user)
    bugs = "/partner/forticare/bug-tracker/"
    [row] = body_rows(client.get(bugs))
    link = '<a href="1160819/">'
    assert cells(row) == [
        f"{link}1160819</a>",
        "GUI",
        "FortiManager",
        "7.4.8-2696, 7.6.4-3527",
        "resolved",
        f"{link}{ESCAPED}</a>",
    ]
    post(bugs + "columns/", {"columns": ["releases", "summary"]})
    [row] = body_rows(client.get(bugs))
    assert cells(row) == [f"{link}1160819</a>", "7.4.8-2696, 7.6.4-3527", f"{link}{ESCAPED}</a>"]


def test_an_empty_list_says_so_across_its_columns(world, client):
    client.force_login(world.partner_user)
    [row] = body_rows(client.get("/partner/forticare/?q=nothing-like-this"))
    assert "No tickets match." in row
    [row] = body_rows(client.get("/partner/assets/?q=nothing-like-this"))
    assert "No units match." in row
    [row] = body_rows(client.get("/partner/forticare/bug-tracker/?q=nothing-like-this"))
    assert "No bugs match." in row


def test_a_connected_accounts_row_and_its_disconnect(world, client):
    world.account_a.company_name = HOSTILE
    world.account_a.save()
    world.owner_a.full_name = "Ada <Owner>"
    world.owner_a.save()
    client.force_login(world.partner_user)
    [row] = body_rows(client.get("/partner/account/connected-accounts/"))
    role = f"/partner/account/connected-accounts/{world.role_a.pk}/"
    assert cells(row)[:6] == [
        str(world.account_a.pk),
        f'<a href="{role}">Reseller access</a>',
        ESCAPED,
        "Ada &lt;Owner&gt;",
        world.owner_a.email,
        '<span class="status status-active">Active</span>',
    ]
    assert f'href="{role}disconnect/"' in row and f'aria-label="Disconnect {ESCAPED}"' in row
    PartnerRole.objects.filter(pk=world.role_a.pk).update(status=PartnerRole.Status.DISABLED)
    [row] = body_rows(client.get("/partner/account/connected-accounts/"))
    assert cells(row)[3:6] == [
        "\u2014",
        "\u2014",
        '<span class="status status-disabled">Disabled</span>',
    ]
    assert "Disconnect" not in row


def test_a_choosers_row_selects_its_account(world, client):
    world.account_a.company_name = HOSTILE
    world.account_a.save()
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(world.partner_user)
    [row] = body_rows(browser.get("/accounts/?tab=partner"))
    assert cells(row)[:2] == [ESCAPED, str(world.account_a.pk)]
    assert f'aria-label="Select {ESCAPED} ({world.account_a.pk})"' in row
    action = re.search(r'<form method="post" action="([^"]+)">', row).group(1)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', row).group(1)
    to = re.search(r'name="to" value="([^"]+)"', row).group(1)
    entered = browser.post(action, {"csrfmiddlewaretoken": token, "to": to})
    assert entered.status_code == 303 and entered.url == f"/a/{world.account_a.pk}/"
    dialog = browser.get("/accounts/switch/?tab=partner", HTTP_HX_REQUEST="true")
    [row] = body_rows(dialog)
    confirm = f"/accounts/switch/confirm/?to=a-{world.account_a.pk}"
    assert f'href="{confirm}" hx-get="{confirm}" hx-target="#modal-body"' in row
    assert "<form" not in row


def test_an_advisorys_row_and_its_units_link(world, client):
    make_advisory("FG-IR-24-015", title=HOSTILE, cvss="9.8", cve_ids="CVE-2024-21762")
    make_unit(world.account_a, "7.2.5")
    coverage_recount([world.account_a.pk])
    client.force_login(world.owner_a)
    [row] = body_rows(client.get(f"/a/{world.account_a.pk}/assets/vulnerability-list/"))
    advisory = Advisory.objects.get()
    units = f"/a/{world.account_a.pk}/assets/?advisory={advisory.pk}"
    assert cells(row) == [
        "FG-IR-24-015",
        ESCAPED,
        '<span class="severity severity-4">Critical</span>',
        "9.8",
        "CVE-2024-21762",
        f'<a href="{units}" aria-label="1 unit affected by FG-IR-24-015">1</a>',
        "No fix yet",
        "2024-02-08",
    ]  # no COMPANIES column in one account
