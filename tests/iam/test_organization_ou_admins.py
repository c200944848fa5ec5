"""OU admins (seed 002): an Organization-type IAM user given the Organization portal works on
its own OU subtrees only, in the root account's Organization page, and hands out no more."""

import re

import pytest

from iam.access import access_for_account
from iam.models import OrganizationalUnit, OrganizationMember, User
from iam.permissions import Level, Portal, Resource, ScopeType
from tests.api.helpers import api_user, bearer
from tests.factories import IamUserFactory, ProfileFactory

from .organization_helpers import add_user, org_user

pytestmark = pytest.mark.django_db


def test_an_ou_admin_manages_only_its_own_subtrees(world, org, client, post):
    admin = org_user(world, [org["emea"]], organization=Level.READ_WRITE)
    client.force_login(admin)
    base = f"/a/{world.account_a.pk}/organization/"
    page = client.get(base).text
    assert "EMEA" in page and "France Co" in page
    assert "APAC" not in page and "Tokyo Co" not in page and "Direct Co" not in page
    added = post(f"{base}units/new/", {"name": "Paris", "parent": org["france_ou"].pk})
    assert added.status_code == 303
    at_root = post(f"{base}units/new/", {"name": "LATAM", "parent": ""})
    assert "does not reach the root account" in at_root.text
    emea = org["emea"]
    france = org["france_ou"]
    moved = post(f"{base}units/{france.pk}/edit/", {"name": "France", "parent": ""})
    assert "does not reach the root account" in moved.text
    deleted = post(f"{base}units/{emea.pk}/delete/")
    assert "your own OU scope" in client.get(deleted["Location"]).text
    assert client.get(f"{base}units/{org['apac'].pk}/edit/").status_code == 404
    tokyo = OrganizationMember.objects.get(account=org["tokyo"])
    assert post(f"{base}members/{tokyo.pk}/remove/").status_code == 404
    invite_root = post(f"{base}members/invite/", {"account_id": world.account_b.pk, "unit": ""})
    assert "does not reach the root account" in invite_root.text
    invite = post(
        f"{base}members/invite/", {"account_id": world.account_b.pk, "unit": org["france_ou"].pk}
    )
    assert invite.status_code == 303
    assert OrganizationMember.objects.get(account=org["tokyo"]).unit == org["apac"]


def test_an_ou_admin_sees_and_cancels_only_invitations_into_its_subtrees(world, org, client, post):
    from iam.services.members import member_invite

    owner = access_for_account(world.owner_a, world.account_a.pk)
    outside, _ = member_invite(access=owner, account_id=world.account_b.pk, unit=org["apac"])
    admin = org_user(world, [org["emea"]], organization=Level.READ_WRITE)
    client.force_login(admin)
    base = f"/a/{world.account_a.pk}/organization/"
    assert f"Account {world.account_b.pk} into APAC" not in client.get(base).text
    assert post(f"{base}members/invitations/{outside.pk}/cancel/").status_code == 404
    assert client.get(f"{base}members/invitations/{outside.pk}/token/").status_code == 404
    client.force_login(world.owner_a)
    assert f"Account {world.account_b.pk} into APAC" in client.get(base).text


def test_an_ou_admin_cannot_hand_out_the_whole_organization(world, org, client, post):
    """A Local-type profile with the Organization portal manages every OU: more than an OU
    admin holds, whether as a new profile or through a user given an existing one."""
    admin = org_user(
        world,
        [org["emea"]],
        organization=Level.READ_WRITE,
        iam=Level.READ_WRITE,
        asset_management=Level.READ_WRITE,
    )
    client.force_login(admin)
    levels = {portal.value: 0 for portal in Portal} | {resource.value: 0 for resource in Resource}
    profile_form = {"name": "Whole org", "type": "local", **levels, "organization": 2}
    made = post(f"/a/{world.account_a.pk}/iam/profiles/new/", profile_form)
    assert made.status_code == 200
    errors = re.findall(r"<li>([^<]*)</li>", made.text)
    assert any("Organization portal over the whole organization" in e for e in errors), errors
    everything = ProfileFactory(account=world.account_a, organization=Level.READ_WRITE)
    added = add_user(post, world, "escape", everything)
    assert added.status_code == 200 and not User.objects.filter(username="escape").exists()


def test_an_ou_admin_cannot_change_a_user_of_a_group_outside_its_ous(world, org, client, post):
    from tests.factories import GroupFactory

    profile = ProfileFactory(account=world.account_a, type=ScopeType.ORGANIZATION, iam=1)
    group = GroupFactory(account=world.account_a, permission_profile=profile)
    group.scope_units.set([org["apac"]])
    grouped = IamUserFactory(account=world.account_a, permission_profile=None, user_group=group)
    admin = org_user(world, [org["emea"]], iam=Level.ADMIN)
    client.force_login(admin)
    disabled = post(f"/a/{world.account_a.pk}/iam/users/{grouped.pk}/disable/")
    assert disabled.status_code == 404
    assert User.objects.get(pk=grouped.pk).is_active


def test_an_ou_admin_renames_the_top_of_its_scope_without_moving_it(world, org, client, post):
    admin = org_user(world, [org["france_ou"]], organization=Level.READ_WRITE)
    client.force_login(admin)
    url = f"/a/{world.account_a.pk}/organization/units/{org['france_ou'].pk}/edit/"
    assert "Parent OU" not in client.get(url).text
    assert post(url, {"name": "Francia"}).status_code == 303
    renamed = OrganizationalUnit.objects.get(pk=org["france_ou"].pk)
    assert (renamed.name, renamed.parent) == ("Francia", org["emea"])


def test_an_api_ou_admin_cannot_hand_out_the_whole_organization(world, org, client):
    """The same rule for an API user whose Organization-type profile has an OU Scope: through
    the API it neither adds a user whose profile manages every OU nor disables one, and it
    hands out its own OUs only."""
    emea = org["emea"]
    profile = ProfileFactory(
        account=world.account_a, type=ScopeType.ORGANIZATION, organization=2, iam=2
    )
    robot, secret = api_user(
        world.account_a, world.owner_a, "ou-robot", permission_profile=profile, scope_units=[emea]
    )
    headers = bearer(client, robot, secret)
    everything = ProfileFactory(account=world.account_a, organization=Level.READ_WRITE)
    data = {"username": "escape", "password": "a long new password 1", "permission_profile": 0}

    def add(**fields):
        body = data | fields
        return client.post("/api/v1/iam/users/", body, content_type="application/json", **headers)

    refused = add(permission_profile=everything.pk)
    assert refused.status_code == 400
    assert "Organization portal over the whole organization" in refused.json()["error"]["message"]
    in_apac = add(permission_profile=profile.pk, scope_units=[org["apac"].pk])
    assert in_apac.status_code == 400
    assert not User.objects.filter(username="escape").exists()
    in_france = add(permission_profile=profile.pk, scope_units=[org["france_ou"].pk])
    assert in_france.status_code == 201, in_france.content
    whole = IamUserFactory(account=world.account_a, permission_profile=everything)
    disable = f"/api/v1/iam/users/{whole.pk}/disable/"
    assert client.post(disable, {}, content_type="application/json", **headers).status_code == 404
    assert User.objects.get(pk=whole.pk).is_active
