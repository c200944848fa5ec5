import datetime
import re

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models, transaction
from django.db.models.functions import Lower
from django.utils import timezone

from iam.permissions import Level, Portal

from .versions import firmware_clean, version_parse


class AssetFolderQuerySet(models.QuerySet):
    def visible_to(self, access):
        """The folders ``access`` may see: its account's, within its Local scope subtree.
        Fails closed: no Asset Management access, no folders."""
        if access is None or access.account is None:
            return self.none()
        return self.filter(
            access.reach(Portal.ASSET_MANAGEMENT).condition(
                account="account_id", folder_path="path"
            )
        )


class AssetFolder(models.Model):
    """A folder of "My Assets". ``path`` lists the ids from the top ("/3/7/") so a subtree is
    one prefix match: the Local permission scope is a folder and everything below it."""

    account = models.ForeignKey(
        "iam.Account", on_delete=models.CASCADE, related_name="asset_folders"
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.RESTRICT, related_name="children"
    )
    name = models.CharField(max_length=100)
    path = models.CharField(max_length=1000, editable=False, db_index=True)

    objects = AssetFolderQuerySet.as_manager()

    class Meta:
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(
                "account",
                "parent",
                Lower("name"),
                name="unique_folder_name_per_parent",
                violation_error_message="A folder with this name already exists here.",
            )
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if self.parent_id and self.parent.account_id != self.account_id:
            raise ValueError("A folder's parent must be in the same account.")
        with transaction.atomic():
            super().save(*args, **kwargs)
            path = f"{self.parent.path if self.parent_id else '/'}{self.pk}/"
            if path != self.path:
                self.path = path
                AssetFolder.objects.filter(pk=self.pk).update(path=path)


NO_COVERAGE = datetime.date(1, 1, 1)


def days_to_expiration(coverage_ends_on: datetime.date, today: datetime.date) -> str:
    """ "Expired", "No coverage" or "N days", as the Product List shows it."""
    if coverage_ends_on == NO_COVERAGE:
        return "No coverage"
    days = (coverage_ends_on - today).days
    return "Expired" if days < 0 else f"{days} days"


class ProductModel(models.Model):
    """A Fortinet product model; its serial numbers start with ``serial_prefix``."""

    code = models.CharField(max_length=32, unique=True)
    name = models.CharField(max_length=100)
    serial_prefix = models.CharField(max_length=8)
    # The Product Lifecycle (FortiCare): no more orders after, no more support after.
    end_of_order = models.DateField("End of Order", null=True, blank=True)
    end_of_support = models.DateField("End of Support", null=True, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def lifecycle_status(self) -> str:
        """ "Available", "End of Order" or "End of Support", as of today."""
        today = timezone.localdate()
        if self.end_of_support and self.end_of_support < today:
            return "End of Support"
        if self.end_of_order and self.end_of_order < today:
            return "End of Order"
        return "Available"


# A serial number is 10 to 20 letters and digits, in upper case (Register normalises it; the
# field's validator holds the admin to it too). A search text that is no start of one is not
# compared with serial numbers (assets.lists).
SERIAL = re.compile(r"\A[A-Z0-9]{10,20}\Z")
SERIAL_PREFIX = re.compile(r"[A-Z0-9]{1,20}")
SERIAL_MESSAGE = "A serial number is 10 to 20 letters and digits."


class AssetQuerySet(models.QuerySet):
    def visible_to(self, access, resource=None):
        """The assets ``access`` may see, failing closed: the accounts it reaches for Asset
        Management (and ``resource``), each within its Local scope (Access.reach)."""
        if access is None:
            return self.none()
        reach = access.reach(Portal.ASSET_MANAGEMENT, Level.READ_ONLY, resource)
        return self.filter(reach.condition(unit="pk"))

    def in_service(self):
        return self.filter(decommissioned_at__isnull=True)

    def decommissioned(self):
        return self.filter(decommissioned_at__isnull=False)


class Asset(models.Model):
    serial_number = models.CharField(
        "Serial Number",
        max_length=32,
        unique=True,
        validators=[RegexValidator(SERIAL, SERIAL_MESSAGE)],
    )
    product_model = models.ForeignKey(ProductModel, on_delete=models.PROTECT, related_name="assets")
    description = models.CharField(max_length=255, blank=True)
    account = models.ForeignKey("iam.Account", on_delete=models.CASCADE, related_name="assets")
    folder = models.ForeignKey(
        AssetFolder, null=True, blank=True, on_delete=models.RESTRICT, related_name="assets"
    )
    registered_on = models.DateField("Registration Date")
    decommissioned_at = models.DateTimeField(null=True, blank=True)
    # The latest end date of the asset's entitlements, kept by the entitlement services so the
    # Product List can sort, filter and page on DAYS TO EXPIRATION with an index. The days
    # are computed from it when shown, never stored. No entitlement is NO_COVERAGE rather
    # than NULL: NULLs sort differently on SQLite and PostgreSQL and break keyset pages.
    coverage_ends_on = models.DateField(default=NO_COVERAGE, editable=False)
    # The sort keys of PRODUCT MODEL and COMPANY: copies of the model's and the account's
    # names, so a (key, id) index serves those sorts as it does the others (no index spans a
    # joined table). Set on save; a renamed model or account is copied by a task.
    product_model_name = models.CharField(max_length=100, editable=False, default="")
    company_name = models.CharField(max_length=200, editable=False, default="")
    # The firmware the unit runs ("7.2.5"), and its code (assets.versions) that advisories'
    # ranges are compared with; None while the version is not known (matches no advisory).
    firmware_version = models.CharField("Firmware Version", max_length=16, blank=True)
    firmware_code = models.PositiveBigIntegerField(null=True, blank=True, editable=False)

    objects = AssetQuerySet.as_manager()

    class Meta:
        indexes = [
            # The default order's indexes carry the coverage end after the sort key: Expiring
            # within 30 days (or any coverage filter) walking the newest units is checked in
            # the index, not on each row read (1,460 rows read for 26 at a million units).
            models.Index(fields=["account", "registered_on", "id", "coverage_ends_on"]),
            models.Index(fields=["account", "coverage_ends_on", "id"]),
            models.Index(fields=["account", "serial_number"]),
            models.Index(fields=["registered_on", "id", "coverage_ends_on"]),
            models.Index(fields=["coverage_ends_on", "id"]),
            models.Index(fields=["description", "id"]),
            models.Index(fields=["product_model_name", "id"]),
            models.Index(fields=["account", "product_model_name", "id"]),
            models.Index(fields=["company_name", "id"]),
            models.Index(fields=["product_model", "firmware_code"]),
            # Decommissioned Units: the few decommissioned rows, found without a scan.
            models.Index(
                fields=["decommissioned_at"],
                name="asset_decommissioned",
                condition=models.Q(decommissioned_at__isnull=False),
            ),
            # A customer's Vulnerability List counts its unversioned units from this index.
            models.Index(
                fields=["account", "folder"],
                name="asset_unversioned",
                condition=models.Q(firmware_code__isnull=True, decommissioned_at__isnull=True),
            ),
            # Serial prefix search (LIKE 'FGT60F%') uses the varchar_pattern_ops index that
            # Django makes on PostgreSQL beside a unique CharField's own.
        ]

    def __str__(self):
        return self.serial_number

    def save(self, *args, update_fields=None, **kwargs):
        if update_fields is None:  # a partial save keeps the model and the account
            self.product_model_name = self.product_model.name
            self.company_name = self.account.company_name
        if update_fields is None or "firmware_version" in update_fields:
            self.firmware_code = (
                version_parse(self.firmware_version) if self.firmware_version else None
            )
            if update_fields is not None:
                update_fields = {*update_fields, "firmware_code"}
        super().save(*args, update_fields=update_fields, **kwargs)

    def clean(self):
        # The Django admin's form: a version save() can read, or a message, never a 500.
        try:
            self.firmware_version = firmware_clean(self.firmware_version)
        except ValidationError as error:
            raise ValidationError({"firmware_version": error.messages}) from None

    def days_to_expiration(self, today=None) -> str:
        return days_to_expiration(self.coverage_ends_on, today or timezone.localdate())


class Entitlement(models.Model):
    class Service(models.TextChoices):
        FORTICARE = "forticare", "FortiCare Support"
        FORTIGUARD = "fortiguard", "FortiGuard"
        CLOUD = "cloud", "Cloud Management"

    asset = models.ForeignKey(Asset, on_delete=models.CASCADE, related_name="entitlements")
    service = models.CharField(max_length=16, choices=Service)
    starts_on = models.DateField()
    ends_on = models.DateField()
    contract_number = models.CharField(max_length=32, blank=True)

    class Meta:
        ordering = ["-ends_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="entitlement_ends_after_it_starts",
            )
        ]

    def __str__(self):
        return f"{self.get_service_display()} until {self.ends_on}"


class ContractCode(models.Model):
    """A contract registration code sold to a customer: registering it adds an entitlement."""

    code = models.CharField(max_length=32, unique=True)
    service = models.CharField(max_length=16, choices=Entitlement.Service)
    months = models.PositiveSmallIntegerField(default=12)
    redeemed_by = models.OneToOneField(
        Entitlement, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self):
        return self.code


# The coverage counts, the notices' sent-log, advisories and renewal requests: own modules,
# found through this one.
from .advisory_models import Advisory, AdvisoryCount, AdvisoryRange  # noqa: E402, F401
from .coverage_models import CoverageCount, CoverageTally  # noqa: E402, F401
from .notice_models import RenewalDigest, RenewalNoticeSent, RenewalRun  # noqa: E402, F401
from .renewal_models import RenewalRequest, RenewalRequestUnit  # noqa: E402, F401
