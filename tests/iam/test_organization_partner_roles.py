"""Partner roles of the Organization type (seed 000: "Organization for OU accounts"): a root
account's role reaches the member accounts in the subtrees of its OUs, each with the role's
profile; they appear in the partner's Switch Accounts and aggregated views, and leave them on
the next request when the role is disabled or the member moves out."""

import re

import pytest

from iam.models import AuditEvent, OrganizationMember, PartnerRole
from iam.permissions import Level, Portal, ScopeType
from tests.assets.conftest import make_asset
from tests.factories import PartnerRoleFactory, ProfileFactory, TicketFactory

from .organization_helpers import org_user

pytestmark = pytest.mark.django_db


def organization_profile(world, **levels):
    return ProfileFactory(account=world.account_a, type=ScopeType.ORGANIZATION, **levels)


def role_fields(world, profile, units, scope_type=ScopeType.ORGANIZATION):
    return {
        "name": "Reseller for EMEA",
        "description": "",
        "scope_type": scope_type,
        "scope_folder": "",
        "permission_profile": profile.pk,
        "scope_units": [unit.pk for unit in units],
    }


def roles_url(world, suffix="users/new/partner-role/"):
    return f"/a/{world.account_a.pk}/iam/{suffix}"


@pytest.fixture
def emea_role(world, org):
    """The partner's role on the root account, of the Organization type over EMEA."""
    profile = organization_profile(
        world, asset_management=Level.READ_ONLY, forticare=Level.READ_WRITE, iam=Level.ADMIN
    )
    PartnerRole.objects.filter(pk=world.role_a.pk).update(
        scope_type=ScopeType.ORGANIZATION, permission_profile=profile
    )
    world.role_a.scope_units.set([org["emea"]])
    return world.role_a


def test_the_root_owner_adds_an_organization_role_with_an_ou_scope(world, org, client, post):
    PartnerRole.objects.filter(pk=world.role_a.pk).delete()
    client.force_login(world.owner_a)
    form = client.get(roles_url(world)).text
    assert 'value="organization"' in form and "OU Scope" in form
    profile = organization_profile(world, asset_management=Level.READ_ONLY)
    answer = post(roles_url(world), role_fields(world, profile, [org["emea"]]))
    assert answer.status_code == 303
    role = PartnerRole.objects.get(account=world.account_a)
    assert list(role.scope_units.all()) == [org["emea"]]
    event = AuditEvent.objects.get(action="partner_role.create")
    assert event.changes["after"]["OU scope"] == "EMEA"
    page = client.get(roles_url(world, f"partner-roles/{role.pk}/")).text
    assert "OU Scope" in page and "EMEA" in page
    # What this partner will see: France Co, the one member account in EMEA.
    assert re.search(r"<dt>Member accounts in scope</dt><dd>1</dd>", page)


@pytest.mark.parametrize(
    ("scope_type", "organization_type_profile", "with_units", "message"),
    [
        ("organization", False, True, "needs a permission profile of the Organization type"),
        ("organization", True, False, "Choose the OUs of this Organization-type role"),
        ("local", True, True, "An OU Scope needs a Partner role of the Organization type"),
    ],
)
def test_an_organization_role_needs_its_type_s_profile_and_ous(
    world, org, client, post, scope_type, organization_type_profile, with_units, message
):
    PartnerRole.objects.filter(pk=world.role_a.pk).delete()
    client.force_login(world.owner_a)
    if organization_type_profile:
        profile = organization_profile(world, asset_management=Level.READ_ONLY)
    else:
        profile = ProfileFactory(account=world.account_a, asset_management=Level.READ_ONLY)
    units = [org["emea"]] if with_units else []
    answer = post(roles_url(world), role_fields(world, profile, units, scope_type))
    assert answer.status_code == 200 and message in answer.text
    assert not PartnerRole.objects.filter(account=world.account_a).exists()


def test_an_ou_admin_hands_out_only_its_own_ous(world, org, client, post):
    PartnerRole.objects.filter(pk=world.role_a.pk).delete()
    admin = org_user(world, [org["emea"]], iam=Level.ADMIN, asset_management=Level.READ_ONLY)
    client.force_login(admin)
    profile = organization_profile(world, asset_management=Level.READ_ONLY)
    form = client.get(roles_url(world)).text
    assert "France" in form and "APAC" not in form
    answer = post(roles_url(world), role_fields(world, profile, [org["apac"]]))
    assert answer.status_code == 200
    assert not PartnerRole.objects.filter(account=world.account_a).exists()


def test_a_non_root_account_has_no_organization_roles(world, client, post):
    PartnerRole.objects.filter(pk=world.role_a.pk).delete()
    client.force_login(world.owner_a)
    assert 'value="organization"' not in client.get(roles_url(world)).text
    fields = role_fields(world, organization_profile(world, asset_management=1), [])
    assert post(roles_url(world), fields).status_code == 200
    assert not PartnerRole.objects.filter(account=world.account_a).exists()


def test_the_partner_reaches_the_members_of_the_role_s_ous(world, org, emea_role, client):
    paris = make_asset(org["france"], ends_in=10, description="Paris gate")
    tokyo = make_asset(org["tokyo"], ends_in=10, description="Tokyo gate")
    TicketFactory(account=org["france"], subject="Paris outage")
    TicketFactory(account=org["tokyo"], subject="Tokyo outage")
    client.force_login(world.partner_user)
    tab = client.get("/accounts/switch/?tab=partner").text
    assert "France Co" in tab and "Alpha" in tab and "Tokyo Co" not in tab
    france = client.get(f"/a/{org['france'].pk}/")
    assert france.status_code == 200
    assert france.context["access"].grants == {
        Portal.ASSET_MANAGEMENT: Level.READ_ONLY,
        Portal.FORTICARE: Level.READ_WRITE,
    }
    assert "of the organization Alpha Group" in france.text
    # No IAM in a member, whatever the profile says: no Partner role of its own to make there.
    assert client.get(f"/a/{org['france'].pk}/iam/users/new/partner-role/").status_code == 404
    assert client.get(f"/a/{org['tokyo'].pk}/").status_code == 404
    units = client.get("/partner/assets/").text
    assert paris.serial_number in units and tokyo.serial_number not in units
    tickets = client.get("/partner/forticare/").text
    assert "Paris outage" in tickets and "Tokyo outage" not in tickets
    assert client.get("/partner/").status_code == 200  # the Dashboard counts them too


def test_disabling_the_role_or_moving_the_member_out_ends_it_on_the_next_request(
    world, org, emea_role, client
):
    paris = make_asset(org["france"], ends_in=10)
    client.force_login(world.partner_user)
    france = f"/a/{org['france'].pk}/"
    assert client.get(france).status_code == 200
    OrganizationMember.objects.filter(account=org["france"]).update(unit=org["apac"])
    assert client.get(france).status_code == 404
    assert paris.serial_number not in client.get("/partner/assets/").text
    OrganizationMember.objects.filter(account=org["france"]).update(unit=org["france_ou"])
    assert client.get(france).status_code == 200
    PartnerRole.objects.filter(pk=emea_role.pk).update(status=PartnerRole.Status.DISABLED)
    assert client.get(france).status_code == 404


def test_a_member_s_own_role_with_the_same_partner_decides_in_that_member(
    world, org, emea_role, client
):
    own = ProfileFactory(account=org["france"], forticare=Level.READ_ONLY)
    PartnerRoleFactory(account=org["france"], partner=world.partner, permission_profile=own)
    client.force_login(world.partner_user)
    access = client.get(f"/a/{org['france'].pk}/").context["access"]
    assert access.grants == {Portal.FORTICARE: Level.READ_ONLY}
    assert access.organization is None


@pytest.mark.parametrize("profile_of", ["local_type", "another_account"])
def test_only_the_root_s_own_organization_profile_reaches_members(
    world, org, emea_role, client, profile_of
):
    """A row pointing elsewhere (written around the service) grants nothing in members."""
    if profile_of == "local_type":
        profile = ProfileFactory(account=world.account_a, asset_management=Level.ADMIN)
    else:
        profile = ProfileFactory(
            account=world.account_b, type=ScopeType.ORGANIZATION, asset_management=Level.ADMIN
        )
    PartnerRole.objects.filter(pk=emea_role.pk).update(permission_profile=profile)
    paris = make_asset(org["france"], ends_in=10)
    client.force_login(world.partner_user)
    assert client.get(f"/a/{org['france'].pk}/").status_code == 404
    assert "France Co" not in client.get("/accounts/switch/?tab=partner").text
    assert paris.serial_number not in client.get("/partner/assets/").text
