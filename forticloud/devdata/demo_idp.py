"""The demo's identity provider: Company 1274099 signs its people in with a local OpenID
provider (oidc-provider-mock, which `make run` starts on DEMO_IDP_URL) and two External IdP
roles; the provider offers two people, one with one role and one with both."""

from django.conf import settings

from iam.models import Account, ExternalIdpRole, IdentityProvider, PermissionProfile, User
from iam.permissions import Level, ResourceLevel

ROLES = {
    # name: (the group value, its profile's levels)
    "Engineers": (
        "engineers",
        {"asset_management": Level.READ_WRITE, "asset_maintenance": ResourceLevel.READ_WRITE},
    ),
    "Support": ("support", {"forticare": Level.READ_WRITE, "asset_management": Level.READ_ONLY}),
}
PEOPLE = ["erin@company-1274099.example (one role)", "sam@company-1274099.example (two roles)"]


def demo_idp_ensure(account: Account) -> list[tuple[str, str]]:
    provider, _ = IdentityProvider.objects.get_or_create(
        account=account,
        defaults={"issuer": settings.DEMO_IDP_URL, "client_id": "forticloud-demo"},
    )
    provider.issuer, provider.roles_claim, provider.enabled = settings.DEMO_IDP_URL, "groups", True
    provider.client_secret = "demo-client-secret"  # noqa: S105 (the local provider takes any)
    provider.saved_by = account.users.filter(kind=User.Kind.OWNER).first()  # roles within it
    provider.save()
    for name, (group, levels) in ROLES.items():
        profile, _ = PermissionProfile.objects.update_or_create(
            account=account, name=f"IdP {name}", defaults=levels
        )
        ExternalIdpRole.objects.update_or_create(
            account=account,
            name=name,
            defaults={"claim_value": group, "permission_profile": profile, "status": "active"},
        )
    login = f"{settings.DEMO_IDP_URL}: click {' or '.join(PEOPLE)}"
    return [(f"Log in with your organization, /login/idp/{account.pk}/", login)]
