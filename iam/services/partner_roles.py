"""Partner roles, customer side: create, token, edit, disable, enable, delete, self-connect.

The partner side (Connect Account, Disconnect, Notification Email) is in partners.services.
"""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from .. import grants
from ..access import Access
from ..models import LegacyPartnerConnection, PartnerRole, User
from ..partner_reach import ACTIVE_PARTNER
from ..permissions import PARTNER_ROLE_PORTALS
from .audit import audit_record, snapshot
from .common import (
    changeable,
    ou_names,
    require_iam_write,
    require_role_ou_scope,
    require_same_account,
)
from .revocation import created_principals_disable
from .role_events import partner_tell
from .tokens import token_new

TOKEN_LIFETIME = timedelta(days=5)
TOKEN_PREFIX = "fcpr_"  # noqa: S105 (a public prefix; the secret part is random)
ROLE_FIELDS = [
    "name",
    "description",
    "scope_type",
    "scope_folder",
    "permission_profile",
    "ends_on",
    "status",
    "partner",
]
ONE_ROLE = "Only one Partner role is allowed per account."
ONE_ROLE_OWN_ACCOUNT = (
    "Only one Partner role is allowed per account. This account already has one: contact "
    "customer service and tell them which Partner role to keep and which to disconnect."
)
LIMITED_LEGACY = (
    "A legacy partner connection with limited access exists. The partner must disconnect it "
    "before you can create a Partner role."
)


def _token_new(role: PartnerRole) -> str:
    token, role.token_hash = token_new(TOKEN_PREFIX)
    role.token_expires_at = timezone.now() + TOKEN_LIFETIME
    return token


def one_role_message(account) -> str:
    return ONE_ROLE_OWN_ACCOUNT if hasattr(account, "owning_partner") else ONE_ROLE


def _role_picture(role: PartnerRole) -> dict:
    return snapshot(role, ROLE_FIELDS) | {"OU scope": ou_names(role)}


def partner_role_create(*, access: Access, scope_units=(), **fields) -> tuple[PartnerRole, str]:
    """Create the account's Partner role; returns it with its token (shown once, never stored).

    A live legacy connection through the master or a full-access sub user is disconnected; a
    limited-access one blocks the creation until the partner disconnects it (seed 000)."""
    require_iam_write(access)
    _require_grantable_role(access, fields, scope_units)
    try:
        with transaction.atomic():
            legacy = list(
                LegacyPartnerConnection.objects.select_for_update().filter(
                    account=access.account, connected=True
                )
            )
            if any(c.access == LegacyPartnerConnection.Access.LIMITED for c in legacy):
                raise ValidationError(LIMITED_LEGACY)
            if PartnerRole.objects.filter(account=access.account).exists():
                raise ValidationError(one_role_message(access.account))
            role = PartnerRole(account=access.account, status=PartnerRole.Status.PENDING, **fields)
            token = _token_new(role)
            role.save()
            role.scope_units.set(scope_units)
            for connection in legacy:
                connection.connected = False
                connection.disconnected_at = timezone.now()
                connection.save(update_fields=["connected", "disconnected_at"])
                audit_record(
                    access=access,
                    action="legacy_connection.disconnect",
                    target=connection,
                    before={"partner": str(connection.partner), "connected": "yes"},
                    after={"connected": "no (replaced by a Partner role)"},
                )
            audit_record(
                access=access,
                action="partner_role.create",
                target=role,
                after=_role_picture(role),
            )
            audit_record(access=access, action="partner_role.token_issue", target=role)
    except IntegrityError:
        # Two tabs creating at once: the database keeps one role per account.
        raise ValidationError(one_role_message(access.account)) from None
    return role, token


def _require_grantable_role(access: Access, fields: dict, units) -> None:
    """A role grants at most the actor's own levels and scope, on the portals roles use. The
    Organization type (a root account's) reaches the member accounts of its OUs, which the
    actor must hold, with a permission profile of that type."""
    require_same_account(access, fields.get("permission_profile"), fields.get("scope_folder"))
    require_role_ou_scope(access, fields.get("scope_type"), fields.get("permission_profile"), units)
    grants.require_within(
        access,
        fields.get("permission_profile"),
        fields.get("scope_folder"),
        portals=PARTNER_ROLE_PORTALS,
        what="this Partner role",
    )


def _changeable_role(access: Access, role: PartnerRole) -> PartnerRole:
    return changeable(
        access,
        PartnerRole.objects.select_related("partner", "permission_profile", "scope_folder"),
        role,
        "Partner role",
    )


def self_connect_partner(access: Access, role: PartnerRole):
    """The Partner this role may be linked to without a token, or None (seed 000, special case).

    Offered when the account is a Partner's own FortiCloud account, the acting person is
    recognised as that Partner (its master user or one of its partner users), and the master
    user was not already connected to the Partner through the legacy portal."""
    partner = getattr(access.account, "owning_partner", None)
    if partner is None or partner.status != ACTIVE_PARTNER or role.partner_id is not None:
        return None
    user = access.user
    recognised = (user.kind == User.Kind.OWNER and user.account_id == access.account.pk) or (
        user.kind == User.Kind.PARTNER and user.partner_id == partner.pk and access.role is None
    )
    legacy_master = LegacyPartnerConnection.objects.filter(
        account=access.account, partner=partner, access=LegacyPartnerConnection.Access.MASTER
    ).exists()
    return partner if recognised and not legacy_master else None


def partner_role_self_connect(*, access: Access, role: PartnerRole) -> PartnerRole:
    require_iam_write(access)
    with transaction.atomic():
        role = _changeable_role(access, role)
        partner = self_connect_partner(access, role)
        if partner is None:
            raise ValidationError("This Partner role cannot be linked without a token.")
        if role.ends_on is not None and role.ends_on < timezone.localdate():
            raise ValidationError("Its End Date has passed: set a later End Date (Edit) first.")
        linked = PartnerRole.objects.filter(
            pk=role.pk, partner__isnull=True, status=PartnerRole.Status.PENDING
        ).update(
            partner=partner,
            status=PartnerRole.Status.ACTIVE,
            connected_at=timezone.now(),
            token_hash=None,
            token_expires_at=None,
        )
        if linked != 1:
            raise ValidationError("This Partner role is already connected.")
        role.refresh_from_db()
        audit_record(
            access=access,
            action="partner_role.connect",
            target=role,
            after={"partner": str(partner), "how": "linked without a token (own account)"},
        )
    return role


def partner_role_regenerate_token(*, access: Access, role: PartnerRole) -> str:
    """A new token for a role not connected yet; the old one stops working at once."""
    require_iam_write(access)
    with transaction.atomic():
        role = _changeable_role(access, role)
        token = _token_new(role)
        changed = PartnerRole.objects.filter(pk=role.pk, partner__isnull=True).update(
            token_hash=role.token_hash, token_expires_at=role.token_expires_at
        )
        if changed != 1:
            raise ValidationError("This Partner role is connected: it needs no token.")
        audit_record(access=access, action="partner_role.token_regenerate", target=role)
    return token


@transaction.atomic
def partner_role_update(
    *, access: Access, role: PartnerRole, scope_units=(), **fields
) -> PartnerRole:
    require_iam_write(access)
    role = _changeable_role(access, role)
    _require_grantable_role(access, fields, scope_units)
    before = _role_picture(role)
    profile_before, ends_before = role.permission_profile, role.ends_on
    for name, value in fields.items():
        setattr(role, name, value)
    if role.ends_on != ends_before:  # a new End Date: its reminders are due again
        role.reminders = {k: v for k, v in role.reminders.items() if k != "ending"}
        fields = {**fields, "reminders": role.reminders}
    role.save(update_fields=list(fields))
    if role.partner_id and role.permission_profile != profile_before:
        partner_tell(role, "profile_changed", before=profile_before, after=role.permission_profile)
    role.scope_units.set(scope_units)
    audit_record(
        access=access,
        action="partner_role.update",
        target=role,
        before=before,
        after=_role_picture(role),
    )
    return role


@transaction.atomic
def partner_role_set_active(*, access: Access, role: PartnerRole, active: bool) -> PartnerRole:
    """Disable: the partner's access ends on its next request, and so does every principal it
    created through the role. Enable: back to active if a partner is still connected and
    active, else back to pending; what it created stays disabled until enabled one by one."""
    require_iam_write(access)
    role = _changeable_role(access, role)
    before = role.get_status_display()
    if active and role.ends_on is not None and role.ends_on < timezone.localdate():
        raise ValidationError("Its End Date has passed: set a later End Date (Edit) first.")
    if not active:
        role.status = PartnerRole.Status.DISABLED
    elif role.partner_id is None:
        role.status = PartnerRole.Status.PENDING
    elif role.partner.status != ACTIVE_PARTNER:
        raise ValidationError(
            "The connected partner is no longer active: delete this role and create a new one "
            "to connect another partner."
        )
    else:
        role.status = PartnerRole.Status.ACTIVE
    role.save(update_fields=["status"])
    audit_record(
        access=access,
        action="partner_role.enable" if active else "partner_role.disable",
        target=role,
        before={"status": before},
        after={"status": role.get_status_display()},
    )
    if not active:
        _revoke_created(access, role, "disabled")
        if role.partner_id and before != role.get_status_display():
            partner_tell(role, "disabled")
    return role


def _revoke_created(access: Access, role: PartnerRole, what: str) -> None:
    created_principals_disable(
        role=role,
        why=f"Partner role {role.name} {what}",
        actor=access.user,
        acting_as=access.acting_as,
        ip=access.ip,
    )


@transaction.atomic
def partner_role_delete(*, access: Access, role: PartnerRole) -> None:
    """Ends the connection and its notification email with the role; every principal the
    partner created through it is disabled first (and keeps existing, for the customer)."""
    require_iam_write(access)
    role = _changeable_role(access, role)
    _revoke_created(access, role, "deleted")
    audit_record(
        access=access,
        action="partner_role.delete",
        target=role,
        before=snapshot(role, ROLE_FIELDS) | {"notification_email": role.notification_email},
    )
    if role.partner_id:
        partner_tell(role, "deleted")
    role.delete()
