"""The FortiCloud account: the tenant."""

import secrets

from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone


def new_account_id():
    return 1_000_000 + secrets.randbelow(9_000_000)


alias_validator = RegexValidator(
    r"^[a-z][a-z0-9-]{2,62}$",
    "An alias is 3 to 63 lowercase letters, digits or hyphens and starts with a letter.",
)


class Account(models.Model):
    """A FortiCloud account: the tenant everything a customer owns hangs off."""

    class Kind(models.TextChoices):
        NON_OU = "non_ou", "Non-OU Account"
        ROOT = "root", "Root Account"
        MEMBER = "member", "Member Account"

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        SUSPENDED = "suspended", "Suspended"

    # The public Account ID is the primary key: it is what people type and what URLs carry.
    id = models.PositiveBigIntegerField("Account ID", primary_key=True, default=new_account_id)
    alias = models.CharField(
        max_length=63, unique=True, null=True, blank=True, validators=[alias_validator]
    )
    company_name = models.CharField(max_length=200)
    kind = models.CharField(max_length=16, choices=Kind, default=Kind.NON_OU)
    status = models.CharField(max_length=16, choices=Status, default=Status.ACTIVE)
    created_at = models.DateTimeField(default=timezone.now)
    # A Partner's own account: its master user groups sub users and units (iam.models.sub_user).
    asset_groups_enabled = models.BooleanField("Asset groups", default=False)

    class Meta:
        ordering = ["company_name", "id"]
        indexes = [models.Index(fields=["company_name", "id"])]

    def __str__(self):
        return f"{self.company_name} ({self.id})"

    def save(self, *args, **kwargs):
        self.alias = self.alias or None  # blank aliases must not collide on the unique index
        super().save(*args, **kwargs)

    @property
    def iam_mode(self) -> str:
        """IAM's mode (seed 003): advanced in an organization (root or member), else basic."""
        return "Basic" if self.kind == self.Kind.NON_OU else "Advanced"
