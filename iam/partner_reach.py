"""Which customer accounts a partner reaches, and through which Partner role: the rule behind
"Visit as Partner" (its aggregated lists, Partner Connected Accounts) and behind entering a
customer account.

A role connects one customer account. A role of the Organization type in a root account
(with the root's own Organization-type profile) reaches, besides the root, the member accounts
in the subtrees of its OUs, each with the role's profile on Asset Management and FortiCare
(seed 000: "Organization for OU accounts"); a member account's own live role with the same
partner comes first there.
"""

from dataclasses import dataclass

from django.db.models import F, Q
from django.utils import timezone

from .models import Account, OrganizationMember, PartnerRole
from .permissions import PARTNER_ROLE_PORTALS, Level, Resource, ResourceLevel, ScopeType
from .reach import Reach

# partners.Partner.Status.ACTIVE; iam does not import partners (tests/forticloud checks they agree).
ACTIVE_PARTNER = "active"


def within_end_date() -> Q:
    """A role with no End Date, or one not past: the End Date is the last day it works,
    whether or not the daily run has disabled it yet."""
    return Q(ends_on__isnull=True) | Q(ends_on__gte=timezone.localdate())


def live_roles(partner_id: int):
    """The partner's active roles on active accounts, while the partner is active."""
    return PartnerRole.objects.filter(
        within_end_date(),
        partner_id=partner_id,
        status=PartnerRole.Status.ACTIVE,
        partner__status=ACTIVE_PARTNER,
        account__status=Account.Status.ACTIVE,
    )


def reaching_roles(partner_id: int, portal: str, level: int = Level.READ_ONLY, resource=None):
    """The partner's live roles whose profile grants ``portal`` at ``level`` or more (and the
    Asset Management ``resource`` at it, resources stopping at Read-Write): the one rule behind
    every aggregated ("Visit as Partner") list."""
    if portal not in PARTNER_ROLE_PORTALS:
        return PartnerRole.objects.none()
    roles = live_roles(partner_id).filter(**{f"permission_profile__{portal}__gte": level})
    if resource is not None:
        needed = min(level, ResourceLevel.READ_WRITE)
        roles = roles.filter(**{f"permission_profile__{resource}__gte": needed})
    return roles


@dataclass(frozen=True)
class OrganizationScope:
    """One OU of a live Organization-type role: the root account, the OU's path, and the
    levels its profile grants (portals a Partner role may use, and the resources)."""

    root_id: int
    path: str
    levels: dict

    def grants(self, portal: str, level: int, resource=None) -> bool:
        if self.levels.get(portal, Level.NONE) < level:
            return False
        needed = min(level, ResourceLevel.READ_WRITE)
        return resource is None or self.levels[resource] >= needed


PROFILE_LEVELS = (*sorted(PARTNER_ROLE_PORTALS), *Resource)


def organization_scopes(partner_id: int) -> tuple[OrganizationScope, ...]:
    """Every OU of the partner's live Organization-type roles, with their profiles' levels: one
    query, read once per request (``Access``) and filtered per portal in Python."""
    organization_roles = live_roles(partner_id).filter(
        scope_type=ScopeType.ORGANIZATION,
        permission_profile__type=ScopeType.ORGANIZATION,
        permission_profile__account_id=F("account_id"),  # the root's own profile, no other
    )
    through = PartnerRole.scope_units.through.objects.filter(partnerrole__in=organization_roles)
    rows = through.values_list(
        "partnerrole__account_id",
        "organizationalunit__path",
        *(f"partnerrole__permission_profile__{name}" for name in PROFILE_LEVELS),
    )
    return tuple(
        OrganizationScope(root_id, path, dict(zip(PROFILE_LEVELS, levels, strict=True)))
        for root_id, path, *levels in rows
    )


def _members_within(partner_id: int, scopes) -> Q:
    """The member accounts (``Account`` rows) in those OU subtrees, except those with a role
    of their own with this partner (that role decides there), of active roots."""
    within = Q(pk__in=[])
    for root_id, path in scopes:
        within |= Q(organization__root_id=root_id, unit__path__startswith=path)
    members = OrganizationMember.objects.filter(
        within, organization__root__status=Account.Status.ACTIVE
    ).exclude(account__partner_role__in=live_roles(partner_id))
    return Q(pk__in=members.values("account_id"), status=Account.Status.ACTIVE)


def partner_reach(partner_id: int, portal: str, level: int, resource=None, scopes=None) -> Reach:
    """The accounts, with their scopes, the partner's roles reach for ``portal``: one SQL
    subquery of whole accounts, however many customers (and the OUs of Organization-type
    roles: ``scopes`` when read already, else one more query)."""
    roles = reaching_roles(partner_id, portal, level, resource)
    if scopes is None:
        scopes = organization_scopes(partner_id)
    scopes = [(s.root_id, s.path) for s in scopes if s.grants(portal, level, resource)]
    scoped = roles.filter(scope_folder__isnull=False).values_list(
        "account_id", "scope_folder__path"
    )
    whole = roles.filter(scope_folder__isnull=True).values("account_id")
    if scopes:
        whole = Account.objects.filter(
            Q(pk__in=whole) | _members_within(partner_id, scopes)
        ).values("pk")
    return Reach(whole=whole, scoped=tuple(scoped))


def connected_accounts(partner_id: int):
    """The customer accounts the partner's live roles connect it to (Partner Connected
    Accounts), member accounts of Organization-type roles included."""
    direct = Q(partner_role__in=live_roles(partner_id), status=Account.Status.ACTIVE)
    if scopes := [(s.root_id, s.path) for s in organization_scopes(partner_id)]:
        return Account.objects.filter(direct | _members_within(partner_id, scopes))
    return Account.objects.filter(direct)


def organization_role(partner_id: int, account: Account):
    """The partner's live Organization-type role of ``account``'s root whose OUs hold it, with
    the organization: (role, organization), else None."""
    membership = (
        OrganizationMember.objects.select_related("organization", "unit")
        .filter(account=account, organization__root__status=Account.Status.ACTIVE)
        .first()
    )
    if membership is None or membership.unit_id is None:
        return None
    role = (
        live_roles(partner_id)
        .select_related("permission_profile")
        .filter(account_id=membership.organization.root_id, scope_type=ScopeType.ORGANIZATION)
        .first()
    )
    profile = role.permission_profile if role is not None else None
    if profile is None or profile.type != ScopeType.ORGANIZATION:
        return None
    if profile.account_id != role.account_id:  # only the root's own profile is honoured
        return None
    paths = role.scope_units.values_list("path", flat=True)
    if not any(membership.unit.path.startswith(path) for path in paths):
        return None
    return role, membership.organization
