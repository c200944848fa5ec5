"""Who a renewal request reaches, and who stops hearing of it: the partner only when its role
may answer (Read/Write, its scope holding the units), the partner's own log without the
customer's people, the requester only while it still sees the request (a review's findings)."""

import pytest

from assets.models import AssetFolder, ContractCode, RenewalRequest
from iam.models import AuditEvent, PartnerRole
from tests.factories import (
    AccountFactory,
    FolderFactory,
    IamUserFactory,
    PartnerFactory,
    PartnerRoleFactory,
    PartnerUserFactory,
    ProfileFactory,
)
from tests.mail import deliver

from .conftest import make_asset
from .test_renewal_requests import base, renew

pytestmark = pytest.mark.django_db


def profile(world, **levels):
    fields = {"asset_management": 3, "renewal_notice": 2, "asset_maintenance": 2} | levels
    return ProfileFactory(account=world.account_a, **fields)


def test_a_read_only_role_neither_gets_nor_completes_requests(client, post, world):
    world.role_a.permission_profile = profile(world, asset_management=1, renewal_notice=1)
    world.role_a.save()
    renew(client, post, world, make_asset(world.account_a, ends_in=20))
    request = RenewalRequest.objects.get()
    assert request.partner is None  # Fortinet's
    request.partner = world.partner  # even if it were addressed to the partner
    request.save()
    ContractCode.objects.create(code="RORENEW001", service="forticare", months=12)
    client.force_login(world.partner_user)
    url = f"/partner/assets/renewal-requests/{request.pk}/"
    page = client.get(url).content.decode()
    assert "Complete" not in page and 'name="quote"' not in page
    line = request.units.get().pk
    assert post(f"{url}complete/", {f"unit_{line}": "RORENEW001"}).status_code == 404
    assert post(f"{url}quote/", {"quote": "EUR 1"}).status_code == 404
    request.refresh_from_db()
    assert request.status == "requested"


def test_a_scoped_role_gets_only_requests_of_units_in_its_scope(client, post, world):
    branch = FolderFactory(account=world.account_a, name="Branch")
    world.role_a.scope_folder = branch
    world.role_a.save()
    inside = make_asset(world.account_a, folder=branch, ends_in=20)
    renew(client, post, world, inside, make_asset(world.account_a, ends_in=20))
    assert RenewalRequest.objects.get().partner is None
    renew(client, post, world, make_asset(world.account_a, folder=branch, ends_in=10))
    assert RenewalRequest.objects.latest("pk").partner == world.partner


def test_the_partners_own_log_names_the_company_not_the_customers_people(client, post, world):
    world.partner.account = AccountFactory(company_name="Reseller One HQ")
    world.partner.save()
    renew(client, post, world, make_asset(world.account_a, ends_in=20))
    request = RenewalRequest.objects.get()
    [event] = AuditEvent.objects.filter(account=world.partner.account)
    assert event.actor_id is None and event.ip_address is None
    assert world.owner_a.email not in event.actor_label
    assert event.acting_as == f"Customer Alpha Corp ({world.account_a.pk})"
    PartnerRole.objects.filter(pk=world.role_a.pk).delete()
    assert post(f"{base(world)}/requests/{request.pk}/cancel/").status_code == 303
    assert AuditEvent.objects.filter(account=world.partner.account).count() == 1
    assert AuditEvent.objects.filter(account=world.account_a, action="renewal.cancel").exists()


def test_a_requester_who_lost_access_is_not_mailed(client, post, world, smtp, admin_user):
    world.role_a.delete()
    user = IamUserFactory(account=world.account_a, permission_profile=profile(world))
    user.email = "buyer@alpha.test"
    user.save()
    client.force_login(user)
    unit = make_asset(world.account_a, ends_in=20)
    assert post(f"{base(world)}/renew/", {"units": [unit.pk], "term_years": 1}).status_code == 303
    request = RenewalRequest.objects.get()
    user.permission_profile = profile(world, asset_management=0)
    user.save()
    client.force_login(admin_user)
    body = {"action": "send_quote", "_selected_action": request.pk, "answer": "1"}
    assert post("/admin/assets/renewalrequest/", {**body, "quote": "EUR 9"}).status_code == 302
    deliver()
    assert smtp.to("buyer@alpha.test") == []


def test_a_role_with_another_accounts_profile_or_folder_gets_no_request(client, post, world):
    """Rows no service writes: entering the account honours neither, so neither does this."""
    world.role_a.permission_profile = ProfileFactory(
        account=world.account_b, asset_management=3, renewal_notice=2
    )
    world.role_a.save()
    renew(client, post, world, make_asset(world.account_a, ends_in=20))
    branch = FolderFactory(account=world.account_a, name="Branch")
    foreign = FolderFactory(account=world.account_b)  # its path made to hold Branch's
    AssetFolder.objects.filter(pk=foreign.pk).update(path=branch.path)
    world.role_a.permission_profile = profile(world)
    world.role_a.scope_folder = foreign
    world.role_a.save()
    renew(client, post, world, make_asset(world.account_a, folder=branch, ends_in=10))
    assert [request.partner for request in RenewalRequest.objects.all()] == [None, None]


def test_a_new_partner_sees_nothing_of_the_former_partners_requests(client, post, world):
    renew(client, post, world, make_asset(world.account_a, ends_in=20))
    request = RenewalRequest.objects.get()
    world.role_a.delete()
    newcomer = PartnerFactory(company_name="Newcomer")
    PartnerRoleFactory(account=world.account_a, partner=newcomer)
    client.force_login(PartnerUserFactory(partner=newcomer))
    url = f"{base(world)}/requests/{request.pk}/"
    assert client.get(url).status_code == 404
    assert post(f"{url}cancel/").status_code == 404
    assert f'href="{url}"' not in client.get(f"{base(world)}/requests/").content.decode()


def test_a_scoped_admin_is_not_shown_the_number_of_a_request_it_cannot_see(client, post, world):
    branch = FolderFactory(account=world.account_a, name="Branch")
    unit = make_asset(world.account_a, folder=branch, ends_in=20)
    renew(client, post, world, unit, make_asset(world.account_a, ends_in=20))
    request = RenewalRequest.objects.get()
    scoped = IamUserFactory(
        account=world.account_a, permission_profile=profile(world), scope_folder=branch
    )
    client.force_login(scoped)
    notice = client.get(f"{base(world)}/").content.decode()
    assert unit.serial_number in notice and f"In request {request.pk}" not in notice
    assert client.get(f"{base(world)}/requests/{request.pk}/").status_code == 404


def test_a_long_renewal_notice_says_where_the_rest_is(client, world):
    for _ in range(101):
        make_asset(world.account_a, ends_in=-5)
    make_asset(world.account_a, ends_in=5)
    client.force_login(world.owner_a)
    page = client.get(f"{base(world)}/").content.decode()
    assert page.count('name="units"') == 101  # the 100 expired shown, and the one expiring
    link = f'href="/a/{world.account_a.pk}/assets/?coverage=expired"'
    assert link in page and "?coverage=expiring90" not in page
