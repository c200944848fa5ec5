"""What every IAM write checks first: IAM write access, the same account, and the object fetched
again through visible_to; ending sessions; the remembered context."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F
from oauth2_provider.models import AccessToken

from .. import grants
from ..access import Access
from ..models import PermissionProfile, User
from ..permissions import Level, Portal, ScopeType
from .audit import audit_record


def context_remember(*, user: User, access: Access) -> None:
    """Remember the context the user chose, to offer it again after the next login."""
    if user.last_context != access.key:
        user.last_context = access.key
        user.save(update_fields=["last_context"])


NO_SUCH = "No such {what}."


def require_iam_write(access: Access) -> None:
    if access.account is None or not access.can(Portal.IAM, Level.READ_WRITE):
        raise PermissionDenied("Changing users needs Read/Write on the IAM portal.")


def require_same_account(access: Access, *objects) -> None:
    """Profiles (or built-ins), folders, groups and users must belong to the account."""
    for obj in objects:
        if obj is None:
            continue
        if isinstance(obj, PermissionProfile) and obj.is_builtin:
            continue
        if obj.account_id != access.account.pk:
            raise PermissionDenied("That object belongs to another account.")


def changeable(access: Access, queryset, obj, what: str):
    """``obj`` fetched again through ``visible_to(access)`` (lock held where the database
    has row locks), if ``access`` may change it; else the same refusal as a missing one."""
    fresh = queryset.visible_to(access).select_for_update(of=("self",)).filter(pk=obj.pk).first()
    if fresh is None or not grants.may_change(access, fresh):
        raise PermissionDenied(NO_SUCH.format(what=what))
    return fresh


def sessions_end(users) -> int:
    """End every open session of these users (their session hash stops matching), and every
    OAuth 2.0 token of the API users among them."""
    AccessToken.objects.filter(user__in=users).delete()
    return users.update(session_epoch=F("session_epoch") + 1)


def user_active_set(access: Access, user: User, *, active: bool, action: str) -> None:
    """Disable ``user`` (its sessions and OAuth 2.0 tokens end at once) or enable it (they do
    not come back), audited as ``<action>.disable`` / ``<action>.enable``; nothing if it is."""
    if user.is_active == active:
        return
    changed = User.objects.filter(pk=user.pk)
    changed.update(is_active=active)
    if not active:
        sessions_end(changed)
    user.refresh_from_db(fields=["is_active", "session_epoch"])
    audit_record(
        access=access,
        action=f"{action}.{'enable' if active else 'disable'}",
        target=user,
        before={"status": "Disabled" if active else "Active"},
        after={"status": "Active" if active else "Disabled"},
    )


def require_ou_scope(access: Access, profile, units) -> None:
    """The Organization type: a root account's user with an Organization profile has an OU
    Scope of the organization's OUs, within the actor's own; nobody else has one (IAM users
    and user groups alike)."""
    organization_type = profile is not None and profile.type == ScopeType.ORGANIZATION
    if organization_type and not units:
        raise ValidationError("Choose the OUs of this Organization-type grant (OU Scope).")
    if units and not organization_type:
        raise ValidationError("An OU Scope needs a permission profile of the Organization type.")
    require_ou_units(access, units)


def require_ou_units(access: Access, units) -> None:
    """OUs of the access's own organization, each held by the actor (iam.grants)."""
    if any(unit.organization.root_id != access.account.pk for unit in units):
        raise ValidationError("An OU Scope takes OUs of this account's organization only.")
    if excess := grants.ou_excess(access, units):
        raise ValidationError(
            "You cannot grant more than you hold: this would give " + ", ".join(excess) + "."
        )


def ou_names(holder) -> str:
    """The names of an OU Scope (a user's, group's or Partner role's), for the audit log."""
    return ", ".join(sorted(unit.name for unit in holder.scope_units.all()))


def require_role_ou_scope(access: Access, scope_type, profile, units) -> None:
    """A Partner role of the Organization type (a root account's) reaches the member accounts
    of its OUs, which the actor must hold, with a permission profile of that type."""
    organization_type = scope_type == ScopeType.ORGANIZATION
    if organization_type and access.account.kind != access.account.Kind.ROOT:
        raise ValidationError("Only a root account has Partner roles of the Organization type.")
    if organization_type and profile is not None and profile.type != ScopeType.ORGANIZATION:
        raise ValidationError(
            "A Partner role of the Organization type needs a permission profile of the "
            "Organization type."
        )
    if organization_type and not units:
        raise ValidationError("Choose the OUs of this Organization-type role (OU Scope).")
    if units and not organization_type:
        raise ValidationError("An OU Scope needs a Partner role of the Organization type.")
    require_ou_units(access, units)
