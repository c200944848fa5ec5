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
from typing import NamedTuple

from django.db.models import CharField, Exists, F, OuterRef, Q, SmallIntegerField, Subquery, Value
from django.utils import timezone

from forticloud.web.compiled import compiled_rows, compiled_subquery

from .models import Account, OrganizationMember, PartnerRole, ReachedAccount
from .permissions import PARTNER_ROLE_PORTALS, Level, Resource, ResourceLevel, ScopeType
from .reach import NOWHERE, Reach

# partners.Partner.Status.ACTIVE; iam does not import partners (tests/forticloud checks they agree).
ACTIVE_PARTNER = "active"


def within_end_date() -> Q:
    """A role with no End Date, or one not past: the End Date is the last day it works,
    whether or not the daily run has disabled it yet."""
    return Q(ends_on__isnull=True) | Q(ends_on__gte=timezone.localdate())


def _live_on_any_account() -> Q:
    """A role active, within its End Date, while its partner is active: it works if its
    account is active (a query of accounts checks that on its own rows)."""
    return within_end_date() & Q(status=PartnerRole.Status.ACTIVE, partner__status=ACTIVE_PARTNER)


def _live() -> Q:
    """A role that works: active, within its End Date, on an active account, while its
    partner is active."""
    return _live_on_any_account() & Q(account__status=Account.Status.ACTIVE)


def _own_profile() -> Q:
    """A role whose profile is its account's own (or a system profile): entering the account
    never honours another account's (``iam.access.profile_access``), whatever the row says,
    so no list across customers does either."""
    return Q(permission_profile__account__isnull=True) | Q(
        permission_profile__account_id=F("account_id")
    )


def _own_folder() -> Q:
    """A role with no scope folder, or one of its own account (as ``_own_profile``)."""
    # A subquery, not a join: PostgreSQL runs it only for the few roles with a folder.
    folders = PartnerRole._meta.get_field("scope_folder").related_model.objects
    own = folders.filter(pk=OuterRef("scope_folder_id"), account_id=OuterRef("account_id"))
    return Q(scope_folder__isnull=True) | Q(Exists(own))


def honoured() -> Q:
    """A role whose profile and scope folder are both its account's own."""
    return _own_profile() & _own_folder()


def live_roles(partner_id: int):
    """The partner's active roles on active accounts, while the partner is active."""
    return PartnerRole.objects.filter(_live(), partner_id=partner_id)


def reaching(portal: str, level: int = Level.READ_ONLY, resource=None) -> Q:
    """Whether a PartnerRole row is live, its profile and folder are its account's own, and
    the profile grants ``portal`` at ``level`` or more (and the Asset Management ``resource``
    at it, resources stopping at Read-Write): the one rule behind every aggregated ("Visit as
    Partner") list, as a condition to filter by or to read per role. The database keeps it for
    the roles without a folder (``ReachedAccount``), which the lists read."""
    if portal not in PARTNER_ROLE_PORTALS:
        return Q(pk__in=[])
    condition = _live() & _own_profile() & Q(**{f"permission_profile__{portal}__gte": level})
    if resource is not None:
        needed = min(level, ResourceLevel.READ_WRITE)
        condition &= Q(**{f"permission_profile__{resource}__gte": needed})
    return condition & _own_folder()


@dataclass(frozen=True)
class RoleScope:
    """A live role that reaches other than one whole account, with the levels its profile
    grants (the portals a Partner role may use, and the resources): a role with a scope folder
    (``organization`` False: the folder's subtree of ``account_id``), or an OU of an
    Organization-type role (``organization`` True: the members below it, of root
    ``account_id``)."""

    account_id: int
    path: str
    organization: bool
    levels: dict

    def grants(self, portal: str, level: int, resource=None) -> bool:
        """Whether the profile grants ``portal`` at ``level`` (and ``resource``), as
        ``reaching`` asks it of the database."""
        # A role without a profile has None for every level: it grants nothing, at any level.
        granted = self.levels.get(portal) if portal in PARTNER_ROLE_PORTALS else None
        if granted is None or granted < level:
            return False
        if resource is None:
            return True
        held = self.levels[resource]
        return held is not None and held >= min(level, ResourceLevel.READ_WRITE)


PROFILE_LEVELS = (*sorted(PARTNER_ROLE_PORTALS), *Resource)


def _partner_roles_query(partner_id: int):
    roles = live_roles(partner_id)
    nothing = Value(None, output_field=CharField())
    scoped = roles.filter(honoured(), scope_folder__isnull=False).values_list(
        "account_id",
        "scope_folder__path",
        nothing,
        *(f"permission_profile__{name}" for name in PROFILE_LEVELS),
    )
    organization_roles = roles.filter(
        scope_type=ScopeType.ORGANIZATION,
        permission_profile__type=ScopeType.ORGANIZATION,
        permission_profile__account_id=F("account_id"),  # the root's own profile, no other
    )
    through = PartnerRole.scope_units.through.objects.filter(partnerrole__in=organization_roles)
    units = through.values_list(
        "partnerrole__account_id",
        nothing,
        "organizationalunit__path",
        *(f"partnerrole__permission_profile__{name}" for name in PROFILE_LEVELS),
    )
    # A row with neither path when the partner has any live role (most reach a whole account
    # and are none of the above): whether it has connected accounts, in the same query.
    any_live = PartnerRole.objects.filter(pk=Subquery(roles.values("pk")[:1])).values_list(
        "account_id", nothing, nothing, *(Value(None, SmallIntegerField()) for _ in PROFILE_LEVELS)
    )
    return scoped.union(units, any_live, all=True)


class PartnerRoles(NamedTuple):
    """What a partner's access needs of its roles, read in one query per request."""

    scopes: tuple[RoleScope, ...]  # role_scopes
    any_live: bool  # a live role on any account: the partner has connected accounts


def partner_roles(partner_id: int) -> PartnerRoles:
    """The partner's live roles with a scope folder and the OUs of its live Organization-type
    roles, with their profiles' levels (most roles reach a whole account and are none of
    these), and whether it has any live role: one query, read once per request (``Access``);
    the scopes are filtered per portal in Python."""
    scopes, any_live = [], False
    for account_id, folder_path, unit_path, *levels in compiled_rows(
        _partner_roles_query, partner_id
    ):
        if folder_path is None and unit_path is None:
            any_live = True
            continue
        scopes.append(
            RoleScope(
                account_id,
                path=folder_path or unit_path,
                organization=unit_path is not None,
                levels=dict(zip(PROFILE_LEVELS, levels, strict=True)),
            )
        )
    return PartnerRoles(tuple(scopes), any_live)


def role_scopes(partner_id: int) -> tuple[RoleScope, ...]:
    """``partner_roles``' scopes."""
    return partner_roles(partner_id).scopes


def _whole_accounts(partner_id: int, portal: str, level: int, resource):
    # reaching()'s rule for the roles without a scope folder, as the database keeps it
    condition = within_end_date() & Q(partner_id=partner_id, **{f"{portal}__gte": level})
    if resource is not None:
        condition &= Q(**{f"{resource}__gte": min(level, ResourceLevel.READ_WRITE)})
    return ReachedAccount.objects.filter(condition).values("account_id")


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
    subquery of whole accounts, however many customers, and the roles' ``role_scopes`` (read
    already, or one more query)."""
    if portal not in PARTNER_ROLE_PORTALS:
        return NOWHERE
    if scopes is None:
        scopes = role_scopes(partner_id)
    granting = [scope for scope in scopes if scope.grants(portal, level, resource)]
    whole = compiled_subquery(_whole_accounts, partner_id, portal, level, resource)
    if units := [(s.account_id, s.path) for s in granting if s.organization]:
        members = _members_within(partner_id, units)
        whole = Account.objects.filter(Q(pk__in=whole) | members).values("pk")
    scoped = tuple((s.account_id, s.path) for s in granting if not s.organization)
    return Reach(whole=whole, scoped=scoped)


def _connected_roles(partner_id: int):
    roles = PartnerRole.objects.filter(_live_on_any_account(), partner_id=partner_id)
    return roles.values("account_id")


def connected_accounts(partner_id: int):
    """The customer accounts the partner's live roles connect it to (Partner Connected
    Accounts), member accounts of Organization-type roles included."""
    # The roles' subquery compiled once (the chooser builds a count and a page around it).
    roles = compiled_subquery(_connected_roles, partner_id)
    direct = Q(pk__in=roles, status=Account.Status.ACTIVE)
    if units := [(s.account_id, s.path) for s in role_scopes(partner_id) if s.organization]:
        return Account.objects.filter(direct | _members_within(partner_id, units))
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
