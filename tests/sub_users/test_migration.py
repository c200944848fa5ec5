"""IAM > Sub User Migration: each sub user becomes an IAM user who sees exactly the same units,
proven by the access decision before anything lands."""

import re

import pytest
from django.test import Client

from assets.models import Asset
from iam.access import access_for_account
from iam.models import AuditEvent, PermissionProfile, User
from iam.permissions import Level, ResourceLevel
from tests.factories import PASSWORD, IamUserFactory, ProfileFactory
from tests.mail import deliver

from .conftest import sub_user

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "a long new passphrase 42"


def url(world):
    return f"/a/{world.account_a.pk}/iam/sub-user-migration/"


def seen(user, account) -> set[int]:
    return set(
        Asset.objects.visible_to(access_for_account(user, account.pk)).values_list("pk", flat=True)
    )


def test_preview_shows_what_each_becomes_and_changes_nothing(world, admin_a, client, limited, full):
    before = seen(limited, world.account_a)
    page = client.get(url(world))
    assert page.status_code == 200
    migrations = {m.user.email: m for m in page.context["migrations"]}
    plan = migrations["limited@alpha.test"]
    assert plan.proven and plan.now == plan.after == before
    assert plan.username == "limited" and plan.profile == "Sub User Limited Access"
    assert migrations["full@alpha.test"].profile == "Sub User Full Access"
    assert "Same 3 units" in page.content.decode()
    limited.refresh_from_db()
    assert limited.kind == User.Kind.SUB
    assert not PermissionProfile.objects.filter(name__startswith="Sub User").exists()
    assert not AuditEvent.objects.filter(action="sub_user.migrate").exists()


def test_migrating_a_limited_sub_user_keeps_exactly_its_units(
    world, admin_a, client, post, units, limited
):
    before = seen(limited, world.account_a)
    response = post(url(world), {"users": [limited.pk]})
    assert response.status_code == 303
    limited.refresh_from_db()
    assert limited.kind == User.Kind.IAM and limited.username == "limited"
    assert limited.permission_profile.name == "Sub User Limited Access"
    folder = limited.scope_folder
    assert folder.name == "limited@alpha.test units"
    # Its units sit under their deepest common folder (here My Assets: Branch and Data Center).
    assert folder.parent is None
    assert seen(limited, world.account_a) == before
    assert set(Asset.objects.filter(folder=folder).values_list("pk", flat=True)) == before
    event = AuditEvent.objects.get(action="sub_user.migrate")
    assert event.changes["after"]["username"] == "limited"
    # The link is shown once, then the old email login no longer works.
    page = client.get(url(world)).content.decode()
    link = re.search(r"<code>(http[^<]+)</code>", page).group(1)
    assert "<code>" not in client.get(url(world)).content.decode()
    person = Client()
    refused = person.post("/login/", {"email": "limited@alpha.test", "password": PASSWORD})
    assert refused.status_code == 200 and "_auth_user_id" not in person.session
    set_form = person.get(link, follow=True)
    assert set_form.status_code == 200
    done = person.post(
        set_form.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert done.status_code == 302
    login = person.post(
        "/login/iam/",
        {"account": world.account_a.pk, "username": "limited", "password": NEW_PASSWORD},
    )
    assert login.status_code == 303
    listed = person.get(f"/a/{world.account_a.pk}/assets/")
    assert {a.serial_number for a in listed.context["page"].object_list} == {
        units["east"].serial_number,
        units["core"].serial_number,
    }


def test_units_in_one_folder_get_their_folder_under_it(world, admin_a, post, units):
    branch_only = sub_user(
        world.account_a, "b@alpha.test", "limited", [units["east"], units["west"]]
    )
    assert post(url(world), {"users": [branch_only.pk]}).status_code == 303
    branch_only.refresh_from_db()
    assert branch_only.scope_folder.parent == units["branch"]


def test_full_and_read_only_sub_users_become_iam_users_over_my_assets(
    world, admin_a, post, units, full, full_read_only
):
    before = {user.pk: seen(user, world.account_a) for user in (full, full_read_only)}
    assert post(url(world), {"all": "on"}).status_code == 303
    for user, profile in (
        (full, "Sub User Full Access"),
        (full_read_only, "Sub User Full Access (Read-only)"),
    ):
        user.refresh_from_db()
        assert user.kind == User.Kind.IAM and user.scope_folder is None
        assert user.permission_profile.name == profile
        assert seen(user, world.account_a) == before[user.pk]
        access = access_for_account(user, world.account_a.pk)
        assert access.can("iam") is False
    reader = access_for_account(full_read_only, world.account_a.pk)
    assert reader.grants == {"asset_management": Level.READ_ONLY, "forticare": Level.READ_WRITE}


def test_a_move_that_would_take_units_from_another_scope_is_refused(
    world, admin_a, post, units, limited
):
    profile = ProfileFactory(account=world.account_a, asset_management=Level.READ_ONLY)
    IamUserFactory(
        account=world.account_a, permission_profile=profile, scope_folder=units["branch"]
    )
    response = post(url(world), {"users": [limited.pk]}, follow=True)
    text = response.content.decode()
    assert "limited@alpha.test was not migrated" in text
    assert "would leave the folder Branch Offices" in text
    limited.refresh_from_db()
    assert limited.kind == User.Kind.SUB
    units["east"].refresh_from_db()
    assert units["east"].folder == units["branch"]
    assert not AuditEvent.objects.filter(action="sub_user.migrate").exists()
    assert not AuditEvent.objects.filter(action="profile.create").exists()  # rolled back too


def test_a_profile_of_the_same_name_edited_since_is_left_alone(world, admin_a, post, limited):
    """An IAM admin (or a partner) made "Sub User Limited Access" grant a resource too: the
    migration would hand it out; it makes its own profile instead."""
    edited = PermissionProfile.objects.create(
        account=world.account_a,
        name="Sub User Limited Access",
        asset_management=Level.READ_ONLY,
        renewal_notice=ResourceLevel.READ_ONLY,
    )
    assert post(url(world), {"users": [limited.pk]}).status_code == 303
    limited.refresh_from_db()
    assert limited.kind == User.Kind.IAM
    assert limited.permission_profile != edited
    assert limited.permission_profile.name == "Sub User Limited Access 2"
    access = access_for_account(limited, world.account_a.pk)
    assert not access.can("asset_management", Level.READ_ONLY, "renewal_notice")
    made = AuditEvent.objects.get(action="profile.create")  # in the Audit Log, as any profile
    assert made.target_id == str(limited.permission_profile_id)
    assert made.changes["after"]["name"] == "Sub User Limited Access 2"


def test_sub_users_with_the_same_units_share_one_folder(world, admin_a, client, post, units):
    same = [units["east"], units["west"]]
    first = sub_user(world.account_a, "first@alpha.test", "limited", same)
    second = sub_user(world.account_a, "second@alpha.test", "limited", same)
    proofs = {m.user.email: m for m in client.get(url(world)).context["migrations"]}
    assert proofs["first@alpha.test"].proven and proofs["second@alpha.test"].proven
    assert proofs["second@alpha.test"].folder == "first@alpha.test units"
    assert post(url(world), {"all": "on"}).status_code == 303
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.kind == second.kind == User.Kind.IAM
    assert first.scope_folder == second.scope_folder
    assert seen(second, world.account_a) == {units["east"].pk, units["west"].pk}
    moved = AuditEvent.objects.get(action="sub_user.migrate", target_id=str(first.pk))
    folder = units["branch"].pk
    assert moved.changes["before"]["unit folders"] == f"{units['east'].pk}: {folder}, " + (
        f"{units['west'].pk}: {folder}"
    )


def test_migrate_all_with_nobody_left_says_so(world, admin_a, post, full):
    assert post(url(world), {"all": "on"}).status_code == 303
    again = post(url(world), {"all": "on"}, follow=True)
    assert again.status_code == 200
    assert "Choose the sub users to migrate" in again.content.decode()


def test_links_of_two_migrations_not_yet_seen_are_all_shown(world, admin_a, client, post, full):
    other = sub_user(world.account_a, "other@alpha.test", "full")
    post(url(world), {"users": [full.pk]})
    post(url(world), {"users": [other.pk]})
    page = client.get(url(world)).content.decode()
    assert page.count("/accounts/activate/") == 2


def test_only_the_master_user_migrates(world, client, post, limited):
    sysadmin = ProfileFactory(
        account=world.account_a, iam=Level.ADMIN, asset_management=Level.ADMIN
    )
    client.force_login(IamUserFactory(account=world.account_a, permission_profile=sysadmin))
    assert client.get(url(world)).status_code == 404
    assert post(url(world), {"all": "on"}).status_code == 404
    limited.refresh_from_db()
    assert limited.kind == User.Kind.SUB


@pytest.mark.parametrize("data", [{}, {"users": ["abc"]}, {"users": ["999999999"]}])
def test_bad_choices_migrate_nobody(world, admin_a, post, limited, data):
    response = post(url(world), data, follow=True)
    assert response.status_code == 200
    limited.refresh_from_db()
    assert limited.kind == User.Kind.SUB


def test_a_sub_user_of_another_account_cannot_be_named(world, admin_a, post):
    elsewhere = sub_user(world.account_b, "b-sub@bravo.test", "full")
    post(url(world), {"users": [elsewhere.pk]})
    elsewhere.refresh_from_db()
    assert elsewhere.kind == User.Kind.SUB


def test_the_person_gets_the_password_link_by_mail(world, admin_a, client, post, smtp, limited):
    assert post(url(world), {"users": [limited.pk]}).status_code == 303
    deliver()
    [mail] = smtp.to("limited@alpha.test")
    text = mail.get_content()
    assert mail["Subject"] == "Your FortiCloud IAM user is ready: set its password"
    assert f"Account ID {world.account_a.pk}, username limited" in text
    link = re.search(r"https?://\S+/accounts/activate/\S+/", text).group(0)
    assert link in client.get(url(world)).content.decode()  # the same link, shown once


def test_my_account_leads_the_master_user_to_manage_user(world, admin_a, client):
    page = client.get("/account/").content.decode()
    assert f'href="/a/{world.account_a.pk}/iam/sub-users/"' in page
    client.force_login(world.partner_user)
    assert "/iam/sub-users/" not in client.get("/account/").content.decode()
