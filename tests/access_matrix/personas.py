"""Who knocks. Each persona is a user of the world, and sometimes a change made to the world
inside the test's transaction (a role disabled, a partner turned inactive, a scope set).

Flags say what the rules of the matrix need to know about a persona; the expected answers
are computed from them in ``rules.py``.
"""

from collections.abc import Callable
from dataclasses import dataclass

from iam.models import Account, OrganizationMember, PartnerRole, PermissionProfile, User
from iam.permissions import Level, Portal, Resource, ResourceLevel, ScopeType
from partners.models import Partner

from .world import World


@dataclass(frozen=True)
class Persona:
    name: str
    user: str | None = None  # attribute of the World; None: not logged in
    htmx: bool = False
    setup: Callable[[World], None] | None = None
    # May enter account A at all (/a/<A>/...)?
    enters_account: bool = True
    # May visit as Partner (/partner/...)?
    visits_as_partner: bool = False
    partner_user: bool = False  # a partner's user: the Bug Tracker is theirs
    staff: bool = False
    # IAM users refused by the portal decorator on some rows
    without_portal: bool = False  # lacks the row's portal
    without_resource: bool = False  # lacks the row's Asset Management resource
    read_only: bool = False  # Read Only on every portal
    scoped: bool = False  # Local scope: "Branch Offices"
    variant: str = ""  # "outside": an object outside the scope; "own": the grant it acts by
    acts_through_role: bool = False  # in account A through role_a (the row's role is its own)
    # May open the organization view of account C (/o/<C>/...), and reaches A's units there?
    enters_organization_view: bool = False
    reaches_a_in_view: bool = False
    without_iam: bool = False  # no IAM in account A whatever its profile grants
    api_user: str | None = None  # the API: the World's API user whose bearer token it sends
    api_levels: tuple = ()  # that API user's (portal, level) pairs
    api_elsewhere: bool = False  # that API user is of another account than the samples
    api_partner: bool = False  # that API user is of the partner's own account (/api/v1/partner/)
    same_as: str = ""  # a persona whose row overrides apply to this one too (the same grant)
    idp_user: bool = False  # signed in by account A's identity provider (the jump page is its)
    levels: tuple = ()  # a legacy sub user: the (portal, level) pairs it holds, and no other

    @property
    def anonymous(self) -> bool:
        return self.user is None and not self.without_portal

    def user_for(self, world: World, route):
        if self.without_portal:
            return {
                Portal.ASSET_MANAGEMENT: world.iam_no_am,
                Portal.FORTICARE: world.iam_no_fc,
                Portal.IAM: world.iam_no_iam,
            }[route.portal]
        return getattr(world, self.user) if self.user else None


def _role(world, **fields):
    PartnerRole.objects.filter(pk=world.role_a.pk).update(**fields)


def role_scoped(world):
    _role(world, scope_folder=world.branch)


def role_pending(world):
    """The partner disconnected: the role waits for a new partner (no partner, pending)."""
    _role(world, partner=None, status=PartnerRole.Status.PENDING)


def role_disabled(world):
    _role(world, status=PartnerRole.Status.DISABLED)


def role_deleted(world):
    PartnerRole.objects.filter(pk=world.role_a.pk).delete()


def a_joins_organization(world):
    """Account A is a member of account C's organization, in the OU ``ou_elsewhere``."""
    Account.objects.filter(pk=world.account_a.pk).update(kind=Account.Kind.MEMBER)
    OrganizationMember.objects.create(
        account=world.account_a,
        organization=world.ou_elsewhere.organization,
        unit=world.ou_elsewhere,
    )


def other_partner_through_organization(world):
    """A joins C's organization; the other partner (connected to B, not to A) gets an active
    Organization-type role on C over A's OU, with a full Organization-type profile."""
    a_joins_organization(world)
    profile = PermissionProfile.objects.create(
        account=world.account_c,
        name="Organization partner",
        type=ScopeType.ORGANIZATION,
        **dict.fromkeys(["asset_management", "forticare", "iam"], Level.ADMIN),
        **{resource.value: ResourceLevel.READ_WRITE for resource in Resource},
    )
    role = PartnerRole.objects.create(
        account=world.account_c,
        partner=world.other_partner,
        name="Organization role of C",
        status=PartnerRole.Status.ACTIVE,
        scope_type=ScopeType.ORGANIZATION,
        permission_profile=profile,
    )
    role.scope_units.set([world.ou_elsewhere])


def partner_inactive(world):
    """The partner left the program; its role on A may still say active."""
    Partner.objects.filter(pk=world.partner.pk).update(status=Partner.Status.INACTIVE)


ANONYMOUS = Persona("anonymous", enters_account=False)
ANONYMOUS_HTMX = Persona("anonymous_htmx", htmx=True, enters_account=False)
# A stranger to account A: the owner of account C (a root account, whose view it opens).
STRANGER = Persona("stranger", "stranger", enters_account=False, enters_organization_view=True)
OWNER = Persona("owner", "owner_a")
STAFF = Persona("staff", "staff", enters_account=False, staff=True)

_PARTNER = dict(user="partner_user", partner_user=True, visits_as_partner=True)
PARTNER = Persona("partner", acts_through_role=True, **_PARTNER)
PARTNER_SCOPED = Persona(
    "partner_scoped", setup=role_scoped, scoped=True, acts_through_role=True, **_PARTNER
)
PARTNER_SCOPED_OUTSIDE = Persona(
    "partner_scoped_outside",
    setup=role_scoped,
    scoped=True,
    variant="outside",
    acts_through_role=True,
    **_PARTNER,
)
PARTNER_PENDING = Persona("partner_pending", setup=role_pending, enters_account=False, **_PARTNER)
PARTNER_DISABLED = Persona(
    "partner_disabled", setup=role_disabled, enters_account=False, **_PARTNER
)
PARTNER_DELETED = Persona("partner_deleted", setup=role_deleted, enters_account=False, **_PARTNER)
PARTNER_INACTIVE = Persona(
    "partner_inactive",
    "partner_user",
    setup=partner_inactive,
    enters_account=False,
    partner_user=True,
)
OTHER_PARTNER = Persona(
    "other_partner",
    "other_partner_user",
    enters_account=False,
    partner_user=True,
    visits_as_partner=True,
)

IAM_SCOPED = Persona("iam_scoped", "iam_scoped", scoped=True)
IAM_SCOPED_OUTSIDE = Persona("iam_scoped_outside", "iam_scoped", scoped=True, variant="outside")
# A person of A's identity provider through an External IdP role with iam_scoped's grant.
IDP_SCOPED = Persona("idp_scoped", "idp_scoped", scoped=True, same_as="iam_scoped", idp_user=True)
IAM_WITHOUT_PORTAL = Persona("iam_without_portal", without_portal=True)
IAM_WITHOUT_RESOURCE = Persona("iam_without_resource", "iam_no_resource", without_resource=True)
IAM_READ_ONLY = Persona("iam_read_only", "iam_read_only", read_only=True)
IAM_SELF = Persona("iam_self", "iam_self", variant="own")
# The same scoped IAM user once its account A is a member account: it keeps managing A as its
# profile allows (seed 002).
MEMBER_IAM = Persona("member_iam", "iam_scoped", scoped=True, setup=a_joins_organization)
# An IAM user of account C (the root of the organization account A joins for these two) with
# a full Organization-type profile: its OU scope holds A's OU, or another one.
_IN_VIEW = dict(setup=a_joins_organization, enters_organization_view=True)
ORG_INSIDE = Persona("org_inside", "org_inside", reaches_a_in_view=True, **_IN_VIEW)
ORG_OUTSIDE = Persona("org_outside", "org_outside", enters_account=False, **_IN_VIEW)
# The other partner, through its Organization-type role on C (A's root): enters A like a
# full partner, but not through role_a, and without IAM (a member's IAM is not a partner's).
PARTNER_ORG = Persona(
    "partner_org",
    "other_partner_user",
    setup=other_partner_through_organization,
    partner_user=True,
    visits_as_partner=True,
    without_iam=True,
)
# Account C's owner once A is a member of its organization.
ROOT_OWNER = Persona("root_owner", "stranger", reaches_a_in_view=True, **_IN_VIEW)


def api_target_disabled(world):
    User.objects.filter(pk=world.api_target.pk).update(is_active=False)


# The REST API: bearer tokens of API users (a browser session is no way in).
_AM, _FC = Portal.ASSET_MANAGEMENT, Portal.FORTICARE
_TARGET = dict(
    api_user="api_target",
    api_levels=((_AM, Level.READ_WRITE), (_FC, Level.READ_WRITE), (Portal.IAM, Level.READ_WRITE)),
)
API_SCOPED = Persona("api_scoped", scoped=True, **_TARGET)
API_SCOPED_OUTSIDE = Persona("api_scoped_outside", variant="outside", **_TARGET)
API_NO_AM = Persona("api_no_am", api_user="api_no_am", api_levels=((_FC, Level.READ_ONLY),))
_READER = ((_AM, Level.READ_ONLY), (_FC, Level.READ_ONLY))
API_OTHER_ACCOUNT = Persona(
    "api_other_account", api_user="api_b", api_levels=_READER, api_elsewhere=True
)
API_PARTNER = Persona(
    "api_partner", api_user="api_partner", api_levels=_READER, api_elsewhere=True, api_partner=True
)
API_DISABLED = Persona("api_disabled", setup=api_target_disabled, **_TARGET)


# Account A's legacy sub users (seed 001): never IAM. Full Access holds what the master user
# does in Asset Management and FortiCare; read-only and Limited Access only the levels named;
# Limited Access sees its two units only (asset_in, gone_in), no folder, no resource.
SUB_FULL = Persona("sub_full", "sub_full", without_iam=True)
SUB_READ_ONLY = Persona(
    "sub_read_only",
    "sub_read_only",
    without_iam=True,
    levels=((_AM, Level.READ_ONLY), (_FC, Level.READ_WRITE)),
)
_LIMITED = dict(user="sub_limited", levels=((_AM, Level.READ_ONLY),), without_resource=True)
SUB_LIMITED = Persona("sub_limited", **_LIMITED)
SUB_LIMITED_OUTSIDE = Persona("sub_limited_outside", variant="outside", **_LIMITED)
