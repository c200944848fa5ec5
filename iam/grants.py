"""Grants bounded by their granter, and the grant one acts through.

Two rules every write of IAM obeys, checked here next to the decision (iam.access), not in
each form:

- **No one hands out more than they hold.** A profile, scope, group or Partner role given to
  someone grants at most the acting principal's own portal levels, resource levels and scope;
  and nobody may change a principal whose grant they do not themselves hold (else a scoped
  admin could reset the password of a full administrator, or release a user from a
  restricting group). The account owner holds everything.
- **No one edits the grant they act through**: their own IAM user, their own user group, the
  Partner role they came in by, or a profile any of those uses.
"""

from django.core.exceptions import ValidationError
from django.db.models import Q

from .access import Access
from .models import (
    ExternalIdpRole,
    OrganizationalUnit,
    PartnerRole,
    PermissionProfile,
    User,
    UserGroup,
)
from .permissions import PARTNER_ROLE_PORTALS, Level, Portal, ResourceLevel, ScopeType


def grant_excess(
    access: Access, profile, scope_folder, *, portals=None, with_scope=True
) -> list[str]:
    """What ``profile`` within ``scope_folder`` (None: all of My Assets) would grant beyond
    ``access``'s own grants, as readable items; empty when it is within them. ``portals``
    limits the profile to the portals the holder can use (a Partner role's). A profile alone
    (``with_scope=False``) is judged by its levels."""
    excess = []
    if whole_organization_excess(access, profile):
        excess.append("the Organization portal over the whole organization")
    if profile is not None:
        levels = {
            portal: level
            for portal, level in profile.portal_levels().items()
            if portals is None or portal in portals
        }
        for portal, level in levels.items():
            if level > access.grants.get(portal, Level.NONE):
                excess.append(f"{portal.label} {Level(level).label}")
        # Resource levels only mean something with Asset Management.
        if levels.get(Portal.ASSET_MANAGEMENT, Level.NONE):
            own = access.resources if access.grants.get(Portal.ASSET_MANAGEMENT) else {}
            for resource, level in profile.resource_levels().items():
                if level > own.get(resource, ResourceLevel.NO_ACCESS):
                    excess.append(f"{resource.label} {ResourceLevel(level).label}")
    # A scope only widens anything together with a profile that grants something.
    if with_scope and profile is not None and access.scope_folder is not None:
        if scope_folder is None:
            excess.append("the scope MyAssets (all assets)")
        elif not scope_folder.path.startswith(access.scope_folder.path):
            excess.append(f"the scope {scope_folder.name}")
    return excess


def require_within(
    access: Access, profile, scope_folder, *, portals=None, with_scope=True, what=""
) -> None:
    """Refuse, naming what exceeded, a grant beyond the acting principal's own."""
    excess = grant_excess(access, profile, scope_folder, portals=portals, with_scope=with_scope)
    if excess:
        subject = f"{what} " if what else ""
        raise ValidationError(
            f"You cannot grant more than you hold: {subject}would give " + ", ".join(excess) + "."
        )


# What to select_related with IAM users whose grants are checked (one query, not one per user).
USER_GRANT_RELATIONS = (
    "permission_profile",
    "scope_folder",
    "user_group__permission_profile",
    "user_group__scope_folder",
)


def user_grants(user: User) -> list[tuple]:
    """Every grant an IAM user holds or would fall back to: the group's while a member, and
    the user's own (dormant while in a group, alive again when the group lets them go)."""
    portals = PARTNER_ROLE_PORTALS if user.created_through_role_id else None
    grants = [(user.permission_profile, user.scope_folder, portals)]
    if user.user_group_id:
        group = user.user_group
        grants.append((group.permission_profile, group.scope_folder, portals))
    return grants


def holds(access: Access, obj) -> bool:
    """Whether ``access`` holds everything ``obj`` (an IAM user, user group, permission
    profile or Partner role) grants, so it may change it."""
    if isinstance(obj, User):
        if obj.partner_api and not holds_partner_view(access):
            return False
        grants = user_grants(obj)
        profile = obj.permission_profile
        organization_type = profile is not None and profile.type == ScopeType.ORGANIZATION
        if organization_type and ou_excess(access, obj.scope_units.all()):
            return False
        if obj.user_group_id and not holds(access, obj.user_group):
            return False  # the group's grant, OU Scope included, is the user's while in it
    elif isinstance(obj, UserGroup):
        grants = [(obj.permission_profile, obj.scope_folder, None)]
        profile = obj.permission_profile
        if profile.type == ScopeType.ORGANIZATION and ou_excess(access, obj.scope_units.all()):
            return False
    elif isinstance(obj, PartnerRole):
        grants = [(obj.permission_profile, obj.scope_folder, PARTNER_ROLE_PORTALS)]
        organization_type = obj.scope_type == ScopeType.ORGANIZATION
        if organization_type and ou_excess(access, obj.scope_units.all()):
            return False
    elif isinstance(obj, ExternalIdpRole):
        grants = [(obj.permission_profile, obj.scope_folder, None)]
    elif isinstance(obj, PermissionProfile):
        return not grant_excess(access, obj, None, with_scope=False)
    else:
        raise TypeError(f"Not a grant: {obj!r}")
    return not any(grant_excess(access, p, s, portals=ps) for p, s, ps in grants)


def holds_partner_view(access: Access) -> bool:
    """A partner user in its Partner's own account: it holds Visit as Partner's view, which an
    API user's Partner API gives."""
    partner = access.partner
    return (
        partner is not None
        and access.account is not None
        and (partner.account_id == access.account.pk)
    )


def acts_through(access: Access, obj) -> bool:
    """Whether ``obj`` is part of the grant ``access`` acts through (see the module doc)."""
    user = access.user
    if isinstance(obj, User):
        return obj.pk == user.pk
    if isinstance(obj, UserGroup):
        return user.kind == User.Kind.IAM and user.user_group_id == obj.pk
    if isinstance(obj, PartnerRole):  # also for the users the partner created through it
        return obj.pk == acting_role_id(access)
    if isinstance(obj, ExternalIdpRole):
        return user.kind == User.Kind.EXTERNAL and user.idp_role_id == obj.pk
    if isinstance(obj, PermissionProfile):
        return obj.pk in own_profile_ids(access)
    return False


def own_profile_ids(access: Access) -> set[int]:
    """The profiles behind the acting principal's grant, in use or dormant."""
    user = access.user
    ids = set()
    if access.role is not None:
        ids.add(access.role.permission_profile_id)
    elif user.kind == User.Kind.IAM:
        ids.add(user.permission_profile_id)
        if user.user_group_id:
            ids.add(user.user_group.permission_profile_id)
    elif user.kind == User.Kind.EXTERNAL and user.idp_role_id:
        ids.add(user.idp_role.permission_profile_id)
    if access.role is None and user.created_through_role_id:  # its grant's ceiling
        ids.add(access.once(("creating_role_profile",), lambda: _creating_role_profile(user)))
    ids.discard(None)
    return ids


def _creating_role_profile(user) -> int | None:
    roles = PartnerRole.objects.filter(pk=user.created_through_role_id)
    return roles.values_list("permission_profile_id", flat=True).first()


def acting_role_id(access: Access) -> int | None:
    """The Partner role behind ``access``: the one the partner acts through, or the one that
    created the acting user (what it does is the partner's too, and ends with the role)."""
    return access.role.pk if access.role is not None else access.user.created_through_role_id


def may_set_credentials(access: Access, user) -> bool:
    """Through a Partner role (or as a user created through one), the password or secret only
    of a principal created through that role: the role's end disables those
    (iam.services.revocation), and a credential of anyone else would outlive the role."""
    role_id = acting_role_id(access)
    return role_id is None or user.created_through_role_id == role_id


def may_change(access: Access, obj) -> bool:
    """Both rules at once: the grant is held by the actor and is not the one it acts through.
    Views offer the controls only where this holds, and look objects up through it."""
    return holds(access, obj) and not acts_through(access, obj)


def whole_organization_excess(access: Access, profile) -> bool:
    """A Local-type profile with the Organization portal manages the whole organization
    (iam.organization_access.managed_ou_paths): more than an OU admin, who works on its own
    OUs only, may hand out."""
    if profile is None or not profile.organization or profile.type == ScopeType.ORGANIZATION:
        return False
    from .organization_access import managed_ou_paths  # it reads the actor's own grant

    return managed_ou_paths(access) is not None


def held_ou_paths(access: Access) -> list[str] | None:
    """The OU subtrees the acting principal may hand out: None for all of them (the root
    account's owner), else its own Organization scope (empty: none, a Local-type user)."""
    if access.account is None or access.organization is not None:
        return []  # only inside the root account itself
    if access.user.kind == User.Kind.OWNER:
        return None
    from .organization_access import own_ou_scope  # it reads the user's own grant

    # Once per request: a profile's holders may each be checked against it.
    return access.once(("held_ou_paths",), lambda: own_ou_scope(access.user) or [])


def ou_excess(access: Access, units) -> list[str]:
    """The OUs among ``units`` outside what ``access`` holds, as readable items."""
    held = held_ou_paths(access)
    if held is None:
        return []
    return [
        f"the OU {unit.name}" for unit in units if not any(unit.path.startswith(p) for p in held)
    ]


def held_units(access: Access):
    """The OUs of the access's organization that it may hand out (see ``held_ou_paths``)."""
    units = OrganizationalUnit.objects.filter(organization__root=access.account)
    held = held_ou_paths(access)
    if held is None:
        return units
    within = Q(pk__in=[])
    for path in held:
        within |= Q(path__startswith=path)
    return units.filter(within)
