"""Delegation that cannot be widened: the holes an attacker found, one test each.

No grant exceeds its granter, no one edits the grant they act through, revocation is complete,
a Local scope reaches every object of a unit, and the partner side fails closed."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from assets.models import Asset
from assets.services import asset_decommission, asset_restore
from forticare.models import Ticket
from iam.access import access_for_account, access_for_partner_visit
from iam.models import AuditEvent, PartnerRole, PermissionProfile, User
from iam.permissions import Level, Portal
from partners.selectors import connected_account_list, connected_role
from partners.services import partner_status_set
from tests.assets.conftest import make_asset
from tests.conftest import csrf_token
from tests.factories import (
    PASSWORD,
    FolderFactory,
    GroupFactory,
    IamUserFactory,
    PartnerRoleFactory,
    ProfileFactory,
    StaffFactory,
    builtin_profile,
)

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "backdoor-password-2026"
FULL_ACCESS = PermissionProfile.Builtin.FULL_ACCESS
SYSADMIN = PermissionProfile.Builtin.SYSADMIN


def browser(user=None):
    client = Client(enforce_csrf_checks=True)
    if user is not None:
        client.force_login(user)
    return client


def send(client, url, data=None):
    data = dict(data or {})
    data["csrfmiddlewaretoken"] = csrf_token(client)
    return client.post(url, data)


def iam(account, path=""):
    return f"/a/{account.pk}/iam/{path}"


def user_data(profile, **overrides):
    data = {
        "username": "backdoor",
        "password": NEW_PASSWORD,
        "password_confirm": NEW_PASSWORD,
        "permission_profile": profile.pk,
    }
    return data | overrides


def iam_login(account, username, password=NEW_PASSWORD):
    client = browser()
    data = {"account": str(account.pk), "username": username, "password": password}
    response = send(client, "/login/iam/", data)
    return client, response


@pytest.fixture
def folders(world):
    return {
        "branch": FolderFactory(account=world.account_a, name="Branch Offices"),
        "dc": FolderFactory(account=world.account_a, name="Data Center"),
    }


# 1. A partner widens its own role and leaves a backdoor.


def test_a_partner_cannot_edit_the_role_it_acts_through(world, folders):
    role = world.role_a
    PartnerRole.objects.filter(pk=role.pk).update(scope_folder=folders["branch"])
    partner = browser(world.partner_user)
    edit = iam(world.account_a, f"partner-roles/{role.pk}/edit/")
    data = {
        "name": role.name,
        "scope_type": "local",
        "scope_folder": "",
        "permission_profile": (builtin_profile(FULL_ACCESS).pk),
    }
    assert partner.get(edit).status_code == 404
    assert send(partner, edit, data).status_code == 404
    for action in ("disable", "delete", "regenerate-token", "enable"):
        assert (
            send(partner, iam(world.account_a, f"partner-roles/{role.pk}/{action}/")).status_code
            == 404
        )
    role.refresh_from_db()
    assert (role.scope_folder, role.permission_profile.builtin, role.status) == (
        folders["branch"],
        SYSADMIN,
        "active",
    )
    # The role's page stays readable, without the controls.
    page = partner.get(iam(world.account_a, f"partner-roles/{role.pk}/")).content.decode()
    assert "Regenerate" not in page and f"partner-roles/{role.pk}/edit/" not in page


def test_a_partner_cannot_create_a_user_with_more_than_its_role(world):
    partner = browser(world.partner_user)
    response = send(
        partner,
        iam(world.account_a, "users/new/iam-user/"),
        user_data(builtin_profile(FULL_ACCESS)),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "You cannot grant more than you hold" in html and "Organization Admin" in html
    assert not User.objects.filter(username="backdoor").exists()
    # Not even offered: the select lists only profiles within the role's grants.
    html = partner.get(iam(world.account_a, "users/new/iam-user/")).content.decode()
    assert ">SysAdmin</option>" in html and ">Full Access</option>" not in html


def test_disabling_the_role_disables_what_the_partner_created(world):
    partner = browser(world.partner_user)
    response = send(
        partner, iam(world.account_a, "users/new/iam-user/"), user_data(builtin_profile(SYSADMIN))
    )
    assert response.status_code == 303
    backdoor = User.objects.get(username="backdoor")
    assert backdoor.created_through_role == world.role_a
    door, login = iam_login(world.account_a, "backdoor")
    assert login.status_code == 303
    assert door.get(iam(world.account_a, "users/")).status_code == 200

    owner = browser(world.owner_a)
    role_page = owner.get(iam(world.account_a, f"partner-roles/{world.role_a.pk}/")).content
    assert b"IAM user backdoor" in role_page
    dialog = owner.get(iam(world.account_a, f"partner-roles/{world.role_a.pk}/disable/"))
    assert "will be disabled too" in dialog.content.decode() and b"backdoor" in dialog.content
    send(owner, iam(world.account_a, f"partner-roles/{world.role_a.pk}/disable/"))

    backdoor.refresh_from_db()
    assert not backdoor.is_active
    assert door.get(iam(world.account_a, "users/")).status_code == 302  # session over
    assert iam_login(world.account_a, "backdoor")[1].status_code == 200  # refused
    assert AuditEvent.objects.filter(
        account=world.account_a, action="iam_user.disable", target_id=str(backdoor.pk)
    ).exists()
    # Enabling the role again does not bring the backdoor back.
    send(owner, iam(world.account_a, f"partner-roles/{world.role_a.pk}/enable/"))
    assert PartnerRole.objects.get(pk=world.role_a.pk).status == "active"
    assert not User.objects.get(pk=backdoor.pk).is_active


@pytest.mark.parametrize("how", ["delete", "disconnect", "partner inactive", "partner terminated"])
def test_every_end_of_the_role_disables_what_the_partner_created(world, how):
    partner = browser(world.partner_user)
    send(partner, iam(world.account_a, "users/new/iam-user/"), user_data(builtin_profile(SYSADMIN)))
    door, _ = iam_login(world.account_a, "backdoor")
    if how == "delete":
        send(
            browser(world.owner_a), iam(world.account_a, f"partner-roles/{world.role_a.pk}/delete/")
        )
    elif how == "disconnect":
        url = f"/partner/account/connected-accounts/{world.role_a.pk}/disconnect/"
        assert send(partner, url).status_code == 303
    else:
        status = how.removeprefix("partner ")
        partner_status_set(partner=world.partner, status=status, actor=StaffFactory())
    assert not User.objects.get(username="backdoor").is_active
    assert door.get(iam(world.account_a, "users/")).status_code == 302


def test_what_a_role_created_never_reaches_portals_a_role_cannot_have(world):
    # Even if the profile it holds grows later, a role's creation stays within the role's portals.
    profile = ProfileFactory(account=world.account_a, iam=Level.ADMIN, ela=Level.ADMIN)
    created = IamUserFactory(
        account=world.account_a, permission_profile=profile, created_through_role=world.role_a
    )
    grants = access_for_account(created, world.account_a.pk).grants
    assert grants == {Portal.IAM: Level.ADMIN}


# 2. A Local scope reaches FortiCare.


def _ticket(account, subject, asset=None, **fields):
    return Ticket.objects.create(
        account=account,
        asset=asset,
        subject=subject,
        description="-",
        request_type=Ticket.RequestType.TECHNICAL_SUPPORT,
        ticket_type=fields.pop("ticket_type", Ticket.TicketType.CUSTOMER),
        creator_label="someone",
        **fields,
    )


@pytest.fixture
def scoped_tickets(world, folders):
    inside = make_asset(world.account_a, folder=folders["branch"])
    outside = make_asset(world.account_a, folder=folders["dc"])
    return {
        "inside": _ticket(world.account_a, "Branch outage", inside),
        "outside": _ticket(world.account_a, "Data center outage", outside),
        "unitless": _ticket(world.account_a, "Billing question"),
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
    export = client.get(f"{base}forticare/?export=csv")
    body = b"".join(export.streaming_content).decode()
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


@pytest.fixture
def scoped_admin(world, folders):
    profile = ProfileFactory(
        account=world.account_a, iam=Level.READ_WRITE, asset_management=Level.READ_ONLY
    )
    return IamUserFactory(
        account=world.account_a, permission_profile=profile, scope_folder=folders["branch"]
    )


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


# No one hands out more than they hold; no one edits the grant they act through.


def test_a_profile_cannot_exceed_its_creators_levels(world, scoped_admin):
    client = browser(scoped_admin)
    data = {"name": "Wider", "type": "local", "asset_management": Level.READ_WRITE}
    data |= {p: 0 for p in ("forticare", "iam", "organization", "ela", "fortigate_cloud")}
    data |= {r: 0 for r in ("entitlement_management", "asset_maintenance", "renewal_notice")}
    data |= {"vulnerability_list": 0, "account_services": 0}
    response = send(client, iam(world.account_a, "profiles/new/"), data)
    assert response.status_code == 200
    assert "Asset Management Read/Write" in response.content.decode()
    assert not PermissionProfile.objects.filter(name="Wider").exists()


def test_nobody_changes_a_principal_whose_grant_they_do_not_hold(world, scoped_admin):
    # Resetting a full administrator's password would be a takeover.
    full = IamUserFactory(account=world.account_a, permission_profile=builtin_profile(SYSADMIN))
    client = browser(scoped_admin)
    for path in ("edit", "disable", "delete", "enable"):
        assert send(client, iam(world.account_a, f"users/{full.pk}/{path}/")).status_code == 404
    page = client.get(iam(world.account_a, "users/")).content.decode()
    assert f"Edit {full.username}" not in page
    # Nor releases a user from a group that holds them back to their own wider profile.
    group = GroupFactory(
        account=world.account_a,
        permission_profile=scoped_admin.permission_profile,
        scope_folder=scoped_admin.scope_folder,
    )
    full.user_group = group
    full.save()
    data = {
        "name": group.name,
        "permission_profile": group.permission_profile.pk,
        "scope_folder": group.scope_folder.pk,
    }
    send(client, iam(world.account_a, f"groups/{group.pk}/edit/"), data)
    assert User.objects.get(pk=full.pk).user_group == group


def test_no_one_edits_their_own_user_group_or_profile(world, folders):
    profile = ProfileFactory(account=world.account_a, iam=Level.ADMIN)
    group = GroupFactory(account=world.account_a, permission_profile=profile)
    admin = IamUserFactory(account=world.account_a, permission_profile=profile, user_group=group)
    client = browser(admin)
    for path in (
        f"users/{admin.pk}/edit/",
        f"groups/{group.pk}/edit/",
        f"groups/{group.pk}/delete/",
        f"profiles/{profile.pk}/delete/",
    ):
        assert client.get(iam(world.account_a, path)).status_code == 404, path
        assert send(client, iam(world.account_a, path)).status_code == 404, path
    wider = {"name": profile.name, "iam": Level.ADMIN, "asset_management": Level.ADMIN}
    assert send(client, iam(world.account_a, f"profiles/{profile.pk}/"), wider).status_code == 404
    profile.refresh_from_db()
    assert profile.asset_management == Level.NONE
    # Joining another group is changing one's own grant too.
    other = GroupFactory(account=world.account_a, permission_profile=profile)
    data = {"name": other.name, "permission_profile": profile.pk, "members": [admin.pk]}
    send(client, iam(world.account_a, f"groups/{other.pk}/edit/"), data)
    assert User.objects.get(pk=admin.pk).user_group == group


# 4. A partner no longer controls a role the customer disabled.


def test_a_disabled_role_shows_the_partner_only_that_it_is_disabled(world):
    world.owner_a.full_name = "Olga Owner"
    world.owner_a.save()
    PartnerRole.objects.filter(pk=world.role_a.pk).update(
        status="disabled", notification_email="ops@reseller.test"
    )
    partner = browser(world.partner_user)
    base = f"/partner/account/connected-accounts/{world.role_a.pk}/"
    page = partner.get(base)
    html = page.content.decode()
    assert page.status_code == 200 and "Disabled" in html
    for hidden in (world.owner_a.email, "History", "ops@reseller.test", "Disconnect", "Update"):
        assert hidden not in html
    listing = partner.get("/partner/account/connected-accounts/").content.decode()
    assert world.owner_a.email not in listing and "Olga Owner" not in listing
    assert (
        send(partner, f"{base}notification-email/", {"notification_email": "x@y.test"}).status_code
        == 404
    )
    assert partner.get(f"{base}disconnect/").status_code == 404
    assert send(partner, f"{base}disconnect/").status_code == 404
    role = PartnerRole.objects.get(pk=world.role_a.pk)
    assert (role.status, role.partner, role.notification_email) == (
        "disabled",
        world.partner,
        "ops@reseller.test",
    )


# 5. Disabling a user ends its sessions, for good.


def test_a_re_enabled_users_old_session_does_not_come_back(world):
    old_session = browser(world.iam_a)
    world.iam_a.permission_profile = builtin_profile(SYSADMIN)
    world.iam_a.save()
    assert old_session.get(iam(world.account_a, "users/")).status_code == 200
    owner = browser(world.owner_a)
    send(owner, iam(world.account_a, f"users/{world.iam_a.pk}/disable/"))
    send(owner, iam(world.account_a, f"users/{world.iam_a.pk}/enable/"))
    assert User.objects.get(pk=world.iam_a.pk).is_active
    assert old_session.get(iam(world.account_a, "users/")).status_code == 302
    # A fresh login works again.
    _, login = iam_login(world.account_a, world.iam_a.username, PASSWORD)
    assert login.status_code == 303


# 8. Helpers fail closed.


def test_partner_selectors_serve_nobody_but_a_partner_visit(world):
    PartnerRoleFactory(account=world.account_b, partner=None, status="pending", name="Waiting")
    owner_access = access_for_account(world.owner_a, world.account_a.pk)
    assert list(connected_account_list(owner_access)) == []
    assert connected_role(owner_access, world.role_a.pk) is None
    assert list(connected_account_list(None)) == []
    visit = access_for_partner_visit(world.partner_user)
    assert [r.name for r in connected_account_list(visit)] == ["Reseller access"]


def test_unit_services_refuse_a_unit_outside_the_access(world, folders):
    theirs = make_asset(world.account_b)
    outside = make_asset(world.account_a, folder=folders["dc"])
    profile = ProfileFactory(
        account=world.account_a, asset_management=Level.READ_WRITE, asset_maintenance=2
    )
    scoped = IamUserFactory(
        account=world.account_a, permission_profile=profile, scope_folder=folders["branch"]
    )
    for user, account, asset in (
        (world.owner_a, world.account_a, theirs),
        (scoped, world.account_a, outside),
    ):
        access = access_for_account(user, account.pk)
        with pytest.raises(PermissionDenied):
            asset_decommission(access=access, asset=asset)
        Asset.objects.filter(pk=asset.pk).update(decommissioned_at="2026-01-01T00:00Z")
        with pytest.raises(PermissionDenied):
            asset_restore(access=access, asset=asset)
        assert Asset.objects.get(pk=asset.pk).decommissioned_at is not None
