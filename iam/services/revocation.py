"""Revocation is complete: what a partner created through its Partner role is disabled with
the role (iam.services.partner_roles, partners.services, iam.services.role_schedule)."""

from ..models import PartnerRole, User
from .audit import audit_event_write
from .common import sessions_end


def created_principals(role: PartnerRole):
    """The principals a partner created through ``role`` (revoked with it)."""
    return User.objects.filter(created_through_role=role).order_by("username")


def created_principals_disable(*, role: PartnerRole, why: str, actor, acting_as: str, ip) -> int:
    """Revocation is complete: disable what the partner created through the role and end its
    sessions. Called when the role is disabled or deleted, when the partner disconnects and
    when the partner leaves the program. Re-enabling the role does not bring them back."""
    users = list(created_principals(role).filter(is_active=True))
    rows = User.objects.filter(pk__in=[user.pk for user in users])
    rows.update(is_active=False)
    sessions_end(rows)
    for user in users:
        audit_event_write(
            account=role.account,
            actor=actor,
            acting_as=acting_as,
            ip=ip,
            action="iam_user.disable",
            target=user,
            before={"status": "Active"},
            after={"status": "Disabled", "why": why},
        )
    return len(users)
