"""A Partner role's life, told to both sides by mail (through a real SMTP server on loopback):
the customer of a connect, a disconnect and a token about to expire unused; the partner's
Notification Email of a disable, a delete and a new profile; time-bound roles."""

import datetime

import pytest
from django.utils import timezone

from iam.models import MailOptOut, PartnerRole, User
from iam.partner_reach import connected_accounts
from iam.services.role_schedule import partner_role_reminders_run
from tests.factories import PartnerFactory, PartnerUserFactory, ProfileFactory
from tests.mail import deliver

from .partner_role_helpers import connect, create_role, token_of

pytestmark = pytest.mark.django_db
NOC = "noc@partner.test"


@pytest.fixture
def partner_user(db):
    return PartnerUserFactory(partner=PartnerFactory(company_name="Echo Partners"))


@pytest.fixture
def connected(client, post, customer, sysadmin_profile, partner_user, smtp):
    token = token_of(create_role(client, post, customer, sysadmin_profile))
    assert connect(client, post, partner_user, token, email=NOC).status_code == 303
    deliver()
    return PartnerRole.objects.get(account=customer.account)


def subjects(smtp, address) -> list[str]:
    return [message["Subject"] for message in smtp.to(address)]


def test_the_customer_is_told_when_a_partner_connects_and_disconnects(
    client, post, customer, connected, partner_user, smtp
):
    assert subjects(smtp, customer.email) == [
        f"Echo Partners connected to your FortiCloud account {customer.account_id}"
    ]
    client.force_login(partner_user)
    url = f"/partner/account/connected-accounts/{connected.pk}/disconnect/"
    assert post(url).status_code == 303
    deliver()
    assert subjects(smtp, customer.email)[-1] == (
        f"Echo Partners disconnected from your FortiCloud account {customer.account_id}"
    )


def test_the_partner_is_told_of_a_new_profile_a_disable_and_a_delete(
    client, post, customer, connected, smtp
):
    client.force_login(customer)
    base = f"/a/{customer.account_id}/iam/partner-roles/{connected.pk}"
    narrower = ProfileFactory(account=customer.account, name="Tickets only", forticare=2)
    data = {"name": connected.name, "scope_type": "local", "permission_profile": narrower.pk}
    assert post(f"{base}/edit/", data).status_code == 303
    assert post(f"{base}/disable/").status_code == 303
    assert post(f"{base}/delete/").status_code == 303
    deliver()
    assert subjects(smtp, NOC) == [
        "Delta GmbH changed your Partner role's permissions",
        "Delta GmbH disabled your Partner role",
        "Delta GmbH deleted your Partner role",
    ]
    [changed] = smtp.to(NOC)[:1]
    assert "from SysAdmin to Tickets only" in changed.get_content()
    assert changed["List-Unsubscribe"].startswith("<http")


def test_a_partner_that_unsubscribed_is_not_told(client, post, customer, connected, smtp):
    MailOptOut.objects.create(email=NOC, kind=MailOptOut.Kind.LIFECYCLE)
    client.force_login(customer)
    post(f"/a/{customer.account_id}/iam/partner-roles/{connected.pk}/disable/")
    deliver()
    assert smtp.to(NOC) == []


def test_a_token_about_to_expire_unused_is_told_once(
    client, post, customer, sysadmin_profile, smtp
):
    create_role(client, post, customer, sysadmin_profile)
    role = PartnerRole.objects.get(account=customer.account)
    assert partner_role_reminders_run() == 0  # five days left: nothing yet
    role.token_expires_at = timezone.now() + datetime.timedelta(hours=20)
    role.save()
    assert partner_role_reminders_run() == 1
    assert partner_role_reminders_run() == 0  # told once
    deliver()
    assert subjects(smtp, customer.email) == [
        f"The Partner role token of account {customer.account_id} expires tomorrow unused"
    ]


def test_a_time_bound_role_is_reminded_then_ended(client, post, customer, connected, smtp):
    today = timezone.localdate()
    PartnerRole.objects.filter(pk=connected.pk).update(ends_on=today + datetime.timedelta(days=14))
    created = User.objects.create(
        kind=User.Kind.IAM,
        account=customer.account,
        username="made-by-partner",
        created_through_role=connected,
    )
    assert partner_role_reminders_run(today) == 1
    assert partner_role_reminders_run(today) == 0
    three_days_before = today + datetime.timedelta(days=11)
    assert partner_role_reminders_run(three_days_before) == 1
    deliver()
    ending = f'The Partner role "{connected.name}" of Delta GmbH ends on'
    assert [s.startswith(ending) for s in subjects(smtp, NOC)] == [True, True]
    assert len(subjects(smtp, customer.email)) == 3  # connected, then the two reminders

    after_the_end = today + datetime.timedelta(days=15)
    assert partner_role_reminders_run(after_the_end) == 1
    deliver()
    connected.refresh_from_db()
    created.refresh_from_db()
    assert connected.status == PartnerRole.Status.DISABLED and not created.is_active
    ended = f'The Partner role "{connected.name}" of Delta GmbH has ended'
    assert subjects(smtp, NOC)[-1] == subjects(smtp, customer.email)[-1] == ended


def test_the_customer_sets_extends_and_refuses_a_past_end_date(client, post, customer, connected):
    client.force_login(customer)
    url = f"/a/{customer.account_id}/iam/partner-roles/{connected.pk}/edit/"
    data = {
        "name": connected.name,
        "scope_type": "local",
        "permission_profile": connected.permission_profile_id,
    }
    past = post(url, data | {"ends_on": "2000-01-01"})
    assert past.status_code == 200
    assert "Choose today or a later day" in past.content.decode()
    PartnerRole.objects.filter(pk=connected.pk).update(reminders={"ending": [3, 14]})
    later = (timezone.localdate() + datetime.timedelta(days=60)).isoformat()
    assert post(url, data | {"ends_on": later}).status_code == 303
    connected.refresh_from_db()
    assert connected.ends_on.isoformat() == later
    assert "ending" not in connected.reminders  # the new End Date is reminded again


def test_the_end_date_is_the_last_day_whether_or_not_the_run_came(
    client, post, customer, connected, partner_user
):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    PartnerRole.objects.filter(pk=connected.pk).update(ends_on=yesterday)  # still "active"
    client.force_login(partner_user)
    assert client.get(f"/a/{customer.account_id}/").status_code == 404
    reached = connected_accounts(partner_user.partner_id).values_list("pk", flat=True)
    assert customer.account_id not in set(reached)  # nor in any aggregated list
    client.force_login(customer)
    base = f"/a/{customer.account_id}/iam/partner-roles/{connected.pk}"
    post(f"{base}/disable/")
    enabled = post(f"{base}/enable/", follow=True)
    assert "Its End Date has passed" in enabled.content.decode()
    connected.refresh_from_db()
    assert connected.status == PartnerRole.Status.DISABLED


def test_a_role_name_on_two_lines_makes_a_one_line_subject(client, post, customer, connected, smtp):
    PartnerRole.objects.filter(pk=connected.pk).update(name="Night\nshift\r\nteam")
    client.force_login(customer)
    post(f"/a/{customer.account_id}/iam/partner-roles/{connected.pk}/disable/")
    deliver()
    assert subjects(smtp, NOC) == ["Delta GmbH disabled your Partner role"]
    assert 'Partner role "Night shift team"' in smtp.to(NOC)[0].get_content()
