"""Delegation through a Partner role cannot be widened, and ends with the role.

A partner does not edit the role it acts through, nor grant more than it holds; what it created
ends with the role; a disabled role shows the partner only that it is disabled.
"""

import pytest

from iam.access import access_for_account
from iam.models import AuditEvent, PartnerRole, User
from iam.permissions import Level, Portal
from partners.services import partner_status_set
from tests.factories import (
    FolderFactory,
    IamUserFactory,
    ProfileFactory,
    StaffFactory,
    builtin_profile,
)

from .delegation_helpers import (
    FULL_ACCESS,
    NEW_PASSWORD,
    SYSADMIN,
    browser,
    iam,
    iam_login,
    send,
    user_data,
)

pytestmark = pytest.mark.django_db


# 1. A partner widens its own role and leaves a backdoor.


def test_a_partner_cannot_edit_the_role_it_acts_through(world, folders):
    role = world.role_a
    PartnerRole.objects.filter(pk=role.pk).update(scope_folder=folders["branch"])
    partner = browser(world.partner_user)
    edit = iam(world.account_a, f"partner-roles/{role.pk}/edit/")
    data = {
        "name": role.name,
        "scope_type": "local",
        "scope_folder": "",
        "permission_profile": (builtin_profile(FULL_ACCESS).pk),
    }
    assert partner.get(edit).status_code == 404
    assert send(partner, edit, data).status_code == 404
    for action in ("disable", "delete", "regenerate-token", "enable"):
        assert (
            send(partner, iam(world.account_a, f"partner-roles/{role.pk}/{action}/")).status_code
            == 404
        )
    role.refresh_from_db()
    assert (role.scope_folder, role.permission_profile.builtin, role.status) == (
        folders["branch"],
        SYSADMIN,
        "active",
    )
    # The role's page stays readable, without the controls.
    page = partner.get(iam(world.account_a, f"partner-roles/{role.pk}/")).content.decode()
    assert "Regenerate" not in page and f"partner-roles/{role.pk}/edit/" not in page


def test_a_partner_cannot_create_a_user_with_more_than_its_role(world):
    partner = browser(world.partner_user)
    response = send(
        partner,
        iam(world.account_a, "users/new/iam-user/"),
        user_data(builtin_profile(FULL_ACCESS)),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "You cannot grant more than you hold" in html and "Organization Admin" in html
    assert not User.objects.filter(username="backdoor").exists()
    # Not even offered: the select lists only profiles within the role's grants.
    html = partner.get(iam(world.account_a, "users/new/iam-user/")).content.decode()
    assert ">SysAdmin</option>" in html and ">Full Access</option>" not in html


def test_disabling_the_role_disables_what_the_partner_created(world):
    partner = browser(world.partner_user)
    response = send(
        partner, iam(world.account_a, "users/new/iam-user/"), user_data(builtin_profile(SYSADMIN))
    )
    assert response.status_code == 303
    backdoor = User.objects.get(username="backdoor")
    assert backdoor.created_through_role == world.role_a
    door, login = iam_login(world.account_a, "backdoor")
    assert login.status_code == 303
    assert door.get(iam(world.account_a, "users/")).status_code == 200

    owner = browser(world.owner_a)
    role_page = owner.get(iam(world.account_a, f"partner-roles/{world.role_a.pk}/")).content
    assert b"IAM user backdoor" in role_page
    dialog = owner.get(iam(world.account_a, f"partner-roles/{world.role_a.pk}/disable/"))
    assert "will be disabled too" in dialog.content.decode() and b"backdoor" in dialog.content
    send(owner, iam(world.account_a, f"partner-roles/{world.role_a.pk}/disable/"))

    backdoor.refresh_from_db()
    assert not backdoor.is_active
    assert door.get(iam(world.account_a, "users/")).status_code == 302  # session over
    assert iam_login(world.account_a, "backdoor")[1].status_code == 200  # refused
    assert AuditEvent.objects.filter(
        account=world.account_a, action="iam_user.disable", target_id=str(backdoor.pk)
    ).exists()
    # Enabling the role again does not bring the backdoor back.
    send(owner, iam(world.account_a, f"partner-roles/{world.role_a.pk}/enable/"))
    assert PartnerRole.objects.get(pk=world.role_a.pk).status == "active"
    assert not User.objects.get(pk=backdoor.pk).is_active


@pytest.mark.parametrize("how", ["delete", "disconnect", "partner inactive", "partner terminated"])
def test_every_end_of_the_role_disables_what_the_partner_created(world, how):
    partner = browser(world.partner_user)
    send(partner, iam(world.account_a, "users/new/iam-user/"), user_data(builtin_profile(SYSADMIN)))
    door, _ = iam_login(world.account_a, "backdoor")
    if how == "delete":
        send(
            browser(world.owner_a), iam(world.account_a, f"partner-roles/{world.role_a.pk}/delete/")
        )
    elif how == "disconnect":
        url = f"/partner/account/connected-accounts/{world.role_a.pk}/disconnect/"
        assert send(partner, url).status_code == 303
    else:
        status = how.removeprefix("partner ")
        partner_status_set(partner=world.partner, status=status, actor=StaffFactory())
    assert not User.objects.get(username="backdoor").is_active
    assert door.get(iam(world.account_a, "users/")).status_code == 302


def test_what_a_role_created_never_reaches_portals_a_role_cannot_have(world):
    # Even if the profile it holds grows later, a role's creation stays within the role's portals.
    profile = ProfileFactory(account=world.account_a, iam=Level.ADMIN, ela=Level.ADMIN)
    created = IamUserFactory(
        account=world.account_a, permission_profile=profile, created_through_role=world.role_a
    )
    grants = access_for_account(created, world.account_a.pk).grants
    assert grants == {Portal.IAM: Level.ADMIN}


# 4. A partner no longer controls a role the customer disabled.


def test_a_disabled_role_shows_the_partner_only_that_it_is_disabled(world):
    world.owner_a.full_name = "Olga Owner"
    world.owner_a.save()
    PartnerRole.objects.filter(pk=world.role_a.pk).update(
        status="disabled", notification_email="ops@reseller.test"
    )
    partner = browser(world.partner_user)
    base = f"/partner/account/connected-accounts/{world.role_a.pk}/"
    page = partner.get(base)
    html = page.content.decode()
    assert page.status_code == 200 and "Disabled" in html
    for hidden in (world.owner_a.email, "History", "ops@reseller.test", "Disconnect", "Update"):
        assert hidden not in html
    listing = partner.get("/partner/account/connected-accounts/").content.decode()
    assert world.owner_a.email not in listing and "Olga Owner" not in listing
    assert (
        send(partner, f"{base}notification-email/", {"notification_email": "x@y.test"}).status_code
        == 404
    )
    assert partner.get(f"{base}disconnect/").status_code == 404
    assert send(partner, f"{base}disconnect/").status_code == 404
    role = PartnerRole.objects.get(pk=world.role_a.pk)
    assert (role.status, role.partner, role.notification_email) == (
        "disabled",
        world.partner,
        "ops@reseller.test",
    )


def test_a_partner_sets_no_credential_of_a_user_it_did_not_create(world):
    """Revocation disables what the role created; a password or secret the partner set on
    anyone else's principal would outlive the role. So through the role it may set them only
    on its own creations."""
    from iam.services.api_users import api_user_create

    owner = access_for_account(world.owner_a, world.account_a.pk)
    sysadmin = builtin_profile(SYSADMIN)
    customer_robot, _ = api_user_create(access=owner, username="ci", permission_profile=sysadmin)
    ops = world.iam_a
    partner = browser(world.partner_user)
    edit = iam(world.account_a, f"users/{ops.pk}/edit/")
    taken = send(partner, edit, user_data(sysadmin, username=ops.username))
    assert "only of the users created through it" in taken.content.decode()
    ops.refresh_from_db()
    assert not ops.check_password(NEW_PASSWORD)
    assert iam_login(world.account_a, ops.username)[1].status_code == 200  # refused
    robot_page = partner.get(iam(world.account_a, f"api-users/{customer_robot.pk}/")).text
    assert f"api-users/{customer_robot.pk}/regenerate-secret/" not in robot_page
    regenerate = iam(world.account_a, f"api-users/{customer_robot.pk}/regenerate-secret/")
    assert partner.get(regenerate).status_code == send(partner, regenerate).status_code == 404
    # Its own creation: the partner may set its password, and the role's end disables it.
    send(partner, iam(world.account_a, "users/new/iam-user/"), user_data(sysadmin))
    backdoor = User.objects.get(username="backdoor")
    again = user_data(sysadmin, password="another-pass-2026", password_confirm="another-pass-2026")
    changed = send(partner, iam(world.account_a, f"users/{backdoor.pk}/edit/"), again)
    assert changed.status_code == 303
    backdoor.refresh_from_db()
    assert backdoor.check_password("another-pass-2026")


def test_what_a_role_created_acts_within_the_role_as_it_is_now(world, folders):
    """Narrowing the role narrows what it created on the next request, and the role's End Date
    ends it the next day, before the daily run disables it."""
    import datetime

    from django.utils import timezone

    partner = browser(world.partner_user)
    send(partner, iam(world.account_a, "users/new/iam-user/"), user_data(builtin_profile(SYSADMIN)))
    door, login = iam_login(world.account_a, "backdoor")
    assert login.status_code == 303
    assert door.get(iam(world.account_a, "users/")).status_code == 200
    assets_only = ProfileFactory(account=world.account_a, asset_management=Level.READ_ONLY)
    PartnerRole.objects.filter(pk=world.role_a.pk).update(
        permission_profile=assets_only, scope_folder=folders["branch"]
    )
    assert door.get(iam(world.account_a, "users/")).status_code == 404  # no IAM any more
    backdoor = User.objects.get(username="backdoor")
    access = access_for_account(backdoor, world.account_a.pk)
    assert access.grants == {Portal.ASSET_MANAGEMENT: Level.READ_ONLY}
    assert access.scope_folder == folders["branch"]
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    PartnerRole.objects.filter(pk=world.role_a.pk).update(ends_on=yesterday)
    assert User.objects.get(pk=backdoor.pk).is_active  # the daily run has not come
    assert access_for_account(backdoor, world.account_a.pk) is None
    assert door.get(f"/a/{world.account_a.pk}/assets/").status_code == 404


def test_what_a_role_created_acts_for_the_role_too(world, folders):
    """A user the partner created through its role is the partner's hand: it sets no
    credential of the customer's own users, what it creates is the role's (and ends with it),
    it sets up no identity provider, and a folder above the role's is narrowed to the role's."""
    partner = browser(world.partner_user)
    send(partner, iam(world.account_a, "users/new/iam-user/"), user_data(builtin_profile(SYSADMIN)))
    door, _ = iam_login(world.account_a, "backdoor")
    ops = world.iam_a
    taken = send(
        door,
        iam(world.account_a, f"users/{ops.pk}/edit/"),
        user_data(builtin_profile(SYSADMIN), username=ops.username),
    )
    assert "only of the users created through it" in taken.content.decode()
    assert not User.objects.get(pk=ops.pk).check_password(NEW_PASSWORD)
    send(
        door,
        iam(world.account_a, "users/new/iam-user/"),
        user_data(builtin_profile(SYSADMIN), username="hop"),
    )
    assert User.objects.get(username="hop").created_through_role == world.role_a
    provider = {"issuer": "https://evil.example", "client_id": "x", "client_secret": "y"}
    assert send(door, iam(world.account_a, "identity-provider/"), provider).status_code == 404
    role_edit = iam(world.account_a, f"partner-roles/{world.role_a.pk}/edit/")
    assert door.get(role_edit).status_code == 404  # nor the role it acts for
    disable = iam(world.account_a, f"partner-roles/{world.role_a.pk}/disable/")
    assert send(door, disable).status_code == 404
    assert PartnerRole.objects.get(pk=world.role_a.pk).status == "active"
    inner = FolderFactory(account=world.account_a, name="Paris", parent=folders["branch"])
    User.objects.filter(username="backdoor").update(scope_folder=folders["branch"])
    PartnerRole.objects.filter(pk=world.role_a.pk).update(scope_folder=inner)
    access = access_for_account(User.objects.get(username="backdoor"), world.account_a.pk)
    assert access.scope_folder == inner
