"""No grant exceeds its granter, no one edits their own grant, revocation is complete, and the
helpers of the partner side and of the units fail closed."""

import pytest
from django.core.exceptions import PermissionDenied

from assets.models import Asset
from assets.services import asset_decommission, asset_restore
from iam.access import access_for_account
from iam.models import AuditEvent, PermissionProfile, User
from iam.partner_access import access_for_partner_visit
from iam.permissions import Level
from partners.selectors import connected_account_list, connected_role
from tests.assets.conftest import make_asset
from tests.factories import (
    PASSWORD,
    GroupFactory,
    IamUserFactory,
    PartnerRoleFactory,
    ProfileFactory,
    builtin_profile,
)

from .delegation_helpers import SYSADMIN, browser, iam, iam_login, send

pytestmark = pytest.mark.django_db


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


def test_nobody_releases_an_api_user_from_a_group_they_may_not_change_it_in(world, scoped_admin):
    """An API user joins a group on its own form; saving the group (which lists IAM users) or
    deleting it must not let it go back to its own wider profile."""
    from iam.services.api_users import api_user_create

    group = GroupFactory(
        account=world.account_a,
        permission_profile=scoped_admin.permission_profile,
        scope_folder=scoped_admin.scope_folder,
    )
    owner = access_for_account(world.owner_a, world.account_a.pk)
    robot, _ = api_user_create(
        access=owner, username="robot", permission_profile=builtin_profile(SYSADMIN)
    )
    User.objects.filter(pk=robot.pk).update(user_group=group)
    client = browser(scoped_admin)
    data = {
        "name": group.name,
        "permission_profile": group.permission_profile.pk,
        "scope_folder": group.scope_folder.pk,
    }
    assert send(client, iam(world.account_a, f"groups/{group.pk}/edit/"), data).status_code == 303
    assert User.objects.get(pk=robot.pk).user_group == group
    refused = send(client, iam(world.account_a, f"groups/{group.pk}/delete/"))
    told = client.get(refused["Location"]).content.decode()
    assert "You cannot change the membership of robot" in told
    assert User.objects.get(pk=robot.pk).user_group == group
    send(browser(world.owner_a), iam(world.account_a, f"groups/{group.pk}/delete/"))
    assert User.objects.get(pk=robot.pk).user_group is None
    deleted = AuditEvent.objects.get(action="group.delete")
    assert deleted.changes["before"]["members"] == "robot"


def test_nobody_raises_a_profile_someone_beyond_them_holds(world, folders):
    """Editing a profile changes everyone who holds it: a folder-scoped administrator may not
    raise one that a user over all of My Assets holds, and may raise one held within its
    folder."""
    levels = {"iam": Level.READ_WRITE, "asset_management": Level.READ_WRITE}
    admin = IamUserFactory(
        account=world.account_a,
        permission_profile=ProfileFactory(account=world.account_a, **levels),
        scope_folder=folders["branch"],
    )
    viewer = ProfileFactory(account=world.account_a, name="Viewer", asset_management=1)
    everywhere = IamUserFactory(account=world.account_a, permission_profile=viewer)
    data = {"name": "Viewer", "type": "local", "asset_management": Level.READ_WRITE}
    data |= {p: 0 for p in ("forticare", "iam", "organization", "ela", "fortigate_cloud")}
    data |= {r: 0 for r in ("entitlement_management", "asset_maintenance", "renewal_notice")}
    data |= {"vulnerability_list": 0, "account_services": 0}
    client = browser(admin)
    raised = send(client, iam(world.account_a, f"profiles/{viewer.pk}/"), data)
    assert f"the user {everywhere.username} holds it" in raised.content.decode()
    assert PermissionProfile.objects.get(pk=viewer.pk).asset_management == Level.READ_ONLY
    User.objects.filter(pk=everywhere.pk).update(scope_folder=folders["branch"])
    raised = send(client, iam(world.account_a, f"profiles/{viewer.pk}/"), data)
    assert raised.status_code == 303
    assert PermissionProfile.objects.get(pk=viewer.pk).asset_management == Level.READ_WRITE


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
