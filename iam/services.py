"""Writes of the IAM app: plain functions that take the acting user."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import authenticate
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from forticloud.web.client import client_ip

from . import grants
from .access import Access
from .audit import audit_event_write, audit_record, snapshot
from .forms import GENERIC_LOGIN_ERROR
from .models import AuditEvent, PermissionProfile, User, UserGroup
from .permissions import ALL_RESOURCES, EVERYTHING, Level, Portal, Resource
from .throttle import device_of, login_failed, login_lockout_minutes, login_succeeded


@dataclass
class LoginResult:
    user: User | None
    error: str = ""
    throttled: bool = False


def login_attempt(request, *, login: str, **credentials) -> LoginResult:
    """Check credentials under the throttle. ``login`` names the identity for the throttle.

    A browser whose device cookie names ``login`` (it logged in as it before) is limited by
    its own failures only; other browsers by the untrusted-client limits (iam.throttle).
    Wrong password, unknown user and disabled user all give the same error.
    """
    ip = client_ip(request)
    device = device_of(request, login)
    minutes = login_lockout_minutes(login, ip, device)
    if minutes is not None:
        unit = "minute" if minutes == 1 else "minutes"
        return LoginResult(
            None,
            f"Too many failed login attempts. Try again in {minutes} {unit}.",
            throttled=True,
        )
    user = authenticate(request, **credentials)
    if user is None:
        locked_until = login_failed(login, ip, device)
        if locked_until is not None:
            login_lock_audit(credentials, ip=ip, until=locked_until)
        return LoginResult(None, GENERIC_LOGIN_ERROR)
    login_succeeded(login, ip, device)
    return LoginResult(user)


LOGIN_LOCKED = "login.locked"


def login_lock_audit(credentials: dict, *, ip: str, until) -> None:
    """Tell the owner: unknown browsers are now locked out of a login of their account. One
    event per lock, none per refused attempt; nothing for a login with no account."""
    if "account" in credentials:  # IAM login; an unknown account is None
        if credentials["account"] is None:
            return
        users = User.objects.filter(
            kind=User.Kind.IAM,
            account=credentials["account"],
            username__iexact=credentials.get("username") or "",
        )
    else:
        users = User.objects.filter(
            kind__in=User.EMAIL_LOGIN_KINDS, email__iexact=credentials.get("email") or ""
        )
    user = users.filter(account__isnull=False).select_related("account").first()
    if user is None:
        return
    limits = settings.LOGIN_THROTTLE
    minutes = int(limits["WINDOW"].total_seconds() // 60)
    # A lock renewed by the next failure after one ages out is the same attack: one event
    # per window at most.
    if AuditEvent.objects.filter(
        account_id=user.account_id,
        action=LOGIN_LOCKED,
        target_id=str(user.pk),
        created_at__gte=timezone.now() - limits["WINDOW"],
    ).exists():
        return
    audit_event_write(
        account=user.account,
        actor=None,
        acting_as="Login throttle",
        ip=ip,
        action=LOGIN_LOCKED,
        target=user,
        after={
            "locked": "browsers that have not logged in as this user before (browsers that "
            "have stay unlocked)",
            "failures": f"{limits['PER_USER']} wrong passwords in {minutes} minutes",
            "last failure from": ip,
            "until": timezone.localtime(until).strftime("%Y-%m-%d %H:%M:%S %Z"),
        },
    )


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


# IAM users, permission profiles and user groups. Every function fetches its object again
# through ``visible_to(access)`` inside its transaction and re-checks what the forms already
# limit (same account, IAM write access, grants bounded by the actor's), so no caller can
# bypass the rules.

USER_FIELDS = ["username", "description", "permission_profile", "scope_folder", "user_group"]
PROFILE_FIELDS = ["name", "description", "type", *[p.value for p in Portal]]
PROFILE_FIELDS += [r.value for r in Resource]
GROUP_FIELDS = ["name", "description", "permission_profile", "scope_folder"]
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


def _users():
    return User.objects.filter(kind=User.Kind.IAM).select_related(*grants.USER_GRANT_RELATIONS)


def _require_grantable_user(access: Access, fields: dict) -> None:
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
    grants.require_within(
        access, fields.get("permission_profile"), fields.get("scope_folder"), what="this user"
    )


def sessions_end(users) -> int:
    """End every open session of these users (their session hash stops matching)."""
    return users.update(session_epoch=F("session_epoch") + 1)


@transaction.atomic
def iam_user_create(*, access: Access, password: str, **fields) -> User:
    require_iam_write(access)
    _require_grantable_user(access, fields)
    # What a partner creates through its role is revoked with the role (iam.partner_roles).
    user = User(
        kind=User.Kind.IAM, account=access.account, created_through_role=access.role, **fields
    )
    user.set_password(password)
    user.save()
    audit_record(
        access=access, action="iam_user.create", target=user, after=snapshot(user, USER_FIELDS)
    )
    return user


@transaction.atomic
def iam_user_update(*, access: Access, user: User, password: str = "", **fields) -> User:
    require_iam_write(access)
    # Read "before" from the database: a ModelForm has already changed the instance.
    current = changeable(access, _users(), user, "user")
    _require_grantable_user(access, fields)
    before = snapshot(current, USER_FIELDS)
    for name, value in fields.items():
        setattr(current, name, value)
    if password:
        current.set_password(password)  # also ends the user's other sessions
    current.save()
    after = snapshot(current, USER_FIELDS)
    if password:
        before["password"], after["password"] = "(unchanged)", "(changed)"
    audit_record(
        access=access, action="iam_user.update", target=current, before=before, after=after
    )
    return current


@transaction.atomic
def iam_user_set_active(*, access: Access, user: User, active: bool) -> User:
    """Disabling ends the user's sessions at once; enabling does not bring them back."""
    require_iam_write(access)
    current = changeable(access, _users(), user, "user")
    if current.is_active != active:
        changed = User.objects.filter(pk=current.pk)
        changed.update(is_active=active)
        if not active:
            sessions_end(changed)
        current.refresh_from_db(fields=["is_active", "session_epoch"])
        audit_record(
            access=access,
            action="iam_user.enable" if active else "iam_user.disable",
            target=current,
            before={"status": "Disabled" if active else "Active"},
            after={"status": "Active" if active else "Disabled"},
        )
    return current


@transaction.atomic
def iam_user_delete(*, access: Access, user: User) -> None:
    require_iam_write(access)
    current = changeable(access, _users(), user, "user")
    audit_record(
        access=access,
        action="iam_user.delete",
        target=current,
        before=snapshot(current, USER_FIELDS),
    )
    current.delete()  # its sessions die with it: the session's user no longer loads


def _require_profile_within(access: Access, fields: dict) -> None:
    levels = {name: value for name, value in fields.items() if name in PROFILE_FIELDS}
    levels.pop("type", None)
    grants.require_within(
        access, PermissionProfile(**levels), None, with_scope=False, what="this profile"
    )


def _changeable_profile(access: Access, profile: PermissionProfile) -> PermissionProfile:
    require_iam_write(access)
    if profile.is_builtin:
        raise PermissionDenied("Built-in permission profiles cannot be changed.")
    return changeable(access, PermissionProfile.objects.filter(builtin=""), profile, "profile")


@transaction.atomic
def profile_create(*, access: Access, **fields) -> PermissionProfile:
    require_iam_write(access)
    _require_profile_within(access, fields)
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
    current = _changeable_profile(access, profile)
    fields.pop("type", None)  # chosen at creation, never changed
    _require_profile_within(access, fields)
    before = snapshot(current, PROFILE_FIELDS)
    for name, value in fields.items():
        setattr(current, name, value)
    current.save()
    audit_record(
        access=access,
        action="profile.update",
        target=current,
        before=before,
        after=snapshot(current, PROFILE_FIELDS),
    )
    return current


def profile_users(profile: PermissionProfile) -> list[str]:
    """Who uses the profile directly: IAM users, user groups, the Partner role."""
    users = [f"IAM user {u}" for u in profile.users.values_list("username", flat=True)]
    groups = [f"User group {g}" for g in profile.user_groups.values_list("name", flat=True)]
    roles = [f"Partner role {r}" for r in profile.partner_roles.values_list("name", flat=True)]
    return sorted(users) + sorted(groups) + sorted(roles)


@transaction.atomic
def profile_delete(*, access: Access, profile: PermissionProfile) -> None:
    current = _changeable_profile(access, profile)
    in_use = profile_users(current)
    if in_use:
        raise ValidationError(
            "This permission profile is in use and cannot be deleted. Used by: "
            + ", ".join(in_use)
            + "."
        )
    audit_record(
        access=access,
        action="profile.delete",
        target=current,
        before=snapshot(current, PROFILE_FIELDS),
    )
    current.delete()


def _require_changeable_members(access: Access, members) -> None:
    """Joining or leaving a group changes a user's grant: only users the actor may change,
    never the actor itself, and IAM users only."""
    for member in members:
        if not isinstance(member, User) or member.kind != User.Kind.IAM:
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
    old = sorted(group.members.values_list("username", flat=True))
    group.members.exclude(pk__in=[m.pk for m in members]).update(user_group=None)
    User.objects.filter(pk__in=[m.pk for m in members]).update(user_group=group)
    return old, sorted(m.username for m in members)


def _require_grantable_group(access: Access, fields: dict) -> None:
    require_same_account(access, fields.get("permission_profile"), fields.get("scope_folder"))
    grants.require_within(
        access, fields.get("permission_profile"), fields.get("scope_folder"), what="this group"
    )


@transaction.atomic
def group_create(*, access: Access, members=(), **fields) -> UserGroup:
    require_iam_write(access)
    _require_grantable_group(access, fields)
    _require_changeable_members(access, members)
    group = UserGroup.objects.create(account=access.account, **fields)
    _members_set(group, members)
    after = snapshot(group, GROUP_FIELDS) | {"members": ", ".join(m.username for m in members)}
    audit_record(access=access, action="group.create", target=group, after=after)
    return group


def _groups():
    return UserGroup.objects.select_related("permission_profile", "scope_folder")


@transaction.atomic
def group_update(*, access: Access, group: UserGroup, members=(), **fields) -> UserGroup:
    require_iam_write(access)
    current = changeable(access, _groups(), group, "user group")
    _require_grantable_group(access, fields)
    old_members = set(_users().filter(user_group=current))
    _require_changeable_members(access, old_members.symmetric_difference(members))
    before = snapshot(current, GROUP_FIELDS)
    for name, value in fields.items():
        setattr(current, name, value)
    current.save()
    old, new = _members_set(current, members)
    audit_record(
        access=access,
        action="group.update",
        target=current,
        before=before | {"members": ", ".join(old)},
        after=snapshot(current, GROUP_FIELDS) | {"members": ", ".join(new)},
    )
    return current


@transaction.atomic
def group_delete(*, access: Access, group: UserGroup) -> None:
    """Members fall back to their own profile and scope, so each must be the actor's to
    change."""
    require_iam_write(access)
    current = changeable(access, _groups(), group, "user group")
    members = list(_users().filter(user_group=current))
    _require_changeable_members(access, members)
    audit_record(
        access=access,
        action="group.delete",
        target=current,
        before=snapshot(current, GROUP_FIELDS)
        | {"members": ", ".join(sorted(m.username for m in members))},
    )
    current.delete()
