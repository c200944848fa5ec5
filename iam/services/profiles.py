"""Permission profiles: the built-ins, and create, update, delete within the actor's grants."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from .. import grants
from ..access import Access
from ..models import ExternalIdpRole, PartnerRole, PermissionProfile, User, UserGroup
from ..permissions import ALL_RESOURCES, EVERYTHING, Level, Portal, Resource
from .audit import audit_record, snapshot
from .common import changeable, require_iam_write
from .idp import require_provider_saver_holds, widens

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


PROFILE_FIELDS = ["name", "description", "type", *[p.value for p in Portal]]


PROFILE_FIELDS += [r.value for r in Resource]
LEVEL_FIELDS = [*[p.value for p in Portal], *[r.value for r in Resource]]


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
    old = PermissionProfile(**{name: getattr(current, name) for name in LEVEL_FIELDS})
    for name, value in fields.items():
        setattr(current, name, value)
    _require_holders_within(access, current, raised=widens(old, None, current, None))
    current.save()
    audit_record(
        access=access,
        action="profile.update",
        target=current,
        before=before,
        after=snapshot(current, PROFILE_FIELDS),
    )
    return current


def _require_holders_within(access: Access, profile: PermissionProfile, raised: bool) -> None:
    """Everyone who holds ``profile`` gets its new levels within their own scope: each must
    stay within what the actor holds (a folder-scoped administrator may not change a profile
    that someone over all of My Assets holds, nor an OU admin one that another OU's admin
    holds). ``raised``: a level goes up, so an External IdP role's must also stay within the
    provider's last saver."""
    users = profile.users.select_related(*grants.USER_GRANT_RELATIONS)
    holders = [
        *users.prefetch_related("scope_units", "user_group__scope_units"),
        *profile.user_groups.select_related("scope_folder").prefetch_related("scope_units"),
        *profile.partner_roles.select_related("scope_folder").prefetch_related("scope_units"),
        *profile.idp_roles.select_related("scope_folder"),
    ]
    for holder in holders:
        holder.permission_profile = profile  # with the new levels, not yet saved
        if not grants.holds(access, holder):
            raise ValidationError(
                f"You cannot change this profile: {_holder_name(holder)} holds it, and its "
                "grant is not within yours."
            )
        if raised and isinstance(holder, ExternalIdpRole):
            require_provider_saver_holds(holder)


def _holder_name(holder) -> str:
    if isinstance(holder, User):
        return f"the user {holder.username}"
    if isinstance(holder, UserGroup):
        return f"the user group {holder.name}"
    if isinstance(holder, PartnerRole):
        return f"the Partner role {holder.name}"
    return f"the External IdP role {holder.name}"


def profile_users(profile: PermissionProfile) -> list[str]:
    """Who uses the profile directly: IAM users, user groups, the Partner role, IdP roles."""
    users = [f"IAM user {u}" for u in profile.users.values_list("username", flat=True)]
    groups = [f"User group {g}" for g in profile.user_groups.values_list("name", flat=True)]
    roles = [f"Partner role {r}" for r in profile.partner_roles.values_list("name", flat=True)]
    idp = [f"External IdP role {r}" for r in profile.idp_roles.values_list("name", flat=True)]
    return sorted(users) + sorted(groups) + sorted(roles) + sorted(idp)


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
