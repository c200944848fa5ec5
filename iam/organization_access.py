"""Entering a member account through its organization (seed 002), and the organization view
across member accounts: more sources of the access decision (iam.access asks this module for
an account not the user's own, and for the ``/o/<root account id>/`` context).

The root account's owner reaches every member account. An IAM user of the root account whose
permission profile is of the Organization type (its user group's, while a member) reaches the
member accounts in the subtrees of its OU scope, with the profile's levels. A member account
has no Organization portal, and from inside it the whole account is in scope. Moving the
member out of the subtree, removing it from the organization or changing the user's (or its
group's) profile or OUs ends this on the next request. A Partner role of the Organization type
reaches the member accounts of its OUs the same way (iam.partner_reach).
"""

from django.db.models import Q

from forticloud.web.any_of import read_ids
from forticloud.web.compiled import run_prepared

from .access import Access
from .models import Account, Organization, OrganizationMember, User
from .partner_reach import organization_role
from .permissions import ALL_RESOURCES, Level, Portal, ResourceLevel, ScopeType
from .reach import NOWHERE, Reach

# What a member account has to manage from the organization.
MEMBER_PORTALS = frozenset({Portal.ASSET_MANAGEMENT, Portal.FORTICARE, Portal.IAM})


def _unit_path(membership) -> str:
    return membership.unit.path if membership.unit_id else "/"


def _holder(user: User):
    """Whose grant the user acts with: its user group's while a member, else its own."""
    return user.user_group or user


def organization_scope(user: User) -> list[str] | None:
    """The OU paths an IAM user of a root account reaches: its grant's (its group's while a
    member) Organization-type profile and OUs; None when it reaches no member account. (An
    API user enters no member account.)"""
    return own_ou_scope(user) if user.kind == User.Kind.IAM else None


def own_ou_scope(user: User) -> list[str] | None:
    """The OU paths of an IAM or API user's own grant (its group's while a member), an
    Organization-type profile of its account with OUs: what it holds of the organization.
    None: no such grant."""
    if user.kind not in (User.Kind.IAM, User.Kind.API):
        return None
    holder = _holder(user)
    profile = holder.permission_profile
    if (
        profile is None
        or profile.type != ScopeType.ORGANIZATION
        or profile.account_id != user.account_id
    ):
        return None
    return list(holder.scope_units.values_list("path", flat=True)) or None


def member_access(user, account, profile, organization, role=None, portals=MEMBER_PORTALS):
    """The grants of a root account's profile in one of its member accounts: its levels on
    the portals a member account has (and the holder can use), over the whole account."""
    levels = profile.portal_levels().items()
    return Access(
        user=user,
        account=account,
        grants={portal: level for portal, level in levels if level and portal in portals},
        resources=profile.resource_levels(),
        profile=profile,
        role=role,
        organization=organization,
    )


def access_through_organization(user: User, account: Account) -> Access | None:
    if user.kind not in (User.Kind.OWNER, User.Kind.IAM) or user.account_id is None:
        return None
    membership = (
        OrganizationMember.objects.select_related("organization", "unit")
        .filter(account=account, organization__root_id=user.account_id)
        .first()
    )
    if membership is None:
        return None
    organization = membership.organization
    if user.kind == User.Kind.OWNER:
        grants = dict.fromkeys(MEMBER_PORTALS, Level.ADMIN)
        return Access(
            user=user,
            account=account,
            grants=grants,
            resources=ALL_RESOURCES,
            organization=organization,
        )
    paths = organization_scope(user)
    if paths is None or not any(_unit_path(membership).startswith(path) for path in paths):
        return None
    profile = _holder(user).permission_profile  # the root account's (organization_scope)
    return member_access(user, account, profile, organization)


# A partner in a member account through the root's role: its assets and tickets. IAM stays
# with the member's own principals and the root's: a partner there could otherwise give itself
# a Partner role of the member that outlives the root's decision.
ORGANIZATION_ROLE_PORTALS = frozenset({Portal.ASSET_MANAGEMENT, Portal.FORTICARE})


def access_through_organization_role(user: User, account: Account) -> Access | None:
    """A partner user in a member account, through its partner's Organization-type Partner
    role of the root account (iam.partner_reach.organization_role)."""
    found = organization_role(user.partner_id, account)
    if found is None:
        return None
    role, organization = found
    portals = ORGANIZATION_ROLE_PORTALS
    return member_access(user, account, role.permission_profile, organization, role, portals)


# The organization view reads across member accounts; changes happen inside each of them.
ORGANIZATION_VIEW_LEVELS = {
    Portal.ASSET_MANAGEMENT: Level.READ_ONLY,
    Portal.FORTICARE: Level.READ_WRITE,
}


def access_for_organization_view(user: User, root_id: int) -> Access | None:
    """The organization view of a root account (``/o/<root id>/``): its owner, and its IAM
    users of the Organization type, see the Product List and All Tickets of the member
    accounts they reach (organization_reach), each portal as far as their profile grants it."""
    if not (user.is_authenticated and user.is_active) or user.account_id != root_id:
        return None
    organization = (
        Organization.objects.filter(root_id=root_id, root__status=Account.Status.ACTIVE)
        .select_related("root")
        .first()
    )
    if organization is None:
        return None
    ou_scope = None  # the owner's: the whole organization
    if user.kind == User.Kind.OWNER:
        levels = dict.fromkeys(MEMBER_PORTALS, Level.ADMIN)
    elif (scope := organization_scope(user)) is not None:
        levels = _holder(user).permission_profile.portal_levels()
        ou_scope = tuple(scope)
    else:
        return None
    grants = {
        portal: min(level, levels.get(portal, Level.NONE))
        for portal, level in ORGANIZATION_VIEW_LEVELS.items()
        if levels.get(portal, Level.NONE)
    }
    return Access(
        user=user, account=None, grants=grants, organization=organization, ou_scope=ou_scope
    )


# The member accounts an organization view reaches are read first, as one array of ids, when
# there are at most this many. Left a subquery of five tables, PostgreSQL planned it on every
# page (0.9 ms) and joined the units to it by a nested loop over the list of members (2.1 ms
# for the first page of 200 members' units, against 0.4 ms filtered by the array and 0.4 ms
# to read it, a prepared statement).
MEMBER_IDS_AT_MOST = 1000


def organization_reach(access: Access, portal: str, level: int, resource=None) -> Reach:
    """The member accounts the organization view ``access`` reaches for ``portal`` at
    ``level`` (and ``resource``): those its user may enter (organization_accounts), if the
    view's grant and the user's own have the level; each whole (from the organization a member
    account is in scope entirely). One SQL subquery."""
    user = access.user
    if portal not in MEMBER_PORTALS or not access.can(portal, level):
        return NOWHERE
    if user.kind != User.Kind.OWNER:
        profile = _holder(user).permission_profile
        if profile is None or profile.portal_levels().get(portal, Level.NONE) < level:
            return NOWHERE
        needed = min(level, ResourceLevel.READ_WRITE)
        if resource and profile.resource_levels().get(resource, 0) < needed:
            return NOWHERE
    accounts = organization_accounts(user, access.ou_scope).values_list("pk", flat=True)
    ids = run_prepared(lambda: read_ids(accounts, MEMBER_IDS_AT_MOST))
    return Reach(whole=accounts if ids is None else ids)


def organization_accounts(user: User, ou_scope: tuple | None = None):
    """The member accounts ``user`` may enter through its organization (Switch Accounts);
    ``ou_scope``: its OU paths, when read already (the organization view's access)."""
    members = Account.objects.filter(
        status=Account.Status.ACTIVE,
        membership__organization__root_id=user.account_id,
        membership__organization__root__status=Account.Status.ACTIVE,
    )
    if user.kind == User.Kind.OWNER:
        return members
    paths = ou_scope
    if paths is None:
        paths = organization_scope(user)
    if not paths:  # no OU: no member (an empty Q would match every one)
        return Account.objects.none()
    within = Q()
    for path in paths:
        within |= Q(membership__unit__path__startswith=path)
    return members.filter(within)


def managed_ou_paths(access) -> list[str] | None:
    """The OU subtrees ``access`` works on in the root account's Organization portal: None for
    the whole organization (the owner, Local-type users the profile grants the portal), else
    an Organization-type user's own OU scope (seed 002: it manages those OUs and members)."""
    profile = access.profile
    if access.user.kind == User.Kind.EXTERNAL and profile is not None:
        return None if profile.type != ScopeType.ORGANIZATION else []  # no OU Scope of its own
    if access.user.kind not in (User.Kind.IAM, User.Kind.API) or profile is None:
        return None
    if profile.type != ScopeType.ORGANIZATION:
        return None
    return own_ou_scope(access.user) or []


def within_paths(field: str, paths) -> Q:
    """Rows whose ``field`` (an OU path) lies in one of the subtrees ``paths``."""
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(**{f"{field}__startswith": path})
    return condition
