"""The Users page and IAM user management, per account, with forged ids from another."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from iam.models import AuditEvent, PermissionProfile, User
from iam.permissions import Level
from tests.factories import (
    PASSWORD,
    FolderFactory,
    IamUserFactory,
    ProfileFactory,
    builtin_profile,
)

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "another-long-password-7"


def url(account, path=""):
    return f"/a/{account.pk}/iam/{path}"


def titles(response):
    return [row["title"] for row in response.context["page"]]


@pytest.fixture
def admin_a(world, client):
    client.force_login(world.owner_a)
    return world.owner_a


def new_user_data(**overrides):
    data = {
        "username": "alice",
        "description": "Help desk",
        "password": NEW_PASSWORD,
        "password_confirm": NEW_PASSWORD,
        "permission_profile": builtin_profile(PermissionProfile.Builtin.SYSADMIN).pk,
    }
    return data | overrides


# The list


def test_the_users_page_lists_every_principal_of_the_account(world, admin_a, client):
    IamUserFactory(account=world.account_b, username="not-mine")
    response = client.get(url(world.account_a, "users/"))
    html = response.content.decode()
    for column in ["USERNAME/ROLE/ID", "DESCRIPTION", "TYPE", "PERMISSION PROFILE"]:
        assert column in html
    assert "PERMISSION SCOPE" in html and "STATUS" in html and "ACTION" in html
    assert sorted(titles(response)) == sorted([world.iam_a.username, "Reseller access"])
    types = {row["title"]: row["type_label"] for row in response.context["page"]}
    assert types["Reseller access"] == "Partner Role"
    assert types[world.iam_a.username] == "IAM User"


def test_search_filter_and_sort(world, admin_a, client):
    IamUserFactory(account=world.account_a, username="zed", description="night shift")
    IamUserFactory(account=world.account_a, username="bob", is_active=False)
    base = url(world.account_a, "users/")
    assert titles(client.get(base + "?q=night")) == ["zed"]
    assert titles(client.get(base + "?status=disabled")) == ["bob"]
    assert titles(client.get(base + "?type=partner_role")) == ["Reseller access"]
    names = titles(client.get(base + "?type=iam&sort=-name"))
    assert names == sorted(names, reverse=True) and len(names) == 3


def test_pagination_and_htmx_partial(world, admin_a, client):
    for n in range(30):
        IamUserFactory(account=world.account_a, username=f"user{n:02d}")
    base = url(world.account_a, "users/")
    assert len(titles(client.get(base))) == 25
    assert len(titles(client.get(base + "?page=2"))) == 7
    partial = client.get(
        base + "?q=user0", headers={"HX-Request": "true", "HX-Target": "user-table"}
    )
    html = partial.content.decode()
    assert html.lstrip().startswith('<div id="user-table">') and "<html" not in html


def page_queries(client, path):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_the_users_page_query_count_does_not_grow(
    world, admin_a, client, django_assert_max_num_queries
):
    path = url(world.account_a, "users/")
    few = page_queries(client, path)
    for _ in range(40):
        IamUserFactory(account=world.account_a, user_group=None)
    with django_assert_max_num_queries(few):
        assert client.get(path).status_code == 200


# Who may see and change


def test_read_only_iam_sees_but_cannot_change(world, client, post):
    viewer = IamUserFactory(
        account=world.account_a,
        permission_profile=ProfileFactory(account=world.account_a, iam=Level.READ_ONLY),
    )
    client.force_login(viewer)
    page = client.get(url(world.account_a, "users/"))
    assert page.status_code == 200
    assert "Add New" not in page.content.decode()
    assert client.get(url(world.account_a, "users/new/iam-user/")).status_code == 404
    assert post(url(world.account_a, "users/new/iam-user/"), new_user_data()).status_code == 404
    disable = post(url(world.account_a, f"users/{world.iam_a.pk}/disable/"))
    assert disable.status_code == 404
    assert User.objects.get(pk=world.iam_a.pk).is_active


def test_users_without_iam_access_and_sub_users_never_reach_iam(world, client):
    client.force_login(world.iam_a)  # no profile
    assert client.get(url(world.account_a, "users/")).status_code == 404
    sub = User.objects.create_user(
        kind=User.Kind.SUB, email="sub@example.test", account=world.account_a, password=PASSWORD
    )
    sub.legacy_access = "full"
    sub.save()
    client.force_login(sub)
    assert client.get(url(world.account_a, "users/")).status_code == 404


def test_a_partner_with_iam_in_its_role_manages_the_customers_users(world, client, post):
    client.force_login(world.partner_user)
    assert client.get(url(world.account_a, "users/")).status_code == 200
    response = post(url(world.account_a, "users/new/iam-user/"), new_user_data())
    assert response.status_code == 303
    event = AuditEvent.objects.get(action="iam_user.create")
    assert 'Partner role "Reseller access"' in event.acting_as
    assert event.account == world.account_a


@pytest.mark.parametrize("action", ["edit/", "disable/", "delete/"])
def test_another_accounts_user_is_a_404_and_stays_unchanged(world, client, post, action):
    client.force_login(world.owner_b)
    target = url(world.account_b, f"users/{world.iam_a.pk}/{action}")
    assert client.get(target).status_code == 404
    assert post(target, new_user_data()).status_code == 404
    assert post(url(world.account_b, f"users/{world.iam_a.pk}/enable/")).status_code == 404
    world.iam_a.refresh_from_db()
    assert world.iam_a.is_active and world.iam_a.username != "alice"
    assert not AuditEvent.objects.exists()


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
