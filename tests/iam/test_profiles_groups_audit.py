"""Permission Profiles, User Groups and the Audit Log pages."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from iam.access import access_for_account
from iam.models import AuditEvent, PermissionProfile, User, UserGroup
from iam.permissions import Level, Portal
from iam.services.groups import group_create
from tests.exports import csv_rows, export_of
from tests.factories import (
    FolderFactory,
    GroupFactory,
    IamUserFactory,
    ProfileFactory,
    builtin_profile,
)

pytestmark = pytest.mark.django_db


def url(account, path):
    return f"/a/{account.pk}/iam/{path}"


def profile_data(**overrides):
    data = {"name": "Ticket desk", "description": "", "type": "local"}
    data |= {portal.value: 0 for portal in Portal}
    data |= {
        "entitlement_management": 0,
        "asset_maintenance": 0,
        "renewal_notice": 0,
        "vulnerability_list": 0,
        "account_services": 0,
    }
    return data | overrides


@pytest.fixture
def as_owner(world, client):
    client.force_login(world.owner_a)


# Permission Profiles


def test_profiles_list_the_builtins_and_the_accounts_own_only(world, as_owner, client):
    ProfileFactory(account=world.account_a, name="Alpha readers")
    ProfileFactory(account=world.account_b, name="Bravo readers")
    html = client.get(url(world.account_a, "profiles/")).content.decode()
    for name in ["SysAdmin", "Full Access", "No Access", "Alpha readers"]:
        assert name in html
    assert "Bravo readers" not in html


def test_create_a_profile_with_portal_and_resource_levels(world, as_owner, post):
    data = profile_data(forticare=Level.READ_WRITE, asset_management=Level.READ_ONLY)
    data["renewal_notice"] = 1
    assert post(url(world.account_a, "profiles/new/"), data).status_code == 303
    profile = PermissionProfile.objects.get(account=world.account_a, name="Ticket desk")
    assert profile.portal_levels()[Portal.FORTICARE] == Level.READ_WRITE
    assert profile.renewal_notice == 1
    assert AuditEvent.objects.filter(action="profile.create", target_label="Ticket desk").exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"name": "sysadmin"}, "This name belongs to a built-in profile."),
        ({"name": "TAKEN"}, "A permission profile with this name already exists."),
        ({"type": "organization"}, "Select a valid choice."),
        ({"iam": 7}, "Select a valid choice."),
    ],
)
def test_bad_profiles_are_refused_clearly(world, as_owner, post, overrides, message):
    ProfileFactory(account=world.account_a, name="Taken")
    response = post(url(world.account_a, "profiles/new/"), profile_data(**overrides))
    assert message in response.content.decode()
    assert not PermissionProfile.objects.filter(name="Ticket desk").exists()


def test_the_type_cannot_change_after_saving(world, as_owner, post):
    world.account_a.kind = "root"
    world.account_a.save()
    profile = ProfileFactory(account=world.account_a, name="Scoped", type="local")
    data = profile_data(name="Scoped", type="organization", iam=Level.ADMIN)
    assert post(url(world.account_a, f"profiles/{profile.pk}/"), data).status_code == 303
    profile.refresh_from_db()
    assert profile.type == "local" and profile.iam == Level.ADMIN


def test_builtin_profiles_are_read_only(world, as_owner, client, post):
    sysadmin = builtin_profile(PermissionProfile.Builtin.SYSADMIN)
    page = client.get(url(world.account_a, f"profiles/{sysadmin.pk}/"))
    assert page.status_code == 200 and "Built-in, read-only" in page.content.decode()
    post(url(world.account_a, f"profiles/{sysadmin.pk}/"), profile_data(name="SysAdmin", iam=0))
    post(url(world.account_a, f"profiles/{sysadmin.pk}/delete/"))
    sysadmin.refresh_from_db()
    assert sysadmin.iam == Level.ADMIN


def test_a_profile_in_use_is_not_deleted_and_says_by_whom(world, as_owner, post):
    profile = ProfileFactory(account=world.account_a, name="Used")
    IamUserFactory(account=world.account_a, username="carol", permission_profile=profile)
    GroupFactory(account=world.account_a, name="Night shift", permission_profile=profile)
    response = post(url(world.account_a, f"profiles/{profile.pk}/delete/"), follow=True)
    html = response.content.decode()
    assert "in use and cannot be deleted" in html
    assert "IAM user carol" in html and "User group Night shift" in html
    assert PermissionProfile.objects.filter(pk=profile.pk).exists()


def test_an_unused_profile_is_deleted_after_confirmation(world, as_owner, client, post):
    profile = ProfileFactory(account=world.account_a, name="Unused")
    confirm = client.get(url(world.account_a, f"profiles/{profile.pk}/delete/"))
    assert "Yes, I Want to Continue." in confirm.content.decode()
    post(url(world.account_a, f"profiles/{profile.pk}/delete/"))
    assert not PermissionProfile.objects.filter(pk=profile.pk).exists()
    assert AuditEvent.objects.filter(action="profile.delete").exists()


@pytest.mark.parametrize("path", ["profiles/{pk}/", "profiles/{pk}/delete/"])
def test_another_accounts_profile_is_a_404(world, client, post, path):
    profile = ProfileFactory(account=world.account_a)
    client.force_login(world.owner_b)
    target = url(world.account_b, path.format(pk=profile.pk))
    assert client.get(target).status_code == 404
    assert post(target, profile_data(name="Hijacked")).status_code == 404
    assert PermissionProfile.objects.get(pk=profile.pk).name != "Hijacked"


# User Groups


def test_a_group_replaces_its_members_permissions(world, as_owner, post):
    readers = ProfileFactory(account=world.account_a, name="Readers", forticare=Level.READ_ONLY)
    folder = FolderFactory(account=world.account_a)
    data = {
        "name": "Support",
        "description": "",
        "permission_profile": readers.pk,
        "scope_folder": folder.pk,
        "members": [world.iam_a.pk],
    }
    assert post(url(world.account_a, "groups/new/"), data).status_code == 303
    world.iam_a.refresh_from_db()
    assert world.iam_a.user_group.name == "Support"
    access = access_for_account(world.iam_a, world.account_a.pk)
    assert access.grants == {Portal.FORTICARE: Level.READ_ONLY}
    assert access.scope_folder == folder

    group = UserGroup.objects.get(name="Support")
    post(url(world.account_a, f"groups/{group.pk}/delete/"))
    world.iam_a.refresh_from_db()
    assert world.iam_a.user_group is None
    assert access_for_account(world.iam_a, world.account_a.pk).grants == {}


def test_group_members_are_iam_users_of_this_account_only(world, as_owner, client, post):
    other = IamUserFactory(account=world.account_b, username="bravo-user")
    page = client.get(url(world.account_a, "groups/new/")).content.decode()
    assert "bravo-user" not in page and "Reseller access" not in page
    data = {
        "name": "Mixed",
        "permission_profile": builtin_profile(PermissionProfile.Builtin.NO_ACCESS).pk,
        "members": [other.pk, world.owner_a.pk],
    }
    response = post(url(world.account_a, "groups/new/"), data)
    assert "Select a valid choice" in response.content.decode()
    assert not UserGroup.objects.filter(name="Mixed").exists()


def test_the_service_refuses_partner_roles_and_non_iam_users(world):
    access = access_for_account(world.owner_a, world.account_a.pk)
    profile = builtin_profile(PermissionProfile.Builtin.NO_ACCESS)
    for intruder in (world.role_a, world.owner_a):
        with pytest.raises(ValidationError, match="Partner roles never can"):
            group_create(access=access, name="Bad", permission_profile=profile, members=[intruder])
    assert not UserGroup.objects.exists()


def test_another_accounts_group_is_a_404(world, client, post):
    group = GroupFactory(account=world.account_a)
    client.force_login(world.owner_b)
    assert client.get(url(world.account_b, f"groups/{group.pk}/edit/")).status_code == 404
    assert post(url(world.account_b, f"groups/{group.pk}/delete/")).status_code == 404
    assert UserGroup.objects.filter(pk=group.pk).exists()


# Audit Log


def test_the_audit_log_records_and_filters_changes(world, as_owner, client, post):
    post(url(world.account_a, f"users/{world.iam_a.pk}/disable/"))
    post(url(world.account_a, "profiles/new/"), profile_data())
    AuditEvent.objects.create(
        account=world.account_b, actor_label="b", acting_as="x", action="iam_user.delete"
    )
    page = client.get(url(world.account_a, "audit-log/"))
    events = list(page.context["page"])
    assert [e.action for e in events] == ["profile.create", "iam_user.disable"]
    assert all(e.account == world.account_a for e in events)
    filtered = client.get(url(world.account_a, "audit-log/?action=iam_user.disable"))
    assert [e.action for e in filtered.context["page"]] == ["iam_user.disable"]
    tomorrow = (timezone.now() + timedelta(days=1)).date().isoformat()
    assert (
        list(client.get(url(world.account_a, f"audit-log/?since={tomorrow}")).context["page"]) == []
    )
    assert list(client.get(url(world.account_a, "audit-log/?actor=nobody")).context["page"]) == []


def test_the_audit_export_is_safe_in_a_spreadsheet(world, as_owner, client):
    AuditEvent.objects.create(
        account=world.account_a,
        actor_label='=HYPERLINK("http://evil.test")',
        acting_as="Account owner",
        action="iam_user.update",
        target_label="@SUM(A1)",
    )
    response = export_of(client, url(world.account_a, "audit-log/"))
    assert response["Content-Type"].startswith("text/csv")
    rows = csv_rows(response)
    assert rows[0][:4] == ["Time", "Actor", "Acting as", "Action"]
    assert len(rows) == 2
    assert rows[1][1].startswith("'=") and rows[1][5].startswith("'@")


def test_the_audit_log_needs_iam_access(world, client):
    client.force_login(world.iam_a)  # no IAM access
    assert client.get(url(world.account_a, "audit-log/")).status_code == 404
    reader = IamUserFactory(
        account=world.account_a,
        permission_profile=ProfileFactory(account=world.account_a, iam=Level.READ_ONLY),
    )
    client.force_login(reader)
    assert client.get(url(world.account_a, "audit-log/")).status_code == 200


def test_audit_events_cannot_be_changed_in_django_admin(world, client):
    from tests.factories import StaffFactory

    event = AuditEvent.objects.create(account=world.account_a, actor_label="a", action="x")
    client.force_login(StaffFactory())
    assert client.get("/admin/iam/auditevent/").status_code == 200
    assert client.get(f"/admin/iam/auditevent/{event.pk}/delete/").status_code == 403
    assert User.objects.filter(kind="staff").exists()


@pytest.mark.parametrize("path", ["profiles/", "groups/", "audit-log/"])
def test_iam_list_query_counts_do_not_grow(
    world, as_owner, client, path, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def add_rows(n):
        profile = ProfileFactory(account=world.account_a, name=f"P{n}")
        folder = FolderFactory(account=world.account_a)
        GroupFactory(account=world.account_a, permission_profile=profile, scope_folder=folder)
        AuditEvent.objects.create(
            account=world.account_a, actor_label="a", action="x", changes={"after": {"n": n}}
        )

    add_rows(0)  # one of each: an empty list skips its rows query
    target = url(world.account_a, path)
    with CaptureQueriesContext(connection) as few:
        assert client.get(target).status_code == 200
    for n in range(1, 20):
        add_rows(n)
    with django_assert_max_num_queries(len(few)):
        assert client.get(target).status_code == 200
