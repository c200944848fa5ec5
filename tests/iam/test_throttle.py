"""Login throttling that a stranger cannot turn against a victim (OWASP's device cookies).

A browser that logged in as a login before carries a signed device cookie for it: only its own
failures count against it. Everyone else (untrusted clients) is throttled per (address, login),
per address (high, for office NATs) and per login from anywhere. Every test goes through real
HTTP requests, one Django test client per browser.
"""

from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from iam.models import AuditEvent, LoginFailure
from tests.conftest import csrf_token
from tests.factories import PASSWORD, AccountFactory, OwnerFactory

pytestmark = pytest.mark.django_db

DEVICE_COOKIE = "fc_device"
LOCKED = 429


class Browser:
    """One browser: its own cookie jar (session, CSRF token, device cookie)."""

    def __init__(self, device_cookie: str | None = None):
        self.client = Client(enforce_csrf_checks=True)
        if device_cookie is not None:
            self.client.cookies[DEVICE_COOKIE] = device_cookie

    def post(self, url, data=None, **extra):
        data = dict(data or {})
        data.setdefault("csrfmiddlewaretoken", csrf_token(self.client))
        return self.client.post(url, data, **extra)

    def login(self, email, password=PASSWORD, ip="10.0.0.1", **extra):
        data = {"email": email, "password": password}
        return self.post("/login/", data, REMOTE_ADDR=ip, **extra)

    def log_in_and_out(self, email, ip="10.0.0.1"):
        """Log in (which gives the browser its device cookie) and log out like a person would:
        the session ends, the device cookie stays."""
        assert self.login(email, ip=ip).status_code == 303
        assert self.post("/logout/").status_code == 303

    @property
    def device_cookie(self) -> str:
        return self.client.cookies[DEVICE_COOKIE].value


def limit(name):
    return settings.LOGIN_THROTTLE[name]


def stranger_fails_from_many_addresses(email, addresses=10, per_address=5):
    """An attacker, who never logged in as ``email``, guesses from several addresses."""
    stranger = Browser()
    for a in range(addresses):
        for _ in range(per_address):
            stranger.login(email, "wrong-password", ip=f"192.0.2.{a + 1}")


def test_the_limits_leave_room_for_an_office_nat_and_stay_low_per_login():
    assert limit("PER_IP") >= 300
    assert limit("PER_USER_AND_IP") <= 5
    assert limit("PER_DEVICE") <= 5
    assert limit("PER_USER") <= 20


def test_a_successful_login_gives_the_browser_a_signed_long_lived_device_cookie(world):
    browser = Browser()
    response = browser.login(
        world.owner_a.email, secure=True, HTTP_REFERER="https://testserver/login/"
    )
    assert response.status_code == 303
    cookie = response.cookies[DEVICE_COOKIE]
    assert cookie["httponly"] and cookie["secure"] and cookie["samesite"] == "Lax"
    assert int(cookie["max-age"]) >= 365 * 24 * 3600
    # The login is bound through a hash: the cookie does not name the user.
    assert world.owner_a.email not in cookie.value
    assert "owner" not in cookie.value

    plain = Browser().login(world.owner_a.email)
    assert plain.cookies[DEVICE_COOKIE]["secure"] == ""  # Secure only when the request is


def test_a_failed_login_gives_no_device_cookie(world):
    response = Browser().login(world.owner_a.email, "wrong-password")
    assert DEVICE_COOKIE not in response.cookies


def test_strangers_failing_from_ten_addresses_do_not_stop_the_victims_known_browser(world):
    victim = Browser()
    victim.log_in_and_out(world.owner_a.email, ip="10.0.0.1")

    stranger_fails_from_many_addresses(world.owner_a.email)

    # The victim's own browser, from home or from a new address, with the right password.
    assert victim.login(world.owner_a.email, ip="10.0.0.1").status_code == 303
    victim.post("/logout/")
    assert victim.login(world.owner_a.email, ip="172.16.5.5").status_code == 303
    # An unknown browser is locked, wherever it comes from, even with the right password.
    unknown = Browser().login(world.owner_a.email, ip="172.16.9.9")
    assert unknown.status_code == LOCKED
    assert "Too many failed login attempts. Try again in 15 minutes." in unknown.content.decode()
    # Only the failures that reached the locks were counted: 5 per address, 20 in all.
    assert LoginFailure.objects.filter(login=f"email:{world.owner_a.email}").count() == limit(
        "PER_USER"
    )


def test_the_victims_known_browser_may_also_mistype(world):
    victim = Browser()
    victim.log_in_and_out(world.owner_a.email)
    stranger_fails_from_many_addresses(world.owner_a.email)

    for _ in range(limit("PER_DEVICE") - 1):
        assert victim.login(world.owner_a.email, "typo").status_code == 200
    assert victim.login(world.owner_a.email).status_code == 303


def test_an_office_nat_full_of_failures_still_lets_colleagues_in(world):
    nat = "198.51.100.7"
    colleague = Browser()
    colleague.log_in_and_out(world.owner_a.email, ip=nat)
    # 35 failures from the office address, over seven logins, from browsers never logged in.
    others = Browser()
    for n in range(7):
        for _ in range(5):
            others.login(f"typo{n}@example.test", "wrong-password", ip=nat)
    assert LoginFailure.objects.filter(ip_address=nat).count() == 35

    # The colleague who logged in before, and a colleague logging in for the first time here.
    assert colleague.login(world.owner_a.email, ip=nat).status_code == 303
    assert Browser().login(world.owner_b.email, ip=nat).status_code == 303

    # Up to the per-address limit, then unknown browsers behind the NAT wait.
    for n in range(limit("PER_IP") - 35):
        others.login(f"guess{n}@example.test", "wrong-password", ip=nat)
    assert Browser().login(world.stranger.email, ip=nat).status_code == LOCKED
    # Known browsers are not affected.
    colleague.post("/logout/")
    assert colleague.login(world.owner_a.email, ip=nat).status_code == 303
    # Elsewhere, nothing changed.
    assert Browser().login(world.stranger.email, ip="10.0.0.1").status_code == 303


def test_a_device_that_fails_five_times_is_locked_while_the_victims_other_browser_is_not(world):
    laptop, phone = Browser(), Browser()
    laptop.log_in_and_out(world.owner_a.email, ip="10.0.0.1")
    phone.log_in_and_out(world.owner_a.email, ip="10.0.0.2")

    for _ in range(limit("PER_DEVICE")):
        assert laptop.login(world.owner_a.email, "wrong-password").status_code == 200
    locked = laptop.login(world.owner_a.email)
    assert locked.status_code == LOCKED
    assert "Try again in 15 minutes." in locked.content.decode()

    # Its failures were recorded against the device, not against the login or the address.
    failures = LoginFailure.objects.all()
    assert len(failures) == limit("PER_DEVICE")
    assert all(f.device and f.device == failures[0].device for f in failures)
    assert phone.login(world.owner_a.email, ip="10.0.0.2").status_code == 303
    assert Browser().login(world.owner_a.email, ip="10.0.0.1").status_code == 303


def test_a_tampered_forged_or_foreign_device_cookie_is_untrusted(world):
    victim = Browser()
    victim.log_in_and_out(world.owner_a.email)
    attacker = Browser()
    attacker.log_in_and_out(world.stranger.email)  # a valid cookie, for another login
    stranger_fails_from_many_addresses(world.owner_a.email)

    good = victim.device_cookie
    tampered = good[:-3] + ("AAA" if good[-3:] != "AAA" else "BBB")
    value, _, signature = good.rpartition(":")
    for cookie in [tampered, f"{value[::-1]}:{signature}", "garbage", attacker.device_cookie]:
        response = Browser(cookie).login(world.owner_a.email, ip="10.0.0.3")
        assert response.status_code == LOCKED, cookie

    assert Browser(good).login(world.owner_a.email, ip="10.0.0.3").status_code == 303


def test_a_browser_is_trusted_for_its_five_most_recent_logins(db):
    owners = [OwnerFactory(account=AccountFactory()) for _ in range(6)]
    shared = Browser()
    for owner in owners:
        shared.log_in_and_out(owner.email)
    for owner in owners[:2]:
        stranger_fails_from_many_addresses(owner.email)

    assert shared.login(owners[0].email).status_code == LOCKED  # the oldest was dropped
    assert shared.login(owners[1].email).status_code == 303


def test_the_lock_appears_once_in_the_owners_audit_log(world):
    stranger_fails_from_many_addresses(world.owner_a.email, addresses=12)

    owner = Client()
    owner.force_login(world.owner_a)
    page = owner.get(f"/a/{world.account_a.pk}/iam/audit-log/?action=login.locked")
    assert page.status_code == 200
    assert '<option value="login.locked"' in page.content.decode()
    events = list(page.context["page"])
    assert len(events) == 1
    event = events[0]
    assert event.target_id == str(world.owner_a.pk)
    after = event.changes["after"]
    assert "not logged in" in after["locked"]  # unknown browsers, not the owner's own
    assert after["last failure from"] == "192.0.2.4" == event.ip_address
    assert after["until"]
    html = page.content.decode()
    assert "192.0.2.4" in html and "login.locked" in html
    # Nothing in the other accounts.
    assert not AuditEvent.objects.exclude(account=world.account_a).exists()


def test_a_lock_of_a_login_without_an_account_writes_no_event(world):
    stranger_fails_from_many_addresses("nobody@example.test")
    stranger_fails_from_many_addresses(world.partner_user.email)
    assert not AuditEvent.objects.exists()


def test_refused_attempts_do_not_extend_the_lock(world):
    stranger_fails_from_many_addresses(world.owner_a.email)
    stranger_fails_from_many_addresses(world.owner_a.email, addresses=30, per_address=1)
    assert LoginFailure.objects.count() == limit("PER_USER")

    LoginFailure.objects.update(created_at=timezone.now() - timedelta(minutes=14, seconds=30))
    stranger_fails_from_many_addresses(world.owner_a.email)  # refused, not counted
    locked = Browser().login(world.owner_a.email, ip="10.0.0.9")
    assert "Try again in 1 minute." in locked.content.decode()

    LoginFailure.objects.update(created_at=timezone.now() - timedelta(minutes=16))
    assert Browser().login(world.owner_a.email, ip="10.0.0.9").status_code == 303
    assert AuditEvent.objects.filter(action="login.locked").count() == 1


def test_a_locked_device_is_not_extended_by_trying_again(world):
    laptop = Browser()
    laptop.log_in_and_out(world.owner_a.email)
    for _ in range(limit("PER_DEVICE") + 10):
        laptop.login(world.owner_a.email, "wrong-password")
    assert LoginFailure.objects.count() == limit("PER_DEVICE")
    LoginFailure.objects.update(created_at=timezone.now() - timedelta(minutes=16))
    assert laptop.login(world.owner_a.email).status_code == 303


def test_iam_login_is_trusted_under_one_name_for_id_and_alias(world):
    world.account_a.alias = "alpha-corp"
    world.account_a.save()
    browser = Browser()

    def iam_login(account, password=PASSWORD, ip="10.0.0.1", client=browser):
        data = {"account": account, "username": world.iam_a.username, "password": password}
        return client.post("/login/iam/", data, REMOTE_ADDR=ip)

    assert iam_login("alpha-corp").status_code == 303
    browser.post("/logout/")
    for n in range(limit("PER_USER")):
        iam_login(
            str(world.account_a.pk), "wrong-password", ip=f"192.0.2.{n + 1}", client=Browser()
        )
    assert iam_login(str(world.account_a.pk), client=Browser()).status_code == LOCKED
    assert iam_login(str(world.account_a.pk)).status_code == 303
    assert AuditEvent.objects.get(action="login.locked").target_id == str(world.iam_a.pk)
