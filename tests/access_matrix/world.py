"""The small world every row of the access matrix is checked against.

Account A ("Alpha Corp") holds the sample objects. Its My Assets has two subtrees: "Branch
Offices" (the Local scope of the scoped personas) and "Data Center" (outside it). The partner
"Reseller One" is connected to A by an active SysAdmin Partner role; another partner is
connected to account B; the stranger owns account C. Names of objects outside the scope are
distinctive, so a page can be searched for them as text.
"""

from dataclasses import dataclass, field

from django.contrib.auth.models import Group
from django.utils import timezone

from assets.models import Asset, AssetFolder, ContractCode, ProductModel
from forticare.models import Bug, Ticket
from iam.models import (
    Account,
    AuditEvent,
    ExportJob,
    LegacyPartnerConnection,
    LoginFailure,
    PartnerRole,
    PermissionProfile,
    User,
    UserGroup,
)
from iam.permissions import Level, ResourceLevel
from partners.models import Partner
from tests.assets.conftest import make_asset
from tests.factories import (
    AccountFactory,
    FolderFactory,
    GroupFactory,
    IamUserFactory,
    OwnerFactory,
    PartnerFactory,
    PartnerRoleFactory,
    PartnerUserFactory,
    ProfileFactory,
    StaffFactory,
    TicketFactory,
    builtin_profile,
)

from .world_exports import samples_once_users_exist

RO, RW = Level.READ_ONLY, Level.READ_WRITE
RES_RO, RES_RW, RES_NONE = ResourceLevel.READ_ONLY, ResourceLevel.READ_WRITE, 0
RESOURCES = [
    "entitlement_management",
    "asset_maintenance",
    "renewal_notice",
    "vulnerability_list",
    "account_services",
]

# The folder, serials and subject a scoped persona must never see anywhere on a page.
OUTSIDE_FOLDER = "Data Center"
OUTSIDE_TICKET = "Outage beyond the scope"
HISTORY_MARKER = "History marker of the matrix"


def _levels(am=0, fc=0, iam=0, resources=RES_NONE, **resource_levels):
    """Profile fields: portal levels, and every resource at ``resources`` unless named."""
    fields = {"asset_management": am, "forticare": fc, "iam": iam}
    fields |= {name: resources for name in RESOURCES}
    return fields | resource_levels


@dataclass
class World:
    account_a: Account
    account_b: Account
    account_c: Account
    partner_hq: Account
    owner_a: User
    owner_b: User
    stranger: User
    staff: User
    partner: Partner
    partner_user: User
    role_a: PartnerRole
    other_partner: Partner
    other_partner_user: User
    role_b: PartnerRole
    spare_partner: Partner
    # My Assets of A
    branch: AssetFolder
    branch_east: AssetFolder
    branch_spare: AssetFolder
    data_center: AssetFolder
    data_center_spare: AssetFolder
    asset_in: Asset
    asset_out: Asset
    asset_root: Asset
    gone_in: Asset
    gone_out: Asset
    # FortiCare of A
    ticket_in: Ticket
    ticket_out: Ticket
    ticket_no_unit: Ticket
    ticket_closed: Ticket
    bug: Bug
    # IAM of A
    p_small: PermissionProfile
    p_edit: PermissionProfile
    p_delete: PermissionProfile
    p_self: PermissionProfile
    group_self: UserGroup
    group_target: UserGroup
    iam_target: User
    iam_disabled: User
    iam_scoped: User
    iam_read_only: User
    iam_no_am: User
    iam_no_fc: User
    iam_no_iam: User
    iam_no_resource: User
    iam_self: User
    # Django admin samples
    auth_group: Group
    history_event: AuditEvent
    login_failure: LoginFailure
    legacy: LegacyPartnerConnection
    contract_code: ContractCode
    spare_model: ProductModel
    # Session keys of the users that log in, by World attribute (filled by the fixture).
    sessions: dict[str, str] = field(default_factory=dict)
    # Exports and a task result (world_exports.py), made once the users are.
    export_a: ExportJob | None = None
    export_partner: ExportJob | None = None
    task_result: object = None
    resource_link: object = None  # FortiCare's staff content (world_exports)
    bulletin: object = None
    # Also set there: ou_elsewhere, member_elsewhere, invitation_elsewhere, api_target.


def _my_assets(account) -> dict:
    """The World's folders and units of My Assets: inside "Branch Offices" and outside it."""
    branch = FolderFactory(account=account, name="Branch Offices")
    branch_east = FolderFactory(account=account, name="Branch East", parent=branch)
    branch_spare = FolderFactory(account=account, name="Branch Spare", parent=branch)
    data_center = FolderFactory(account=account, name=OUTSIDE_FOLDER)
    return {
        "branch": branch,
        "branch_east": branch_east,
        "branch_spare": branch_spare,
        "data_center": data_center,
        "data_center_spare": FolderFactory(
            account=account, name=f"{OUTSIDE_FOLDER} Spare", parent=data_center
        ),
        "asset_in": make_asset(account, folder=branch_east, ends_in=30),
        "asset_out": make_asset(account, folder=data_center, ends_in=30),
        "asset_root": make_asset(account, ends_in=30),  # My Assets itself: outside any folder scope
        "gone_in": make_asset(account, folder=branch, decommissioned_at=timezone.now()),
        "gone_out": make_asset(account, folder=data_center, decommissioned_at=timezone.now()),
    }


def build_world() -> World:
    account_a = AccountFactory(company_name="Alpha Corp")
    account_b = AccountFactory(company_name="Bravo Ltd")
    account_c = AccountFactory(company_name="Charlie Inc")
    partner_hq = AccountFactory(company_name="Reseller One HQ")
    partner = PartnerFactory(company_name="Reseller One", account=partner_hq)
    other_partner = PartnerFactory(company_name="Other Partner Co")
    my_assets = _my_assets(account_a)
    branch, asset_in = my_assets["branch"], my_assets["asset_in"]

    role_a = PartnerRoleFactory(
        account=account_a,
        partner=partner,
        name="Reseller access",
        notification_email="renewals@reseller.test",
    )
    p_small = ProfileFactory(account=account_a, name="Matrix Small", **_levels(am=RO))
    p_self = ProfileFactory(
        account=account_a, name="Matrix Self", **_levels(am=RW, fc=RW, iam=RW, resources=RES_RW)
    )
    group_self = GroupFactory(
        account=account_a, name="Matrix Self Group", permission_profile=p_self
    )
    group_target = GroupFactory(
        account=account_a,
        name="Matrix Target Group",
        permission_profile=p_small,
        scope_folder=branch,
    )

    def ticket(subject, **fields):
        return TicketFactory(
            account=account_a,
            subject=subject,
            description="Matrix sample.",
            creator_label="owner",
            **fields,
        )

    def iam_user(username, scope=None, **levels):
        profile = ProfileFactory(account=account_a, name=f"Profile of {username}", **levels)
        return IamUserFactory(
            account=account_a, username=username, permission_profile=profile, scope_folder=scope
        )

    world = World(
        account_a=account_a,
        account_b=account_b,
        account_c=account_c,
        partner_hq=partner_hq,
        owner_a=OwnerFactory(account=account_a),
        owner_b=OwnerFactory(account=account_b),
        stranger=OwnerFactory(account=account_c),
        staff=StaffFactory(),
        partner=partner,
        partner_user=PartnerUserFactory(partner=partner),
        role_a=role_a,
        other_partner=other_partner,
        other_partner_user=PartnerUserFactory(partner=other_partner),
        role_b=PartnerRoleFactory(account=account_b, partner=other_partner, name="Other access"),
        spare_partner=PartnerFactory(company_name="Spare Partner Co"),
        **my_assets,
        ticket_in=ticket("Fan noise in the branch", asset=asset_in),
        ticket_out=ticket(OUTSIDE_TICKET, asset=my_assets["asset_out"]),
        ticket_no_unit=ticket("Question without a unit"),
        ticket_closed=ticket(
            "Closed branch ticket",
            asset=asset_in,
            status=Ticket.Status.CLOSED,
            closed_at=timezone.now(),
        ),
        bug=Bug.objects.create(
            number=990_001, project="FortiOS", status="new", summary="Matrix sample bug"
        ),
        p_small=p_small,
        p_edit=ProfileFactory(account=account_a, name="Matrix Edit", **_levels(am=RO, fc=RO)),
        p_delete=ProfileFactory(account=account_a, name="Matrix Delete", **_levels(fc=RO)),
        p_self=p_self,
        group_self=group_self,
        group_target=group_target,
        iam_target=IamUserFactory(
            account=account_a,
            username="matrix-target",
            permission_profile=p_small,
            scope_folder=my_assets["branch_east"],
        ),
        iam_disabled=IamUserFactory(
            account=account_a,
            username="matrix-disabled",
            permission_profile=p_small,
            scope_folder=branch,
            is_active=False,
        ),
        iam_scoped=iam_user(
            "matrix-scoped", scope=branch, **_levels(am=RW, fc=RW, iam=RW, resources=RES_RW)
        ),
        iam_read_only=iam_user(
            "matrix-read-only", **_levels(am=RO, fc=RO, iam=RO, resources=RES_RO)
        ),
        iam_no_am=iam_user("matrix-no-am", **_levels(fc=RW, iam=RW, resources=RES_RW)),
        iam_no_fc=iam_user("matrix-no-fc", **_levels(am=RW, iam=RW, resources=RES_RW)),
        iam_no_iam=iam_user("matrix-no-iam", **_levels(am=RW, fc=RW, resources=RES_RW)),
        iam_no_resource=iam_user(
            "matrix-no-resource",
            **_levels(
                am=RW,
                fc=RW,
                iam=RW,
                entitlement_management=RES_RW,
                asset_maintenance=RES_RW,
            ),
        ),
        iam_self=IamUserFactory(account=account_a, username="matrix-self", user_group=group_self),
        auth_group=Group.objects.create(name="Matrix staff group"),
        history_event=AuditEvent.objects.create(
            account=account_a,
            actor_label=HISTORY_MARKER,
            acting_as="Account owner",
            action="partner_role.update",
            target_type="Partner Role",
            target_id=str(role_a.pk),
            target_label=role_a.name,
        ),
        login_failure=LoginFailure.objects.create(
            login="email:x@example.test", ip_address="10.0.0.9"
        ),
        legacy=LegacyPartnerConnection.objects.create(
            account=account_c, partner=other_partner, access=LegacyPartnerConnection.Access.FULL
        ),
        contract_code=ContractCode.objects.create(code="MATRIXCODE0001", service="forticare"),
        spare_model=ProductModel.objects.create(
            code="MATRIX1", name="Matrix Model", serial_prefix="MTX1"
        ),
    )
    samples = samples_once_users_exist(world)
    for name, sample in samples.items():
        setattr(world, name, sample)
    assert builtin_profile(PermissionProfile.Builtin.SYSADMIN) == role_a.permission_profile
    return world
