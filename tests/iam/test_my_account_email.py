"""My Account > Email: the link goes to the new address (a real SMTP server on loopback), the
change waits for it, the old address is told, and the login follows the new address."""

import datetime

import pytest
from django.utils import timezone

from iam.models import AuditEvent, EmailChange, User
from iam.services.email_change import INVALID_LINK, SAME_ADDRESS, TAKEN
from tests.factories import OwnerFactory, PartnerUserFactory
from tests.mail import deliver

from .my_account_helpers import ask_for, email_login, link_in, session_of

pytestmark = pytest.mark.django_db

NEW = "olivia.new@example.test"


def test_the_link_goes_to_the_new_address_and_the_old_one_is_told(world, client, post, smtp):
    owner = world.owner_a
    old = owner.email
    assert email_login(post, old).status_code == 303

    response = ask_for(post, NEW)
    assert response.status_code == 303 and response["Location"] == "/account/"
    page = client.get("/account/").content.decode()
    assert f"We sent a link to {NEW}" in page and "A link to change your email to" in page
    owner.refresh_from_db()
    assert owner.email == old  # nothing changes before the link is followed
    assert smtp.received == []  # the web request only queued it

    deliver()
    [mail] = smtp.to(NEW)
    assert [rcpt for rcpt, _ in smtp.received] == [[NEW]]
    assert mail["Subject"] == "Confirm your new FortiCloud login email"
    assert old in mail.get_content() and NEW in mail.get_content()
    link = link_in(mail)

    confirm_page = client.get(link)  # a mail scanner opening the link changes nothing
    assert (
        confirm_page.status_code == 200
        and "Confirm Your New Email" in confirm_page.content.decode()
    )
    owner.refresh_from_db()
    assert owner.email == old

    done = post(link)
    assert done.status_code == 303 and done["Location"] == "/account/"
    assert f"Your login email is now {NEW}." in client.get("/account/").content.decode()
    owner.refresh_from_db()
    assert owner.email == NEW

    deliver()
    [notice] = smtp.to(old)
    assert notice["Subject"] == "Your FortiCloud login email was changed"
    assert f"from {old}\r\nto {NEW}." in notice.get_content()
    assert len(smtp.received) == 2

    event = AuditEvent.objects.get(action="my_account.email")
    assert event.account == world.account_a and event.actor == owner
    assert event.changes == {"before": {"email": old}, "after": {"email": NEW}}

    # Log in again: the new address works, the old one no longer does.
    post("/logout/")
    _other, other_post = session_of()
    assert email_login(other_post, old).status_code == 200  # the form again
    assert email_login(post, NEW).status_code == 303
    assert client.get("/account/").status_code == 200


def test_the_link_works_once_and_not_after_it_expires(world, admin_a, post, client, smtp):
    ask_for(post, NEW)
    deliver()
    link = link_in(smtp.to(NEW)[0])
    assert post(link).status_code == 303
    again = post(link)
    assert again.status_code == 200 and INVALID_LINK in again.content.decode()

    ask_for(post, "third@example.test")
    deliver()
    late = link_in(smtp.to("third@example.test")[0])
    EmailChange.objects.filter(status="pending").update(expires_at=timezone.now())
    for response in (client.get(late), post(late)):
        assert response.status_code == 200 and INVALID_LINK in response.content.decode()
    world.owner_a.refresh_from_db()
    assert world.owner_a.email == NEW


def test_a_newer_request_replaces_the_older_link(world, admin_a, post, smtp):
    ask_for(post, "first@example.test")
    ask_for(post, "second@example.test")
    deliver()
    first = link_in(smtp.to("first@example.test")[0])
    second = link_in(smtp.to("second@example.test")[0])
    assert INVALID_LINK in post(first).content.decode()
    assert post(second).status_code == 303
    world.owner_a.refresh_from_db()
    assert world.owner_a.email == "second@example.test"


def test_the_link_does_nothing_for_another_login(world, admin_a, post, smtp):
    ask_for(post, NEW)
    deliver()
    link = link_in(smtp.to(NEW)[0])
    _intruder, intruder_post = session_of(world.owner_b)
    response = intruder_post(link)
    assert response.status_code == 200 and INVALID_LINK in response.content.decode()
    assert User.objects.filter(email__in=[NEW]).count() == 0
    assert EmailChange.objects.get().status == "pending"  # still the owner's to follow


def test_an_address_in_use_is_refused_and_nothing_is_sent(world, admin_a, post, smtp):
    for taken in (world.owner_b.email, world.partner_user.email.upper()):
        response = ask_for(post, taken)
        assert response.status_code == 200
        assert TAKEN in response.content.decode()
    response = ask_for(post, world.owner_a.email.upper())
    assert SAME_ADDRESS in response.content.decode()
    deliver()
    assert smtp.received == [] and not EmailChange.objects.exists()


@pytest.mark.parametrize("value", ["", "not-an-email", "a@b", "x" * 250 + "@example.test", "\x00"])
def test_bad_addresses_get_a_form_message_and_change_nothing(world, admin_a, post, value):
    response = ask_for(post, value)
    assert response.status_code == 200
    assert "Please correct the following" in response.content.decode()
    assert not EmailChange.objects.exists()
    world.owner_a.refresh_from_db()
    assert world.owner_a.email.startswith("owner")


def test_links_asked_for_are_limited_to_ten_a_day(world, admin_a, post):
    for number in range(10):
        assert ask_for(post, f"try{number}@example.test").status_code == 303
    response = ask_for(post, "eleventh@example.test")
    assert "You have asked for 10 links in the last 24 hours" in response.content.decode()
    assert EmailChange.objects.count() == 10
    EmailChange.objects.update(created_at=timezone.now() - datetime.timedelta(hours=25))
    assert ask_for(post, "eleventh@example.test").status_code == 303


def test_sub_users_and_partner_users_change_theirs_too(world, client, post, smtp):
    world.partner.account = world.account_b  # the partner's own FortiCloud account
    world.partner.save()
    sub = OwnerFactory(kind=User.Kind.SUB, account=world.account_a)
    loner = PartnerUserFactory()  # of a partner without a FortiCloud account
    people = [world.partner_user, sub, loner]
    for person in people:
        client.force_login(person)
        assert ask_for(post, f"new-{person.pk}@example.test").status_code == 303
    deliver()
    for person in people:
        client.force_login(person)
        assert post(link_in(smtp.to(f"new-{person.pk}@example.test")[0])).status_code == 303
        person.refresh_from_db()
        assert person.email == f"new-{person.pk}@example.test"
    # Each change is in the Audit Log of the person's own account, where there is one.
    audited = AuditEvent.objects.filter(action="my_account.email")
    assert dict(audited.values_list("actor", "account")) == {
        world.partner_user.pk: world.account_b.pk,
        sub.pk: world.account_a.pk,
    }
