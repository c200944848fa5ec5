"""The partner side of Partner roles: Connect Account with a token, Notification Email,
Disconnect, and what happens to the roles when a partner leaves the program."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from iam.auth.throttle import login_failed, login_lockout_minutes
from iam.models import LegacyPartnerConnection, PartnerRole, PermissionProfile, User
from iam.services.audit import audit_event_write
from iam.services.revocation import created_principals_disable
from iam.services.role_events import customer_tell
from iam.services.tokens import token_hash

from .models import Partner

UNKNOWN_INVITATION = (
    "This token is not valid. It may have been mistyped, used already or regenerated: "
    "check it, or ask the customer for a new one."
)
EXPIRED_INVITATION = "This token has expired: ask the customer to regenerate it."
# A token that connected its role already: a double click, a reload or the losers of a race.
# Not counted as a wrong token, so one Accept pressed many times never locks the partner out.
JUST_USED = "This token has just been used."
DISABLED_ROLE = "The customer has disabled this Partner role: ask them to enable it first."
ALREADY_CONNECTED = "Your company is already connected to this account."
TAKEN_ROLE = "This Partner role is already connected to a partner."
INACTIVE_PARTNER = "Your partner account is not active, so it cannot connect accounts."


ENDED_ROLE = "This Partner role's End Date has passed. Ask the customer for a later one."


def _acting_as(user: User) -> str:
    return f"Partner user of {user.partner}"


def _audit(*, user, ip, role, action, before=None, after=None):
    audit_event_write(
        account=role.account,
        actor=user,
        acting_as=_acting_as(user),
        ip=ip,
        action=action,
        target=role,
        before=before,
        after=after,
    )


def _token_throttle_key(user: User) -> str:
    return f"token:{user.partner_id}"


def connection_preview(*, user: User, token: str, ip: str) -> PartnerRole:
    """The pending role a token names, or a ValidationError that says why not.

    Unknown tokens count towards a throttle per partner and address, like failed logins. A
    token that already connected its role is not unknown: it is "just used", and not counted
    (a double click or a lost race must not lock the partner's company out)."""
    if user.partner.status != Partner.Status.ACTIVE:
        raise ValidationError(INACTIVE_PARTNER)
    minutes = login_lockout_minutes(_token_throttle_key(user), ip)
    if minutes is not None:
        raise ValidationError(f"Too many invalid tokens. Try again in {minutes} minutes.")
    hashed = token_hash(token) if token.strip() else None
    role = (
        PartnerRole.objects.select_related("account", "permission_profile", "scope_folder")
        .filter(token_hash=hashed)
        .first()
        if hashed
        else None
    )
    if role is None:
        if hashed and PartnerRole.objects.filter(used_token_hash=hashed).exists():
            raise ValidationError(JUST_USED)
        login_failed(_token_throttle_key(user), ip)
        raise ValidationError(UNKNOWN_INVITATION)
    if role.partner_id is not None:
        raise ValidationError(
            ALREADY_CONNECTED if role.partner_id == user.partner_id else TAKEN_ROLE
        )
    if role.status == PartnerRole.Status.DISABLED:
        raise ValidationError(DISABLED_ROLE)
    if not role.token_valid:
        raise ValidationError(EXPIRED_INVITATION)
    if role.ends_on is not None and role.ends_on < timezone.localdate():
        raise ValidationError(ENDED_ROLE)
    return role


def connection_accept(*, user: User, token: str, notification_email: str, ip: str) -> PartnerRole:
    """Connect the partner to the customer's role. Exactly one of any number of concurrent
    attempts wins: the UPDATE matches only a pending role still holding this unexpired token,
    and the database row count decides (no row locks needed, so SQLite behaves too). The
    same UPDATE keeps the token's hash as ``used_token_hash``; the losers are told the token
    was just used and are not counted as wrong tokens."""
    role = connection_preview(user=user, token=token, ip=ip)
    hashed = token_hash(token)
    now = timezone.now()
    with transaction.atomic():
        connected = PartnerRole.objects.filter(
            pk=role.pk,
            token_hash=hashed,
            token_expires_at__gt=now,
            status=PartnerRole.Status.PENDING,
            partner__isnull=True,
        ).update(
            partner=user.partner,
            status=PartnerRole.Status.ACTIVE,
            connected_at=now,
            notification_email=notification_email,
            token_hash=None,
            token_expires_at=None,
            used_token_hash=hashed,
            token_used_at=now,
        )
        if connected != 1:
            raise ValidationError(JUST_USED)
        role.refresh_from_db()
        _audit(
            user=user,
            ip=ip,
            role=role,
            action="partner_role.connect",
            after={"partner": str(user.partner), "notification_email": notification_email},
        )
        customer_tell(role, "connected")
    return role


def _own_role(user: User, role_id: int) -> PartnerRole | None:
    return (
        PartnerRole.objects.select_related("account", "permission_profile", "scope_folder")
        .filter(pk=role_id, partner_id=user.partner_id)
        .first()
    )


def _live_role(user: User, role: PartnerRole) -> PartnerRole:
    """The partner's own active role, fetched again and locked inside the transaction. A role
    the customer disabled is no longer the partner's to change (404 for the view)."""
    live = (
        PartnerRole.objects.select_for_update(of=("self",))
        .select_related("account")
        .filter(pk=role.pk, partner_id=user.partner_id, status=PartnerRole.Status.ACTIVE)
        .first()
    )
    if live is None:
        raise PermissionDenied("No such Partner role.")
    return live


@transaction.atomic
def notification_email_set(*, user: User, role: PartnerRole, email: str, ip: str) -> None:
    role = _live_role(user, role)
    before = role.notification_email
    PartnerRole.objects.filter(pk=role.pk).update(notification_email=email)
    _audit(
        user=user,
        ip=ip,
        role=role,
        action="partner_role.notification_email",
        before={"notification_email": before},
        after={"notification_email": email},
    )


@transaction.atomic
def connection_disconnect(*, user: User, role: PartnerRole, ip: str) -> None:
    """The connection ends and its notification email goes; the customer's role stays,
    pending, and needs a new token to connect again. What the partner created through the
    role is disabled with the connection."""
    role = _live_role(user, role)
    PartnerRole.objects.filter(pk=role.pk).update(
        partner=None,
        status=PartnerRole.Status.PENDING,
        connected_at=None,
        notification_email="",
        token_hash=None,
        token_expires_at=None,
    )
    _audit(
        user=user,
        ip=ip,
        role=role,
        action="partner_role.disconnect",
        before={"partner": str(user.partner), "notification_email": role.notification_email},
        after={"partner": "", "notification_email": ""},
    )
    customer_tell(role, "disconnected")
    created_principals_disable(
        role=role,
        why=f"{user.partner} disconnected from the Partner role {role.name}",
        actor=user,
        acting_as=_acting_as(user),
        ip=ip,
    )


@transaction.atomic
def partner_status_set(*, partner: Partner, status: str, actor: User, ip=None) -> int:
    """Staff change a partner's status. Leaving the program (inactive, terminated) disables
    every role connected to it at once; each customer may then connect another partner.
    Returns how many roles were disabled."""
    before = Partner.objects.get(pk=partner.pk).status
    partner.status = status
    partner.save(update_fields=["status"])
    if status == Partner.Status.ACTIVE or before == status:
        return 0
    roles = list(
        PartnerRole.objects.select_related("account").filter(
            partner=partner, status=PartnerRole.Status.ACTIVE
        )
    )
    PartnerRole.objects.filter(pk__in=[r.pk for r in roles]).update(
        status=PartnerRole.Status.DISABLED
    )
    for role in roles:
        audit_event_write(
            account=role.account,
            actor=actor,
            acting_as="Fortinet staff",
            ip=ip,
            action="partner_role.partner_status",
            target=role,
            before={"partner status": before, "status": "Active"},
            after={"partner status": status, "status": "Disabled"},
        )
        created_principals_disable(
            role=role,
            why=f"{partner} is {Partner.Status(status).label.lower()}",
            actor=actor,
            acting_as="Fortinet staff",
            ip=ip,
        )
    return len(roles)


def legacy_connections_migrate(*, dry_run: bool = False) -> list[tuple[str, str]]:
    """Turn live legacy connections made through a master user or a full-access sub user into
    Partner roles with the SysAdmin profile, connected to the same partner (seed 000 FAQ).
    Limited-access ones are left, as in the seed. Idempotent: a migrated connection is marked
    disconnected and is not seen again. Returns (connection, outcome) lines to print."""
    sysadmin = PermissionProfile.objects.get(builtin=PermissionProfile.Builtin.SYSADMIN)
    report = []
    connections = LegacyPartnerConnection.objects.select_related("account", "partner").filter(
        connected=True
    )
    for connection in connections.order_by("account_id", "pk"):
        label = f"{connection.account} ← {connection.partner} ({connection.get_access_display()})"
        if connection.access == LegacyPartnerConnection.Access.LIMITED:
            report.append((label, "skipped: limited access, the partner must disconnect it"))
            continue
        if connection.partner.status != Partner.Status.ACTIVE:
            report.append((label, "skipped: the partner is not active"))
            continue
        if PartnerRole.objects.filter(account=connection.account).exists():
            report.append((label, "skipped: the account already has a Partner role"))
            continue
        if dry_run:
            report.append((label, "would migrate to a Partner role (SysAdmin)"))
            continue
        with transaction.atomic():
            role = PartnerRole.objects.create(
                account=connection.account,
                partner=connection.partner,
                name=f"{connection.partner.company_name} (migrated)",
                description="Migrated from a legacy partner connection",
                permission_profile=sysadmin,
                status=PartnerRole.Status.ACTIVE,
                connected_at=timezone.now(),
            )
            connection.connected = False
            connection.disconnected_at = timezone.now()
            connection.save(update_fields=["connected", "disconnected_at"])
            audit_event_write(
                account=connection.account,
                actor=None,
                acting_as="Legacy partner migration",
                ip=None,
                action="partner_role.migrate",
                target=role,
                before={"legacy connection": connection.get_access_display()},
                after={"partner role": role.name, "profile": "SysAdmin"},
            )
        report.append((label, "migrated to a Partner role (SysAdmin)"))
    return report
