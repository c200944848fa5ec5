"""The daily run's part for Partner roles (called by assets.renewal_notices' daily task):
a token about to expire unused (the customer is told a day before), a time-bound role nearing
its End Date (both sides, 14 and 3 days before) and one past it (disabled, both told). Each
role is locked while it is handled and remembers what it was told (``reminders``), so two
workers, a retry or a cron run beside the worker tell nothing twice."""

import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from ..models import PartnerRole
from .audit import audit_event_write
from .revocation import created_principals_disable
from .role_events import customer_tell, partner_tell

ENDING_REMINDERS = (14, 3)  # days before a role's End Date
BY_END_DATE = "FortiCloud, by the Partner role's End Date"


def partner_role_reminders_run(today: datetime.date | None = None) -> int:
    """Handle every role that needs it today; returns how many were handled."""
    today = today or timezone.localdate()
    now = timezone.now()
    soon = Q(
        status=PartnerRole.Status.PENDING,
        token_hash__isnull=False,
        token_expires_at__gt=now,
        token_expires_at__lte=now + datetime.timedelta(days=1),
    )
    ending = Q(
        status=PartnerRole.Status.ACTIVE,
        ends_on__isnull=False,
        ends_on__lte=today + datetime.timedelta(days=max(ENDING_REMINDERS)),
    )
    handled = 0
    for pk in PartnerRole.objects.filter(soon | ending).values_list("pk", flat=True):
        handled += _role_handle(pk, today, now)
    return handled


@transaction.atomic
def _role_handle(pk: int, today, now) -> int:
    role = PartnerRole.objects.select_for_update(of=("self",)).select_related("account", "partner")
    role = role.filter(pk=pk).first()
    if role is None:
        return 0
    told, ended = dict(role.reminders), False
    if role.status == PartnerRole.Status.PENDING and role.token_valid:
        if told.get("token") != role.token_hash and role.token_expires_at <= now + _DAY:
            customer_tell(role, "token_expiring")
            told["token"] = role.token_hash
    elif role.status == PartnerRole.Status.ACTIVE and role.ends_on is not None:
        if role.ends_on < today:
            _role_end(role)
            ended = True
        else:
            due = [d for d in ENDING_REMINDERS if (role.ends_on - today).days <= d]
            if due and min(due) not in told.get("ending", []):
                customer_tell(role, "ending")
                partner_tell(role, "ending")
                told["ending"] = sorted({*told.get("ending", []), *due})
    if told == role.reminders and not ended:
        return 0
    role.reminders = told
    role.save(update_fields=["reminders", "status"])
    return 1


_DAY = datetime.timedelta(days=1)


def _role_end(role: PartnerRole) -> None:
    """Past its End Date: the role is disabled, as the customer would, and both are told."""
    role.status = PartnerRole.Status.DISABLED
    audit_event_write(
        account=role.account,
        actor=None,
        acting_as=BY_END_DATE,
        ip=None,
        action="partner_role.disable",
        target=role,
        before={"status": "Active"},
        after={"status": "Disabled", "why": f"its End Date {role.ends_on:%Y-%m-%d} passed"},
    )
    created_principals_disable(
        role=role, why=f"Partner role {role.name} ended", actor=None, acting_as=BY_END_DATE, ip=None
    )
    customer_tell(role, "ended")
    partner_tell(role, "ended")
