"""IAM user management per account: add, edit, disable, delete, with forged ids from another."""

import pytest

from iam.models import AuditEvent, PermissionProfile, User
from iam.permissions import Level
from tests.factories import PASSWORD, FolderFactory, IamUserFactory, ProfileFactory, builtin_profile

from .users_page_helpers import NEW_PASSWORD, new_user_data, url

pytestmark = pytest.mark.django_db


# Add New > IAM User


def test_add_an_iam_user_who_can_then_log_in(world, admin_a, client, post):
    folder = FolderFactory(account=world.account_a, name="Lab")
    response = post(
        url(world.account_a, "users/new/iam-user/"), new_user_data(scope_folder=folder.pk)
    )
    assert response.status_code == 303
    alice = User.objects.get(username="alice")
    assert alice.account == world.account_a and alice.kind == User.Kind.IAM
    assert alice.scope_folder == folder
    event = AuditEvent.objects.get(action="iam_user.create")
    assert event.actor == world.owner_a and event.changes["after"]["username"] == "alice"
    assert event.ip_address == "127.0.0.1"

    post("/logout/")
    login = {"account": str(world.account_a.pk), "username": "alice", "password": NEW_PASSWORD}
    assert post("/login/iam/", login).status_code == 303


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"username": "ALICE-DUP"}, "This username is already used in the account."),
        ({"username": "bad name!"}, "Use letters, digits"),
        ({"password": "short", "password_confirm": "short"}, "too short"),
        ({"password_confirm": "different-password-9"}, "The two passwords do not match."),
        ({"permission_profile": ""}, "Choose a permission profile, or a user group instead."),
    ],
)
def test_bad_input_gets_a_clear_message_and_creates_nothing(
    world, admin_a, post, overrides, message
):
    IamUserFactory(account=world.account_a, username="alice-dup")
    before = User.objects.count()
    response = post(url(world.account_a, "users/new/iam-user/"), new_user_data(**overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert User.objects.count() == before
    assert not AuditEvent.objects.exists()


def test_the_same_username_is_fine_in_another_account(world, admin_a, post):
    IamUserFactory(account=world.account_b, username="alice")
    response = post(url(world.account_a, "users/new/iam-user/"), new_user_data())
    assert response.status_code == 303


@pytest.mark.parametrize("field", ["permission_profile", "scope_folder"])
def test_another_accounts_profile_or_folder_cannot_be_chosen(world, admin_a, post, field):
    foreign = {
        "permission_profile": ProfileFactory(account=world.account_b),
        "scope_folder": FolderFactory(account=world.account_b),
    }[field]
    response = post(
        url(world.account_a, "users/new/iam-user/"), new_user_data(**{field: foreign.pk})
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not User.objects.filter(username="alice").exists()


def test_the_form_only_offers_this_accounts_choices(world, admin_a, client):
    ProfileFactory(account=world.account_b, name="Bravo secret profile")
    FolderFactory(account=world.account_b, name="Bravo vault")
    html = client.get(url(world.account_a, "users/new/iam-user/")).content.decode()
    assert "Bravo secret profile" not in html and "Bravo vault" not in html
    assert "SysAdmin" in html


def test_create_without_csrf_token_is_refused(world, admin_a, client):
    response = client.post(url(world.account_a, "users/new/iam-user/"), new_user_data())
    assert response.status_code == 403
    assert not User.objects.filter(username="alice").exists()


# Edit, Disable, Enable, Delete


def test_edit_changes_profile_and_password(world, admin_a, post):
    profile = ProfileFactory(account=world.account_a, name="Readers", iam=Level.READ_ONLY)
    data = new_user_data(
        username=world.iam_a.username,
        permission_profile=profile.pk,
        password="",
        password_confirm="",
    )
    response = post(url(world.account_a, f"users/{world.iam_a.pk}/edit/"), data)
    assert response.status_code == 303
    world.iam_a.refresh_from_db()
    assert world.iam_a.permission_profile == profile
    assert world.iam_a.check_password(PASSWORD)  # unchanged when left empty
    event = AuditEvent.objects.get(action="iam_user.update")
    assert event.changes["after"]["permission_profile"] == "Readers"

    data |= {"password": NEW_PASSWORD, "password_confirm": NEW_PASSWORD}
    post(url(world.account_a, f"users/{world.iam_a.pk}/edit/"), data)
    world.iam_a.refresh_from_db()
    assert world.iam_a.check_password(NEW_PASSWORD)
    assert NEW_PASSWORD not in str(AuditEvent.objects.values_list("changes", flat=True))


def test_disable_asks_first_and_ends_the_users_session(world, client, post):
    from django.test import Client

    victim = Client()
    victim.force_login(world.iam_a)
    world.iam_a.permission_profile = builtin_profile(PermissionProfile.Builtin.SYSADMIN)
    world.iam_a.save()
    assert victim.get(url(world.account_a, "users/")).status_code == 200

    client.force_login(world.owner_a)
    confirm = client.get(url(world.account_a, f"users/{world.iam_a.pk}/disable/"))
    html = confirm.content.decode()
    assert "Confirm To Disable User" in html and "Yes, I Want to Continue." in html
    assert post(url(world.account_a, f"users/{world.iam_a.pk}/disable/")).status_code == 303

    assert not User.objects.get(pk=world.iam_a.pk).is_active
    assert victim.get(url(world.account_a, "users/")).status_code == 302  # to the login page
    assert AuditEvent.objects.filter(action="iam_user.disable").exists()

    post(url(world.account_a, f"users/{world.iam_a.pk}/enable/"))
    assert User.objects.get(pk=world.iam_a.pk).is_active


def test_delete_asks_first_and_cannot_be_undone(world, admin_a, client, post):
    confirm = client.get(url(world.account_a, f"users/{world.iam_a.pk}/delete/"))
    assert "Confirm to Delete User" in confirm.content.decode()
    assert "cannot be reverted" in confirm.content.decode()
    assert post(url(world.account_a, f"users/{world.iam_a.pk}/delete/")).status_code == 303
    assert not User.objects.filter(pk=world.iam_a.pk).exists()
    event = AuditEvent.objects.get(action="iam_user.delete")
    assert event.changes["before"]["username"] == world.iam_a.username


def test_nobody_disables_or_deletes_themselves(world, client, post):
    admin = IamUserFactory(
        account=world.account_a,
        permission_profile=builtin_profile(PermissionProfile.Builtin.SYSADMIN),
    )
    client.force_login(admin)
    # The grant one acts through is not offered, and a forged POST finds nothing (404).
    page = client.get(url(world.account_a, "users/")).content.decode()
    assert f"Disable {admin.username}" not in page and f"Delete {admin.username}" not in page
    assert post(url(world.account_a, f"users/{admin.pk}/disable/")).status_code == 404
    assert post(url(world.account_a, f"users/{admin.pk}/delete/")).status_code == 404
    assert User.objects.get(pk=admin.pk).is_active
