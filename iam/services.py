"""Writes of the IAM app: plain functions that take the acting user."""

from dataclasses import dataclass

from django.contrib.auth import authenticate
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from .access import Access
from .audit import audit_record, snapshot
from .forms import GENERIC_LOGIN_ERROR
from .models import PermissionProfile, User, UserGroup
from .permissions import ALL_RESOURCES, EVERYTHING, Level, Portal, Resource
from .throttle import client_ip, login_failed, login_lockout_minutes, login_succeeded


@dataclass
class LoginResult:
    user: User | None
    error: str = ""
    throttled: bool = False


def login_attempt(request, *, login: str, **credentials) -> LoginResult:
    """Check credentials under the throttle. ``login`` names the identity for the throttle.

    Wrong password, unknown user and disabled user all give the same error.
    """
    ip = client_ip(request)
    minutes = login_lockout_minutes(login, ip)
    if minutes is not None:
        unit = "minute" if minutes == 1 else "minutes"
        return LoginResult(
            None,
            f"Too many failed login attempts. Try again in {minutes} {unit}.",
            throttled=True,
        )
    user = authenticate(request, **credentials)
    if user is None:
        login_failed(login, ip)
        return LoginResult(None, GENERIC_LOGIN_ERROR)
    login_succeeded(login, ip)
    return LoginResult(user)


def context_remember(*, user: User, access: Access) -> None:
    """Remember the context the user chose, to offer it again after the next login."""
    if user.last_context != access.key:
        user.last_context = access.key
        user.save(update_fields=["last_context"])


BUILTIN_PROFILES = {
    PermissionProfile.Builtin.SYSADMIN: {
        "description": "Admin on Asset Management, FortiCare and IAM.",
        "portals": {
            Portal.ASSET_MANAGEMENT: Level.ADMIN,
            Portal.FORTICARE: Level.ADMIN,
            Portal.IAM: Level.ADMIN,
        },
        "resources": ALL_RESOURCES,
    },
    PermissionProfile.Builtin.FULL_ACCESS: {
        "description": "Admin on every portal.",
        "portals": EVERYTHING,
        "resources": ALL_RESOURCES,
    },
    PermissionProfile.Builtin.NO_ACCESS: {
        "description": "No access to any portal.",
        "portals": {},
        "resources": {},
    },
}


def builtin_profiles_ensure() -> None:
    """Create or repair the built-in profiles every account sees (run after migrate)."""
    for builtin, spec in BUILTIN_PROFILES.items():
        values = {portal.value: spec["portals"].get(portal, Level.NONE) for portal in Portal}
        values |= {resource.value: level for resource, level in spec["resources"].items()}
        PermissionProfile.objects.update_or_create(
            builtin=builtin,
            defaults={"name": builtin.label, "description": spec["description"], **values},
        )


# IAM users, permission profiles and user groups. Every function re-checks what the forms
# already limit (same account, IAM write access), so no caller can bypass the rules.

USER_FIELDS = ["username", "description", "permission_profile", "scope_folder", "user_group"]
PROFILE_FIELDS = ["name", "description", "type", *[p.value for p in Portal]]
PROFILE_FIELDS += [r.value for r in Resource]
GROUP_FIELDS = ["name", "description", "permission_profile", "scope_folder"]


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


def _require_not_self(access: Access, user: User, verb: str) -> None:
    if user.pk == access.user.pk:
        raise ValidationError(f"You cannot {verb} the user you are logged in as.")


@transaction.atomic
def iam_user_create(*, access: Access, password: str, **fields) -> User:
    require_iam_write(access)
    require_same_account(
        access,
        fields.get("permission_profile"),
        fields.get("scope_folder"),
        fields.get("user_group"),
    )
    user = User(kind=User.Kind.IAM, account=access.account, **fields)
    user.set_password(password)
    user.save()
    audit_record(
        access=access, action="iam_user.create", target=user, after=snapshot(user, USER_FIELDS)
    )
    return user


@transaction.atomic
def iam_user_update(*, access: Access, user: User, password: str = "", **fields) -> User:
    require_iam_write(access)
    require_same_account(
        access,
        user,
        fields.get("permission_profile"),
        fields.get("scope_folder"),
        fields.get("user_group"),
    )
    # Read "before" from the database: a ModelForm has already changed the instance.
    before = snapshot(User.objects.get(pk=user.pk), USER_FIELDS)
    for name, value in fields.items():
        setattr(user, name, value)
    if password:
        user.set_password(password)
    user.save()
    after = snapshot(user, USER_FIELDS)
    if password:
        before["password"], after["password"] = "(unchanged)", "(changed)"
    audit_record(access=access, action="iam_user.update", target=user, before=before, after=after)
    return user


@transaction.atomic
def iam_user_set_active(*, access: Access, user: User, active: bool) -> User:
    require_iam_write(access)
    require_same_account(access, user)
    if not active:
        _require_not_self(access, user, "disable")
    if user.is_active != active:
        user.is_active = active
        user.save(update_fields=["is_active"])
        audit_record(
            access=access,
            action="iam_user.enable" if active else "iam_user.disable",
            target=user,
            before={"status": "Disabled" if active else "Active"},
            after={"status": "Active" if active else "Disabled"},
        )
    return user


@transaction.atomic
def iam_user_delete(*, access: Access, user: User) -> None:
    require_iam_write(access)
    require_same_account(access, user)
    _require_not_self(access, user, "delete")
    audit_record(
        access=access, action="iam_user.delete", target=user, before=snapshot(user, USER_FIELDS)
    )
    user.delete()  # its sessions die with it: the session's user no longer loads


def _require_own_profile(access: Access, profile: PermissionProfile) -> None:
    require_iam_write(access)
    if profile.is_builtin:
        raise PermissionDenied("Built-in permission profiles cannot be changed.")
    require_same_account(access, profile)


@transaction.atomic
def profile_create(*, access: Access, **fields) -> PermissionProfile:
    require_iam_write(access)
    profile = PermissionProfile.objects.create(account=access.account, **fields)
    audit_record(
        access=access,
        action="profile.create",
        target=profile,
        after=snapshot(profile, PROFILE_FIELDS),
    )
    return profile


@transaction.atomic
def profile_update(*, access: Access, profile: PermissionProfile, **fields) -> PermissionProfile:
    _require_own_profile(access, profile)
    fields.pop("type", None)  # chosen at creation, never changed
    before = snapshot(PermissionProfile.objects.get(pk=profile.pk), PROFILE_FIELDS)
    for name, value in fields.items():
        setattr(profile, name, value)
    profile.save()
    audit_record(
        access=access,
        action="profile.update",
        target=profile,
        before=before,
        after=snapshot(profile, PROFILE_FIELDS),
    )
    return profile


def profile_users(profile: PermissionProfile) -> list[str]:
    """Who uses the profile directly: IAM users, user groups, the Partner role."""
    users = [f"IAM user {u}" for u in profile.users.values_list("username", flat=True)]
    groups = [f"User group {g}" for g in profile.user_groups.values_list("name", flat=True)]
    roles = [f"Partner role {r}" for r in profile.partner_roles.values_list("name", flat=True)]
    return sorted(users) + sorted(groups) + sorted(roles)


@transaction.atomic
def profile_delete(*, access: Access, profile: PermissionProfile) -> None:
    _require_own_profile(access, profile)
    in_use = profile_users(profile)
    if in_use:
        raise ValidationError(
            "This permission profile is in use and cannot be deleted. Used by: "
            + ", ".join(in_use)
            + "."
        )
    audit_record(
        access=access,
        action="profile.delete",
        target=profile,
        before=snapshot(profile, PROFILE_FIELDS),
    )
    profile.delete()


def _require_group_members(access: Access, members) -> None:
    for member in members:
        if not isinstance(member, User) or member.kind != User.Kind.IAM:
            raise ValidationError(
                "Only IAM users can be members of a user group; Partner roles never can."
            )
        require_same_account(access, member)


def _members_set(group: UserGroup, members) -> tuple[list[str], list[str]]:
    old = sorted(group.members.values_list("username", flat=True))
    group.members.exclude(pk__in=[m.pk for m in members]).update(user_group=None)
    User.objects.filter(pk__in=[m.pk for m in members]).update(user_group=group)
    return old, sorted(m.username for m in members)


@transaction.atomic
def group_create(*, access: Access, members=(), **fields) -> UserGroup:
    require_iam_write(access)
    require_same_account(access, fields.get("permission_profile"), fields.get("scope_folder"))
    _require_group_members(access, members)
    group = UserGroup.objects.create(account=access.account, **fields)
    _members_set(group, members)
    after = snapshot(group, GROUP_FIELDS) | {"members": ", ".join(m.username for m in members)}
    audit_record(access=access, action="group.create", target=group, after=after)
    return group


@transaction.atomic
def group_update(*, access: Access, group: UserGroup, members=(), **fields) -> UserGroup:
    require_iam_write(access)
    require_same_account(
        access, group, fields.get("permission_profile"), fields.get("scope_folder")
    )
    _require_group_members(access, members)
    before = snapshot(UserGroup.objects.get(pk=group.pk), GROUP_FIELDS)
    for name, value in fields.items():
        setattr(group, name, value)
    group.save()
    old, new = _members_set(group, members)
    audit_record(
        access=access,
        action="group.update",
        target=group,
        before=before | {"members": ", ".join(old)},
        after=snapshot(group, GROUP_FIELDS) | {"members": ", ".join(new)},
    )
    return group


@transaction.atomic
def group_delete(*, access: Access, group: UserGroup) -> None:
    require_iam_write(access)
    require_same_account(access, group)
    members = ", ".join(sorted(group.members.values_list("username", flat=True)))
    audit_record(
        access=access,
        action="group.delete",
        target=group,
        before=snapshot(group, GROUP_FIELDS) | {"members": members},
    )
    group.delete()  # members fall back to their own profile and scope
