"""Demo identities for `manage.py seed_demo`. Keep them stable: the README and demos use them."""

from django.db import transaction

from assets.coverage import coverage_recount
from assets.models import AssetFolder
from iam.access import access_for_account
from iam.models import Account, EmailChange, PartnerRole, PermissionProfile, User
from iam.permissions import Level, ResourceLevel
from iam.services.partner_roles import (
    partner_role_create,
    partner_role_regenerate_token,
    partner_role_set_active,
)
from partners.models import Partner
from partners.services import connection_accept

from .demo_advisories import demo_advisories_ensure, demo_firmware_ensure
from .demo_api import demo_api_users_ensure
from .demo_assets import demo_assets_ensure, demo_contract_codes_ensure
from .demo_forticare import demo_bugs_ensure, demo_general_sections_ensure, demo_tickets_ensure
from .demo_idp import demo_idp_ensure
from .demo_organization import demo_organization_ensure, demo_organization_role_ensure
from .demo_renewals import demo_renewals_ensure
from .demo_sub_users import demo_sub_users_ensure

PARTNER_NAME = "Aruba 123 Internet Security"
PARTNER_ACCOUNT_ID = 1192709
CUSTOMER_IDS = [1274099, 344266, 345097, 373026, 389832, 754421, 754423, 899765]
CONNECTED_IDS = [1274099, 344266, 345097, 373026, 389832, 754421]
PENDING_ID = 754423  # a Partner role waiting for the partner, with a fresh token
DISABLED_ID = 899765  # connected, then disabled by the customer
# The permission profile each connected customer gives the partner.
ROLE_PROFILES = {
    1274099: "SysAdmin",
    344266: "Partner Tickets",
    345097: "Full Access",
    373026: "Assets Only",
    389832: "SysAdmin",
    754421: "Partner Tickets",
    PENDING_ID: "SysAdmin",
    DISABLED_ID: "SysAdmin",
}
CUSTOM_PROFILES = {
    "Partner Tickets": {"forticare": Level.READ_WRITE, "asset_management": Level.READ_ONLY},
    "Assets Only": {"asset_management": Level.ADMIN, "asset_maintenance": ResourceLevel.READ_WRITE},
}
OWNER_ACCOUNT_ID = 1274099
OWNER_ACCOUNT_ALIAS = "company-1274099"
IAM_USERNAME = "iam-user"
IAM_PROFILE = "Asset Viewer"
FOLDERS = ["Branch Offices", "Data Center"]


def _email_restore(kind, email):
    """A demo person who changed their login email in My Account gets the demo one back (else
    the lookup by email would make a second owner of the account)."""
    if User.objects.filter(kind__in=User.EMAIL_LOGIN_KINDS, email__iexact=email).exists():
        return
    changed = EmailChange.objects.filter(
        user__kind=kind, old_email__iexact=email, status=EmailChange.Status.DONE
    ).first()
    if changed is not None:
        User.objects.filter(pk=changed.user_id).update(email=email)


def _user(kind, lookup, password, **fields):
    if "email" in lookup:
        _email_restore(kind, lookup["email"])
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

    for account in customers.values():
        demo_assets_ensure(account)
    logins.append(("Contract registration code (Register)", demo_contract_codes_ensure()))

    partner_user = User.objects.get(email="partner@demo.test")
    token = _connect_customers(customers, partner, partner_user)
    for account_id, account in customers.items():
        owner = User.objects.get(kind=User.Kind.OWNER, account=account)
        demo_tickets_ensure(account, owner, partner_user if account_id in CONNECTED_IDS else None)
    demo_bugs_ensure()
    demo_general_sections_ensure()
    owner = User.objects.get(kind=User.Kind.OWNER, account_id=OWNER_ACCOUNT_ID)
    logins.append(("Contract registration code (Complete a renewal)", demo_renewals_ensure(owner)))
    members, organization_logins = demo_organization_ensure(
        lambda kind, lookup, **fields: _user(kind, lookup, password, **fields)
    )
    demo_organization_role_ensure(partner_user)
    for account in members:
        demo_assets_ensure(account)
        demo_tickets_ensure(account, User.objects.get(kind=User.Kind.OWNER, account=account))
    logins += organization_logins
    counted = [*customers.values(), *members]
    demo_firmware_ensure([account.pk for account in counted])
    demo_advisories_ensure()
    coverage_recount([account.pk for account in counted])  # the Dashboards' counts
    logins.append((f"Pending Partner role token for Company {PENDING_ID}", token))
    logins += demo_api_users_ensure(password, demo_account, partner_account)
    logins += demo_idp_ensure(demo_account)
    logins += demo_sub_users_ensure(
        lambda kind, lookup, **fields: _user(kind, lookup, password, **fields),
        demo_account,
        partner_account,
    )
    demo_firmware_ensure([partner_account.pk])
    coverage_recount([partner_account.pk])
    return logins


def _profile(account, name):
    if name in CUSTOM_PROFILES:
        profile, _ = PermissionProfile.objects.update_or_create(
            account=account, name=name, defaults=CUSTOM_PROFILES[name]
        )
        return profile
    return PermissionProfile.objects.get(account=None, name=name)


def _connect_customers(customers, partner, partner_user) -> str:
    """Each customer's owner creates the Partner role and the partner connects with the token,
    through the same services as the pages. Returns a fresh token of the pending role."""
    pending_token = ""
    for account_id, profile_name in ROLE_PROFILES.items():
        account = customers[account_id]
        owner = User.objects.get(kind=User.Kind.OWNER, account=account)
        access = access_for_account(owner, account.pk)
        role = PartnerRole.objects.filter(account=account).first()
        if role is None:
            role, token = partner_role_create(
                access=access,
                name="Aruba 123 Partner Role",
                description=f"Managed by {partner.company_name}",
                permission_profile=_profile(account, profile_name),
            )
            if account_id != PENDING_ID:
                connection_accept(
                    user=partner_user,
                    token=token,
                    notification_email="renewals@aruba123.demo.test",
                    ip="127.0.0.1",
                )
            if account_id == DISABLED_ID:
                role.refresh_from_db()
                partner_role_set_active(access=access, role=role, active=False)
        if account_id == PENDING_ID:
            role.refresh_from_db()
            pending_token = partner_role_regenerate_token(access=access, role=role)
    return pending_token
