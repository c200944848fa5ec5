"""Mail about a Partner role's life, to both sides (no anchor sends all of these).

The customer's master user is told when a partner connects or disconnects, when a token is
about to expire unused, and when a time-bound role nears its end or ends: that is who may act
in its account, so it is always sent. The partner's Notification Email is told when the
customer disables, deletes or changes the role's profile, and of a time-bound role's end:
optional mail ("Partner role events"), with its unsubscribe link."""

from django.conf import settings

from ..models import MailOptOut, PartnerRole, User
from .mail import mail_send
from .mail_preferences import opted_out, unsubscribe_headers

TEMPLATE = "iam/mail/role_event.txt"


def _context(role: PartnerRole, event: str, **extra) -> dict:
    base = settings.PORTAL_URL.rstrip("/")
    return {
        "event": event,
        "role": role,
        # On one line each: the subject is the template's first line.
        "name": " ".join(role.name.split()),
        "company": " ".join(role.account.company_name.split()),
        "account_id": role.account_id,
        "partner": " ".join(str(role.partner).split()) if role.partner_id else "",
        "users_url": f"{base}/a/{role.account_id}/iam/users/",
        **extra,
    }


def customer_tell(role: PartnerRole, event: str, **extra) -> None:
    """The account's master user (if any, active) is told of ``event``."""
    owner = User.objects.filter(
        kind=User.Kind.OWNER, account_id=role.account_id, is_active=True
    ).first()
    if owner is not None:
        context = _context(role, event, side="customer", **extra)
        mail_send(to=owner.email, template=TEMPLATE, context=context)


def partner_tell(role: PartnerRole, event: str, email: str = "", **extra) -> None:
    """The role's Notification Email (``email``: the one it had, once the role has none) is
    told of ``event``, unless it asked for no such mail."""
    email = email or role.notification_email
    if not email or opted_out([email], MailOptOut.Kind.LIFECYCLE):
        return
    context = _context(role, event, side="partner", **extra)
    headers = unsubscribe_headers(email, MailOptOut.Kind.LIFECYCLE)
    mail_send(to=email, template=TEMPLATE, context=context, headers=headers)
