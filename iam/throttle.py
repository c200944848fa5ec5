"""Login throttling, stored in the database so it works on every worker and on SQLite.

Three limits over a sliding window (settings.LOGIN_THROTTLE): failures for one login from one
address, failures from one address for any login, and failures for one login from anywhere.
Attempts refused by the throttle are not recorded, so a lock always ends WINDOW after the
failures that caused it and cannot be extended by hammering.
"""

import math

from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone

from .models import LoginFailure


def client_ip(request) -> str:
    """The client address; with N trusted proxies, the Nth X-Forwarded-For entry from the right."""
    if settings.NUM_PROXIES:
        forwarded = [ip.strip() for ip in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [ip for ip in forwarded if ip]
        if len(forwarded) >= settings.NUM_PROXIES:
            return forwarded[-settings.NUM_PROXIES]
    return request.META.get("REMOTE_ADDR") or "0.0.0.0"  # noqa: S104


def login_lockout_minutes(login: str, ip: str) -> int | None:
    """Minutes until ``login`` may be tried again from ``ip``, or None when it may be tried now."""
    limits = settings.LOGIN_THROTTLE
    since = timezone.now() - limits["WINDOW"]
    recent = LoginFailure.objects.filter(created_at__gte=since)
    counts = recent.filter(Q(login=login) | Q(ip_address=ip)).aggregate(
        pair=Count("pk", filter=Q(login=login, ip_address=ip)),
        ip=Count("pk", filter=Q(ip_address=ip)),
        login=Count("pk", filter=Q(login=login)),
    )
    rules = [
        (counts["pair"], limits["PER_USER_AND_IP"], Q(login=login, ip_address=ip)),
        (counts["ip"], limits["PER_IP"], Q(ip_address=ip)),
        (counts["login"], limits["PER_USER"], Q(login=login)),
    ]
    unlock_at = None
    for count, limit, condition in rules:
        if count < limit:
            continue
        # The lock lifts when the limit-th most recent failure leaves the window.
        pivot = recent.filter(condition).order_by("-created_at")[limit - 1]
        candidate = pivot.created_at + limits["WINDOW"]
        unlock_at = max(unlock_at, candidate) if unlock_at else candidate
    if unlock_at is None:
        return None
    return max(1, math.ceil((unlock_at - timezone.now()).total_seconds() / 60))


def login_failed(login: str, ip: str) -> None:
    LoginFailure.objects.filter(
        created_at__lt=timezone.now() - settings.LOGIN_THROTTLE["WINDOW"]
    ).delete()
    LoginFailure.objects.create(login=login, ip_address=ip)


def login_succeeded(login: str, ip: str) -> None:
    LoginFailure.objects.filter(login=login, ip_address=ip).delete()
