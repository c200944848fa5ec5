"""Changing a login email (seed 003: "Master user's can change their email address as long as
the new email address remains unique. A master user can change their email address up to five
times in a 24-hour period."). The limit applies to every person who logs in by email.

A change is asked for with the new address; a link with a random token (only its hash kept,
valid LINK_LIFETIME, single use) goes to that address; following it while logged in as the
same person makes the change, and the old address is told. The person's user row is locked
while a change is asked for or made, so two sessions or processes cannot both make the sixth;
the database's unique constraint on login emails decides a race for one address."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from ..models import EmailChange, User
from ..selectors.my_account import (
    CHANGES_PER_DAY,
    WINDOW,
    email_change_pending,
    next_change_at,
    when_text,
)
from .mail import mail_send
from .my_account import self_audit, user_locked
from .tokens import token_new

# Links asked for per day (each one a mail to an address the person chose).
LINKS_PER_DAY = 10
LINK_LIFETIME = datetime.timedelta(hours=24)

SAME_ADDRESS = "This is already your email address."
TAKEN = "This email address is already used by another FortiCloud login. Choose another one."
INVALID_LINK = (
    "This link is not valid: it was used already, it expired, a newer request replaced it, or "
    "it belongs to another login. Ask for a new link in My Account."
)


def _require_change_allowed(user: User, now) -> None:
    allowed_at = next_change_at(user, now)
    if allowed_at is not None:
        raise ValidationError(
            f"You have changed your email address {CHANGES_PER_DAY} times in the last 24 "
            f"hours. You can change it again after {when_text(allowed_at)}."
        )


def _require_link_allowed(user: User, now) -> None:
    asked = EmailChange.objects.filter(user=user, created_at__gt=now - WINDOW)
    times = list(asked.order_by("-created_at").values_list("created_at", flat=True)[:LINKS_PER_DAY])
    if len(times) >= LINKS_PER_DAY:
        raise ValidationError(
            f"You have asked for {LINKS_PER_DAY} links in the last 24 hours. You can ask for "
            f"another after {when_text(times[-1] + WINDOW)}."
        )


def email_taken(email: str, *, other_than: User) -> bool:
    """Another login's email. An IAM user's email is only where its mail goes: never taken."""
    if other_than.kind not in User.EMAIL_LOGIN_KINDS:
        return False
    return (
        User.objects.filter(kind__in=User.EMAIL_LOGIN_KINDS, email__iexact=email)
        .exclude(pk=other_than.pk)
        .exists()
    )


@transaction.atomic
def email_change_request(*, user: User, new_email: str, link, ip) -> EmailChange:
    """Ask to change ``user``'s email to ``new_email``: a link (``link(token)``: its URL) goes
    to the new address. A newer request replaces an earlier one still waiting."""
    now = timezone.now()
    fresh = user_locked(user)
    new_email = User.objects.normalize_email(new_email.strip())
    if new_email.lower() == fresh.email.lower():
        raise ValidationError(SAME_ADDRESS)
    _require_change_allowed(fresh, now)
    _require_link_allowed(fresh, now)
    if email_taken(new_email, other_than=fresh):
        raise ValidationError(TAKEN)
    mine = EmailChange.objects.filter(user=fresh)
    mine.filter(status=EmailChange.Status.PENDING).update(status=EmailChange.Status.REPLACED)
    # What no limit counts any more and no link opens.
    mine.exclude(status=EmailChange.Status.DONE).filter(created_at__lt=now - WINDOW).delete()
    token, digest = token_new("")
    change = EmailChange.objects.create(
        user=fresh,
        old_email=fresh.email,
        new_email=new_email,
        token_hash=digest,
        ip_address=ip,
        created_at=now,
        expires_at=now + LINK_LIFETIME,
    )
    mail_send(
        to=new_email,
        template="iam/mail/email_change_link.txt",
        sensitive=True,
        context={
            "user": fresh,
            "change": change,
            "link": link(token),
            "until": when_text(change.expires_at, later=False),
        },
    )
    return change


@transaction.atomic
def email_change_confirm(*, user: User, token: str, ip) -> EmailChange:
    """Follow the link: the change is made, unless the limit was reached or someone else took
    the address meanwhile (then nothing changes, and the link stays valid until it expires)."""
    now = timezone.now()
    fresh = user_locked(user)
    change = email_change_pending(user=fresh, token=token)
    if change is None or change.old_email.lower() != fresh.email.lower():
        raise ValidationError(INVALID_LINK)
    _require_change_allowed(fresh, now)
    if email_taken(change.new_email, other_than=fresh):
        raise ValidationError(TAKEN)
    try:
        # Two people confirming one address at once both pass the check above; the unique
        # constraint lets one of them through. The savepoint keeps the transaction usable.
        with transaction.atomic():
            User.objects.filter(pk=fresh.pk).update(email=change.new_email)
    except IntegrityError:
        raise ValidationError(TAKEN) from None
    EmailChange.objects.filter(pk=change.pk).update(
        status=EmailChange.Status.DONE, confirmed_at=now
    )
    fresh.email = change.new_email
    self_audit(
        user=fresh,
        ip=ip,
        action="my_account.email",
        before={"email": change.old_email},
        after={"email": change.new_email},
    )
    if change.old_email:  # an IAM user's first address has no old one to tell
        mail_send(
            to=change.old_email,
            template="iam/mail/email_changed_notice.txt",
            context={"user": fresh, "change": change, "when": when_text(now, later=False)},
        )
    change.status, change.confirmed_at = EmailChange.Status.DONE, now
    return change
