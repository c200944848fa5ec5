import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from iam.models import AuditEvent, LegacyPartnerConnection, PartnerRole
from partners.models import Partner
from tests.factories import AccountFactory, PartnerFactory, PartnerRoleFactory, StaffFactory

pytestmark = pytest.mark.django_db


def run(*args):
    out = io.StringIO()
    call_command("migrate_legacy_partners", *args, stdout=out)
    return out.getvalue()


def test_legacy_connections_migrate_idempotently(world):
    master = LegacyPartnerConnection.objects.create(
        account=world.account_b, partner=world.partner, access="master"
    )
    limited = LegacyPartnerConnection.objects.create(
        account=AccountFactory(), partner=world.partner, access="limited"
    )
    inactive = LegacyPartnerConnection.objects.create(
        account=AccountFactory(), partner=PartnerFactory(status="inactive"), access="full"
    )
    has_role = LegacyPartnerConnection.objects.create(
        account=world.account_a, partner=PartnerFactory(), access="full"
    )

    dry = run("--dry-run")
    assert "would migrate" in dry and not PartnerRole.objects.filter(account=world.account_b)

    report = run()
    role = PartnerRole.objects.get(account=world.account_b)
    assert (role.partner, role.status, role.permission_profile.name) == (
        world.partner,
        "active",
        "SysAdmin",
    )
    assert "limited access, the partner must disconnect it" in report
    assert "the partner is not active" in report
    assert "already has a Partner role" in report
    for kept in (limited, inactive, has_role):
        kept.refresh_from_db()
        assert kept.connected
    master.refresh_from_db()
    assert not master.connected
    assert AuditEvent.objects.filter(
        action="partner_role.migrate", account=world.account_b
    ).exists()

    again = run()
    assert (
        "1 migrated" not in again
        and PartnerRole.objects.filter(account=world.account_b).count() == 1
    )


def test_staff_actions_change_partner_status_through_the_service(world, client, post):
    client.force_login(StaffFactory())
    data = {"action": "mark_inactive", "_selected_action": [world.partner.pk]}
    post("/admin/partners/partner/", data)
    assert Partner.objects.get(pk=world.partner.pk).status == "inactive"
    assert PartnerRole.objects.get(pk=world.role_a.pk).status == "disabled"


def test_customer_service_keeps_one_role_and_disconnects_the_others(world, client, post):
    legacy = LegacyPartnerConnection.objects.create(
        account=world.account_a, partner=PartnerFactory(), access="full"
    )
    client.force_login(StaffFactory())
    data = {"action": "keep_role_disconnect_legacy", "_selected_action": [world.role_a.pk]}
    post("/admin/iam/partnerrole/", data)
    legacy.refresh_from_db()
    assert not legacy.connected
    assert PartnerRole.objects.get(pk=world.role_a.pk).status == "active"


def test_connected_accounts_query_count_does_not_grow(world, client, django_assert_max_num_queries):
    client.force_login(world.partner_user)
    url = "/partner/account/connected-accounts/?sort=-company"
    for _ in range(25):  # more than a page: the rows are counted (a single page is not)
        PartnerRoleFactory(partner=world.partner)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for _ in range(40):
        PartnerRoleFactory(partner=world.partner)
    with django_assert_max_num_queries(len(few)):
        response = client.get(url)
    assert len(response.context["page"]) == 25


def test_the_token_hash_is_not_shown_to_staff(world, client):
    client.force_login(StaffFactory())
    page = client.get(f"/admin/iam/partnerrole/{world.role_a.pk}/change/")
    assert page.status_code == 200 and "token_hash" not in page.content.decode()
