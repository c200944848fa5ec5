"""Entering a member account through its organization (seed 002), one more source of the
access decision (iam.access.access_for_account asks it for an account not the user's own).

The root account's owner reaches every member account. An IAM user of the root account whose
permission profile is of the Organization type (its user group's, while a member) reaches the
member accounts in the subtrees of its OU scope, with the profile's levels. A member account
has no Organization portal, and from inside it the whole account is in scope. Moving the
member out of the subtree, removing it from the organization or changing the user's (or its
group's) profile or OUs ends this on the next request.
"""

from django.db.models import Q

from .access import Access
from .models import Account, OrganizationMember, User
from .permissions import ALL_RESOURCES, Level, Portal, ScopeType

# What a member account has to manage from the organization.
MEMBER_PORTALS = frozenset({Portal.ASSET_MANAGEMENT, Portal.FORTICARE, Portal.IAM})


def _unit_path(membership) -> str:
    return membership.unit.path if membership.unit_id else "/"


def _holder(user: User):
    """Whose grant the user acts with: its user group's while a member, else its own."""
    return user.user_group or user


def organization_scope(user: User) -> list[str] | None:
    """The OU paths an IAM user of a root account reaches: its grant's (its group's while a
    member) Organization-type profile and OUs; None when it reaches no member account."""
    if user.kind != User.Kind.IAM:
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
    levels = profile.portal_levels().items()
    return Access(
        user=user,
        account=account,
        grants={portal: level for portal, level in levels if level and portal in MEMBER_PORTALS},
        resources=profile.resource_levels(),
        profile=profile,
        organization=organization,
    )


def organization_accounts(user: User):
    """The member accounts ``user`` may enter through its organization (Switch Accounts)."""
    members = Account.objects.filter(
        status=Account.Status.ACTIVE,
        membership__organization__root_id=user.account_id,
        membership__organization__root__status=Account.Status.ACTIVE,
    )
    if user.kind == User.Kind.OWNER:
        return members
    paths = organization_scope(user) if user.kind == User.Kind.IAM else None
    if paths is None:
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
    if access.user.kind != User.Kind.IAM or profile is None:
        return None
    if profile.type != ScopeType.ORGANIZATION:
        return None
    return organization_scope(access.user) or []


def within_paths(field: str, paths) -> Q:
    """Rows whose ``field`` (an OU path) lies in one of the subtrees ``paths``."""
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(**{f"{field}__startswith": path})
    return condition
