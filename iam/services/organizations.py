"""Organizations (seed 002): creating one (the account becomes the root account, IAM turns to
advanced mode) and its tree of organizational units. Every change is audited in the root."""

from dataclasses import replace

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Value
from django.db.models.functions import Concat, Substr

from ..access import Access
from ..models import (
    MAX_OU_DEPTH,
    Account,
    Organization,
    OrganizationalUnit,
    User,
)
from ..organization_access import managed_ou_paths
from ..permissions import Level, Portal
from .audit import audit_record

NAME_MAX = 100


def may_create_organization(access: Access) -> bool:
    """Only the account owner, in an account of no organization (seed 002, 003)."""
    return (
        access.account is not None
        and access.user.kind == User.Kind.OWNER
        and access.account.kind == Account.Kind.NON_OU
    )


def may_manage_units(access: Access) -> bool:
    """Read/Write on the Organization portal, in a root account (members manage no OUs)."""
    return (
        access.account is not None
        and access.account.kind == Account.Kind.ROOT
        and access.can(Portal.ORGANIZATION, Level.READ_WRITE)
    )


def _name_clean(name: str) -> str:
    name = (name or "").strip()
    if not name or len(name) > NAME_MAX:
        raise ValidationError(f"Enter a name of 1 to {NAME_MAX} characters.")
    return name


def organization_create(*, access: Access, name: str) -> Organization:
    """Create the account's organization: it becomes its root account (advanced mode)."""
    name = _name_clean(name)
    with transaction.atomic():
        # The account locked, its kind read again: two clicks make one organization.
        account = Account.objects.select_for_update().get(pk=access.account.pk)
        if not may_create_organization(replace(access, account=account)):
            raise PermissionDenied("Only the owner of an account outside any organization can.")
        try:
            with transaction.atomic():
                organization = Organization.objects.create(root=account, name=name)
        except IntegrityError:
            raise ValidationError("This account has an organization already.") from None
        account.kind = Account.Kind.ROOT
        account.save(update_fields=["kind"])
        audit_record(
            access=access,
            action="organization.create",
            target=organization,
            after={"name": name, "IAM mode": "Advanced"},
        )
    return organization


def organization_to_manage(access: Access) -> Organization:
    if not may_manage_units(access):
        raise PermissionDenied("Managing OUs needs Read/Write on the Organization portal.")
    return access.account.organization


def unit_locked(access: Access, unit) -> OrganizationalUnit:
    """``unit`` fetched again within the access's organization, locked; else a refusal."""
    fresh = (
        OrganizationalUnit.objects.visible_to(access)
        .select_for_update(of=("self",))
        .filter(pk=unit.pk)
        .first()
    )
    if fresh is None:
        raise PermissionDenied("No such OU.")
    return fresh


def require_root_level(access: Access) -> None:
    """Only principals of the whole organization work directly under the root account."""
    if managed_ou_paths(access) is not None:
        raise ValidationError(
            "Your OU scope does not reach the root account: choose one of your OUs."
        )


def _require_not_own_scope(access: Access, unit) -> None:
    """No one moves or deletes the OU they act through (their own OU scope)."""
    if unit.path in (managed_ou_paths(access) or []):
        raise ValidationError(
            "This OU is your own OU scope: only someone above it can move or delete it."
        )


def _sibling_taken(organization, parent, name, exclude=None) -> bool:
    siblings = OrganizationalUnit.objects.filter(
        organization=organization, parent=parent, name__iexact=name
    )
    return siblings.exclude(pk=exclude).exists() if exclude else siblings.exists()


def _save_unique(unit, fields=None):
    try:
        with transaction.atomic():
            unit.save(update_fields=fields)
    except IntegrityError:
        raise ValidationError("Another OU at that place has this name.") from None


@transaction.atomic
def ou_create(*, access: Access, name: str, parent=None) -> OrganizationalUnit:
    organization = organization_to_manage(access)
    name = _name_clean(name)
    if parent is not None:
        parent = unit_locked(access, parent)
    else:
        require_root_level(access)
    depth = parent.depth + 1 if parent else 1
    if depth > MAX_OU_DEPTH:
        raise ValidationError(f"OUs nest at most {MAX_OU_DEPTH} levels below the root.")
    if _sibling_taken(organization, parent, name):
        raise ValidationError("Another OU at that place has this name.")
    unit = OrganizationalUnit(organization=organization, parent=parent, name=name, depth=depth)
    unit.path = ""
    _save_unique(unit)
    unit.path = f"{parent.path if parent else '/'}{unit.pk}/"
    unit.save(update_fields=["path"])
    audit_record(access=access, action="ou.create", target=unit, after={"name": name})
    return unit


@transaction.atomic
def ou_rename(*, access: Access, unit, name: str) -> OrganizationalUnit:
    organization = organization_to_manage(access)
    unit = unit_locked(access, unit)
    name, before = _name_clean(name), unit.name
    if _sibling_taken(organization, unit.parent, name, exclude=unit.pk):
        raise ValidationError("Another OU at that place has this name.")
    unit.name = name
    _save_unique(unit, ["name"])
    audit_record(
        access=access,
        action="ou.rename",
        target=unit,
        before={"name": before},
        after={"name": name},
    )
    return unit


@transaction.atomic
def ou_move(*, access: Access, unit, parent) -> OrganizationalUnit:
    """Move ``unit`` and its subtree under ``parent`` (None: directly under the root)."""
    organization = organization_to_manage(access)
    unit = unit_locked(access, unit)
    _require_not_own_scope(access, unit)
    if parent is not None:
        parent = unit_locked(access, parent)
    else:
        require_root_level(access)
    if parent is not None and parent.path.startswith(unit.path):
        raise ValidationError("An OU cannot move into itself or one of its own OUs.")
    subtree = OrganizationalUnit.objects.filter(
        organization=organization, path__startswith=unit.path
    )
    deepest = max(subtree.values_list("depth", flat=True))
    shift = (parent.depth + 1 if parent else 1) - unit.depth
    if deepest + shift > MAX_OU_DEPTH:
        raise ValidationError(f"OUs nest at most {MAX_OU_DEPTH} levels below the root.")
    if _sibling_taken(organization, parent, unit.name, exclude=unit.pk):
        raise ValidationError("Another OU at that place has this name.")
    before = unit.parent.name if unit.parent else "the root"
    old_path = unit.path
    new_path = f"{parent.path if parent else '/'}{unit.pk}/"
    unit.parent = parent
    _save_unique(unit, ["parent"])
    subtree.update(
        path=Concat(Value(new_path), Substr("path", len(old_path) + 1)),
        depth=F("depth") + shift,
    )
    after = parent.name if parent else "the root"
    audit_record(
        access=access,
        action="ou.move",
        target=unit,
        before={"under": before},
        after={"under": after},
    )
    return unit


@transaction.atomic
def ou_delete(*, access: Access, unit) -> None:
    """Delete an empty OU (no OUs and no member accounts in it)."""
    organization_to_manage(access)
    unit = unit_locked(access, unit)
    _require_not_own_scope(access, unit)
    if unit.children.exists() or unit.members.exists():
        raise ValidationError("Only an empty OU can be deleted: move its OUs and members first.")
    audit_record(access=access, action="ou.delete", target=unit, before={"name": unit.name})
    unit.delete()
