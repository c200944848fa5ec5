"""Services > Organization (seed 002, 003): the owner turns IAM to advanced mode by creating
the organization (the account becomes the root account), then manages its OU tree. Basic mode
stays the default; every change is audited; bad input changes nothing."""

import pytest

from iam.models import (
    MAX_OU_DEPTH,
    Account,
    AuditEvent,
    Organization,
    OrganizationalUnit,
    OrganizationMember,
)
from iam.permissions import Level
from tests.factories import AccountFactory, IamUserFactory, OwnerFactory, ProfileFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def root(world, client, post):
    """Account A made a root account by its owner, through the page."""
    client.force_login(world.owner_a)
    response = post(f"/a/{world.account_a.pk}/organization/create/", {"name": "Alpha Group"})
    assert response.status_code == 303
    return world.account_a


def org_url(account, rest=""):
    return f"/a/{account.pk}/organization/{rest}"


def add_ou(post, account, name, parent=None):
    return post(
        org_url(account, "units/new/"), {"name": name, "parent": parent.pk if parent else ""}
    )


def unit(name) -> OrganizationalUnit:
    return OrganizationalUnit.objects.get(name=name)


def test_basic_mode_is_the_default_and_only_the_owner_creates_the_organization(world, client):
    client.force_login(world.owner_a)
    page = client.get(org_url(world.account_a))
    assert "<dt>IAM mode</dt><dd>Basic</dd>" in page.text and "Create Organization" in page.text
    iam_admin = IamUserFactory(
        account=world.account_a,
        permission_profile=ProfileFactory(account=world.account_a, organization=Level.ADMIN),
    )
    client.force_login(iam_admin)
    assert "Create Organization</a>" not in client.get(org_url(world.account_a)).text
    refused = client.get(org_url(world.account_a, "create/"))
    assert "Only the owner of an account outside any organization" in refused.text
    assert not Organization.objects.exists()


def test_creating_the_organization_makes_a_root_account_in_advanced_mode(root, client, post):
    account = Account.objects.get(pk=root.pk)
    assert account.kind == Account.Kind.ROOT and account.iam_mode == "Advanced"
    page = client.get(org_url(root))
    assert "<dt>IAM mode</dt><dd>Advanced</dd>" in page.text and "Alpha Group" in page.text
    event = AuditEvent.objects.get(account=root, action="organization.create")
    assert event.action_label == "Organization created (IAM in advanced mode)"
    again = post(org_url(root, "create/"), {"name": "Second"})
    assert again.status_code == 200 and Organization.objects.count() == 1


def test_the_owner_builds_renames_moves_and_deletes_ous(root, client, post):
    assert add_ou(post, root, "EMEA").status_code == 303
    add_ou(post, root, "France", unit("EMEA"))
    add_ou(post, root, "Paris", unit("France"))
    add_ou(post, root, "APAC")
    assert unit("Paris").path == f"/{unit('EMEA').pk}/{unit('France').pk}/{unit('Paris').pk}/"
    assert unit("Paris").depth == 3
    # Move France (and Paris with it) under APAC.
    france = unit("France")
    moved = post(
        org_url(root, f"units/{france.pk}/edit/"), {"name": "Francia", "parent": unit("APAC").pk}
    )
    assert moved.status_code == 303
    assert unit("Paris").path == f"/{unit('APAC').pk}/{france.pk}/{unit('Paris').pk}/"
    assert unit("Francia").parent == unit("APAC") and unit("Paris").depth == 3
    # Deleting needs an empty OU.
    response = post(org_url(root, f"units/{france.pk}/delete/"))
    assert OrganizationalUnit.objects.filter(pk=france.pk).exists()
    assert "Only an empty OU can be deleted" in client.get(response["Location"]).text
    post(org_url(root, f"units/{unit('Paris').pk}/delete/"))
    assert not OrganizationalUnit.objects.filter(name="Paris").exists()
    actions = set(AuditEvent.objects.filter(account=root).values_list("action", flat=True))
    assert {"ou.create", "ou.rename", "ou.move", "ou.delete"} <= actions


def test_the_tree_refuses_what_would_break_it(root, client, post):
    add_ou(post, root, "EMEA")
    parent = unit("EMEA")
    for level in range(2, MAX_OU_DEPTH + 1):
        add_ou(post, root, f"L{level}", parent)
        parent = unit(f"L{level}")
    too_deep = add_ou(post, root, "Too deep", parent)
    assert too_deep.status_code == 200 and f"at most {MAX_OU_DEPTH} levels" in too_deep.text
    same_name = add_ou(post, root, "emea")
    assert "Another OU at that place has this name" in same_name.text
    emea = unit("EMEA")
    into_itself = post(
        org_url(root, f"units/{emea.pk}/edit/"), {"name": "EMEA", "parent": unit("L3").pk}
    )
    assert into_itself.status_code == 200  # its own OUs are not among the choices
    assert unit("EMEA").parent is None
    count = OrganizationalUnit.objects.count()
    for bad in ({"name": "", "parent": ""}, {"name": "x" * 101}, {"name": "Ok", "parent": "٣"}):
        response = post(org_url(root, "units/new/"), bad)
        assert response.status_code == 200 and 'role="alert"' in response.text
    assert OrganizationalUnit.objects.count() == count


def test_an_ou_of_another_organization_is_a_404_like_a_missing_one(root, client, post):
    other = AccountFactory(company_name="Other Root")
    owner = OwnerFactory(account=other)
    client.force_login(owner)
    post(f"/a/{other.pk}/organization/create/", {"name": "Other Group"})
    add_ou(post, other, "Theirs")
    theirs = unit("Theirs")
    client.force_login(root.users.get(kind="owner"))
    assert client.get(org_url(root, f"units/{theirs.pk}/edit/")).status_code == 404
    assert post(org_url(root, f"units/{theirs.pk}/delete/")).status_code == 404
    assert client.get(org_url(root, "units/999999/edit/")).status_code == 404
    assert OrganizationalUnit.objects.filter(pk=theirs.pk).exists()


def test_a_member_account_manages_no_ou_and_cannot_create_an_organization(root, client, post):
    member = AccountFactory(company_name="Member Co", kind=Account.Kind.MEMBER)
    OrganizationMember.objects.create(account=member, organization=root.organization)
    owner = OwnerFactory(account=member)
    client.force_login(owner)
    page = client.get(org_url(member))
    assert "<dt>Member of</dt><dd>Alpha Group</dd>" in page.text
    assert "Create Organization</a>" not in page.text and "Add OU" not in page.text
    assert client.get(org_url(member, "units/new/")).status_code == 404
    post(org_url(member, "create/"), {"name": "Breakaway"})
    assert Organization.objects.count() == 1


def test_iam_users_with_organization_read_write_manage_ous_read_only_see_them(root, client, post):
    writer = IamUserFactory(
        account=root, permission_profile=ProfileFactory(account=root, organization=Level.READ_WRITE)
    )
    reader = IamUserFactory(
        account=root, permission_profile=ProfileFactory(account=root, organization=Level.READ_ONLY)
    )
    client.force_login(writer)
    assert add_ou(post, root, "By writer").status_code == 303
    client.force_login(reader)
    assert "By writer" in client.get(org_url(root)).text
    assert client.get(org_url(root, "units/new/")).status_code == 404
    assert add_ou(post, root, "By reader").status_code == 404


def test_iam_shows_its_mode(world, client, post):
    client.force_login(world.owner_a)
    users = f"/a/{world.account_a.pk}/iam/users/"
    assert "IAM mode: <strong>Basic</strong>" in client.get(users).text
    post(org_url(world.account_a, "create/"), {"name": "Alpha Group"})
    assert "IAM mode: <strong>Advanced</strong> (Root Account)" in client.get(users).text
