"""How Fortinet Partners connect to a customer account: the Partner role, and the legacy
connections through a master or sub user."""

from django.db import models
from django.db.models import Q
from django.utils import timezone

from ..permissions import ScopeType
from .account import Account
from .scoping import AccountScopedQuerySet, scope_folder_field
from .user import User


class PartnerRole(models.Model):
    """The connection that lets a Partner act in a customer account. At most one per account.

    The Partner role issue adds the invitation token and the pages."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        ACTIVE = "active", "Active"
        DISABLED = "disabled", "Disabled"

    account = models.OneToOneField(Account, on_delete=models.CASCADE, related_name="partner_role")
    partner = models.ForeignKey(
        "partners.Partner",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="roles",
    )
    name = models.CharField("Partner Role Name", max_length=100)
    description = models.CharField(max_length=255, blank=True)
    status = models.CharField(max_length=16, choices=Status, default=Status.PENDING)
    scope_type = models.CharField(max_length=16, choices=ScopeType, default=ScopeType.LOCAL)
    permission_profile = models.ForeignKey(
        "PermissionProfile",
        null=True,
        blank=True,
        on_delete=models.RESTRICT,
        related_name="partner_roles",
    )
    scope_folder = scope_folder_field("scoped_partner_roles")
    # The Organization type (a root account's role): these OUs and every OU below them; the
    # partner enters their member accounts with the role's profile (iam.partner_reach).
    scope_units = models.ManyToManyField(
        "OrganizationalUnit",
        blank=True,
        related_name="scoped_partner_roles",
        verbose_name="OU scope",
    )
    created_at = models.DateTimeField(default=timezone.now)
    connected_at = models.DateTimeField(null=True, blank=True)
    # The invitation token: only its SHA-256 is kept; consumed by the first successful connect.
    token_hash = models.CharField(max_length=64, null=True, blank=True, unique=True)
    token_expires_at = models.DateTimeField(null=True, blank=True)
    # The hash of the token that connected the role, so a late duplicate of the same Accept
    # is told "just used" and is not counted as a wrong token by the throttle.
    used_token_hash = models.CharField(max_length=64, null=True, blank=True, unique=True)
    token_used_at = models.DateTimeField(null=True, blank=True)
    notification_email = models.EmailField("Notification Email", blank=True)
    # A time-bound role (set by the customer): the daily run reminds both sides 14 and 3 days
    # before, and disables the role after this day (assets.renewal_notices' run, iam.role_ends).
    ends_on = models.DateField(
        "End Date",
        null=True,
        blank=True,
        help_text="Optional: the last day the partner may act in this account. Empty: no end.",
    )
    # What the daily run told about this role already: {"token": <hash>, "ending": [14, 3]}.
    reminders = models.JSONField(default=dict, blank=True, editable=False)

    objects = AccountScopedQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="active", partner__isnull=True),
                name="active_partner_role_has_a_partner",
            )
        ]
        indexes = [models.Index(fields=["partner", "status"])]

    def __str__(self):
        return f"{self.name} ({self.account_id})"

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE

    @property
    def token_valid(self) -> bool:
        return bool(
            self.token_hash and self.token_expires_at and self.token_expires_at > timezone.now()
        )


class LegacyPartnerConnection(models.Model):
    """A partner connected the legacy way, through a master or sub user of the account.

    Minimal until the legacy sub-user issue: enough to disconnect full-access connections and
    to refuse a Partner role while a limited one exists (seed 000)."""

    class Access(models.TextChoices):
        MASTER = "master", "Master user"
        FULL = "full", "Sub user, full access"
        LIMITED = "limited", "Sub user, limited access"

    account = models.ForeignKey(
        Account, on_delete=models.CASCADE, related_name="legacy_partner_connections"
    )
    partner = models.ForeignKey(
        "partners.Partner", on_delete=models.CASCADE, related_name="legacy_connections"
    )
    access = models.CharField(max_length=8, choices=Access)
    user = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    connected = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)
    disconnected_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["account", "partner"],
                condition=Q(connected=True),
                name="one_live_legacy_connection_per_partner",
            )
        ]

    def __str__(self):
        return f"{self.partner} → {self.account_id} ({self.get_access_display()})"
