"""The tenant and every principal. One module per model (or close family)."""

from .account import Account, alias_validator, new_account_id
from .audit import AuditEvent
from .export_job import ExportJob
from .group import UserGroup
from .identity_provider import ExternalIdpRole, IdentityProvider
from .login_failure import LoginFailure
from .my_account import EmailChange, LoginRecord
from .organization import (
    MAX_OU_DEPTH,
    MemberInvitation,
    Organization,
    OrganizationalUnit,
    OrganizationMember,
)
from .outbox import MailOptOut, OutboxMail
from .partner_role import LegacyPartnerConnection, PartnerRole
from .profile import PermissionProfile, ProfileQuerySet
from .reached_account import ReachedAccount
from .scoping import AccountScopedQuerySet
from .sub_user import ProductGroup, SubUserGroup
from .user import User, UserManager

__all__ = [
    "MAX_OU_DEPTH",
    "Account",
    "AccountScopedQuerySet",
    "AuditEvent",
    "EmailChange",
    "ExportJob",
    "ExternalIdpRole",
    "IdentityProvider",
    "LegacyPartnerConnection",
    "LoginFailure",
    "LoginRecord",
    "MailOptOut",
    "MemberInvitation",
    "Organization",
    "OrganizationMember",
    "OrganizationalUnit",
    "OutboxMail",
    "PartnerRole",
    "PermissionProfile",
    "ProductGroup",
    "ProfileQuerySet",
    "ReachedAccount",
    "SubUserGroup",
    "User",
    "UserGroup",
    "UserManager",
    "alias_validator",
    "new_account_id",
]
