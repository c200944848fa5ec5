"""Partner roles on the partner side: connecting with a token, its refusals, throttle and races."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from iam.models import AuditEvent, LoginFailure, PartnerRole
from iam.services.tokens import token_hash
from partners.services import JUST_USED, connection_accept
from tests.concurrency import at_once
from tests.factories import AccountFactory, OwnerFactory, PartnerFactory, PartnerUserFactory

from .partner_role_helpers import CONNECT, connect, create_role, token_of

pytestmark = pytest.mark.django_db


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
        ("noc@partner.test", False, "Tick the acknowledgement to accept the Partner role."),
    ],
)
def test_accept_needs_an_email_and_the_acknowledgement(
    customer, sysadmin_profile, client, post, email, acknowledge, message
):
    token = token_of(create_role(client, post, customer, sysadmin_profile))
    response = connect(client, post, PartnerUserFactory(), token, email, acknowledge)
    page = response.content.decode()
    assert message in page
    assert page.count("I acknowledge that my company") == 1  # the checkbox's label only
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

    def accept(user):
        connection_accept(user=user, token=token, notification_email="a@b.test", ip="10.1.1.1")
        return "connected"

    return at_once(accept, contenders)


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
