"""An organization to test in (the ``org`` fixture of conftest.py) and its users."""

from iam.access import access_for_account
from iam.models import Account, OrganizationMember
from iam.permissions import ScopeType
from iam.services.organizations import organization_create, ou_create
from tests.factories import PASSWORD, AccountFactory, IamUserFactory, OwnerFactory, ProfileFactory


def member(org, name, unit=None):
    account = AccountFactory(company_name=name, kind=Account.Kind.MEMBER)
    OrganizationMember.objects.create(account=account, organization=org, unit=unit)
    OwnerFactory(account=account)
    return account


def organization_build(world):
    """Alpha is the root: EMEA > France, and APAC; members France Co (in France), Tokyo Co
    (in APAC) and Direct Co (under the root itself)."""
    owner = access_for_account(world.owner_a, world.account_a.pk)
    organization = organization_create(access=owner, name="Alpha Group")
    world.account_a.refresh_from_db()
    owner = access_for_account(world.owner_a, world.account_a.pk)
    emea = ou_create(access=owner, name="EMEA")
    france = ou_create(access=owner, name="France", parent=emea)
    apac = ou_create(access=owner, name="APAC")
    accounts = {
        "france": member(organization, "France Co", france),
        "tokyo": member(organization, "Tokyo Co", apac),
        "direct": member(organization, "Direct Co"),
    }
    return {
        "organization": organization,
        "emea": emea,
        "france_ou": france,
        "apac": apac,
        **accounts,
    }


def org_user(world, units, **levels):
    profile = ProfileFactory(account=world.account_a, type=ScopeType.ORGANIZATION, **levels)
    user = IamUserFactory(account=world.account_a, permission_profile=profile)
    user.scope_units.set(units)
    return user


def add_user(post, world, username, profile, units=(), **extra):
    return post(
        f"/a/{world.account_a.pk}/iam/users/new/iam-user/",
        {
            "username": username,
            "password": PASSWORD,
            "password_confirm": PASSWORD,
            "permission_profile": profile.pk,
            "scope_units": [unit.pk for unit in units],
            **extra,
        },
    )
