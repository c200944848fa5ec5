"""The demo organization: a root account with a three-level OU tree, two member accounts with
units and tickets, and an OU admin (an Organization-type IAM user scoped to EMEA)."""

from iam.access import access_for_account
from iam.models import (
    Account,
    Organization,
    OrganizationalUnit,
    OrganizationMember,
    PartnerRole,
    PermissionProfile,
    User,
)
from iam.permissions import Level, ResourceLevel, ScopeType
from iam.services.partner_roles import partner_role_create
from partners.services import connection_accept

ROOT_ID = 600000
# The OU tree, parents first: (name, parent name).
OU_TREE = [
    ("Americas", None),
    ("USA", "Americas"),
    ("West", "USA"),
    ("EMEA", None),
    ("France", "EMEA"),
]
# Member accounts and the OU each sits in.
MEMBERS = {600101: "West", 600102: "France"}
OU_ADMIN = "ou-admin"
OU_ADMIN_SCOPE = "EMEA"


def _unit(organization, name, parent):
    unit = OrganizationalUnit.objects.filter(
        organization=organization, parent=parent, name=name
    ).first()
    if unit is None:
        depth = parent.depth + 1 if parent else 1
        unit = OrganizationalUnit.objects.create(
            organization=organization, parent=parent, name=name, path="", depth=depth
        )
        unit.path = f"{parent.path if parent else '/'}{unit.pk}/"
        unit.save(update_fields=["path"])
    return unit


def demo_organization_ensure(make_user) -> tuple[list[Account], list[tuple[str, str]]]:
    """The root and member accounts (their owners made by ``make_user(kind, lookup, **fields)``)
    and the logins to print."""
    root, _ = Account.objects.update_or_create(
        pk=ROOT_ID, defaults={"company_name": f"Company {ROOT_ID}", "kind": Account.Kind.ROOT}
    )
    make_user(User.Kind.OWNER, {"email": f"owner-{ROOT_ID}@demo.test"}, account=root)
    organization, _ = Organization.objects.get_or_create(
        root=root, defaults={"name": "Company 600000 Group"}
    )
    units = {}
    for name, parent in OU_TREE:
        units[name] = _unit(organization, name, units.get(parent))
    members = []
    for account_id, unit in MEMBERS.items():
        account, _ = Account.objects.update_or_create(
            pk=account_id,
            defaults={"company_name": f"Company {account_id}", "kind": Account.Kind.MEMBER},
        )
        OrganizationMember.objects.update_or_create(
            account=account, defaults={"organization": organization, "unit": units[unit]}
        )
        make_user(User.Kind.OWNER, {"email": f"owner-{account_id}@demo.test"}, account=account)
        members.append(account)
    profile, _ = PermissionProfile.objects.update_or_create(
        account=root,
        name="OU Administrator",
        defaults={
            "type": ScopeType.ORGANIZATION,
            "description": "Works the member accounts of its OUs.",
            "asset_management": Level.ADMIN,
            "forticare": Level.READ_WRITE,
            "iam": Level.READ_ONLY,
            "asset_maintenance": ResourceLevel.READ_WRITE,
        },
    )
    admin = make_user(
        User.Kind.IAM,
        {"account": root, "username": OU_ADMIN},
        full_name="Olga OU-Admin",
        permission_profile=profile,
        is_active=True,
    )
    admin.scope_units.set([units[OU_ADMIN_SCOPE]])
    logins = [
        ("Root account of an organization", f"owner-{ROOT_ID}@demo.test"),
        (
            f"OU admin of EMEA in Company {ROOT_ID} (IAM Login)",
            f"{ROOT_ID} / {OU_ADMIN}",
        ),
        ("Member accounts (West, France)", "owner-600101@demo.test, owner-600102@demo.test"),
    ]
    return members, logins


def demo_organization_role_ensure(partner_user) -> None:
    """The root's Partner role of the Organization type over EMEA, connected to the demo
    partner: it reaches the France member account (600102) too."""
    root = Account.objects.get(pk=ROOT_ID)
    if PartnerRole.objects.filter(account=root).exists():
        return
    owner = User.objects.get(kind=User.Kind.OWNER, account=root)
    profile, _ = PermissionProfile.objects.update_or_create(
        account=root,
        name="Partner over EMEA",
        defaults={
            "type": ScopeType.ORGANIZATION,
            "asset_management": Level.READ_ONLY,
            "forticare": Level.READ_WRITE,
        },
    )
    emea = OrganizationalUnit.objects.get(organization__root=root, name=OU_ADMIN_SCOPE)
    _role, token = partner_role_create(
        access=access_for_account(owner, root.pk),
        name="Aruba 123 for EMEA",
        description="Organization type: the member accounts of EMEA",
        scope_type=ScopeType.ORGANIZATION,
        permission_profile=profile,
        scope_units=[emea],
    )
    connection_accept(
        user=partner_user,
        token=token,
        notification_email="renewals@aruba123.demo.test",
        ip="127.0.0.1",
    )
