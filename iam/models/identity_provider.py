"""External IdP roles (seeds 001, 003): an account's own OpenID Connect identity provider, and
the roles that decide what the people it signs in may reach."""

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from .account import Account
from .scoping import AccountScopedQuerySet, scope_folder_field


def _fernet() -> Fernet:
    """The key of the client secrets at rest, derived from ``IDP_SECRET_KEY`` (by default the
    SECRET_KEY): changing it makes every stored client secret unreadable (enter them again)."""
    key = getattr(settings, "IDP_SECRET_KEY", "") or settings.SECRET_KEY
    digest = hashlib.sha256(f"forticloud-idp-client-secret:{key}".encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


class IdentityProvider(models.Model):
    """One account's OpenID Connect provider (one per account). The client secret must be sent
    to the provider, so it is kept encrypted (not hashed) and never shown again."""

    account = models.OneToOneField(
        Account, on_delete=models.CASCADE, related_name="identity_provider"
    )
    issuer = models.URLField(
        "Issuer URL",
        max_length=255,
        help_text="Its discovery document is at <issuer>/.well-known/openid-configuration.",
    )
    client_id = models.CharField("Client ID", max_length=255)
    client_secret_encrypted = models.TextField(editable=False)
    roles_claim = models.CharField(
        "Roles claim",
        max_length=64,
        default="groups",
        help_text="The ID token claim that carries the user's groups or roles.",
    )
    allowed_domains = models.CharField(
        "Allowed email domains",
        max_length=500,
        blank=True,
        help_text="Optional, comma-separated: only people with an email in these domains.",
    )
    enabled = models.BooleanField(default=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Who last saved it: whoever controls the provider signs anyone in with any role, so a role
    # added or widened later must be within what this person holds (iam.services.idp).
    saved_by = models.ForeignKey(
        "iam.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = AccountScopedQuerySet.as_manager()

    def __str__(self):
        return self.issuer

    @property
    def client_secret(self) -> str:
        try:
            return _fernet().decrypt(self.client_secret_encrypted.encode()).decode()
        except InvalidToken:
            return ""

    @client_secret.setter
    def client_secret(self, secret: str) -> None:
        self.client_secret_encrypted = _fernet().encrypt(secret.encode()).decode()

    @property
    def domains(self) -> list[str]:
        parts = (part.strip().lower().lstrip("@") for part in self.allowed_domains.split(","))
        return [part for part in parts if part]

    def allows_email(self, email: str) -> bool:
        domains = self.domains
        return not domains or email.lower().rpartition("@")[2] in domains


class ExternalIdpRole(models.Model):
    """What the people of the account's IdP whose roles claim holds ``claim_value`` may do: a
    permission profile and a Local scope, like an IAM user's."""

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        DISABLED = "disabled", "Disabled"

    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="idp_roles")
    name = models.CharField("Role Name", max_length=100)
    description = models.CharField(max_length=255, blank=True)
    claim_value = models.CharField(
        "IdP group or role",
        max_length=255,
        help_text="The value of the roles claim that gives this role (e.g. a group's name or ID).",
    )
    permission_profile = models.ForeignKey(
        "PermissionProfile", on_delete=models.RESTRICT, related_name="idp_roles"
    )
    scope_folder = scope_folder_field("scoped_idp_roles")
    status = models.CharField(max_length=16, choices=Status, default=Status.ACTIVE)
    created_at = models.DateTimeField(default=timezone.now)

    objects = AccountScopedQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                "account",
                Lower("name"),
                name="unique_idp_role_name_per_account",
                violation_error_message="An External IdP role with this name already exists.",
            )
        ]

    def __str__(self):
        return self.name

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE
