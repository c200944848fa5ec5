"""Permission profiles: a level per portal and per Asset Management resource."""

from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone

from ..permissions import Level, Portal, Resource, ResourceLevel, ScopeType
from .account import Account
from .scoping import AccountScopedQuerySet


class ProfileQuerySet(AccountScopedQuerySet):
    def _account_condition(self, account):
        return Q(account=account) | Q(account__isnull=True)  # the built-ins are everyone's


def _level_field(label):
    return models.PositiveSmallIntegerField(label, choices=Level, default=Level.NONE)


def _resource_field(label):
    return models.PositiveSmallIntegerField(
        label, choices=ResourceLevel, default=ResourceLevel.NO_ACCESS
    )


class PermissionProfile(models.Model):
    """Per portal an access level, and per Asset Management resource a level.

    Built-in profiles have no account and appear, read-only, in every account."""

    class Builtin(models.TextChoices):
        SYSADMIN = "sysadmin", "SysAdmin"
        FULL_ACCESS = "full_access", "Full Access"
        NO_ACCESS = "no_access", "No Access"

    account = models.ForeignKey(
        Account,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="permission_profiles",
    )
    builtin = models.CharField(max_length=16, choices=Builtin, blank=True)
    name = models.CharField(max_length=64)
    description = models.CharField(max_length=255, blank=True)
    type = models.CharField(
        "Select a Type", max_length=16, choices=ScopeType, default=ScopeType.LOCAL
    )
    # One column per portal; the column name is the Portal value.
    asset_management = _level_field(Portal.ASSET_MANAGEMENT.label)
    forticare = _level_field(Portal.FORTICARE.label)
    iam = _level_field(Portal.IAM.label)
    organization = _level_field(Portal.ORGANIZATION.label)
    ela = _level_field(Portal.ELA.label)
    fortigate_cloud = _level_field(Portal.FORTIGATE_CLOUD.label)
    # One column per Asset Management resource; the column name is the Resource value.
    entitlement_management = _resource_field(Resource.ENTITLEMENT_MANAGEMENT.label)
    asset_maintenance = _resource_field(Resource.ASSET_MAINTENANCE.label)
    renewal_notice = _resource_field(Resource.RENEWAL_NOTICE.label)
    vulnerability_list = _resource_field(Resource.VULNERABILITY_LIST.label)
    account_services = _resource_field(Resource.ACCOUNT_SERVICES.label)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProfileQuerySet.as_manager()

    class Meta:
        ordering = ["account_id", "name"]
        constraints = [
            models.UniqueConstraint(
                "account",
                Lower("name"),
                name="unique_profile_name_per_account",
                violation_error_message="A permission profile with this name already exists.",
            ),
            models.UniqueConstraint(
                fields=["builtin"], condition=~Q(builtin=""), name="one_row_per_builtin_profile"
            ),
            models.CheckConstraint(
                condition=Q(account__isnull=True, builtin__gt="")
                | Q(account__isnull=False, builtin=""),
                name="builtin_profiles_have_no_account",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_builtin(self):
        return self.account_id is None

    def portal_levels(self) -> dict[str, Level]:
        return {portal: Level(getattr(self, portal.value)) for portal in Portal}

    def resource_levels(self) -> dict[str, ResourceLevel]:
        return {r: ResourceLevel(getattr(self, r.value)) for r in Resource}
