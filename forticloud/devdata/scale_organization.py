"""The organization of the scale data: a root account whose members are every generated
account, spread over a three-level OU tree (regions, countries, sites), and an OU admin whose
scope is the first region."""

from iam.models import (
    Account,
    Organization,
    OrganizationalUnit,
    OrganizationMember,
    PermissionProfile,
    User,
)
from iam.permissions import Level, Portal, ScopeType

REGIONS, COUNTRIES, SITES = 5, 4, 5  # 5 regions, 20 countries, 100 sites
OU_ADMIN = "ou-admin"


def _level(organization, parents, names_per_parent: int, label: str):
    """One level of the tree under ``parents`` (None: the root), ids first then paths."""
    units = OrganizationalUnit.objects.bulk_create(
        [
            OrganizationalUnit(
                organization=organization,
                parent=parent,
                name=f"{label} {k + 1}",
                path="",
                depth=parent.depth + 1 if parent else 1,
            )
            for parent in parents
            for k in range(names_per_parent)
        ]
    )
    for unit in units:
        parent = unit.parent
        unit.path = f"{parent.path if parent else '/'}{unit.pk}/"
    OrganizationalUnit.objects.bulk_update(units, ["path"])
    return units


def organization_generate(root_id: int, member_ids, password: str) -> OrganizationalUnit:
    """The root account ``root_id`` (its owner ``owner<root_id>@scale.test``), the tree, every
    account of ``member_ids`` a member of one site (round robin) and the OU admin. Returns the
    OU admin's region."""
    root = Account.objects.create(
        pk=root_id, company_name=f"Scale Root {root_id}", kind=Account.Kind.ROOT
    )
    User.objects.create(
        kind=User.Kind.OWNER, email=f"owner{root_id}@scale.test", account=root, password=password
    )
    organization = Organization.objects.create(root=root, name="Scale Group")
    regions = _level(organization, [None], REGIONS, "Region")
    countries = _level(organization, regions, COUNTRIES, "Country")
    sites = _level(organization, countries, SITES, "Site")
    member_ids = list(member_ids)
    Account.objects.filter(pk__in=member_ids).update(kind=Account.Kind.MEMBER)
    OrganizationMember.objects.bulk_create(
        [
            OrganizationMember(account_id=a, organization=organization, unit=sites[n % len(sites)])
            for n, a in enumerate(member_ids)
        ],
        batch_size=5000,
    )
    profile = PermissionProfile.objects.create(
        account=root,
        name="OU Administrator",
        type=ScopeType.ORGANIZATION,
        **{
            Portal.ASSET_MANAGEMENT: Level.READ_ONLY,
            Portal.FORTICARE: Level.READ_ONLY,
            Portal.ORGANIZATION: Level.ADMIN,
        },
    )
    admin = User.objects.create(
        kind=User.Kind.IAM,
        account=root,
        username=OU_ADMIN,
        permission_profile=profile,
        password=password,
    )
    admin.scope_units.set([regions[0]])
    return regions[0]
