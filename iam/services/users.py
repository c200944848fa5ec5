"""IAM users: create, update, disable, enable and delete within the actor's grants."""

from django.core.exceptions import ValidationError
from django.db import transaction

from .. import grants
from ..access import Access
from ..models import User
from .audit import audit_record, snapshot
from .common import (
    changeable,
    ou_names,
    require_iam_write,
    require_ou_scope,
    require_same_account,
    user_active_set,
)

USER_FIELDS = ["username", "description", "permission_profile", "scope_folder", "user_group"]


CREDENTIALS_REFUSED = (
    "Through a Partner role you set the password or secret only of the users created through it."
)


def iam_users(kinds=(User.Kind.IAM,)):
    """IAM users (``kinds``: also API users, for what both share: disable, enable, delete)."""
    return User.objects.filter(kind__in=kinds).select_related(*grants.USER_GRANT_RELATIONS)


SIGNED_IN_KINDS = (User.Kind.IAM, User.Kind.API)
ACTION_PREFIX = {User.Kind.IAM: "iam_user", User.Kind.API: "api_user"}


def require_grantable_user(access: Access, fields: dict) -> None:
    """A user's new grant: a group the actor may change, and an own profile and scope within
    the actor's own grants (dormant while in a group, but alive once the group lets go)."""
    require_same_account(
        access,
        fields.get("permission_profile"),
        fields.get("scope_folder"),
        fields.get("user_group"),
    )
    group = fields.get("user_group")
    if group is not None and not grants.holds(access, group):
        raise ValidationError(
            f"You cannot grant more than you hold: the user group {group.name} grants more "
            "than your own permissions."
        )
    if fields.get("partner_api") and not grants.holds_partner_view(access):
        raise ValidationError(
            "You cannot grant more than you hold: only the partner's own users may give an API "
            "user the partner's API."
        )
    grants.require_within(
        access, fields.get("permission_profile"), fields.get("scope_folder"), what="this user"
    )
    require_ou_scope(access, fields.get("permission_profile"), fields.get("scope_units") or [])


@transaction.atomic
def iam_user_create(*, access: Access, password: str, scope_units=(), **fields) -> User:
    require_iam_write(access)
    require_grantable_user(access, {**fields, "scope_units": scope_units})
    # What a partner creates through its role is revoked with the role (iam.partner_roles).
    role_id = grants.acting_role_id(access)
    user = User(
        kind=User.Kind.IAM, account=access.account, created_through_role_id=role_id, **fields
    )
    user.set_password(password)
    user.save()
    user.scope_units.set(scope_units)
    after = snapshot(user, USER_FIELDS) | {"OU scope": ou_names(user)}
    audit_record(access=access, action="iam_user.create", target=user, after=after)
    return user


@transaction.atomic
def iam_user_update(
    *, access: Access, user: User, password: str = "", scope_units=(), **fields
) -> User:
    require_iam_write(access)
    # Read "before" from the database: a ModelForm has already changed the instance.
    current = changeable(access, iam_users(), user, "user")
    require_grantable_user(access, {**fields, "scope_units": scope_units})
    if password and not grants.may_set_credentials(access, current):
        raise ValidationError(CREDENTIALS_REFUSED)
    before = snapshot(current, USER_FIELDS) | {"OU scope": ou_names(current)}
    for name, value in fields.items():
        setattr(current, name, value)
    if password:
        current.set_password(password)  # also ends the user's other sessions
    current.save()
    current.scope_units.set(scope_units)
    after = snapshot(current, USER_FIELDS) | {"OU scope": ou_names(current)}
    if password:
        before["password"], after["password"] = "(unchanged)", "(changed)"
    audit_record(
        access=access, action="iam_user.update", target=current, before=before, after=after
    )
    return current


@transaction.atomic
def iam_user_set_active(*, access: Access, user: User, active: bool) -> User:
    """Disabling ends the user's sessions (an API user's tokens) at once; enabling does not
    bring them back."""
    require_iam_write(access)
    current = changeable(access, iam_users(SIGNED_IN_KINDS), user, "user")
    user_active_set(access, current, active=active, action=ACTION_PREFIX[current.kind])
    return current


@transaction.atomic
def iam_user_delete(*, access: Access, user: User) -> None:
    require_iam_write(access)
    current = changeable(access, iam_users(SIGNED_IN_KINDS), user, "user")
    audit_record(
        access=access,
        action=f"{ACTION_PREFIX[current.kind]}.delete",
        target=current,
        before=snapshot(current, USER_FIELDS),
    )
    current.delete()  # its sessions die with it (the user no longer loads), its tokens too
