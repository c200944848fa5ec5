"""Login throttling, stored in the database so it works on every worker and on SQLite.

OWASP's "Slow Down Online Guessing Attacks with Device Cookies", so that a stranger cannot
turn the throttle against a victim:

- A successful login gives the browser a device cookie (forticloud.web.throttle).
- An attempt that presents a valid device cookie for its login is a trusted client: only that
  device's own failures count against it (PER_DEVICE; recorded with ``LoginFailure.device`` =
  the nonce), and the locks below do not apply to it.
- Every other attempt is an untrusted client, limited by untrusted failures only: per
  (address, login), per address (high enough for an office NAT) and per login from anywhere.
  A stranger can lock unknown browsers out of a login, never the browsers its owner already
  logged in with.

Attempts refused by the throttle are not recorded, so a lock always ends WINDOW after the
failures that caused it and cannot be extended by hammering. The token throttle of Connect
Account (partners.services) uses the same functions without a device.
"""

import math
from datetime import datetime

from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone

from ..models import LoginFailure


def _rules(login: str, ip: str, device: str) -> list[tuple[Q, int]]:
    limits = settings.LOGIN_THROTTLE
    if device:
        return [(Q(login=login, device=device), limits["PER_DEVICE"])]
    untrusted = Q(device="")
    return [
        (untrusted & Q(login=login, ip_address=ip), limits["PER_USER_AND_IP"]),
        (untrusted & Q(ip_address=ip), limits["PER_IP"]),
        (untrusted & Q(login=login), limits["PER_USER"]),
    ]


def login_lockout_minutes(login: str, ip: str, device: str = "") -> int | None:
    """Minutes until ``login`` may be tried again from ``ip`` by the client with ``device``
    (a device cookie's nonce, "" for an untrusted client), or None when it may be tried now."""
    window = settings.LOGIN_THROTTLE["WINDOW"]
    recent = LoginFailure.objects.filter(created_at__gte=timezone.now() - window)
    rules = _rules(login, ip, device)
    any_rule = Q()
    for condition, _limit in rules:
        any_rule |= condition
    counts = recent.filter(any_rule).aggregate(
        **{f"rule{n}": Count("pk", filter=condition) for n, (condition, _limit) in enumerate(rules)}
    )
    unlock_at = None
    for n, (condition, limit) in enumerate(rules):
        if counts[f"rule{n}"] < limit:
            continue
        # The lock lifts when the limit-th most recent failure leaves the window.
        pivot = recent.filter(condition).order_by("-created_at")[limit - 1]
        candidate = pivot.created_at + window
        unlock_at = max(unlock_at, candidate) if unlock_at else candidate
    if unlock_at is None:
        return None
    return max(1, math.ceil((unlock_at - timezone.now()).total_seconds() / 60))


def login_failed(login: str, ip: str, device: str = "") -> datetime | None:
    """Record a failure. Returns when the untrusted-client lock of ``login`` lifts if this
    failure began it (it reached PER_USER), else None."""
    limits = settings.LOGIN_THROTTLE
    since = timezone.now() - limits["WINDOW"]
    LoginFailure.objects.filter(created_at__lt=since).delete()
    failure = LoginFailure.objects.create(login=login, ip_address=ip, device=device)
    if device:
        return None
    # Counted up to this failure (refused attempts are never recorded, so only the failure
    # that reaches the limit gets here, bar a burst of concurrent ones; iam.services writes
    # one audit event per lock).
    limit = limits["PER_USER"]
    counted = LoginFailure.objects.filter(
        login=login, device="", created_at__gte=since, pk__lte=failure.pk
    ).order_by("-created_at", "-pk")
    if counted.count() < limit:
        return None
    return counted[limit - 1].created_at + limits["WINDOW"]


def login_succeeded(login: str, ip: str, device: str = "") -> None:
    condition = Q(login=login, ip_address=ip)
    if device:
        condition |= Q(login=login, device=device)
    LoginFailure.objects.filter(condition).delete()
