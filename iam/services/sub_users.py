"""Legacy sub users (seed 001, My Account > Manage User): the master user adds, edits,
disables, enables and deletes them, and gives a Limited Access sub user its units."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from ..access import Access
from ..models import User
from ..selectors.sub_users import assignable_units, sub_users
from .audit import audit_record, snapshot
from .common import NO_SUCH, user_active_set

SUB_USER_FIELDS = ["email", "full_name", "legacy_access", "legacy_read_only"]
EMAIL_TAKEN = "A user with this email already exists."


def require_master(access: Access) -> None:
    if access is None or not access.is_master_user:
        raise PermissionDenied("Only the master user manages sub users.")


def unit_ids(units) -> str:
    """Units for the audit log by id: a serial number is not for every IAM reader's eyes (a
    folder-scoped one may read the log, not the unit)."""
    return ", ".join(str(pk) for pk in sorted(unit.pk for unit in units))


def _picture(user: User, units) -> dict:
    return snapshot(user, SUB_USER_FIELDS) | {"unit ids": unit_ids(units)}


def _units_of_account(access: Access, units, legacy_access: str) -> list:
    """The chosen units, each of the master's account; a Full Access sub user has none (it
    sees every unit)."""
    if legacy_access != "limited":
        return []
    ids = {unit.pk for unit in units}
    found = list(assignable_units(access).filter(pk__in=ids))
    if len(found) != len(ids):
        raise ValidationError("Choose units of this account only.")
    return found


def _save(user: User) -> None:
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError as error:  # the unique login email, under a race
        raise ValidationError({"email": EMAIL_TAKEN}) from error


def _current(access: Access, user: User) -> User:
    fresh = sub_users(access).select_for_update().filter(pk=user.pk).first()
    if fresh is None:
        raise PermissionDenied(NO_SUCH.format(what="user"))
    return fresh


@transaction.atomic
def sub_user_create(*, access: Access, password: str, units=(), **fields) -> User:
    require_master(access)
    units = _units_of_account(access, units, fields.get("legacy_access", ""))
    user = User(kind=User.Kind.SUB, account=access.account, **fields)
    user.email = User.objects.normalize_email(user.email)
    user.set_password(password)
    _save(user)
    user.assigned_units.set(units)
    audit_record(access=access, action="sub_user.create", target=user, after=_picture(user, units))
    return user


@transaction.atomic
def sub_user_update(*, access: Access, user: User, password: str = "", units=(), **fields):
    require_master(access)
    current = _current(access, user)
    units = _units_of_account(access, units, fields.get("legacy_access", current.legacy_access))
    before = _picture(current, current.assigned_units.all())
    for name, value in fields.items():
        setattr(current, name, value)
    current.email = User.objects.normalize_email(current.email)
    if password:
        current.set_password(password)  # also ends the sub user's sessions
    _save(current)
    current.assigned_units.set(units)
    after = _picture(current, units)
    if password:
        before["password"], after["password"] = "(unchanged)", "(changed)"
    audit_record(
        access=access, action="sub_user.update", target=current, before=before, after=after
    )
    return current


@transaction.atomic
def sub_user_set_active(*, access: Access, user: User, active: bool) -> User:
    """Disabling ends the sub user's sessions at once."""
    require_master(access)
    current = _current(access, user)
    user_active_set(access, current, active=active, action="sub_user")
    return current


@transaction.atomic
def sub_user_delete(*, access: Access, user: User) -> None:
    require_master(access)
    current = _current(access, user)
    audit_record(
        access=access,
        action="sub_user.delete",
        target=current,
        before=_picture(current, current.assigned_units.all()),
    )
    current.delete()
