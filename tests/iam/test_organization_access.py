"""The Organization scope in the access decision (seed 002): the root account's owner and its
Organization-type IAM users enter the member accounts of their OU subtrees, through Switch
Accounts, with their profile's levels; everything else is a 404 like a missing account, and
every change ends the access on the next request. No one hands out OUs they do not hold."""

import re

import pytest
from django.core.exceptions import ValidationError

from iam.access import access_for_account
from iam.models import Account, OrganizationMember, User
from iam.permissions import Level, Portal, ScopeType
from iam.services.users import iam_user_create
from tests.assets.conftest import make_asset
from tests.factories import PASSWORD, AccountFactory, IamUserFactory, OwnerFactory, ProfileFactory

from .organization_helpers import add_user, org_user

pytestmark = pytest.mark.django_db


def test_the_root_owner_enters_every_member_through_switch_accounts(world, org, client):
    access = access_for_account(world.owner_a, org["tokyo"].pk)
    assert access.grants == dict.fromkeys(
        [Portal.ASSET_MANAGEMENT, Portal.FORTICARE, Portal.IAM], 3
    )
    assert access.acting_as == "Account owner of the organization Alpha Group"
    client.force_login(world.owner_a)
    tab = client.get("/accounts/switch/?tab=organization")
    for name in ("France Co", "Tokyo Co", "Direct Co"):
        assert name in tab.text
    assert "Organization Accounts" in tab.text
    assert client.get(f"/a/{org['tokyo'].pk}/").status_code == 200
    assert client.get(f"/a/{org['tokyo'].pk}/organization/").status_code == 404  # no such portal


def test_an_organization_user_enters_only_the_members_of_its_subtrees(world, org, client):
    user = org_user(world, [org["emea"]], asset_management=Level.READ_ONLY)
    make_asset(org["france"], ends_in=10, description="Paris gate")
    client.force_login(user)
    assert client.get(f"/a/{org['france'].pk}/assets/").text.count("Paris gate") == 1
    for outside in ("tokyo", "direct"):
        assert client.get(f"/a/{org[outside].pk}/").status_code == 404
    missing = client.get("/a/99999999/")
    main = re.compile(r"<main.*</main>", re.S)
    forbidden = client.get(f"/a/{org['tokyo'].pk}/")
    assert main.search(forbidden.text).group() == main.search(missing.text).group()
    assert client.get(f"/a/{org['france'].pk}/forticare/").status_code == 404  # not granted
    tab = client.get("/accounts/switch/?tab=organization").text
    assert "France Co" in tab and "Tokyo Co" not in tab and "Direct Co" not in tab


def test_every_change_ends_the_access_on_the_next_request(world, org, client):
    user = org_user(world, [org["emea"]], asset_management=Level.READ_ONLY)
    client.force_login(user)
    france = f"/a/{org['france'].pk}/"
    assert client.get(france).status_code == 200
    OrganizationMember.objects.filter(account=org["france"]).update(unit=org["apac"])
    assert client.get(france).status_code == 404
    OrganizationMember.objects.filter(account=org["france"]).update(unit=org["france_ou"])
    assert client.get(france).status_code == 200
    user.scope_units.set([org["apac"]])
    assert client.get(f"/a/{org['tokyo'].pk}/").status_code == 200
    user.permission_profile.type = ScopeType.LOCAL
    user.permission_profile.save()
    assert client.get(f"/a/{org['tokyo'].pk}/").status_code == 404
    user.permission_profile.type = ScopeType.ORGANIZATION
    user.permission_profile.save()
    OrganizationMember.objects.filter(account=org["tokyo"]).delete()
    assert client.get(f"/a/{org['tokyo'].pk}/").status_code == 404


def test_local_users_of_the_root_and_other_roots_reach_no_member(world, org, client):
    local = IamUserFactory(
        account=world.account_a,
        permission_profile=ProfileFactory(account=world.account_a, asset_management=Level.ADMIN),
    )
    assert access_for_account(local, org["france"].pk) is None
    other_root = OwnerFactory(account=AccountFactory(kind=Account.Kind.ROOT))
    assert access_for_account(other_root, org["france"].pk) is None
    member_owner = User.objects.get(account=org["france"], kind=User.Kind.OWNER)
    assert access_for_account(member_owner, org["tokyo"].pk) is None
    client.force_login(local)
    assert "Organization Accounts" not in client.get("/accounts/switch/").text


def test_the_owner_gives_an_ou_scope_with_an_organization_profile_only(world, org, client, post):
    client.force_login(world.owner_a)
    org_profile = ProfileFactory(account=world.account_a, type=ScopeType.ORGANIZATION, iam=1)
    local_profile = ProfileFactory(account=world.account_a, iam=1)
    assert add_user(post, world, "ou-admin", org_profile, [org["emea"]]).status_code == 303
    assert list(User.objects.get(username="ou-admin").scope_units.all()) == [org["emea"]]
    no_ou = add_user(post, world, "no-ou", org_profile)
    assert "Choose the OUs of this Organization-type grant" in no_ou.text
    local = add_user(post, world, "local-ou", local_profile, [org["emea"]])
    assert "needs a permission profile of the Organization type" in local.text
    assert not User.objects.filter(username__in=["no-ou", "local-ou"]).exists()


def test_no_one_hands_out_ous_they_do_not_hold(world, org, client, post):
    admin = org_user(world, [org["emea"]], iam=Level.ADMIN)
    admin.set_password(PASSWORD)
    admin.save()
    client.force_login(admin)
    org_profile = ProfileFactory(account=world.account_a, type=ScopeType.ORGANIZATION, iam=1)
    inside = add_user(post, world, "france-admin", org_profile, [org["france_ou"]])
    assert inside.status_code == 303, re.findall(r'role="alert">([^<]+)<', inside.text)
    outside = add_user(post, world, "apac-admin", org_profile, [org["apac"]])
    assert "is not one of the available choices" in outside.text  # APAC is not offered
    with pytest.raises(ValidationError, match=r"cannot grant more than you hold: .*the OU APAC"):
        iam_user_create(
            access=access_for_account(admin, world.account_a.pk),
            password=PASSWORD,
            username="forged",
            permission_profile=org_profile,
            scope_units=[org["apac"]],
        )
    local_admin = IamUserFactory(
        account=world.account_a,
        permission_profile=ProfileFactory(account=world.account_a, iam=Level.ADMIN),
    )
    client.force_login(local_admin)
    refused = add_user(post, world, "any-ou", org_profile, [org["france_ou"]])
    assert "is not one of the available choices" in refused.text  # a Local user holds no OU
    assert not User.objects.filter(username__in=["apac-admin", "forged", "any-ou"]).exists()


def test_only_a_root_account_offers_an_ou_scope(world, org, client):
    member_owner = User.objects.get(account=org["france"], kind=User.Kind.OWNER)
    client.force_login(member_owner)
    form = client.get(f"/a/{org['france'].pk}/iam/users/new/iam-user/")
    assert form.status_code == 200 and "OU Scope" not in form.text
    client.force_login(world.owner_a)
    assert "OU Scope" in client.get(f"/a/{world.account_a.pk}/iam/users/new/iam-user/").text


def test_a_group_of_the_organization_type_gives_its_members_the_ou_scope(world, org, client, post):
    client.force_login(world.owner_a)
    profile = ProfileFactory(
        account=world.account_a, type=ScopeType.ORGANIZATION, asset_management=Level.READ_ONLY
    )
    member = IamUserFactory(account=world.account_a, permission_profile=None)
    response = post(
        f"/a/{world.account_a.pk}/iam/groups/new/",
        {
            "name": "APAC team",
            "permission_profile": profile.pk,
            "scope_units": [org["apac"].pk],
            "members": [member.pk],
        },
    )
    assert response.status_code == 303
    assert access_for_account(User.objects.get(pk=member.pk), org["tokyo"].pk) is not None
    assert access_for_account(User.objects.get(pk=member.pk), org["france"].pk) is None
    no_ou = post(
        f"/a/{world.account_a.pk}/iam/groups/new/",
        {"name": "No OU team", "permission_profile": profile.pk},
    )
    assert "Choose the OUs of this Organization-type grant" in no_ou.text
