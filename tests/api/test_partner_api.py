"""The partner's own REST API (/api/v1/partner/...): an API user of a Partner's own FortiCloud
account reads Connected Accounts, the aggregated Product List and All Tickets of the customers
its live roles connect (Visit as Partner's rules) and the Bug Tracker; never beyond what its
own profile grants, and nothing once a role or the partner goes."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from forticare.models import Bug
from iam.access import access_for_account
from iam.models import ExportJob, PartnerRole, PermissionProfile, User
from iam.permissions import Level
from iam.services.api_users import api_user_update
from partners.models import Partner
from tests.assets.conftest import make_asset
from tests.factories import (
    AccountFactory,
    IamUserFactory,
    PartnerRoleFactory,
    ProfileFactory,
    TicketFactory,
    builtin_profile,
)

from .helpers import api_user, bearer

pytestmark = pytest.mark.django_db

PARTNER = "/api/v1/partner/"


@pytest.fixture
def own_account(world):
    """The partner's own FortiCloud account."""
    own = AccountFactory(company_name="Reseller One")
    Partner.objects.filter(pk=world.partner.pk).update(account=own)
    world.partner.refresh_from_db()
    world.partner_user.refresh_from_db()
    return own


def _partner_token(world, client, own, name="automation", **levels):
    levels = levels or {"asset_management": Level.READ_ONLY, "forticare": Level.READ_ONLY}
    profile = ProfileFactory(account=own, **levels)
    user, secret = api_user(
        own, world.partner_user, name, permission_profile=profile, partner_api=True
    )
    return bearer(client, user, secret)


def _ids(client, url, headers, key="id"):
    answer = client.get(PARTNER + url, **headers)
    assert answer.status_code == 200, answer.content
    return [row[key] for row in answer.json()["results"]]


def test_the_partner_reads_its_customers_as_visit_as_partner_shows_them(world, client, own_account):
    headers = _partner_token(world, client, own_account)
    unit_a = make_asset(world.account_a)
    make_asset(world.account_b)  # not connected
    make_asset(own_account)  # the partner's own units are not a customer's
    ticket_a = TicketFactory(account=world.account_a)
    TicketFactory(account=world.account_b)
    assert _ids(client, "connected-accounts/", headers, "account_id") == [world.account_a.pk]
    assert _ids(client, "assets/units/", headers) == [unit_a.pk]
    assert _ids(client, "forticare/tickets/", headers) == [ticket_a.pk]
    company = client.get(PARTNER + "assets/units/", **headers).json()["results"][0]["company"]
    assert company == "Alpha Corp"


def test_the_bug_tracker_is_the_partner_api_s(world, client, own_account):
    Bug.objects.create(number=1000123, project="FortiOS", status="new", summary="Fan noise")
    headers = _partner_token(world, client, own_account)
    assert _ids(client, "forticare/bugs/?q=fan", headers, "number") == [1000123]
    customer, secret = api_user(world.account_a, world.owner_a)
    customer_headers = bearer(client, customer, secret)
    for url in ("forticare/bugs/", "connected-accounts/", "assets/units/"):
        answer = client.get(PARTNER + url, **customer_headers)
        assert answer.status_code == 404 and answer.json()["error"]["message"] == "Not found."


def test_never_more_than_the_api_user_s_own_profile(world, client, own_account):
    headers = _partner_token(world, client, own_account, forticare=Level.READ_ONLY)
    make_asset(world.account_a)
    assert client.get(PARTNER + "assets/units/", **headers).status_code == 404
    assert client.get(PARTNER + "forticare/tickets/", **headers).status_code == 200
    assert client.get(PARTNER + "forticare/bugs/", **headers).status_code == 200
    # Without FortiCare in its own profile, no FortiCare: neither tickets nor the Bug Tracker,
    # nor its export.
    assets_only = _partner_token(
        world, client, own_account, "assets-only", asset_management=Level.READ_ONLY
    )
    assert client.get(PARTNER + "assets/units/", **assets_only).status_code == 200
    for url in ("forticare/tickets/", "forticare/bugs/"):
        assert client.get(PARTNER + url, **assets_only).status_code == 404
    export = {"list": "forticare:bugs", "kind": "csv", "query": ""}
    started = client.post(
        PARTNER + "exports/", export, content_type="application/json", **assets_only
    )
    assert started.status_code == 404  # as a list of no export
    assert not ExportJob.objects.exists()
    nothing = _partner_token(world, client, own_account, "iam-only", iam=Level.READ_ONLY)
    assert client.get(PARTNER + "connected-accounts/", **nothing).status_code == 404


def test_a_role_the_customer_disables_or_a_partner_gone_ends_it_next_request(
    world, client, own_account
):
    headers = _partner_token(world, client, own_account)
    make_asset(world.account_a)
    scoped_profile = ProfileFactory(account=world.account_b, forticare=Level.READ_ONLY)
    PartnerRoleFactory(
        account=world.account_b, partner=world.partner, permission_profile=scoped_profile
    )
    unit_b = make_asset(world.account_b)
    assert unit_b.pk not in _ids(client, "assets/units/", headers)  # role B: no Asset Management
    PartnerRole.objects.filter(pk=world.role_a.pk).update(status=PartnerRole.Status.DISABLED)
    assert _ids(client, "assets/units/", headers) == []
    Partner.objects.filter(pk=world.partner.pk).update(status=Partner.Status.INACTIVE)
    assert client.get(PARTNER + "connected-accounts/", **headers).status_code == 404
    assert client.get(PARTNER + "forticare/tickets/", **headers).status_code == 404


def test_only_the_partner_s_own_users_give_the_partner_api(world, client, own_account):
    """An IAM administrator of the partner's own account does not hold Visit as Partner: it can
    neither make an API user with the Partner API nor change one, and an API user without
    it finds nothing under /api/v1/partner/."""
    admin = IamUserFactory(
        account=own_account, permission_profile=builtin_profile(PermissionProfile.Builtin.SYSADMIN)
    )
    admin_access = access_for_account(admin, own_account.pk)
    with pytest.raises(ValidationError, match="only the partner's own users"):
        api_user(own_account, admin, "escalation", partner_api=True)
    plain, secret = api_user(own_account, admin, "plain")
    headers = bearer(client, plain, secret)
    assert client.get(PARTNER + "connected-accounts/", **headers).status_code == 404
    assert client.get("/api/v1/assets/units/", **headers).status_code == 200  # its own account
    given = _partner_token(world, client, own_account, "given")
    assert client.get(PARTNER + "connected-accounts/", **given).status_code == 200
    holder = User.objects.get(username="given")
    with pytest.raises(PermissionDenied):
        api_user_update(access=admin_access, user=holder, username="taken", partner_api=False)
    assert User.objects.get(pk=holder.pk).partner_api
