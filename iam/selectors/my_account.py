"""My Account's reads: the person's last logins, their email change waiting for its link, and
when they may change their email again."""

import datetime
import re

from django.utils import timezone

from ..models import EmailChange, LoginRecord, MailOptOut, User
from ..services.mail_preferences import opted_out
from ..services.tokens import token_hash

# Seed 003: "A master user can change their email address up to five times in a 24-hour
# period" (here: every person who logs in by email).
CHANGES_PER_DAY = 5
WINDOW = datetime.timedelta(hours=24)

# The logins My Account shows; older ones are deleted as new ones come (iam.services).
LOGINS_KEPT = 10
# The shape of a link's token (iam.services.tokens: URL-safe base64); anything else is no link.
TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{16,64}")


def when_text(moment: datetime.datetime, *, later: bool = True) -> str:
    """A moment as messages show it, to the minute: rounded up for "after" (never too early),
    down for "until" (never too late)."""
    if later and (moment.second or moment.microsecond):
        moment += datetime.timedelta(minutes=1)
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M %Z")


def last_logins(user: User) -> list[LoginRecord]:
    return list(LoginRecord.objects.filter(user=user).order_by("-created_at", "-id")[:LOGINS_KEPT])


def email_change_waiting(user: User) -> EmailChange | None:
    """The request whose link has not been followed yet (at most one: a newer one replaces it)."""
    return (
        EmailChange.objects.filter(
            user=user, status=EmailChange.Status.PENDING, expires_at__gt=timezone.now()
        )
        .order_by("-created_at")
        .first()
    )


def email_change_pending(*, user: User, token: str) -> EmailChange | None:
    """The change of ``user``'s waiting for the link with ``token``, or None for any other link
    (used, expired, replaced, another person's, not a token at all: no hint which)."""
    if not TOKEN_SHAPE.fullmatch(token):
        return None
    return (
        EmailChange.objects.filter(user=user, token_hash=token_hash(token))
        .filter(status=EmailChange.Status.PENDING, expires_at__gt=timezone.now())
        .first()
    )


def next_change_at(user: User, now=None) -> datetime.datetime | None:
    """When ``user`` may change their email again, or None if they may now: after
    CHANGES_PER_DAY changes done within WINDOW, when the oldest of them leaves it."""
    now = now or timezone.now()
    recent = list(
        EmailChange.objects.filter(
            user=user, status=EmailChange.Status.DONE, confirmed_at__gt=now - WINDOW
        )
        .order_by("-confirmed_at")
        .values_list("confirmed_at", flat=True)[:CHANGES_PER_DAY]
    )
    if len(recent) < CHANGES_PER_DAY:
        return None
    return recent[-1] + WINDOW


def my_account_facts(user: User) -> dict:
    """What My Account shows beside its forms."""
    return {
        "logins": last_logins(user),
        "waiting": email_change_waiting(user),
        "next_change_after": when_text(allowed_at) if (allowed_at := next_change_at(user)) else "",
    }


def renewal_notices_wanted(user: User) -> bool:
    """Owners: unless they opted out; IAM users: once they opted in (iam.services)."""
    if user.kind == User.Kind.IAM and not user.renewal_notices:
        return False
    return not opted_out([user.email], MailOptOut.Kind.RENEWAL)
