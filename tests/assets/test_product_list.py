"""The Product List in an account and aggregated for a partner: scope, sort, keyset pages,
filters, exports."""

import datetime
import io
import re

import openpyxl
import pytest
from django.utils import timezone

from assets.lists import PRODUCT_TABLE
from iam.models import PartnerRole
from iam.permissions import Level
from tests.conftest import page_queries
from tests.exports import csv_rows, export_of
from tests.factories import (
    FolderFactory,
    IamUserFactory,
    PartnerRoleFactory,
    ProfileFactory,
)

SORTS = PRODUCT_TABLE.sorts

pytestmark = pytest.mark.django_db


def serials(response):
    return [asset.serial_number for asset in response.context["page"].rows]


def list_url(account, query=""):
    return f"/a/{account.pk}/assets/?{query}"


def test_the_list_shows_this_accounts_units_in_service(world, client, asset_factory):
    mine = asset_factory(world.account_a, ends_in=30)
    gone = asset_factory(world.account_a, decommissioned_at=timezone.now())
    asset_factory(world.account_b)
    client.force_login(world.owner_a)
    response = client.get(list_url(world.account_a))
    assert serials(response) == [mine.serial_number]
    html = response.content.decode()
    for column in ["SERIAL NUMBER", "PRODUCT MODEL", "DESCRIPTION", "DAYS TO EXPIRATION"]:
        assert column in html
    assert "30 days" in html and gone.serial_number not in html


def test_days_to_expiration_is_derived(world, asset_factory):
    assert asset_factory(world.account_a, ends_in=-1).days_to_expiration() == "Expired"
    assert asset_factory(world.account_a).days_to_expiration() == "No coverage"
    assert asset_factory(world.account_a, ends_in=72).days_to_expiration() == "72 days"


@pytest.mark.parametrize("sort", [*SORTS, *[f"-{key}" for key in SORTS]])
def test_every_column_sorts_and_keyset_pages_cover_every_row_once(
    world, client, asset_factory, sort
):
    models = ["FGT60F", "FAZ-VMTM", "FCTEMS"]
    for n in range(31):
        asset_factory(
            world.account_a,
            model=models[n % 3],
            description=f"unit {n % 7}",
            ends_in=[None, -5, 40, 400][n % 4],
            registered_on=datetime.date(2024, 1, 1) + datetime.timedelta(days=n % 5),
        )
    client.force_login(world.partner_user if sort.lstrip("-") == "company" else world.owner_a)
    base = "/partner/assets/" if sort.lstrip("-") == "company" else list_url(world.account_a)
    seen, after = [], ""
    while True:
        separator = "&" if "?" in base else "?"
        response = client.get(f"{base}{separator}sort={sort}&after={after}")
        page = response.context["page"]
        seen.extend(page.rows)
        after = page.next_after
        if not after:
            break
    assert len(seen) == 31 and len({a.pk for a in seen}) == 31
    key = SORTS[sort.lstrip("-")]
    values = [(a.sort_value, a.pk) for a in seen]
    assert values == sorted(values, reverse=sort.startswith("-")), key


def test_a_forged_cursor_gives_the_first_page(world, client, asset_factory):
    asset_factory(world.account_a)
    client.force_login(world.owner_a)
    for cursor in ["garbage", "WyJ4Il0=", "WzEsIDJd"]:
        response = client.get(list_url(world.account_a, f"sort=registered&after={cursor}"))
        assert response.status_code == 200 and len(serials(response)) == 1


def test_search_and_filters(world, client, asset_factory):
    today = timezone.localdate()
    expired = asset_factory(world.account_a, ends_in=-3)
    soon = asset_factory(world.account_a, ends_in=20)
    later = asset_factory(world.account_a, ends_in=80)
    covered = asset_factory(world.account_a, ends_in=300, description="core switch")
    bare = asset_factory(world.account_a)
    client.force_login(world.owner_a)
    expect = {
        "coverage=expired": [expired],
        "coverage=expiring30": [soon],
        "coverage=expiring90": [soon, later],
        "coverage=no_coverage": [bare],
        "q=core": [covered],
        f"q={covered.serial_number.lower()}": [covered],
    }
    for query, assets in expect.items():
        got = client.get(list_url(world.account_a, f"{query}&sort=serial"))
        assert serials(got) == sorted(a.serial_number for a in assets), query
    assert today  # the filters are relative to today


def test_the_folder_filter_includes_subfolders(world, client, asset_factory):
    emea = FolderFactory(account=world.account_a, name="EMEA")
    paris = FolderFactory(account=world.account_a, name="Paris", parent=emea)
    a = asset_factory(world.account_a, folder=emea)
    b = asset_factory(world.account_a, folder=paris)
    asset_factory(world.account_a)
    client.force_login(world.owner_a)
    got = client.get(list_url(world.account_a, f"folder={emea.pk}&sort=serial"))
    assert serials(got) == sorted([a.serial_number, b.serial_number])
    foreign = FolderFactory(account=world.account_b)
    assert serials(client.get(list_url(world.account_a, f"folder={foreign.pk}"))) == []


def test_a_local_scope_limits_the_list_and_the_exports(world, client, asset_factory):
    scope = FolderFactory(account=world.account_a, name="Lab")
    inside = asset_factory(world.account_a, folder=scope)
    asset_factory(world.account_a)
    profile = ProfileFactory(account=world.account_a, asset_management=Level.READ_ONLY)
    user = IamUserFactory(account=world.account_a, permission_profile=profile, scope_folder=scope)
    client.force_login(user)
    assert serials(client.get(list_url(world.account_a))) == [inside.serial_number]
    rows = csv_rows(export_of(client, list_url(world.account_a)))
    assert [row[0] for row in rows[1:]] == [inside.serial_number]


def test_exports_are_complete_and_safe_in_spreadsheets(world, client, asset_factory):
    for n in range(30):
        asset_factory(world.account_a, ends_in=n - 10)
    evil = asset_factory(world.account_a, description='=HYPERLINK("http://evil.test")')
    client.force_login(world.owner_a)

    rows = csv_rows(export_of(client, list_url(world.account_a)))
    assert rows[0] == [
        "Serial Number",
        "Product Model",
        "Description",
        "Firmware Version",
        "Days to Expiration",
        "Registration Date",
    ]
    assert len(rows) == 32
    evil_row = next(r for r in rows if r[0] == evil.serial_number)
    assert evil_row[2].startswith("'=")

    response = export_of(client, list_url(world.account_a, "coverage=expired"), "xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    data = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(data) == 10  # the current view only: the expired ones
    assert isinstance(data[0][5], datetime.datetime)  # a real date cell
    response = export_of(client, list_url(world.account_a), "xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    cell = next(c for c in sheet["C"] if c.value and str(c.value).startswith("=HYPERLINK"))
    assert cell.data_type == "s"  # text, never a formula


# Visit as Partner


def test_the_aggregated_list_follows_each_roles_grants_and_scope(world, client, asset_factory):
    a_unit = asset_factory(world.account_a)
    # B is connected with a role without Asset Management: excluded entirely.
    PartnerRoleFactory(
        account=world.account_b,
        partner=world.partner,
        permission_profile=ProfileFactory(account=world.account_b, forticare=Level.ADMIN),
    )
    asset_factory(world.account_b)
    # C is connected with a scoped role: only the scope's units.
    c_role = PartnerRoleFactory(partner=world.partner)
    scope = FolderFactory(account=c_role.account)
    c_scoped = asset_factory(c_role.account, folder=scope)
    asset_factory(c_role.account)
    c_role.scope_folder = scope
    c_role.save()
    # D's role is disabled: excluded.
    asset_factory(PartnerRoleFactory(partner=world.partner, status="disabled").account)

    client.force_login(world.partner_user)
    response = client.get("/partner/assets/?sort=serial")
    assert serials(response) == sorted([a_unit.serial_number, c_scoped.serial_number])
    assert "COMPANY" in response.content.decode()
    by_company = client.get(f"/partner/assets/?company={world.account_a.pk}")
    assert serials(by_company) == [a_unit.serial_number]
    by_name = client.get("/partner/assets/?company=alpha")
    assert serials(by_name) == [a_unit.serial_number]
    rows = csv_rows(export_of(client, "/partner/assets/"))
    assert rows[0][3] == "Company" and len(rows) == 3
    # Each row opens the unit's page in its customer's context, within the role's scope.
    html = response.content.decode()
    for unit in (a_unit, c_scoped):
        link = f'href="/a/{unit.account_id}/assets/units/{unit.pk}/"'
        assert link in html
        assert client.get(f"/a/{unit.account_id}/assets/units/{unit.pk}/").status_code == 200


def test_until_an_account_is_selected_the_menu_has_the_aggregated_pages_only(world, client):
    client.force_login(world.partner_user)
    html = client.get("/partner/assets/").content.decode()
    nav = html[html.index('aria-label="Asset Management"') :].split("</nav>")[0]
    labels = re.findall(r">([^<>]+)</a>", nav)
    aggregated = ["Product List", "Decommissioned Units", "Vulnerability List"]
    assert labels == [*aggregated, "Renewal Requests"]
    assert client.get("/partner/assets/my-assets/").status_code == 404


def test_query_counts_are_the_same_for_1_and_50_accounts(
    world, client, asset_factory, django_assert_max_num_queries
):
    asset_factory(world.account_a)
    client.force_login(world.partner_user)
    one = page_queries(client, "/partner/assets/")
    for _ in range(49):
        role = PartnerRoleFactory(partner=world.partner)
        asset_factory(role.account)
        asset_factory(role.account)
    with django_assert_max_num_queries(one):
        assert client.get("/partner/assets/").status_code == 200
    with django_assert_max_num_queries(one):
        assert client.get("/partner/assets/decommissioned/").status_code == 200
    client.force_login(world.owner_a)
    in_account = page_queries(client, list_url(world.account_a))
    for _ in range(30):
        asset_factory(world.account_a)
    with django_assert_max_num_queries(in_account):
        assert client.get(list_url(world.account_a)).status_code == 200


def test_a_role_losing_asset_management_drops_the_account_at_once(world, client, asset_factory):
    asset_factory(world.account_a)
    client.force_login(world.partner_user)
    assert len(serials(client.get("/partner/assets/"))) == 1
    PartnerRole.objects.filter(pk=world.role_a.pk).update(
        permission_profile=ProfileFactory(account=world.account_a, forticare=Level.ADMIN)
    )
    assert serials(client.get("/partner/assets/")) == []


def test_the_pager_says_where_the_rows_are(world, client, asset_factory):
    """ "1-25 of many" while more follow (no count on a million rows), the real end on the
    last page; a sort starts again at 1."""
    dash = "\u2013"
    for _ in range(30):
        asset_factory(world.account_a)
    client.force_login(world.owner_a)
    first = client.get(list_url(world.account_a)).content.decode()
    assert f"1{dash}25 of many" in first
    next_link = re.search(r'<a href="\?([^"]*)"[^>]*>Next</a>', first).group(1)
    assert next_link.endswith("&amp;page=2")
    second = client.get(list_url(world.account_a, next_link.replace("&amp;", "&")))
    html = second.content.decode()
    assert f"26{dash}30 of 30" in html and "First page" in html
    sort_links = re.findall(r'<a href="\?([^"]*)"[^>]*aria-label="Sort by', html)
    assert sort_links and not any("page=" in link for link in sort_links)
