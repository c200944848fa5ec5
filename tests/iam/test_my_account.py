"""Profile menu > My Account: who gets it, the name, the password (other sessions end), the last
logins. The email change is in test_my_account_email.py and test_my_account_limits.py."""

import pytest
from django.contrib.sessions.models import Session
from django.test import Client

from iam.models import AuditEvent, LoginRecord, User
from iam.services.my_account import LOGINS_KEPT, WRONG_CURRENT
from tests.factories import PASSWORD, IamUserFactory, OwnerFactory, StaffFactory

from .my_account_helpers import email_login

pytestmark = pytest.mark.django_db

URLS = [
    "/account/",
    "/account/name/",
    "/account/email/",
    "/account/password/",
    "/account/email/confirm/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/",
]
NEW_PASSWORD = "a-new-Password-for-2025"


def test_anonymous_visitors_are_sent_to_log_in(db, client, post):
    for url in URLS:
        assert client.get(url)["Location"] == f"/login/?next={url}"
        assert post(url)["Location"] == f"/login/?next={url}"


def test_people_who_log_in_by_email_get_it_in_the_profile_menu(world, client):
    sub = OwnerFactory(kind=User.Kind.SUB, account=world.account_a)
    for person in (world.owner_a, world.partner_user, StaffFactory(), sub):
        client.force_login(person)
        page = client.get("/accounts/").content.decode()
        assert '<a href="/account/">My Account</a>' in page
        response = client.get("/account/")
        assert response.status_code == 200
        assert person.email in response.content.decode()


def test_idp_people_have_no_such_page(world, client, post):
    person = IamUserFactory(account=world.account_a, kind=User.Kind.EXTERNAL)
    client.force_login(person)
    assert "My Account" not in client.get(f"/a/{world.account_a.pk}/").content.decode()
    for url in URLS:
        assert client.get(url).status_code == 404
        assert post(url, {"full_name": "X", "email": "x@example.test"}).status_code == 404
    person.refresh_from_db()
    assert person.full_name != "X"


def test_iam_users_have_it_with_their_email_for_mail_only(world, client, post):
    person = IamUserFactory(account=world.account_a, username="ian")
    client.force_login(person)
    page = client.get("/account/").content.decode()
    assert f"IAM Login: Account ID {world.account_a.pk}, username ian" in page
    assert "None yet" in page  # no email until they set one
    # Any address will do (it is no login), through the same link.
    assert post("/account/email/", {"email": world.owner_a.email}).status_code == 303


def test_api_users_never_have_a_session_to_open_it(world, client):
    api = IamUserFactory(account=world.account_a, kind=User.Kind.API)
    client.force_login(api)
    assert client.get("/account/")["Location"] == "/login/?next=/account/"


def test_changes_need_post_and_the_csrf_token(world, admin_a, client):
    assert client.get("/account/name/").status_code == 405
    assert client.post("/account/name/", {"full_name": "Mallory"}).status_code == 403
    world.owner_a.refresh_from_db()
    assert world.owner_a.full_name != "Mallory"


def test_the_name_is_saved_and_audited(world, admin_a, client, post):
    response = post("/account/name/", {"full_name": "  Olivia Owner  "})
    assert response.status_code == 303
    assert "Your name was saved." in client.get("/account/").content.decode()
    world.owner_a.refresh_from_db()
    assert world.owner_a.full_name == "Olivia Owner"
    event = AuditEvent.objects.get(action="my_account.name")
    assert event.account == world.account_a and event.changes["after"] == {"name": "Olivia Owner"}


@pytest.mark.parametrize("value", ["", "   ", "x" * 151, "a\x00b"])
def test_a_bad_name_gets_a_form_message_and_changes_nothing(world, admin_a, post, value):
    before = world.owner_a.full_name
    response = post("/account/name/", {"full_name": value})
    assert response.status_code == 200
    assert "Please correct the following" in response.content.decode()
    world.owner_a.refresh_from_db()
    assert world.owner_a.full_name == before
    assert not AuditEvent.objects.exists()


def _change_password(post, current=PASSWORD, new=NEW_PASSWORD, confirm=None):
    data = {
        "current_password": current,
        "new_password": new,
        "new_password_confirm": new if confirm is None else confirm,
    }
    return post("/account/password/", data, REMOTE_ADDR="10.0.0.7")


def test_a_password_change_ends_every_other_session_and_keeps_this_one(world, client, post):
    owner = world.owner_a
    assert email_login(post, owner.email).status_code == 303
    laptop = Client()
    laptop.force_login(owner)
    assert laptop.get("/account/").status_code == 200

    response = _change_password(post)
    assert response.status_code == 303
    page = client.get("/account/")  # this session stays
    assert page.status_code == 200 and "Your other sessions have ended." in page.content.decode()
    assert laptop.get("/account/")["Location"] == "/login/?next=/account/"  # the other ended

    owner.refresh_from_db()
    assert owner.check_password(NEW_PASSWORD) and owner.session_epoch == 1
    event = AuditEvent.objects.get(action="my_account.password")
    assert event.actor == owner and event.ip_address == "10.0.0.7"
    assert PASSWORD not in str(event.changes) and NEW_PASSWORD not in str(event.changes)

    post("/logout/")
    assert email_login(post, owner.email).status_code == 200  # the old one: refused
    assert email_login(post, owner.email, NEW_PASSWORD).status_code == 303


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"current": "wrong-password"}, WRONG_CURRENT),
        ({"confirm": "another-Password-2025"}, "The two new passwords do not match."),
        ({"new": "short"}, "This password is too short."),
        ({"new": "123456789012345"}, "This password is entirely numeric."),
        ({"current": ""}, "This field is required."),
        ({"new": "x" * 5000}, "Ensure this value has at most 4096 characters"),
    ],
)
def test_a_refused_password_change_says_why_and_changes_nothing(
    world, admin_a, client, post, fields, message
):
    response = _change_password(post, **fields)
    assert response.status_code == 200
    assert message in response.content.decode()
    world.owner_a.refresh_from_db()
    assert world.owner_a.check_password(PASSWORD) and world.owner_a.session_epoch == 0
    assert not AuditEvent.objects.exists()


def test_wrong_current_passwords_are_throttled(world, admin_a, client, post):
    for _attempt in range(5):
        assert WRONG_CURRENT in _change_password(post, current="wrong").content.decode()
    refused = _change_password(post)  # the right one, too late
    assert "Too many wrong passwords. Try again in 15 minutes." in refused.content.decode()
    world.owner_a.refresh_from_db()
    assert world.owner_a.check_password(PASSWORD)
    assert Session.objects.count() == 1  # nobody was logged out


def test_the_last_ten_logins_with_time_address_and_method(world, client, post):
    owner = world.owner_a
    for number in range(LOGINS_KEPT + 2):
        post("/logout/")
        assert email_login(post, owner.email, ip=f"10.0.1.{number}").status_code == 303
    assert LoginRecord.objects.filter(user=owner).count() == LOGINS_KEPT  # bounded

    page = client.get("/account/").content.decode()
    assert "Last Logins" in page and page.count("Email Login</td>") == LOGINS_KEPT
    assert "10.0.1.11" in page and "10.0.1.2<" in page and "10.0.1.1<" not in page
    newest = LoginRecord.objects.filter(user=owner).first()
    assert newest.ip_address == "10.0.1.11" and newest.method == "email"
    # A failed login is no login.
    post("/logout/")
    email_login(post, owner.email, "wrong-password", ip="10.9.9.9")
    assert not LoginRecord.objects.filter(ip_address="10.9.9.9").exists()
