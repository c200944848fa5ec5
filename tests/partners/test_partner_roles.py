"""Partner roles end to end: each rule of seed 000 allowed and refused, on both sides."""

import threading
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from iam.models import AuditEvent, LegacyPartnerConnection, LoginFailure, PartnerRole
from iam.permissions import Level
from iam.services.partner_roles import TOKEN_PREFIX, token_hash
from partners.models import Partner
from partners.services import JUST_USED, connection_accept, partner_status_set
from tests.factories import (
    AccountFactory,
    IamUserFactory,
    OwnerFactory,
    PartnerFactory,
    PartnerUserFactory,
    ProfileFactory,
    StaffFactory,
)

pytestmark = pytest.mark.django_db

CONNECT = "/partner/account/connected-accounts/connect/"


@pytest.fixture
def customer(db):
    """A customer account with no Partner role yet, and its owner."""
    return OwnerFactory(account=AccountFactory(company_name="Delta GmbH"), full_name="Dora Delta")


@pytest.fixture
def sysadmin_profile(db):
    from tests.factories import builtin_profile

    return builtin_profile("sysadmin")


def create_role(client, post, owner, profile, **extra):
    client.force_login(owner)
    data = {"name": "MSP access", "description": "", "scope_type": "local"}
    data |= {"permission_profile": profile.pk} | extra
    return post(f"/a/{owner.account_id}/iam/users/new/partner-role/", data)


def token_of(response):
    html = response.content.decode()
    start = html.index('id="partner-token" value="') + len('id="partner-token" value="')
    return html[start : html.index('"', start)]


def connect(client, post, partner_user, token, email="noc@partner.test", acknowledge=True):
    client.force_login(partner_user)
    data = {"step": "accept", "token": token, "notification_email": email}
    if acknowledge:
        data["acknowledge"] = "on"
    return post(CONNECT, data)


# Customer side


def test_add_role_shows_a_random_token_once_and_keeps_only_its_hash(
    customer, sysadmin_profile, client, post
):
    response = create_role(client, post, customer, sysadmin_profile)
    assert response.status_code == 200
    token = token_of(response)
    assert token.startswith(TOKEN_PREFIX) and len(token) - len(TOKEN_PREFIX) >= 32  # 192 bits
    role = PartnerRole.objects.get(account=customer.account)
    assert role.status == PartnerRole.Status.PENDING
    assert role.token_hash == token_hash(token) and token not in role.token_hash
    assert timedelta(days=4, hours=23) < role.token_expires_at - timezone.now() <= timedelta(days=5)
    assert token not in str(list(AuditEvent.objects.values_list("changes", flat=True)))
    # Shown once: the role page never shows it again.
    page = client.get(f"/a/{customer.account_id}/iam/partner-roles/{role.pk}/")
    assert token not in page.content.decode() and "Valid until" in page.content.decode()
    users = client.get(f"/a/{customer.account_id}/iam/users/")
    row = next(r for r in users.context["page"] if r["principal"] == "partner_role")
    assert (row["type_label"], row["status_label"]) == ("Partner Role", "Pending")


def test_only_one_partner_role_per_account(customer, sysadmin_profile, client, post):
    create_role(client, post, customer, sysadmin_profile)
    again = create_role(client, post, customer, sysadmin_profile, name="Second")
    assert "Only one Partner role is allowed per account." in again.content.decode()
    assert PartnerRole.objects.filter(account=customer.account).count() == 1


def test_in_a_partners_own_account_the_message_says_to_call_customer_service(
    customer, sysadmin_profile, client, post
):
    PartnerFactory(account=customer.account)
    PartnerRole.objects.create(account=customer.account, name="First")
    client.force_login(customer)
    response = client.get(f"/a/{customer.account_id}/iam/users/new/partner-role/")
    assert "contact customer service" in response.content.decode()


def test_the_profile_preview_marks_unsupported_portals_and_warns_about_iam(customer, client):
    profile = ProfileFactory(
        account=customer.account, ela=Level.ADMIN, iam=Level.READ_ONLY, forticare=Level.ADMIN
    )
    client.force_login(customer)
    preview = client.get(
        f"/a/{customer.account_id}/iam/partner-roles/preview/?permission_profile={profile.pk}",
        headers={"HX-Request": "true"},
    )
    html = preview.content.decode()
    assert "ELA" in html and "Not Supported" in html
    assert "will therefore be able to manage users" in html
    foreign = ProfileFactory(ela=Level.ADMIN)
    other = client.get(
        f"/a/{customer.account_id}/iam/partner-roles/preview/?permission_profile={foreign.pk}"
    )
    assert "ELA" not in other.content.decode()


def test_a_limited_legacy_connection_blocks_and_a_full_one_is_replaced(
    customer, sysadmin_profile, client, post
):
    legacy_partner = PartnerFactory()
    limited = LegacyPartnerConnection.objects.create(
        account=customer.account, partner=legacy_partner, access="limited"
    )
    blocked = create_role(client, post, customer, sysadmin_profile)
    assert "the partner must disconnect it" in blocked.content.decode().replace(
        "The partner", "the partner"
    )
    assert not PartnerRole.objects.exists()

    limited.connected = False
    limited.save()
    full = LegacyPartnerConnection.objects.create(
        account=customer.account, partner=legacy_partner, access="full"
    )
    assert create_role(client, post, customer, sysadmin_profile).status_code == 200
    full.refresh_from_db()
    assert not full.connected and full.disconnected_at
    assert AuditEvent.objects.filter(action="legacy_connection.disconnect").exists()


def test_regenerate_token_kills_the_old_one(customer, sysadmin_profile, client, post):
    old = token_of(create_role(client, post, customer, sysadmin_profile))
    role = PartnerRole.objects.get(account=customer.account)
    new = token_of(post(f"/a/{customer.account_id}/iam/partner-roles/{role.pk}/regenerate-token/"))
    assert new != old
    partner_user = PartnerUserFactory()
    refused = connect(client, post, partner_user, old)
    assert "not valid" in refused.content.decode()
    assert connect(client, post, partner_user, new).status_code == 303


def test_a_connected_role_gets_no_new_token(world, client, post):
    client.force_login(world.owner_a)
    response = post(
        f"/a/{world.account_a.pk}/iam/partner-roles/{world.role_a.pk}/regenerate-token/",
        follow=True,
    )
    assert "it needs no token" in response.content.decode()
    assert PartnerRole.objects.get(pk=world.role_a.pk).token_hash is None


def test_edit_changes_the_partners_access_on_its_next_request(world, client, post):
    partner = world.partner_user
    url = f"/a/{world.account_a.pk}/iam/users/"
    client.force_login(partner)
    assert client.get(url).status_code == 200
    no_iam = ProfileFactory(account=world.account_a, asset_management=Level.READ_ONLY)
    client.force_login(world.owner_a)
    data = {"name": "Reseller access", "scope_type": "local", "permission_profile": no_iam.pk}
    post(f"/a/{world.account_a.pk}/iam/partner-roles/{world.role_a.pk}/edit/", data)
    client.force_login(partner)
    assert client.get(url).status_code == 404
    assert AuditEvent.objects.filter(action="partner_role.update").exists()


def test_disable_enable_and_delete(world, client, post):
    base = f"/a/{world.account_a.pk}/iam/partner-roles/{world.role_a.pk}"
    client.force_login(world.owner_a)
    confirm = client.get(f"{base}/disable/")
    assert "Confirm To Disable User" in confirm.content.decode()
    post(f"{base}/disable/")
    client.force_login(world.partner_user)
    assert client.get(f"/a/{world.account_a.pk}/").status_code == 404

    client.force_login(world.owner_a)
    post(f"{base}/enable/")
    client.force_login(world.partner_user)
    assert client.get(f"/a/{world.account_a.pk}/").status_code == 200

    client.force_login(world.owner_a)
    assert "cannot be reverted" in client.get(f"{base}/delete/").content.decode()
    post(f"{base}/delete/")
    assert not PartnerRole.objects.filter(pk=world.role_a.pk).exists()
    client.force_login(world.partner_user)
    assert client.get(f"/a/{world.account_a.pk}/").status_code == 404
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"partner_role.disable", "partner_role.enable", "partner_role.delete"} <= actions


@pytest.mark.parametrize("action", ["", "edit/", "disable/", "delete/"])
def test_another_accounts_role_is_a_404(world, client, post, action):
    client.force_login(world.owner_b)
    url = f"/a/{world.account_b.pk}/iam/partner-roles/{world.role_a.pk}/{action}"
    assert client.get(url).status_code == 404
    if action:  # the details page is GET only (405 before any lookup)
        assert post(url).status_code == 404
    assert PartnerRole.objects.get(pk=world.role_a.pk).status == PartnerRole.Status.ACTIVE


def test_read_only_iam_cannot_create_a_role(customer, sysadmin_profile, client, post):
    reader = IamUserFactory(
        account=customer.account,
        permission_profile=ProfileFactory(account=customer.account, iam=Level.READ_ONLY),
    )
    client.force_login(reader)
    url = f"/a/{customer.account_id}/iam/users/new/partner-role/"
    assert post(url, {"name": "x", "permission_profile": sysadmin_profile.pk}).status_code == 404
    assert not PartnerRole.objects.exists()


def test_self_connect_in_the_partners_own_account(sysadmin_profile, client, post):
    own = AccountFactory(company_name="Reseller HQ")
    partner = PartnerFactory(account=own)
    owner = OwnerFactory(account=own)
    response = create_role(client, post, owner, sysadmin_profile)
    assert f"Link to {partner.company_name}" in response.content.decode()
    role = PartnerRole.objects.get(account=own)
    post(f"/a/{own.pk}/iam/partner-roles/{role.pk}/link/")
    role.refresh_from_db()
    assert (role.partner, role.status, role.token_hash) == (partner, "active", None)


def test_no_self_connect_offer_for_an_ordinary_customer(customer, sysadmin_profile, client, post):
    response = create_role(client, post, customer, sysadmin_profile)
    assert "Link to" not in response.content.decode()
    role = PartnerRole.objects.get(account=customer.account)
    assert post(f"/a/{customer.account_id}/iam/partner-roles/{role.pk}/link/").status_code == 303
    assert PartnerRole.objects.get(pk=role.pk).partner is None


# Partner side


def test_connect_account_go_then_accept(customer, sysadmin_profile, client, post):
    token = token_of(create_role(client, post, customer, sysadmin_profile))
    partner_user = PartnerUserFactory()
    client.force_login(partner_user)
    preview = post(CONNECT, {"step": "go", "token": token})
    html = preview.content.decode()
    assert "Delta GmbH" in html and "MSP access" in html and "Accept" in html
    assert "Identity &amp; Access Management" in html
    assert PartnerRole.objects.get(account=customer.account).partner is None  # nothing yet

    response = connect(client, post, partner_user, token)
    assert response.status_code == 303
    role = PartnerRole.objects.get(account=customer.account)
    assert role.partner == partner_user.partner and role.status == "active"
    assert role.token_hash is None and role.notification_email == "noc@partner.test"
    assert token not in response["Location"]
    assert client.get(f"/a/{customer.account_id}/").status_code == 200
    listing = client.get("/partner/account/connected-accounts/")
    row = listing.context["page"][0]
    assert (row.account.company_name, row.owner_name, row.owner_email) == (
        "Delta GmbH",
        "Dora Delta",
        customer.email,
    )
    event = AuditEvent.objects.get(action="partner_role.connect")
    assert event.account == customer.account and event.actor == partner_user


@pytest.mark.parametrize(
    ("email", "acknowledge", "message"),
    [
        ("not-an-email", True, "Enter a valid email address."),
        ("noc@partner.test", False, "This field is required."),
    ],
)
def test_accept_needs_an_email_and_the_acknowledgement(
    customer, sysadmin_profile, client, post, email, acknowledge, message
):
    token = token_of(create_role(client, post, customer, sysadmin_profile))
    response = connect(client, post, PartnerUserFactory(), token, email, acknowledge)
    assert message in response.content.decode()
    assert PartnerRole.objects.get(account=customer.account).partner is None


def test_each_bad_token_gets_its_own_clear_message(customer, sysadmin_profile, client, post):
    token = token_of(create_role(client, post, customer, sysadmin_profile))
    role = PartnerRole.objects.get(account=customer.account)
    partner_user = PartnerUserFactory()

    assert "not valid" in connect(client, post, partner_user, "fcpr_nope").content.decode()

    PartnerRole.objects.filter(pk=role.pk).update(status="disabled")
    assert (
        "has disabled this Partner role"
        in connect(client, post, partner_user, token).content.decode()
    )

    PartnerRole.objects.filter(pk=role.pk).update(
        status="pending", token_expires_at=timezone.now() - timedelta(minutes=1)
    )
    expired = connect(client, post, partner_user, token).content.decode()
    assert "ask the customer to regenerate it" in expired

    PartnerRole.objects.filter(pk=role.pk).update(
        token_expires_at=timezone.now() + timedelta(days=1)
    )
    assert connect(client, post, partner_user, token).status_code == 303
    used = connect(client, post, PartnerUserFactory(), token).content.decode()
    assert JUST_USED in used
    assert PartnerRole.objects.get(pk=role.pk).partner == partner_user.partner


def test_wrong_tokens_are_throttled(customer, sysadmin_profile, client, post):
    token = token_of(create_role(client, post, customer, sysadmin_profile))
    partner_user = PartnerUserFactory()
    for n in range(5):
        connect(client, post, partner_user, f"fcpr_guess{n}")
    response = connect(client, post, partner_user, token)
    assert "Too many invalid tokens" in response.content.decode()
    assert PartnerRole.objects.get(account=customer.account).partner is None


def test_a_used_token_is_told_just_used_and_not_counted_as_a_wrong_one(
    customer, sysadmin_profile, client, post
):
    token = token_of(create_role(client, post, customer, sysadmin_profile))
    partner_user = PartnerUserFactory()
    assert connect(client, post, partner_user, token).status_code == 303
    role = PartnerRole.objects.get(account=customer.account)
    assert role.used_token_hash == token_hash(token) and role.token_used_at is not None

    for _ in range(10):  # a double click, a reload, a colleague with the same email
        assert JUST_USED in connect(client, post, partner_user, token).content.decode()
        assert JUST_USED in post(CONNECT, {"step": "go", "token": token}).content.decode()
    assert not LoginFailure.objects.exists()

    # A fresh token of another customer still connects; a wrong one still counts.
    other = OwnerFactory(account=AccountFactory(company_name="Echo SA"))
    fresh = token_of(create_role(client, post, other, sysadmin_profile))
    assert connect(client, post, partner_user, fresh).status_code == 303
    assert "not valid" in connect(client, post, partner_user, "fcpr_nope").content.decode()
    assert LoginFailure.objects.count() == 1


def test_the_token_never_travels_in_a_url(customer, sysadmin_profile, client, post):
    token = token_of(create_role(client, post, customer, sysadmin_profile))
    client.force_login(PartnerUserFactory())
    page = client.get(f"{CONNECT}?token={token}")
    assert "Delta GmbH" not in page.content.decode()
    assert token not in page.content.decode()


def _pending_role_and_token(name="Race"):
    from iam.access import access_for_account
    from iam.services.partner_roles import partner_role_create
    from tests.factories import builtin_profile

    owner = OwnerFactory()
    access = access_for_account(owner, owner.account_id)
    return partner_role_create(
        access=access, name=name, permission_profile=builtin_profile("sysadmin")
    )


def _race(contenders, token):
    """Every contender presses Accept with the same token at the same moment."""
    barrier = threading.Barrier(len(contenders))
    outcomes = []

    def attempt(user):
        try:
            barrier.wait()
            connection_accept(user=user, token=token, notification_email="a@b.test", ip="10.1.1.1")
            outcomes.append("connected")
        except ValidationError as error:
            outcomes.append(error.messages[0])
        except Exception as error:  # any server error fails the test below
            outcomes.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(user,)) for user in contenders]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(outcomes)


def test_twenty_simultaneous_accepts_connect_exactly_once(transactional_db):
    role, token = _pending_role_and_token()
    contenders = [PartnerUserFactory() for _ in range(20)]
    assert _race(contenders, token) == sorted(["connected"] + [JUST_USED] * 19)
    role.refresh_from_db()
    assert role.status == "active" and role.partner.users.first() in contenders
    assert AuditEvent.objects.filter(action="partner_role.connect").count() == 1
    assert not LoginFailure.objects.exists()


def test_race_losers_of_one_partner_do_not_lock_its_company_out(transactional_db):
    partner = PartnerFactory()
    contenders = [PartnerUserFactory(partner=partner) for _ in range(20)]
    role, token = _pending_role_and_token()
    assert _race(contenders, token) == sorted(["connected"] + [JUST_USED] * 19)
    assert not LoginFailure.objects.exists()
    role.refresh_from_db()
    assert role.partner == partner and role.used_token_hash == token_hash(token)

    # Late duplicates of the same Accept are not wrong tokens either.
    for user in contenders:
        with pytest.raises(ValidationError, match=JUST_USED):
            connection_accept(user=user, token=token, notification_email="a@b.test", ip="10.1.1.1")
    assert not LoginFailure.objects.exists()

    # A fresh valid token from the same partner and address still connects.
    other, fresh = _pending_role_and_token("Next customer")
    connection_accept(user=contenders[0], token=fresh, notification_email="a@b.test", ip="10.1.1.1")
    other.refresh_from_db()
    assert other.partner == partner and other.status == "active"


def test_disconnect_keeps_the_customers_role_pending_without_email(world, client, post):
    PartnerRole.objects.filter(pk=world.role_a.pk).update(notification_email="noc@p.test")
    client.force_login(world.partner_user)
    url = f"/partner/account/connected-accounts/{world.role_a.pk}/disconnect/"
    assert "Confirm" in client.get(url).content.decode()
    assert post(url).status_code == 303
    role = PartnerRole.objects.get(pk=world.role_a.pk)
    assert (role.partner, role.status, role.notification_email) == (None, "pending", "")
    assert client.get(f"/a/{world.account_a.pk}/").status_code == 404
    assert AuditEvent.objects.filter(
        action="partner_role.disconnect", account=world.account_a
    ).exists()


def test_notification_email_update_is_validated(world, client, post):
    client.force_login(world.partner_user)
    url = f"/partner/account/connected-accounts/{world.role_a.pk}/notification-email/"
    bad = post(url, {"notification_email": "nope"})
    assert "Enter a valid email address." in bad.content.decode()
    assert post(url, {"notification_email": "renewals@partner.test"}).status_code == 303
    assert PartnerRole.objects.get(pk=world.role_a.pk).notification_email == "renewals@partner.test"


def test_another_partners_role_is_a_404(world, client, post):
    client.force_login(PartnerUserFactory())
    base = f"/partner/account/connected-accounts/{world.role_a.pk}/"
    assert client.get(base).status_code == 404
    assert post(base + "disconnect/").status_code == 404
    assert post(base + "notification-email/", {"notification_email": "x@y.test"}).status_code == 404
    assert PartnerRole.objects.get(pk=world.role_a.pk).partner == world.partner


def test_a_partner_leaving_the_program_disables_its_roles_at_once(world, client, post):
    staff = StaffFactory()
    client.force_login(staff)
    data = {"company_name": world.partner.company_name, "status": "terminated", "account": ""}
    response = post(f"/admin/partners/partner/{world.partner.pk}/change/", data)
    assert response.status_code == 302
    assert PartnerRole.objects.get(pk=world.role_a.pk).status == "disabled"
    event = AuditEvent.objects.get(action="partner_role.partner_status")
    assert event.account == world.account_a and event.actor == staff
    # The customer can now start over with another partner.
    client.force_login(world.owner_a)
    post(f"/a/{world.account_a.pk}/iam/partner-roles/{world.role_a.pk}/delete/")
    assert not PartnerRole.objects.filter(account=world.account_a).exists()


def test_the_service_disables_only_active_roles(world):
    assert partner_status_set(partner=world.partner, status="inactive", actor=StaffFactory()) == 1
    assert partner_status_set(partner=world.partner, status="inactive", actor=StaffFactory()) == 0
    assert Partner.objects.get(pk=world.partner.pk).status == "inactive"


def test_the_connection_is_one_way(world):
    own = AccountFactory()
    Partner.objects.filter(pk=world.partner.pk).update(account=own)
    from iam.access import access_for_account

    assert access_for_account(world.owner_a, own.pk) is None
