"""User groups: create, update and delete within the actor's grants; members move with them."""

from django.core.exceptions import ValidationError
from django.db import transaction

from .. import grants
from ..access import Access
from ..models import User, UserGroup
from .audit import audit_record, snapshot
from .common import (
    changeable,
    ou_names,
    require_iam_write,
    require_ou_scope,
    require_same_account,
)
from .users import SIGNED_IN_KINDS, iam_users

GROUP_FIELDS = ["name", "description", "permission_profile", "scope_folder"]


def _require_changeable_members(access: Access, members, kinds=(User.Kind.IAM,)) -> None:
    """Joining or leaving a group changes a user's grant: only users the actor may change,
    never the actor itself; the group's form adds IAM users only (an API user joins on its
    own form)."""
    for member in members:
        if not isinstance(member, User) or member.kind not in kinds:
            raise ValidationError(
                "Only IAM users can be members of a user group; Partner roles never can."
            )
        require_same_account(access, member)
        if not grants.may_change(access, member):
            raise ValidationError(
                f"You cannot change the membership of {member.username}: their permissions "
                "are not within yours."
            )


def _members_set(group: UserGroup, members) -> tuple[list[str], list[str]]:
    """The group's IAM members become ``members``; its API users stay (their own form moves
    them)."""
    iam_members = group.members.filter(kind=User.Kind.IAM)
    old = sorted(iam_members.values_list("username", flat=True))
    iam_members.exclude(pk__in=[m.pk for m in members]).update(user_group=None)
    User.objects.filter(pk__in=[m.pk for m in members]).update(user_group=group)
    return old, sorted(m.username for m in members)


def _require_grantable_group(access: Access, fields: dict, scope_units) -> None:
    require_same_account(access, fields.get("permission_profile"), fields.get("scope_folder"))
    grants.require_within(
        access, fields.get("permission_profile"), fields.get("scope_folder"), what="this group"
    )
    require_ou_scope(access, fields.get("permission_profile"), scope_units)


@transaction.atomic
def group_create(*, access: Access, members=(), scope_units=(), **fields) -> UserGroup:
    require_iam_write(access)
    _require_grantable_group(access, fields, scope_units)
    _require_changeable_members(access, members)
    group = UserGroup.objects.create(account=access.account, **fields)
    group.scope_units.set(scope_units)
    _members_set(group, members)
    after = snapshot(group, GROUP_FIELDS) | {
        "members": ", ".join(m.username for m in members),
        "OU scope": ou_names(group),
    }
    audit_record(access=access, action="group.create", target=group, after=after)
    return group


def _groups():
    return UserGroup.objects.select_related("permission_profile", "scope_folder")


@transaction.atomic
def group_update(
    *, access: Access, group: UserGroup, members=(), scope_units=(), **fields
) -> UserGroup:
    require_iam_write(access)
    current = changeable(access, _groups(), group, "user group")
    _require_grantable_group(access, fields, scope_units)
    old_members = set(iam_users().filter(user_group=current))
    _require_changeable_members(access, old_members.symmetric_difference(members))
    before = snapshot(current, GROUP_FIELDS) | {"OU scope": ou_names(current)}
    for name, value in fields.items():
        setattr(current, name, value)
    current.save()
    current.scope_units.set(scope_units)
    old, new = _members_set(current, members)
    audit_record(
        access=access,
        action="group.update",
        target=current,
        before=before | {"members": ", ".join(old)},
        after=snapshot(current, GROUP_FIELDS)
        | {"members": ", ".join(new), "OU scope": ou_names(current)},
    )
    return current


@transaction.atomic
def group_delete(*, access: Access, group: UserGroup) -> None:
    """Members fall back to their own profile and scope, so each must be the actor's to
    change."""
    require_iam_write(access)
    current = changeable(access, _groups(), group, "user group")
    members = list(iam_users(SIGNED_IN_KINDS).filter(user_group=current))  # API users too
    _require_changeable_members(access, members, SIGNED_IN_KINDS)
    audit_record(
        access=access,
        action="group.delete",
        target=current,
        before=snapshot(current, GROUP_FIELDS)
        | {"members": ", ".join(sorted(m.username for m in members))},
    )
    current.delete()
