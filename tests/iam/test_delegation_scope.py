"""A Local scope reaches FortiCare, and a scoped admin grants only folders inside its scope."""

import pytest

from iam.models import PartnerRole, User
from iam.permissions import Level
from tests.assets.conftest import make_asset
from tests.exports import export_of
from tests.factories import FolderFactory, IamUserFactory, ProfileFactory, TicketFactory

from .delegation_helpers import browser, iam, send, user_data

pytestmark = pytest.mark.django_db


# 2. A Local scope reaches FortiCare.


@pytest.fixture
def scoped_tickets(world, folders):
    inside = make_asset(world.account_a, folder=folders["branch"])
    outside = make_asset(world.account_a, folder=folders["dc"])
    return {
        "inside": TicketFactory(account=world.account_a, subject="Branch outage", asset=inside),
        "outside": TicketFactory(
            account=world.account_a, subject="Data center outage", asset=outside
        ),
        "unitless": TicketFactory(account=world.account_a, subject="Billing question"),
        "outside_unit": outside,
    }


def _scoped_iam_user(world, folders):
    profile = ProfileFactory(
        account=world.account_a,
        asset_management=Level.READ_ONLY,
        forticare=Level.READ_WRITE,
        asset_maintenance=1,
    )
    return IamUserFactory(
        account=world.account_a, permission_profile=profile, scope_folder=folders["branch"]
    )


def _assert_scoped(client, base, tickets):
    outside = tickets["outside"]
    listed = client.get(f"{base}forticare/").context["page"].rows
    assert {t.subject for t in listed} == {"Branch outage", "Billing question"}
    body = b"".join(export_of(client, f"{base}forticare/").streaming_content).decode()
    assert "Branch outage" in body and "Data center outage" not in body
    assert outside.asset.serial_number not in body
    assert client.get(f"{base}forticare/tickets/{outside.pk}/").status_code == 404
    for action in ("comment", "close", "reopen"):
        response = send(client, f"{base}forticare/tickets/{outside.pk}/{action}/", {"body": "hi"})
        assert response.status_code == 404
    outside.refresh_from_db()
    assert (outside.status, outside.comments.count()) == ("open", 0)
    assert client.get(f"{base}forticare/?q={outside.pk}").context["page"].rows == []


def test_a_local_scope_limits_tickets_to_its_units(world, folders, scoped_tickets):
    client = browser(_scoped_iam_user(world, folders))
    base = f"/a/{world.account_a.pk}/"
    _assert_scoped(client, base, scoped_tickets)
    assert (
        client.get(f"{base}forticare/tickets/{scoped_tickets['unitless'].pk}/").status_code == 200
    )
    unit = scoped_tickets["outside_unit"]
    assert client.get(f"{base}assets/units/{unit.pk}/").status_code == 404


def test_a_partner_roles_folder_scope_limits_its_tickets(world, folders, scoped_tickets):
    PartnerRole.objects.filter(pk=world.role_a.pk).update(scope_folder=folders["branch"])
    client = browser(world.partner_user)
    _assert_scoped(client, f"/a/{world.account_a.pk}/", scoped_tickets)
    # Visiting as Partner, the aggregated list applies each role's scope too.
    aggregated = client.get("/partner/forticare/").context["page"].rows
    assert "Data center outage" not in {t.subject for t in aggregated}
    assert {"Branch outage", "Billing question"} <= {t.subject for t in aggregated}


# 3. Scoped IAM admins are offered only folders inside their scope.


@pytest.mark.parametrize("page", ["users/new/iam-user/", "groups/new/", "users/new/partner-role/"])
def test_scope_pickers_offer_only_the_admins_subtree(world, folders, scoped_admin, page):
    PartnerRole.objects.filter(pk=world.role_a.pk).delete()
    inner = FolderFactory(account=world.account_a, parent=folders["branch"], name="Kiosk")
    client = browser(scoped_admin)
    html = client.get(iam(world.account_a, page)).content.decode()
    assert "Branch Offices" in html and "Kiosk" in html
    assert "Data Center" not in html and "MyAssets (all assets)" not in html
    assert inner.pk


def test_a_scoped_admin_cannot_grant_a_folder_outside_or_the_whole_account(
    world, folders, scoped_admin
):
    client = browser(scoped_admin)
    profile = scoped_admin.permission_profile
    for folder in (folders["dc"].pk, ""):
        data = user_data(profile, username=f"u{folder}", scope_folder=folder)
        response = send(client, iam(world.account_a, "users/new/iam-user/"), data)
        assert response.status_code == 200
    assert not User.objects.filter(username__startswith="u").exists()
    data = user_data(profile, username="inside", scope_folder=folders["branch"].pk)
    assert send(client, iam(world.account_a, "users/new/iam-user/"), data).status_code == 303
