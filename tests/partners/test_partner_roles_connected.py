"""A connected Partner role: disconnect, notification email, other partners, partner status."""

import pytest

from iam.models import AuditEvent, PartnerRole
from partners.models import Partner
from partners.services import partner_status_set
from tests.factories import AccountFactory, PartnerRoleFactory, PartnerUserFactory, StaffFactory

pytestmark = pytest.mark.django_db


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


def test_partner_account_counts_what_connected_accounts_lists(world, client):
    world.partner.account = AccountFactory()
    world.partner.save()
    PartnerRoleFactory(partner=world.partner, status=PartnerRole.Status.DISABLED)
    client.force_login(world.partner_user)
    listed = client.get("/partner/account/connected-accounts/").content.decode()
    assert "2 in all" in listed
    page = client.get("/partner/account/").content.decode()
    assert "<dt>Connected Accounts</dt><dd>2 (1 active)</dd>" in page


def test_connected_accounts_show_the_master_user_only_while_the_role_is_active(world, client):
    """Each row names the customer's master user (User Name, Email), read for the rows shown;
    a role the customer disabled shows that it is disabled, and not who the owner is."""
    client.force_login(world.partner_user)
    listed = client.get("/partner/account/connected-accounts/").content.decode()
    assert world.owner_a.email in listed
    PartnerRole.objects.filter(pk=world.role_a.pk).update(status=PartnerRole.Status.DISABLED)
    listed = client.get("/partner/account/connected-accounts/").content.decode()
    assert world.owner_a.email not in listed and "Disabled" in listed
    assert world.account_a.company_name in listed
