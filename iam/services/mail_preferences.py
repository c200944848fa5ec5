"""Which optional mail an address gets: the one-click unsubscribe link (RFC 8058) in every
optional mail, and My Account > Notifications. Security mail (an email change, a password
link) is always sent."""

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from ..models import MailOptOut, User

SALT = "iam.mail.unsubscribe"


def unsubscribe_token(email: str, kind: str) -> str:
    """A signed, not secret, token naming the address and the kind of mail."""
    return signing.dumps({"e": email.lower(), "k": kind}, salt=SALT, compress=True)


def unsubscribe_read(token: str) -> tuple[str, str] | None:
    try:
        data = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("k") not in MailOptOut.Kind.values:
        return None
    email = data.get("e")
    return (email, data["k"]) if isinstance(email, str) and "@" in email else None


def unsubscribe_url(email: str, kind: str) -> str:
    path = reverse("mail_unsubscribe", args=[unsubscribe_token(email, kind)])
    return settings.PORTAL_URL.rstrip("/") + path


def unsubscribe_headers(email: str, kind: str) -> dict:
    """The headers of an optional mail: one-click unsubscribe, as mail clients offer it."""
    return {
        "List-Unsubscribe": f"<{unsubscribe_url(email, kind)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def opted_out(emails, kind: str) -> set[str]:
    """Of ``emails``, the (lowercased) addresses that want no mail of ``kind``. One query."""
    lowered = {email.lower() for email in emails}
    rows = MailOptOut.objects.filter(kind=kind, email__in=lowered)
    return {email.lower() for email in rows.values_list("email", flat=True)}


def mail_opt_set(*, email: str, kind: str, wanted: bool) -> None:
    email = email.lower()
    if wanted:
        MailOptOut.objects.filter(email=email, kind=kind).delete()
        return
    try:
        with transaction.atomic():
            MailOptOut.objects.get_or_create(email=email, kind=kind)
    except IntegrityError:  # the same opt-out at the same moment: it is there
        pass


def renewal_notices_set(*, user, wanted: bool) -> None:
    """My Account > Notifications. Owners get renewal notices unless they opt out; IAM users
    only once they opt in, at the email they confirmed."""
    if user.kind == User.Kind.IAM:
        if wanted and not user.email:
            raise ValidationError("Set your email first: renewal notices go there.")
        User.objects.filter(pk=user.pk).update(renewal_notices=wanted)
    if user.email:
        mail_opt_set(email=user.email, kind=MailOptOut.Kind.RENEWAL, wanted=wanted)
