"""The access decision: who may enter which context, and what they may do there.

Every "may this person see or do this" question is answered here (with iam.partner_reach and
iam.organization_access) and nowhere else. A context is one account (``/a/<account id>/...``),
the partner's own view (``/partner/...``, "Visit as Partner") or a root account's organization
view (``/o/<account id>/...``). ``request.access`` is rebuilt from the database on every request,
so disabling a role, a user or a partner takes effect on the next click."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.db.models import Q

from forticloud.web.urls import reverse_ids

from .acting_as import acting_as
from .models import Account, PartnerRole, PermissionProfile, User
from .partner_reach import ACTIVE_PARTNER, partner_reach, within_end_date
from .permissions import (
    ALL_RESOURCES,
    ASSET_MANAGEMENT_MATRIX,
    EVERYTHING,
    PARTNER_ROLE_PORTALS,
    AssetAction,
    Level,
    Portal,
    ResourceLevel,
)
from .reach import NOWHERE, Reach

PARTNER_CONTEXT = "partner"
ACCOUNT_ID = re.compile(r"[0-9]{1,18}")  # ASCII digits only: int() also takes "²" or "٣"

ACCOUNT_PRINCIPALS = User.ACCOUNT_KINDS  # one account each


@dataclass(frozen=True)
class Access:
    """What ``user`` may do in one context. ``account`` is None in the two aggregated
    contexts: visiting as Partner, and the organization view (``organization`` set).
    ``scope_folder`` is the Local permission scope: None means all of My Assets, otherwise the
    folder whose subtree (``scope_folder.path`` prefix) the user may see."""

    user: User
    account: Account | None
    grants: dict[str, Level] = field(default_factory=dict)
    resources: dict[str, ResourceLevel] = field(default_factory=dict)
    scope_folder: object = None
    profile: PermissionProfile | None = None
    role: PartnerRole | None = None
    # Entering a member account through its organization; the organization of the view.
    organization: object = None
    ip: str | None = None  # where the request came from, for the audit log
    # Visiting as Partner: whether the partner has anything to look at (its own FortiCloud
    # account or connected customers); without it there is no Services menu.
    has_partner_accounts: bool = False
    api_partner: object = None  # /api/v1/partner/: the Partner of the API user's own account
    partner_scopes: tuple | None = None  # visiting as Partner: its role_scopes, read once
    ou_scope: tuple | None = None  # the organization view of an IAM user: its OUs, read once
    # A Limited Access sub user: subqueries of the only unit ids it sees (iam.sub_users).
    assigned_units: tuple | None = None
    _computed: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    @property
    def is_aggregated(self) -> bool:
        """Visiting as Partner or the organization view: lists across the reached accounts."""
        return self.account is None

    @property
    def is_partner_visit(self) -> bool:
        return self.account is None and self.organization is None

    @property
    def is_organization_view(self) -> bool:
        return self.account is None and self.organization is not None

    @property
    def partner(self):
        return self.user.partner if self.user.kind == User.Kind.PARTNER else self.api_partner

    @property
    def is_partner_user(self) -> bool:
        """A person of a Fortinet Partner, in whatever context (the Bug Tracker is theirs)."""
        return self.partner is not None

    def reach(self, portal: str, level: int = Level.READ_ONLY, resource=None) -> Reach:
        """The accounts, with their scopes, this access reaches for ``portal`` at ``level``
        (and an Asset Management ``resource``): this account within the Local scope, or
        iam.partner_reach, or iam.organization_access (once per request)."""
        return self.once((portal, level, resource), lambda: self._reach(portal, level, resource))

    def once(self, key: tuple, compute):
        """``compute()``, computed once for this access (a request) under ``key``."""
        if key not in self._computed:
            self._computed[key] = compute()
        return self._computed[key]

    def _reach(self, portal, level, resource) -> Reach:
        if self.is_organization_view:
            from .organization_access import organization_reach  # it builds on this module

            return organization_reach(self, portal, level, resource)
        if self.is_partner_visit:  # each role's profile decides (iam.partner_reach)
            if not (self.partner and self.can(portal, Level.READ_ONLY, resource)):
                return NOWHERE
            return partner_reach(self.partner.pk, portal, level, resource, self.partner_scopes)
        if not self.can(portal, level, resource):
            return NOWHERE
        if self.assigned_units is not None:
            return Reach(units=((self.account.pk, self.assigned_units),))
        if self.scope_folder is None:
            return Reach(whole=[self.account.pk])
        return Reach(scoped=((self.account.pk, self.scope_folder.path),))

    @property
    def key(self) -> str:
        if self.is_organization_view:
            return organization_context_key(self.organization.root_id)
        return PARTNER_CONTEXT if self.account is None else account_context_key(self.account.pk)

    def can(self, portal: str, level: int = Level.READ_ONLY, resource: str | None = None) -> bool:
        """At least ``level`` on ``portal`` and, for an Asset Management resource, on it too
        (resources stop at Read-Write: Admin on the portal needs Read-Write on the resource)."""
        if self.grants.get(portal, Level.NONE) < level:
            return False
        if resource is None:
            return True
        needed = min(level, ResourceLevel.READ_WRITE)
        return self.resources.get(resource, ResourceLevel.NO_ACCESS) >= needed

    def may(self, action: AssetAction) -> bool:
        """An Asset Management action of the seed 001 matrix."""
        return self.can(Portal.ASSET_MANAGEMENT, ASSET_MANAGEMENT_MATRIX[action])

    @property
    def scope_label(self) -> str:
        if self.assigned_units is not None:
            return "Assigned units"
        return self.scope_folder.name if self.scope_folder is not None else "MyAssets"

    @property
    def is_master_user(self) -> bool:
        """The account owner in its own account: only it manages sub users (seed 003)."""
        owner = self.user.kind == User.Kind.OWNER and self.role is None
        return owner and self.account is not None and self.user.account_id == self.account.pk

    @property
    def portals(self) -> list[tuple[Portal, Level]]:
        return [(p, Level(self.grants[p])) for p in Portal if self.grants.get(p, Level.NONE)]

    @property
    def acting_as(self) -> str:
        return acting_as(self)

    def reverse(self, name: str, **kwargs) -> str:
        """The URL of ``name`` inside this context, e.g. ``access.reverse("dashboard")``."""
        if self.is_organization_view:
            kwargs = {"account_id": self.organization.root_id, **kwargs}
            return reverse_ids(f"organization_view:{name}", kwargs)
        if self.account is None:
            return reverse_ids(f"partner:{name}", kwargs)
        return reverse_ids(f"account:{name}", {"account_id": self.account.pk, **kwargs})

    def reverse_in(self, account_id: int, name: str, **kwargs) -> str:
        """The URL of ``name`` in account ``account_id``'s context (an aggregated row's)."""
        return reverse_ids(f"account:{name}", {"account_id": account_id, **kwargs})


def account_context_key(account_id: int) -> str:
    return f"a-{account_id}"


def organization_context_key(root_id: int) -> str:
    return f"o-{root_id}"


def own_accounts(user: User):
    """The accounts linked to the credentials themselves (not through a Partner role)."""
    if user.kind in (User.Kind.OWNER, User.Kind.IAM, User.Kind.SUB, User.Kind.EXTERNAL):
        condition = Q(pk=user.account_id)
    elif user.kind == User.Kind.PARTNER:
        condition = Q(owning_partner__pk=user.partner_id)
    else:
        return Account.objects.none()
    return Account.objects.filter(condition, status=Account.Status.ACTIVE)


def may_visit_as_partner(user: User) -> bool:
    return user.kind == User.Kind.PARTNER and user.partner.status == ACTIVE_PARTNER


def access_for_account(user: User, account_id: int) -> Access | None:
    """The access ``user`` has in account ``account_id``, or None if they may not enter it."""
    if not (user.is_authenticated and user.is_active):
        return None
    account = Account.objects.filter(pk=account_id, status=Account.Status.ACTIVE).first()
    if account is None:
        return None
    if user.kind in ACCOUNT_PRINCIPALS:
        if user.account_id != account.pk:
            from .organization_access import access_through_organization  # it builds on this

            return access_through_organization(user, account)
        return own_account_access(user, account)
    if user.kind == User.Kind.PARTNER:
        if user.partner.account_id == account.pk:
            return Access(user=user, account=account, grants=EVERYTHING, resources=ALL_RESOURCES)
        if user.partner.status != ACTIVE_PARTNER:
            return None
        role = (
            PartnerRole.objects.select_related("permission_profile", "scope_folder")
            .filter(within_end_date(), account=account, partner_id=user.partner_id)
            .filter(status=PartnerRole.Status.ACTIVE)
            .first()
        )
        if role is None:
            from .organization_access import access_through_organization_role  # builds on this

            return access_through_organization_role(user, account)
        return profile_access(
            user,
            account,
            role.permission_profile,
            role.scope_folder,
            role=role,
            portals=PARTNER_ROLE_PORTALS,
        )
    return None


def own_account_access(user: User, account: Account) -> Access | None:
    """An account principal's access in its own account (``account``, active)."""
    if user.kind == User.Kind.OWNER:
        return Access(user=user, account=account, grants=EVERYTHING, resources=ALL_RESOURCES)
    if user.kind == User.Kind.SUB:
        from .sub_users import sub_user_access  # it builds on this module

        return sub_user_access(user, account)
    if user.kind == User.Kind.EXTERNAL:  # through the External IdP role chosen at login
        from .idp_access import idp_user_access  # it builds on this module

        return idp_user_access(user, account)
    # IAM or API user: the group's profile and scope replace its own while a member.
    holder = user.user_group or user
    if not user.created_through_role_id:
        return profile_access(user, account, holder.permission_profile, holder.scope_folder)
    from .role_created_access import within_creating_role  # it builds on this module

    own = profile_access(
        user, account, holder.permission_profile, holder.scope_folder, portals=PARTNER_ROLE_PORTALS
    )
    return within_creating_role(own)


def profile_access(user, account, profile, scope_folder, role=None, portals=None) -> Access:
    """Grants of a permission profile; no profile grants nothing (fail closed).

    A profile or folder of another account is never honoured, whatever the row says."""
    if scope_folder is not None and scope_folder.account_id != account.pk:
        return Access(user=user, account=account, role=role)
    if profile is None or profile.account_id not in (None, account.pk):
        return Access(user=user, account=account, role=role, scope_folder=scope_folder)
    grants = {
        portal: level
        for portal, level in profile.portal_levels().items()
        if level and (portals is None or portal in portals)
    }
    return Access(
        user=user,
        account=account,
        grants=grants,
        resources=profile.resource_levels(),
        scope_folder=scope_folder,
        profile=profile,
        role=role,
    )


def access_for_context(user: User, key: str) -> Access | None:
    """The access for a context key ("partner", "a-<account id>" or "o-<root account id>",
    the organization view); None if not enterable."""
    if key == PARTNER_CONTEXT and user.kind == User.Kind.API:
        from .api_access import access_for_partner_api_user  # it builds on this module

        return access_for_partner_api_user(user)  # /api/v1/partner/ (an export job's)
    if key == PARTNER_CONTEXT:
        from .partner_access import access_for_partner_visit  # it builds on this module

        return access_for_partner_visit(user)
    prefix, _, account_id = key.partition("-")
    if prefix not in ("a", "o") or not ACCOUNT_ID.fullmatch(account_id):
        return None
    if prefix == "o":
        from .organization_access import access_for_organization_view  # it builds on this

        return access_for_organization_view(user, int(account_id))
    return access_for_account(user, int(account_id))
