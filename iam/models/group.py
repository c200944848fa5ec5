"""User groups: IAM users acting with the group's grant."""

from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from .account import Account
from .profile import PermissionProfile
from .scoping import AccountScopedQuerySet, scope_folder_field


class UserGroup(models.Model):
    """IAM users in a group act with the group's profile and scope instead of their own."""

    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="user_groups")
    name = models.CharField(max_length=64)
    description = models.CharField(max_length=255, blank=True)
    permission_profile = models.ForeignKey(
        PermissionProfile, on_delete=models.RESTRICT, related_name="user_groups"
    )
    scope_folder = scope_folder_field("scoped_groups")
    # The Organization type, as on IAM users (iam.organization_access).
    scope_units = models.ManyToManyField(
        "OrganizationalUnit", blank=True, related_name="scoped_groups", verbose_name="OU scope"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = AccountScopedQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                "account",
                Lower("name"),
                name="unique_group_name_per_account",
                violation_error_message="A user group with this name already exists.",
            )
        ]

    def __str__(self):
        return self.name
