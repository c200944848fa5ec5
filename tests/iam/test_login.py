from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone

from iam.auth.forms import GENERIC_LOGIN_ERROR
from iam.models import Account, LoginFailure, User
from tests.factories import PASSWORD, IamUserFactory, OwnerFactory, StaffFactory

pytestmark = pytest.mark.django_db


def email_login(post, email, password=PASSWORD, ip="10.0.0.1", **extra):
    return post("/login/", {"email": email, "password": password}, REMOTE_ADDR=ip, **extra)


def iam_login(post, account, username, password=PASSWORD, ip="10.0.0.1"):
    data = {"account": account, "username": username, "password": password}
    return post("/login/iam/", data, REMOTE_ADDR=ip)


def logged_in_user(client):
    return client.session.get("_auth_user_id")


def test_email_login_lands_the_owner_on_the_dashboard_of_their_account(world, client, post):
    response = email_login(post, world.owner_a.email)
    assert response.status_code == 303
    assert response["Location"] == f"/a/{world.account_a.pk}/"
    assert logged_in_user(client) == str(world.owner_a.pk)


def test_email_is_matched_case_insensitively(world, client, post):
    response = email_login(post, world.owner_a.email.upper())
    assert response.status_code == 303


def test_login_rotates_the_session_key(world, client, post):
    session = client.session
    session["before_login"] = True
    session.save()
    client.cookies["sessionid"] = session.session_key
    old_key = session.session_key

    email_login(post, world.owner_a.email)

    assert client.session.session_key != old_key
    assert not Session.objects.filter(session_key=old_key).exists()


@pytest.mark.parametrize("case", ["wrong password", "unknown user", "disabled user", "suspended"])
def test_every_refusal_looks_the_same(world, client, post, case):
    email, password = world.owner_a.email, PASSWORD
    if case == "wrong password":
        password = "not-the-password"
    elif case == "unknown user":
        email = "nobody@example.test"
    elif case == "disabled user":
        User.objects.filter(pk=world.owner_a.pk).update(is_active=False)
    else:
        Account.objects.filter(pk=world.account_a.pk).update(status=Account.Status.SUSPENDED)

    response = email_login(post, email, password)

    assert response.status_code == 200
    assert response.context["error"] == GENERIC_LOGIN_ERROR
    assert logged_in_user(client) is None


def test_iam_login_by_account_id_and_by_alias(world, client, post):
    Account.objects.filter(pk=world.account_a.pk).update(alias="alpha-corp")

    by_id = iam_login(post, str(world.account_a.pk), world.iam_a.username)
    assert by_id.status_code == 303
    assert by_id["Location"] == f"/a/{world.account_a.pk}/"
    client.logout()

    by_alias = iam_login(post, "Alpha-Corp", world.iam_a.username.upper())
    assert by_alias.status_code == 303
    assert logged_in_user(client) == str(world.iam_a.pk)


def test_iam_username_is_scoped_to_its_account(world, client, post):
    twin = IamUserFactory(account=world.account_b, username=world.iam_a.username, password="x" * 16)

    response = iam_login(post, str(world.account_b.pk), twin.username, PASSWORD)
    assert response.context["error"] == GENERIC_LOGIN_ERROR

    response = iam_login(post, str(world.account_b.pk), twin.username, "x" * 16)
    assert logged_in_user(client) == str(twin.pk)


def test_iam_users_and_owners_cannot_use_the_other_login(world, client, post):
    world.iam_a.email = "iam@example.test"
    world.iam_a.save()
    assert email_login(post, "iam@example.test").context["error"] == GENERIC_LOGIN_ERROR
    response = iam_login(post, str(world.account_a.pk), world.owner_a.email)
    assert response.context["error"] == GENERIC_LOGIN_ERROR
    response = iam_login(post, "99999999", world.iam_a.username)
    assert response.context["error"] == GENERIC_LOGIN_ERROR
    assert logged_in_user(client) is None


def test_api_users_never_get_a_browser_session(world, client, post):
    api = User.objects.create_user(
        kind=User.Kind.API, account=world.account_a, username="api-1", password=PASSWORD
    )
    response = iam_login(post, str(world.account_a.pk), api.username)
    assert response.context["error"] == GENERIC_LOGIN_ERROR
    assert logged_in_user(client) is None


def test_login_without_csrf_token_is_refused(world, client):
    response = client.post("/login/", {"email": world.owner_a.email, "password": PASSWORD})
    assert response.status_code == 403
    assert logged_in_user(client) is None


def test_next_is_followed_only_when_it_stays_on_the_site(world, client, post):
    response = post(
        "/login/", {"email": world.owner_a.email, "password": PASSWORD, "next": "/accounts/"}
    )
    assert response["Location"] == "/accounts/"
    client.logout()
    response = post(
        "/login/",
        {"email": world.owner_a.email, "password": PASSWORD, "next": "https://evil.test/"},
    )
    assert response["Location"] == f"/a/{world.account_a.pk}/"


def test_staff_log_in_on_the_portal_page_and_land_in_django_admin(db, client, post):
    staff = StaffFactory()
    assert client.get("/admin/login/?next=/admin/")["Location"] == "/login/?next=/admin/"
    response = email_login(post, staff.email)
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


# Throttling


def fail(post, email, times, ip="10.0.0.1"):
    for _ in range(times):
        email_login(post, email, "wrong-password", ip=ip)


def test_five_failures_lock_the_login_from_that_address(world, client, post):
    fail(post, world.owner_a.email, 5)

    response = email_login(post, world.owner_a.email)  # the right password, too late

    assert response.status_code == 429
    assert "Try again in 15 minutes." in response.content.decode()
    assert logged_in_user(client) is None


def test_a_stranger_failing_from_elsewhere_does_not_lock_the_owner_out(world, client, post):
    fail(post, world.owner_a.email, 10, ip="203.0.113.9")

    response = email_login(post, world.owner_a.email, ip="10.0.0.1")

    assert response.status_code == 303


def test_attempts_while_locked_do_not_extend_the_lock(world, client, post):
    fail(post, world.owner_a.email, 5)
    fail(post, world.owner_a.email, 20)
    assert LoginFailure.objects.count() == 5


def test_the_lock_ends_when_the_window_passes(world, client, post):
    fail(post, world.owner_a.email, 5)
    LoginFailure.objects.update(created_at=timezone.now() - timedelta(minutes=14, seconds=30))
    locked = email_login(post, world.owner_a.email)
    assert "Try again in 1 minute." in locked.content.decode()

    LoginFailure.objects.update(created_at=timezone.now() - timedelta(minutes=16))
    assert email_login(post, world.owner_a.email).status_code == 303


def test_one_address_trying_many_logins_is_throttled(world, client, post):
    # The per-address limit is high (an office NAT, see test_throttle.py), but it exists.
    for n in range(settings.LOGIN_THROTTLE["PER_IP"]):
        email_login(post, f"guess{n}@example.test", "wrong-password", ip="198.51.100.7")
    response = email_login(post, world.owner_a.email, ip="198.51.100.7")
    assert response.status_code == 429
    # Everyone else is unaffected.
    assert email_login(post, world.owner_a.email, ip="10.0.0.1").status_code == 303


def test_one_login_attacked_from_many_addresses_is_throttled(world, client, post):
    # For browsers that never logged in as this login; its known browsers: test_throttle.py.
    for n in range(settings.LOGIN_THROTTLE["PER_USER"]):
        email_login(post, world.owner_a.email, "wrong-password", ip=f"192.0.2.{n}")
    response = email_login(post, world.owner_a.email, ip="10.9.9.9")
    assert response.status_code == 429


def test_iam_login_is_throttled_under_one_name_for_id_and_alias(world, client, post):
    Account.objects.filter(pk=world.account_a.pk).update(alias="alpha-corp")
    for n in range(5):
        account = "alpha-corp" if n % 2 else str(world.account_a.pk)
        iam_login(post, account, world.iam_a.username, "wrong-password")
    response = iam_login(post, str(world.account_a.pk), world.iam_a.username)
    assert response.status_code == 429


def test_success_clears_the_failures_of_that_login_and_address(world, client, post):
    fail(post, world.owner_a.email, 4)
    assert email_login(post, world.owner_a.email).status_code == 303
    client.logout()
    fail(post, world.owner_a.email, 4)
    assert email_login(post, world.owner_a.email).status_code == 303


def test_owner_factory_password_is_hashed_with_the_fast_test_hasher(db):
    # Production uses Argon2 (settings.PASSWORD_HASHERS); the suite uses a fast hasher.
    assert OwnerFactory().password.startswith("md5$")


def test_logging_in_from_the_home_page_shows_the_linked_accounts(world, client, post):
    """Seed 000 step 5: Log In shows the accounts linked to the credentials, offering to
    continue to the last one, rather than dropping the partner into the last customer."""
    world.partner_user.set_password(PASSWORD)
    world.partner_user.last_context = f"a-{world.account_a.pk}"
    world.partner_user.save()
    assert client.get("/")["Location"] == "/login/?next=/"
    data = {"email": world.partner_user.email, "password": PASSWORD, "next": "/"}
    response = post("/login/", data)
    assert response["Location"] == "/accounts/"
    assert "Continue to Alpha Corp" in client.get("/accounts/").content.decode()

    client.logout()
    deep = f"/a/{world.account_a.pk}/assets/?sort=serial"
    response = post("/login/", data | {"next": deep})
    assert response["Location"] == deep  # a deep link still goes where it points
