"""Logging in: credentials checked under the throttle, and the audit event of a lock."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import authenticate
from django.utils import timezone

from forticloud.web.client import client_ip
from forticloud.web.throttle import device_of

from ..models import AuditEvent, User
from ..services.audit import audit_event_write
from .forms import GENERIC_LOGIN_ERROR
from .throttle import login_failed, login_lockout_minutes, login_succeeded


@dataclass
class LoginResult:
    user: User | None
    error: str = ""
    throttled: bool = False


def login_attempt(request, *, login: str, **credentials) -> LoginResult:
    """Check credentials under the throttle. ``login`` names the identity for the throttle.

    A browser whose device cookie names ``login`` (it logged in as it before) is limited by
    its own failures only; other browsers by the untrusted-client limits (iam.throttle).
    Wrong password, unknown user and disabled user all give the same error.
    """
    ip = client_ip(request)
    device = device_of(request, login)
    minutes = login_lockout_minutes(login, ip, device)
    if minutes is not None:
        unit = "minute" if minutes == 1 else "minutes"
        return LoginResult(
            None,
            f"Too many failed login attempts. Try again in {minutes} {unit}.",
            throttled=True,
        )
    user = authenticate(request, **credentials)
    if user is None:
        locked_until = login_failed(login, ip, device)
        if locked_until is not None:
            login_lock_audit(credentials, ip=ip, until=locked_until)
        return LoginResult(None, GENERIC_LOGIN_ERROR)
    login_succeeded(login, ip, device)
    return LoginResult(user)


LOGIN_LOCKED = "login.locked"


def login_lock_audit(credentials: dict, *, ip: str, until) -> None:
    """Tell the owner: unknown browsers are now locked out of a login of their account. One
    event per lock, none per refused attempt; nothing for a login with no account."""
    if "account" in credentials:  # IAM login; an unknown account is None
        if credentials["account"] is None:
            return
        users = User.objects.filter(
            kind=User.Kind.IAM,
            account=credentials["account"],
            username__iexact=credentials.get("username") or "",
        )
    else:
        users = User.objects.filter(
            kind__in=User.EMAIL_LOGIN_KINDS, email__iexact=credentials.get("email") or ""
        )
    user = users.filter(account__isnull=False).select_related("account").first()
    if user is None:
        return
    limits = settings.LOGIN_THROTTLE
    minutes = int(limits["WINDOW"].total_seconds() // 60)
    # A lock renewed by the next failure after one ages out is the same attack: one event
    # per window at most.
    if AuditEvent.objects.filter(
        account_id=user.account_id,
        action=LOGIN_LOCKED,
        target_id=str(user.pk),
        created_at__gte=timezone.now() - limits["WINDOW"],
    ).exists():
        return
    audit_event_write(
        account=user.account,
        actor=None,
        acting_as="Login throttle",
        ip=ip,
        action=LOGIN_LOCKED,
        target=user,
        after={
            "locked": "browsers that have not logged in as this user before (browsers that "
            "have stay unlocked)",
            "failures": f"{limits['PER_USER']} wrong passwords in {minutes} minutes",
            "last failure from": ip,
            "until": timezone.localtime(until).strftime("%Y-%m-%d %H:%M:%S %Z"),
        },
    )
