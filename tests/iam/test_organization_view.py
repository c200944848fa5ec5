"""The organization view (``/o/<root account id>/``): the root account's owner and its
Organization-type IAM users see the Product List and All Tickets of the member accounts in
their OU subtrees in one list, like a partner's aggregated view; a row opens in its member
account. Nobody else opens it, and moving a member out of the subtree takes its rows away on
the next request."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from iam import organization_access
from iam.access import access_for_account
from iam.models import OrganizationMember
from iam.permissions import Level
from iam.services.organizations import ou_create
from tests.assets.conftest import make_asset
from tests.conftest import csrf_token
from tests.exports import csv_rows, export_of
from tests.factories import IamUserFactory, ProfileFactory, TicketFactory

from .organization_helpers import member, org_user

pytestmark = pytest.mark.django_db


def view(world, page=""):
    return f"/o/{world.account_a.pk}/{page}"


@pytest.fixture
def units(org, world):
    """One unit in each member account and one of the root account itself."""
    return {
        name: make_asset(org[name], ends_in=20, description=f"Unit of {name}")
        for name in ("france", "tokyo", "direct")
    } | {"root": make_asset(world.account_a, ends_in=20, description="Unit of the root")}


def test_the_root_owner_sees_every_member_s_units_and_each_opens_in_its_account(
    world, org, units, client
):
    client.force_login(world.owner_a)
    page = client.get(view(world, "assets/"))
    assert page.status_code == 200
    for name in ("france", "tokyo", "direct"):
        assert units[name].serial_number in page.text
        assert f"/a/{org[name].pk}/assets/units/{units[name].pk}/" in page.text
    assert units["root"].serial_number not in page.text  # the root's own list has those
    assert "France Co" in page.text  # the Company column
    assert "organization view" in page.text
    opened = client.get(f"/a/{org['tokyo'].pk}/assets/units/{units['tokyo'].pk}/")
    assert opened.status_code == 200


def test_an_ou_admin_sees_only_its_subtree_and_loses_a_member_moved_out(world, org, units, client):
    admin = org_user(world, [org["emea"]], asset_management=Level.READ_ONLY)
    client.force_login(admin)
    page = client.get(view(world, "assets/")).text
    assert units["france"].serial_number in page
    assert units["tokyo"].serial_number not in page and units["direct"].serial_number not in page
    # The Company filter looks for a name among the accounts the OU admin reaches.
    tokyo = client.get(view(world, "assets/?company=Tokyo"))
    assert tokyo.status_code == 200 and units["tokyo"].serial_number not in tokyo.text
    france = client.get(view(world, "assets/?company=france")).text
    assert units["france"].serial_number in france
    OrganizationMember.objects.filter(account=org["france"]).update(unit=org["apac"])
    assert units["france"].serial_number not in client.get(view(world, "assets/")).text


def test_all_tickets_of_the_members_in_scope_only_where_the_profile_grants_forticare(
    world, org, client
):
    france = TicketFactory(account=org["france"], subject="Paris outage")
    TicketFactory(account=org["tokyo"], subject="Tokyo outage")
    reader = org_user(world, [org["emea"]], forticare=Level.READ_ONLY)
    client.force_login(reader)
    tickets = client.get(view(world, "forticare/")).text
    assert "Paris outage" in tickets and "Tokyo outage" not in tickets
    assert client.get(view(world, f"forticare/tickets/{france.pk}/")).status_code == 200
    assert client.get(view(world, "assets/")).status_code == 404  # no Asset Management
    units_only = org_user(world, [org["emea"]], asset_management=Level.READ_ONLY)
    client.force_login(units_only)
    assert client.get(view(world, "forticare/")).status_code == 404


def test_nobody_else_opens_the_view(world, org, client):
    """A Local-type IAM user of the root, a member account's owner, another account's owner,
    a partner through the root's role: the same 404 as a missing account."""
    local = IamUserFactory(
        account=world.account_a,
        permission_profile=ProfileFactory(account=world.account_a, asset_management=3),
    )
    member_owner = org["france"].users.get(kind="owner")
    main = re.compile(r"<main.*</main>", re.S)
    for user in (local, member_owner, world.owner_b, world.partner_user):
        client.force_login(user)
        answer = client.get(view(world, "assets/"))
        missing = client.get("/o/99999999/assets/")
        assert answer.status_code == missing.status_code == 404
        assert main.search(answer.text).group() == main.search(missing.text).group()
    client.force_login(world.owner_b)
    assert client.get(f"/o/{world.account_b.pk}/").status_code == 404  # not a root account


def test_switch_accounts_offers_the_view_and_select_enters_it(world, org, client):
    client.force_login(world.owner_a)
    tab = client.get("/accounts/switch/?tab=organization").text
    assert f"to=o-{world.account_a.pk}" in tab and "Organization view" in tab
    entered = client.post(
        "/accounts/select/",
        {"to": f"o-{world.account_a.pk}", "csrfmiddlewaretoken": csrf_token(client)},
    )
    assert entered["Location"] == view(world)
    dashboard = client.get(view(world)).text
    assert "Alpha Group" in dashboard and "organization view" in dashboard
    assert client.get("/")["Location"] == view(world)  # the last context, next time
    home = client.get(f"/a/{world.account_a.pk}/organization/").text
    assert view(world) in home  # the Organization page links to it


def test_an_export_of_the_view_holds_the_members_units_in_scope(world, org, units, client):
    admin = org_user(world, [org["emea"]], asset_management=Level.READ_ONLY)
    client.force_login(admin)
    header, *rows = csv_rows(export_of(client, view(world, "assets/")))
    serials = {row[header.index("Serial Number")] for row in rows}
    assert serials == {units["france"].serial_number}


@pytest.mark.parametrize("read_first", [True, False])
def test_the_members_are_read_first_as_ids_or_past_the_bound_left_a_subquery(
    world, org, units, client, monkeypatch, read_first
):
    """The same rows either way; read first, the rows' query holds their ids, not the join."""
    if not read_first:
        monkeypatch.setattr(organization_access, "MEMBER_IDS_AT_MOST", 0)
    admin = org_user(world, [org["emea"]], asset_management=Level.READ_ONLY)
    client.force_login(admin)
    with CaptureQueriesContext(connection) as captured:
        page = client.get(view(world, "assets/")).text
    assert units["france"].serial_number in page
    assert units["tokyo"].serial_number not in page  # APAC: outside the admin's OUs
    assert units["root"].serial_number not in page
    rows_query = captured[-1]["sql"]
    assert "assets_asset" in rows_query
    assert ("iam_organizationmember" in rows_query) is not read_first
    OrganizationMember.objects.filter(account=org["france"]).update(unit=org["apac"])
    assert units["france"].serial_number not in client.get(view(world, "assets/")).text


def test_an_empty_ou_scope_reaches_no_member(world, org):
    admin = org_user(world, [org["emea"]], asset_management=Level.READ_ONLY)
    assert list(organization_access.organization_accounts(admin)) == [org["france"]]
    assert not organization_access.organization_accounts(admin, ou_scope=()).exists()


def test_the_view_costs_the_same_queries_with_ten_times_the_members_and_a_deeper_tree(
    world, org, client
):
    admin = org_user(world, [org["emea"]], asset_management=Level.READ_ONLY)
    client.force_login(admin)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(view(world, "assets/")).status_code == 200
        scope_reads = [query for query in captured if "iam_user_scope_units" in query["sql"]]
        assert len(scope_reads) == 1  # the user's OUs, read once for the access and the reach
        return len(captured)

    for name in ("france", "tokyo"):
        make_asset(org[name], ends_in=5)
    few = queries()
    owner = access_for_account(world.owner_a, world.account_a.pk)
    unit = org["france_ou"]
    for depth in range(3):  # EMEA > France > Lyon 0 > Lyon 1 > Lyon 2: five levels
        unit = ou_create(access=owner, name=f"Lyon {depth}", parent=unit)
    for number in range(20):
        account = member(org["organization"], f"Member {number}", unit)
        make_asset(account, ends_in=number)
    assert queries() == few
    assert "Member 19" in client.get(view(world, "assets/?sort=company")).text
