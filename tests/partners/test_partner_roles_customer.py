"""Partner roles on the customer side: each rule of seed 000 allowed and refused."""

from datetime import timedelta

import pytest
from django.utils import timezone

from iam.models import AuditEvent, LegacyPartnerConnection, PartnerRole
from iam.permissions import Level
from iam.services.partner_roles import TOKEN_PREFIX
from iam.services.tokens import token_hash
from tests.factories import (
    AccountFactory,
    IamUserFactory,
    OwnerFactory,
    PartnerFactory,
    PartnerRoleFactory,
    PartnerUserFactory,
    ProfileFactory,
)

from .partner_role_helpers import connect, create_role, token_of

pytestmark = pytest.mark.django_db


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
    url = f"/a/{customer.account_id}/iam/partner-roles/{role.pk}/regenerate-token/"
    asked = client.get(url).content.decode()
    assert "The current token stops working" in asked and 'action="' + url in asked
    assert PartnerRole.objects.get(pk=role.pk).token_hash == role.token_hash  # only asked
    new = token_of(post(url, follow=True))
    assert new != old
    partner_user = PartnerUserFactory()
    refused = connect(client, post, partner_user, old)
    assert "not valid" in refused.content.decode()
    assert connect(client, post, partner_user, new).status_code == 303


def test_the_token_page_shows_the_token_once_and_a_reload_makes_no_new_one(
    customer, sysadmin_profile, client, post
):
    shown = create_role(client, post, customer, sysadmin_profile)
    token = token_of(shown)
    assert "no-store" in shown["Cache-Control"]
    role = PartnerRole.objects.get(account=customer.account)
    token_url = shown.redirect_chain[-1][0]
    assert token_url == f"/a/{customer.account_id}/iam/partner-roles/{role.pk}/token/"

    reloaded = client.get(token_url)
    page = reloaded.content.decode()
    assert reloaded.status_code == 200 and token not in page
    assert 'id="partner-token"' not in page and "shown once" in page
    assert "no-store" in reloaded["Cache-Control"]
    assert PartnerRole.objects.get(pk=role.pk).token_hash == role.token_hash
    partner_user = PartnerUserFactory()
    assert connect(client, post, partner_user, token).status_code == 303  # still the one shared


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


def test_a_renamed_role_is_announced_by_its_new_name(world, client, post):
    client.force_login(world.owner_a)
    data = {
        "name": "Renamed role",
        "scope_type": "local",
        "permission_profile": world.role_a.permission_profile_id,
    }
    url = f"/a/{world.account_a.pk}/iam/partner-roles/{world.role_a.pk}/edit/"
    page = post(url, data, follow=True).content.decode()
    assert "Partner role Renamed role was updated." in page


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


def test_history_and_audit_log_read_as_sentences(customer, sysadmin_profile, client, post):
    create_role(client, post, customer, sysadmin_profile)
    role = PartnerRole.objects.get(account=customer.account)
    post(f"/a/{customer.account_id}/iam/partner-roles/{role.pk}/regenerate-token/")
    history = client.get(f"/a/{customer.account_id}/iam/partner-roles/{role.pk}/").content.decode()
    assert f"Token regenerated by {customer.email}" in history
    assert "partner_role.token_regenerate" not in history

    url = f"/a/{customer.account_id}/iam/audit-log/"
    log = client.get(url, {"action": "partner_role.token_regenerate"}).content.decode()
    assert "<td>Token regenerated</td>" in log and "<td>Partner role created</td>" not in log
    assert (
        '<option value="partner_role.token_regenerate" selected>Token regenerated</option>' in log
    )


def test_the_customer_dashboard_says_when_a_waiting_token_expires(customer, client):
    role = PartnerRoleFactory(
        account=customer.account,
        partner=None,
        status=PartnerRole.Status.PENDING,
        connected_at=None,
        token_hash="a" * 64,
        token_expires_at=timezone.now() + timedelta(hours=20),
    )
    client.force_login(customer)
    dashboard = f"/a/{customer.account_id}/"
    text = client.get(dashboard).text
    assert "waits for a partner to connect" in text and "in 19\xa0hours" in text
    PartnerRole.objects.filter(pk=role.pk).update(token_expires_at=timezone.now())
    assert "Its token expired unused" in client.get(dashboard).text
    client.force_login(IamUserFactory(account=customer.account))  # no IAM: nothing about it
    assert "waits for a partner" not in client.get(dashboard).text
    PartnerRole.objects.filter(pk=role.pk).update(status=PartnerRole.Status.DISABLED)
    client.force_login(customer)
    assert "waits for a partner" not in client.get(dashboard).text
