"""The access of a person an account's own identity provider signed in (iam.access builds on
this): the External IdP role chosen on the jump page, while the role is active, its claim value
is among the person's groups of the last login and the provider is enabled; else none, and the
jump page offers the roles that still match."""

from .access import Access, profile_access
from .models import ExternalIdpRole, User


def matching_roles(user: User):
    """The active roles of the user's account that its groups of the last login match, while
    the account's identity provider is enabled."""
    return ExternalIdpRole.objects.filter(
        account_id=user.account_id,
        status=ExternalIdpRole.Status.ACTIVE,
        claim_value__in=user.idp_claims or [],
        account__identity_provider__enabled=True,
    )


def idp_user_access(user: User, account) -> Access | None:
    if user.idp_role_id is None:
        return None
    role = (
        matching_roles(user)
        .select_related("permission_profile", "scope_folder")
        .filter(pk=user.idp_role_id)
        .first()
    )
    if role is None:
        return None
    return profile_access(user, account, role.permission_profile, role.scope_folder)
