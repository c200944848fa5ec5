"""The legacy Sub User Model's groups (seed 001): in a Partner's own FortiCloud account with
asset groups enabled, the master user groups sub users and units, and gives product groups to
user groups; a Limited Access member sees the units of its groups' product groups."""

from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from .account import Account


class SubUserGroup(models.Model):
    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="sub_user_groups")
    name = models.CharField(max_length=64)
    members = models.ManyToManyField("User", blank=True, related_name="sub_user_groups")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                "account",
                Lower("name"),
                name="unique_sub_user_group_name",
                violation_error_message="A user group with this name already exists.",
            )
        ]

    def __str__(self):
        return self.name


class ProductGroup(models.Model):
    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="product_groups")
    name = models.CharField(max_length=64)
    units = models.ManyToManyField("assets.Asset", blank=True, related_name="product_groups")
    user_groups = models.ManyToManyField(
        SubUserGroup, blank=True, related_name="product_groups", verbose_name="User groups"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                "account",
                Lower("name"),
                name="unique_product_group_name",
                violation_error_message="A product group with this name already exists.",
            )
        ]

    def __str__(self):
        return self.name
