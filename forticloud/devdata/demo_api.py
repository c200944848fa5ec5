"""The demo's API users: ``automation`` in the demo customer's account (SysAdmin, all of My
Assets) and ``partner-automation`` in the partner's own account (its /api/v1/partner/). Their
client IDs are fixed and their secrets follow from the demo password, so the README's curl
lines work after every ``seed_demo``; only the secrets' hashes are stored, as for any client."""

from iam.models import Account, PermissionProfile, User
from iam.services.api_users import client_new, credentials_of

API_USERS = [("automation", "demo-automation"), ("partner-automation", "demo-partner-automation")]


def demo_api_users_ensure(password: str, customer: Account, partner_account: Account):
    """The two API users and their clients; returns the demo logins as (what, how)."""
    sysadmin = PermissionProfile.objects.get(builtin=PermissionProfile.Builtin.SYSADMIN)
    secret = f"{password}-api"
    logins = []
    for account, (username, client_id) in zip((customer, partner_account), API_USERS, strict=True):
        user, _ = User.objects.update_or_create(
            kind=User.Kind.API,
            account=account,
            username=username,
            defaults={
                "permission_profile": sysadmin,
                "description": "Demo automation",
                "partner_api": account == partner_account,
            },
        )
        user.set_unusable_password()
        user.save()
        client = credentials_of(user) or client_new(user)
        client.client_id = client_id
        client.client_secret = secret  # hashed when saved
        client.save()
        logins.append((f"API user {username} of {account.pk}", f"{client_id} / {secret}"))
    return logins
