"""The access decision: the seed 001 matrix cell by cell, profiles, groups, roles, sub users."""

from pathlib import Path

import pytest

from iam.access import access_for_account
from iam.models import PermissionProfile, User
from iam.permissions import AssetAction, Level, Portal, Resource, ResourceLevel
from tests.factories import (
    FolderFactory,
    GroupFactory,
    IamUserFactory,
    PartnerRoleFactory,
    ProfileFactory,
    builtin_profile,
)

pytestmark = pytest.mark.django_db

A, RW, RO, NONE = Level.ADMIN, Level.READ_WRITE, Level.READ_ONLY, Level.NONE

# Seed 001, "There are three types of user permissions": X = allowed.
MATRIX = {
    AssetAction.VIEW: {A, RW, RO},
    AssetAction.REGISTER: {A, RW},
    AssetAction.MANAGE: {A, RW},
    AssetAction.VIEW_ENTITLEMENTS: {A, RW},
    AssetAction.RENEW: {A},
}
CELLS = [(action, level) for action in MATRIX for level in (A, RW, RO, NONE)]


@pytest.mark.parametrize(("action", "level"), CELLS)
def test_asset_management_matrix_for_iam_users(world, action, level):
    profile = ProfileFactory(account=world.account_a, asset_management=level)
    user = IamUserFactory(account=world.account_a, permission_profile=profile)
    access = access_for_account(user, world.account_a.pk)
    assert access.may(action) is (level in MATRIX[action])


@pytest.mark.parametrize(("action", "level"), CELLS)
def test_asset_management_matrix_for_partner_roles(world, action, level):
    world.role_a.permission_profile = ProfileFactory(
        account=world.account_a, asset_management=level
    )
    world.role_a.save()
    access = access_for_account(world.partner_user, world.account_a.pk)
    assert access.may(action) is (level in MATRIX[action])


def test_the_owner_may_do_everything(world):
    access = access_for_account(world.owner_a, world.account_a.pk)
    assert all(access.may(action) for action in AssetAction)
    assert all(access.can(portal, Level.ADMIN) for portal in Portal)


def test_an_iam_user_without_profile_is_granted_nothing(world):
    access = access_for_account(world.iam_a, world.account_a.pk)
    assert access.grants == {}
    assert not access.may(AssetAction.VIEW)


def test_resource_permissions_gate_resource_pages(world):
    profile = ProfileFactory(
        account=world.account_a,
        asset_management=A,
        renewal_notice=ResourceLevel.READ_ONLY,
        asset_maintenance=ResourceLevel.READ_WRITE,
    )
    user = IamUserFactory(account=world.account_a, permission_profile=profile)
    access = access_for_account(user, world.account_a.pk)
    assert access.can(Portal.ASSET_MANAGEMENT, RO, resource=Resource.RENEWAL_NOTICE)
    assert not access.can(Portal.ASSET_MANAGEMENT, RW, resource=Resource.RENEWAL_NOTICE)
    assert access.can(Portal.ASSET_MANAGEMENT, A, resource=Resource.ASSET_MAINTENANCE)
    assert not access.can(Portal.ASSET_MANAGEMENT, RO, resource=Resource.VULNERABILITY_LIST)


def test_a_resource_never_lifts_the_portal_level(world):
    profile = ProfileFactory(
        account=world.account_a, asset_management=RO, asset_maintenance=ResourceLevel.READ_WRITE
    )
    user = IamUserFactory(account=world.account_a, permission_profile=profile)
    access = access_for_account(user, world.account_a.pk)
    assert not access.can(Portal.ASSET_MANAGEMENT, RW, resource=Resource.ASSET_MAINTENANCE)


def test_the_group_replaces_the_members_own_profile_and_scope(world):
    own_folder = FolderFactory(account=world.account_a)
    group_folder = FolderFactory(account=world.account_a)
    generous = ProfileFactory(account=world.account_a, asset_management=A, iam=A)
    narrow = ProfileFactory(account=world.account_a, forticare=RO)
    user = IamUserFactory(
        account=world.account_a, permission_profile=generous, scope_folder=own_folder
    )
    access = access_for_account(user, world.account_a.pk)
    assert access.can(Portal.IAM, A) and access.scope_folder == own_folder

    user.user_group = GroupFactory(
        account=world.account_a, permission_profile=narrow, scope_folder=group_folder
    )
    user.save()
    access = access_for_account(user, world.account_a.pk)
    assert access.grants == {Portal.FORTICARE: RO}
    assert access.scope_folder == group_folder


def test_partner_roles_never_get_portals_that_do_not_support_them(world):
    world.role_a.permission_profile = builtin_profile(PermissionProfile.Builtin.FULL_ACCESS)
    world.role_a.save()
    access = access_for_account(world.partner_user, world.account_a.pk)
    assert set(access.grants) == {Portal.ASSET_MANAGEMENT, Portal.FORTICARE, Portal.IAM}


def test_a_partner_role_without_profile_grants_nothing(world):
    world.role_a.permission_profile = None
    world.role_a.save()
    access = access_for_account(world.partner_user, world.account_a.pk)
    assert access.grants == {} and access.role == world.role_a


def test_the_role_scope_is_the_partners_scope(world):
    folder = FolderFactory(account=world.account_a, name="Managed")
    world.role_a.scope_folder = folder
    world.role_a.save()
    access = access_for_account(world.partner_user, world.account_a.pk)
    assert access.scope_folder == folder and access.scope_label == "Managed"


@pytest.mark.parametrize(
    ("legacy", "expected"),
    [
        ("full", {Portal.ASSET_MANAGEMENT: A, Portal.FORTICARE: A}),
        ("limited", {Portal.ASSET_MANAGEMENT: RO}),
    ],
)
def test_sub_users_never_reach_iam(world, legacy, expected):
    sub = User.objects.create_user(
        kind=User.Kind.SUB, email=f"{legacy}@example.test", account=world.account_a
    )
    sub.legacy_access = legacy
    access = access_for_account(sub, world.account_a.pk)
    assert access.grants == expected
    assert not access.can(Portal.IAM, RO)
    assert access.may(AssetAction.REGISTER) is (legacy == "full")


def test_a_profile_or_folder_of_another_account_is_never_honoured(world):
    foreign = ProfileFactory(account=world.account_b, asset_management=A)
    user = IamUserFactory(account=world.account_a, permission_profile=foreign)
    assert access_for_account(user, world.account_a.pk).grants == {}

    own = ProfileFactory(account=world.account_a, asset_management=A)
    user.permission_profile = own
    user.scope_folder = FolderFactory(account=world.account_b)
    assert access_for_account(user, world.account_a.pk).grants == {}


def test_a_profile_change_applies_on_the_next_request(world, client):
    profile = ProfileFactory(account=world.account_a, iam=RO)
    user = IamUserFactory(account=world.account_a, permission_profile=profile)
    client.force_login(user)
    assert client.get(f"/a/{world.account_a.pk}/iam/users/").status_code == 200
    PermissionProfile.objects.filter(pk=profile.pk).update(iam=NONE)
    assert client.get(f"/a/{world.account_a.pk}/iam/users/").status_code == 404


def test_a_partner_role_elsewhere_does_not_leak_into_this_decision(world):
    PartnerRoleFactory(account=world.account_b)
    assert access_for_account(world.partner_user, world.account_b.pk) is None


def test_the_unchecked_account_scope_is_used_only_after_the_decision():
    """``of_account(id)`` filters IAM rows by an account without asking whether anyone may see
    them: only ``visible_to`` and the Users page's selector call it, each with the account that
    ``visible_account(access)`` gave (a view calling it would skip the decision)."""
    root = Path(__file__).resolve().parents[2]
    allowed = {"iam/models/scoping.py", "iam/selectors/principals.py"}
    callers = {
        str(path.relative_to(root))
        for top in ("iam", "assets", "forticare", "partners", "forticloud")
        for path in (root / top).rglob("*.py")
        if ".of_account(" in path.read_text()
    }
    assert callers == allowed
