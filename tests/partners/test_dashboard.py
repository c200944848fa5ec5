"""The partner's Dashboard (Visit as Partner): every connected customer with units expiring
soonest first, open tickets and the role's status; a chart of coverage ends by month. Every
number and bar is what its link lists; revocation shows on the next request."""

import re

import pytest
from django.core.cache import cache
from django.utils import timezone

from assets.coverage import coverage_recount
from forticare.models import Ticket
from forticare.services import ticket_create
from iam.access import access_for_account
from iam.models import Account, PartnerRole
from iam.permissions import Level
from tests.assets.conftest import make_asset
from tests.conftest import page_queries
from tests.exports import run_worker
from tests.factories import (
    AccountFactory,
    FolderFactory,
    PartnerRoleFactory,
    ProfileFactory,
    TicketFactory,
)

ROW = re.compile(r"<tr>\s*<td>(.*?)</tr>", re.S)


def rows(response) -> list[str]:
    """The customer table's rows as text: "Company | Account ID | Role | Status | …"."""
    table = response.text.split('id="dashboard-customers"')[1]
    found = []
    for row in ROW.findall(table):
        cells = re.findall(r"<td[^>]*>(.*?)</td>", "<td>" + row, re.S)
        found.append(" | ".join(re.sub(r"<[^>]+>", "", cell).strip() for cell in cells))
    return found


def links(response, text_pattern) -> list[str]:
    return [
        url.replace("&amp;", "&")
        for url in re.findall(r'href="([^"]+)"[^>]*>' + text_pattern, response.text)
    ]


def figures(page) -> dict[str, str]:
    """The totals above the chart: label → number."""
    found = re.findall(
        r'<a href="[^"]*"><span class="figure-value">([^<]*)</span> '
        r'<span class="figure-label">([^<]*)</span>',
        page.text,
    )
    return {label: number for number, label in found}


def listed_units(client, url) -> int:
    return client.get(url).text.count('<td><a href="/a/')


@pytest.fixture
def customers(world):
    """Alpha (connected, world.role_a): 1 unit within 30 days, 1 expired, 2 open tickets and a
    closed one. Delta (connected): 3 units within 30 days, one in a folder. Echo: a disabled
    role. Foxtrot: a role without Asset Management. Bravo is not connected at all."""
    make_asset(world.account_a, ends_in=10)
    make_asset(world.account_a, ends_in=-10)
    make_asset(world.account_b, ends_in=1)  # not connected: never counted here
    TicketFactory.create_batch(2, account=world.account_a)
    TicketFactory(account=world.account_a, status=Ticket.Status.CLOSED)
    delta = AccountFactory(company_name="Delta GmbH")
    PartnerRoleFactory(account=delta, partner=world.partner, name="Delta role")
    hq = FolderFactory(account=delta, name="HQ")
    for days in (1, 2):
        make_asset(delta, ends_in=days)
    make_asset(delta, ends_in=3, folder=hq)
    echo = AccountFactory(company_name="Echo SA")
    make_asset(echo, ends_in=5)
    PartnerRoleFactory(
        account=echo, partner=world.partner, name="Echo role", status=PartnerRole.Status.DISABLED
    )
    foxtrot = AccountFactory(company_name="Foxtrot Oy")
    make_asset(foxtrot, ends_in=5)
    no_assets = ProfileFactory(account=foxtrot, forticare=Level.READ_ONLY)
    PartnerRoleFactory(
        account=foxtrot, partner=world.partner, name="Foxtrot role", permission_profile=no_assets
    )
    coverage_recount(Account.objects.values_list("pk", flat=True))
    return delta, hq


def test_customers_with_units_expiring_soonest_come_first(world, client, customers):
    client.force_login(world.partner_user)
    page = client.get("/partner/")
    delta = customers[0]
    assert rows(page) == [
        f"Delta GmbH | {delta.pk} | Delta role | Active | 3 | 3 | 3 | 0 | 0",
        f"Alpha Corp | {world.account_a.pk} | Reseller access | Active | 1 | 1 | 1 | 1 | 2",
        f"Echo SA | {Account.objects.get(company_name='Echo SA').pk} "
        "| Echo role | Disabled | — | —",
        f"Foxtrot Oy | {Account.objects.get(company_name='Foxtrot Oy').pk} | Foxtrot role "
        "| Active | Asset Management not granted | 0",
    ]
    assert "Bravo" not in page.text


def test_every_number_is_what_its_link_lists(world, client, customers):
    client.force_login(world.partner_user)
    page = client.get("/partner/")
    delta = customers[0]
    urls = links(page, "3</a>")
    assert f"/partner/assets/?company={delta.pk}&coverage=expiring30" in urls
    for url in urls:
        if "/assets/" in url:
            assert listed_units(client, url) == 3
    tickets = f"/partner/forticare/?company={world.account_a.pk}&status=open"
    assert tickets in links(page, "2</a>")
    assert client.get(tickets).text.count("Ticket ") >= 2
    totals = figures(page)
    assert totals["Expiring within 30 days"] == "4"
    assert totals["Expired"] == "1"
    assert listed_units(client, "/partner/assets/?coverage=expiring30") == 4


def test_the_chart_has_a_bar_per_month_linked_to_the_units_ending_then(world, client, customers):
    client.force_login(world.partner_user)
    page = client.get("/partner/")
    bars = re.findall(r'<a href="([^"]+)" aria-label="([^"]+)">', page.text)
    assert len(bars) == 12
    month = timezone.localdate().strftime("%Y-%m")
    url, label = bars[0]
    assert url == f"/partner/assets/?ends={month}"
    units = int(re.search(r": ([0-9,]+) unit", label).group(1))
    assert listed_units(client, url) == units
    assert "<svg" in page.text and "<title>" in page.text  # a name for each bar, not a colour


def test_a_disabled_role_shows_nothing_of_that_customer_on_the_next_request(
    world, client, customers
):
    client.force_login(world.partner_user)
    assert "| Reseller access | Active | 1 |" in " ".join(rows(client.get("/partner/")))
    PartnerRole.objects.filter(pk=world.role_a.pk).update(status=PartnerRole.Status.DISABLED)
    page = client.get("/partner/")
    assert f"Alpha Corp | {world.account_a.pk} | Reseller access | Disabled | — | —" in rows(page)
    assert f"?company={world.account_a.pk}" not in page.text


def test_the_kept_totals_follow_a_recount_and_a_disabled_role(world, client, customers):
    """The totals across customers are kept between requests, under which customers the
    partner reaches and when each was counted: both changes show on the next request."""
    client.force_login(world.partner_user)
    assert figures(client.get("/partner/"))["Expiring within 30 days"] == "4"
    make_asset(world.account_a, ends_in=20)
    coverage_recount([world.account_a.pk])
    assert figures(client.get("/partner/"))["Expiring within 30 days"] == "5"
    PartnerRole.objects.filter(pk=world.role_a.pk).update(status=PartnerRole.Status.DISABLED)
    totals = figures(client.get("/partner/"))
    assert (totals["Expiring within 30 days"], totals["Expired"]) == ("3", "0")


def test_the_kept_customer_table_follows_a_recount_and_shows_names_as_they_are(
    world, client, customers
):
    """The customers' order is kept between requests like the totals: a recount reorders
    on the next request, and names and roles are read on every request."""
    client.force_login(world.partner_user)
    assert rows(client.get("/partner/"))[0].startswith("Delta GmbH")
    for _ in range(3):
        make_asset(world.account_a, ends_in=20)
    coverage_recount([world.account_a.pk])
    Account.objects.filter(pk=world.account_a.pk).update(company_name="Alpha Renamed")
    PartnerRole.objects.filter(pk=world.role_a.pk).update(name="Renamed role")
    first = rows(client.get("/partner/"))[0]
    assert (
        first == f"Alpha Renamed | {world.account_a.pk} | Renamed role | Active | 4 | 4 | 4 | 1 | 2"
    )


def test_the_kept_order_follows_every_role_connected_or_removed(world, client, customers):
    """The order is kept while the reach, the counts and the set of roles stay: a role that
    changes none of the first two (no Asset Management) still shows, or goes, on the next
    request; a role that stops reaching the units shows no counts at once."""
    client.force_login(world.partner_user)
    companies = [row.split(" | ")[0] for row in rows(client.get("/partner/"))]
    assert "Hotel AG" not in companies
    hotel = AccountFactory(company_name="Hotel AG")
    no_units = ProfileFactory(account=hotel, asset_management=Level.NONE)
    role = PartnerRoleFactory(account=hotel, partner=world.partner, permission_profile=no_units)
    shown = [row.split(" | ")[0] for row in rows(client.get("/partner/"))]
    assert shown == [*companies, "Hotel AG"]  # the others by company
    role.delete()
    assert [row.split(" | ")[0] for row in rows(client.get("/partner/"))] == companies
    PartnerRole.objects.filter(pk=world.role_a.pk).update(status=PartnerRole.Status.DISABLED)
    alpha = f"Alpha Corp | {world.account_a.pk} | Reseller access | Disabled | \u2014 | \u2014"
    assert alpha in rows(client.get("/partner/"))


def test_the_rows_kept_rendered_follow_every_value_they_show(world, client, customers):
    """The table's rows are kept rendered under the values they show: a new ticket, a
    profile without FortiCare and a renamed customer show on the next request."""
    client.force_login(world.partner_user)
    alpha = f"Alpha Corp | {world.account_a.pk} | Reseller access | Active | 1 | 1 | 1 | 1"
    assert f"{alpha} | 2" in rows(client.get("/partner/"))
    owner = access_for_account(world.owner_a, world.account_a.pk)
    ticket_create(access=owner, subject="Down", description="", request_type="rma", priority=2)
    assert f"{alpha} | 3" in rows(client.get("/partner/"))
    world.role_a.permission_profile.forticare = Level.NONE
    world.role_a.permission_profile.save()
    assert f"{alpha} | \u2014" in rows(client.get("/partner/"))
    Account.objects.filter(pk=world.account_a.pk).update(company_name="Alpha <Renamed>")
    page = client.get("/partner/")
    assert rows(page)[1].startswith("Alpha &lt;Renamed&gt; |")


def test_customers_without_counts_follow_by_company_whatever_the_case(world, client, customers):
    client.force_login(world.partner_user)
    for company in ("zulu", "Yankee", "x-ray"):
        account = AccountFactory(company_name=company)
        no_assets = ProfileFactory(account=account, forticare=Level.READ_ONLY)
        PartnerRoleFactory(account=account, partner=world.partner, permission_profile=no_assets)
    companies = [row.split(" | ")[0] for row in rows(client.get("/partner/"))]
    assert companies[-5:] == ["Echo SA", "Foxtrot Oy", "x-ray", "Yankee", "zulu"]


def test_a_role_scoped_to_a_folder_counts_only_that_folder(world, client, customers):
    """Units and open tickets: a ticket about a unit outside the folder is not counted, one
    about a unit inside it or about no unit is."""
    delta, hq = customers
    TicketFactory(account=delta, asset=make_asset(delta, ends_in=400))
    TicketFactory(account=delta, asset=make_asset(delta, ends_in=400, folder=hq))
    TicketFactory(account=delta)
    coverage_recount([delta.pk])
    client.force_login(world.partner_user)
    assert f"Delta GmbH | {delta.pk} | Delta role | Active | 3 | 3 | 3 | 0 | 3" in rows(
        client.get("/partner/")
    )
    PartnerRole.objects.filter(account=delta).update(scope_folder=hq)
    assert f"Delta GmbH | {delta.pk} | Delta role | Active | 1 | 1 | 1 | 0 | 2" in rows(
        client.get("/partner/")
    )


def test_customers_not_counted_yet_say_so_until_the_worker_has_counted(world, client, customers):
    late = AccountFactory(company_name="Golf Ltd")
    make_asset(late, ends_in=4)
    PartnerRoleFactory(account=late, partner=world.partner, name="Golf role")
    client.force_login(world.partner_user)
    page = client.get("/partner/")
    assert f"Golf Ltd | {late.pk} | Golf role | Active | Counting… | 0" in rows(page)
    assert "Updating the counts" in page.text
    run_worker()
    assert f"Golf Ltd | {late.pk} | Golf role | Active | 1 | 1 | 1 | 0 | 0" in rows(
        client.get("/partner/")
    )


def more_customers(world, count):
    start = Account.objects.count()
    for n in range(start, start + count):
        account = AccountFactory(company_name=f"More {n}")
        make_asset(account, ends_in=n % 90)
        PartnerRoleFactory(account=account, partner=world.partner)
    coverage_recount(Account.objects.values_list("pk", flat=True))


def test_the_queries_do_not_grow_with_customers(world, client, customers):
    """Counted as on a first view, with nothing kept yet."""

    def queries(url):
        cache.clear()
        return page_queries(client, url)

    client.force_login(world.partner_user)
    more_customers(world, 30)
    first, last = queries("/partner/"), queries("/partner/?page=2")
    more_customers(world, 60)
    assert queries("/partner/") == first
    assert queries("/partner/?page=4") == last  # the disabled and unreached


def test_the_customer_table_pages_and_refreshes_alone(world, client, customers):
    client.force_login(world.partner_user)
    more_customers(world, 30)
    where = "Customers 26\u201334 of 34"
    assert where in client.get("/partner/?page=2").text
    panel = client.get("/partner/?panel=customers&page=2", HTTP_HX_REQUEST="true")
    assert where in panel.text and "<html" not in panel.text
    assert client.get("/partner/?page=x%00").status_code == 200


def test_a_customer_sees_no_partner_panel_and_a_stranger_no_customer(world, client, customers):
    client.force_login(world.owner_a)
    assert 'id="dashboard-customers"' not in client.get(f"/a/{world.account_a.pk}/").text
    unknown = client.get(f"/a/{world.account_a.pk}/?panel=nope", HTTP_HX_REQUEST="true")
    assert unknown.status_code == 404
    client.force_login(world.stranger)
    assert client.get("/partner/").status_code == 404
