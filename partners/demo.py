"""Demo identities for `manage.py seed_demo`. Keep them stable: the README and demos use them."""

from django.db import transaction
from django.utils import timezone

from assets.models import AssetFolder
from iam.models import Account, PartnerRole, PermissionProfile, User
from iam.permissions import Level, ResourceLevel

from .models import Partner

PARTNER_NAME = "Aruba 123 Internet Security"
PARTNER_ACCOUNT_ID = 1192709
CUSTOMER_IDS = [1274099, 344266, 345097, 373026, 389832, 754421, 754423, 899765]
CONNECTED_IDS = [1274099, 344266, 345097, 373026, 389832, 754421]
OWNER_ACCOUNT_ID = 1274099
OWNER_ACCOUNT_ALIAS = "company-1274099"
IAM_USERNAME = "iam-user"
IAM_PROFILE = "Asset Viewer"
FOLDERS = ["Branch Offices", "Data Center"]


def _user(kind, lookup, password, **fields):
    user, _ = User.objects.update_or_create(kind=kind, **lookup, defaults=fields)
    user.set_password(password)
    user.save()
    return user


@transaction.atomic
def seed_demo(password: str) -> list[tuple[str, str]]:
    """Create or refresh the demo data; returns the demo logins as (what, how)."""
    customers = {}
    for account_id in CUSTOMER_IDS:
        customers[account_id], _ = Account.objects.update_or_create(
            pk=account_id,
            defaults={"company_name": f"Company {account_id}", "status": Account.Status.ACTIVE},
        )
    Account.objects.filter(pk=OWNER_ACCOUNT_ID).update(alias=OWNER_ACCOUNT_ALIAS)

    partner_account, _ = Account.objects.update_or_create(
        pk=PARTNER_ACCOUNT_ID,
        defaults={"company_name": PARTNER_NAME, "status": Account.Status.ACTIVE},
    )
    partner, _ = Partner.objects.update_or_create(
        company_name=PARTNER_NAME,
        defaults={"status": Partner.Status.ACTIVE, "account": partner_account},
    )

    logins = [("Fortinet staff (Django admin)", "admin@demo.test")]
    admin = _user(User.Kind.STAFF, {"email": "admin@demo.test"}, password, full_name="Demo Admin")
    if not admin.is_superuser:
        admin.is_staff = admin.is_superuser = True
        admin.save()

    _user(
        User.Kind.OWNER,
        {"email": "owner@demo.test"},
        password,
        account=customers[OWNER_ACCOUNT_ID],
        full_name="Olivia Owner",
    )
    logins.append((f"Owner of Company {OWNER_ACCOUNT_ID}", "owner@demo.test"))
    for account_id in CUSTOMER_IDS:
        if account_id != OWNER_ACCOUNT_ID:
            _user(
                User.Kind.OWNER,
                {"email": f"owner-{account_id}@demo.test"},
                password,
                account=customers[account_id],
                full_name=f"Owner of Company {account_id}",
            )
    logins.append(("Owners of the other customers", "owner-<account id>@demo.test"))

    demo_account = customers[OWNER_ACCOUNT_ID]
    folders = [
        AssetFolder.objects.filter(account=demo_account, parent=None, name=name).first()
        or AssetFolder.objects.create(account=demo_account, name=name)
        for name in FOLDERS
    ]
    viewer, _ = PermissionProfile.objects.update_or_create(
        account=demo_account,
        name=IAM_PROFILE,
        defaults={
            "description": "Sees assets and works FortiCare tickets.",
            "asset_management": Level.READ_ONLY,
            "forticare": Level.READ_WRITE,
            "asset_maintenance": ResourceLevel.READ_ONLY,
        },
    )
    _user(
        User.Kind.IAM,
        {"account": demo_account, "username": IAM_USERNAME},
        password,
        full_name="Ian IAM",
        description="Branch office technician",
        permission_profile=viewer,
        scope_folder=folders[0],
        is_active=True,
    )
    logins.append(
        (
            f"IAM user in Company {OWNER_ACCOUNT_ID} (IAM Login)",
            f"{OWNER_ACCOUNT_ID} or {OWNER_ACCOUNT_ALIAS} / {IAM_USERNAME}",
        )
    )

    for email, name in [
        ("partner@demo.test", "Pat Partner"),
        ("partner2@demo.test", "Sam Partner"),
    ]:
        _user(User.Kind.PARTNER, {"email": email}, password, partner=partner, full_name=name)
        logins.append((f"Partner user of {PARTNER_NAME}", email))

    sysadmin = PermissionProfile.objects.get(builtin=PermissionProfile.Builtin.SYSADMIN)
    for account_id in CUSTOMER_IDS:
        if account_id in CONNECTED_IDS:
            PartnerRole.objects.update_or_create(
                account=customers[account_id],
                defaults={
                    "name": "Aruba 123 Partner Role",
                    "description": f"Managed by {PARTNER_NAME}",
                    "partner": partner,
                    "status": PartnerRole.Status.ACTIVE,
                    "permission_profile": sysadmin,
                    "connected_at": timezone.now(),
                },
            )
        else:
            PartnerRole.objects.filter(account=customers[account_id], partner=partner).delete()
    return logins
