"""PSIRT advisories (the Vulnerability List): which firmware versions of which product models
each affects, and how many units of each account and folder it affects (counted with the
coverage counts, assets.coverage)."""

from django.db import models
from django.utils import timezone

from .versions import range_text, version_text


class Advisory(models.Model):
    class Severity(models.IntegerChoices):
        # Ordered, so "Critical first" is a plain descending sort.
        LOW = 1, "Low"
        MEDIUM = 2, "Medium"
        HIGH = 3, "High"
        CRITICAL = 4, "Critical"

    advisory_id = models.CharField("Advisory ID", max_length=32, unique=True)
    title = models.CharField(max_length=255)
    severity = models.PositiveSmallIntegerField(choices=Severity)
    cvss = models.DecimalField("CVSS", max_digits=3, decimal_places=1)
    cve_ids = models.CharField("CVE IDs", max_length=500, blank=True)  # space separated
    published_on = models.DateField("Published")
    fixed_versions = models.CharField("Fixed versions", max_length=255, blank=True)
    imported_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-severity", "-cvss", "-published_on", "advisory_id"]
        verbose_name_plural = "advisories"
        indexes = [models.Index(fields=["severity", "published_on"])]

    def __str__(self):
        return self.advisory_id


class AdvisoryRange(models.Model):
    """One affected version range of one product model: ``first`` to ``last`` inclusive (codes
    of assets.versions), and the version that fixes it (empty: no fix yet)."""

    advisory = models.ForeignKey(Advisory, on_delete=models.CASCADE, related_name="ranges")
    product_model = models.ForeignKey(
        "assets.ProductModel", on_delete=models.CASCADE, related_name="advisory_ranges"
    )
    first = models.PositiveBigIntegerField()
    last = models.PositiveBigIntegerField()
    fixed_version = models.CharField(max_length=32, blank=True)

    class Meta:
        indexes = [models.Index(fields=["product_model", "first", "last"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(last__gte=models.F("first")), name="advisory_range_in_order"
            )
        ]

    def __str__(self):
        return f"{self.advisory_id} {self.product_model_id} {self.versions}"

    @property
    def versions(self) -> str:
        return range_text(self.first, self.last)

    @property
    def first_text(self) -> str:
        return version_text(self.first)


class AdvisoryCount(models.Model):
    """How many in-service units of an account (``whole``) or of one of its folders an advisory
    affects, as last counted (assets.coverage): the aggregated Vulnerability List sums these
    instead of matching a million units per view."""

    account = models.ForeignKey("iam.Account", on_delete=models.CASCADE, related_name="+")
    whole = models.BooleanField()
    folder_path = models.CharField(max_length=1000, blank=True)
    advisory = models.ForeignKey(Advisory, on_delete=models.CASCADE, related_name="+")
    units = models.PositiveIntegerField()

    class Meta:
        indexes = [
            models.Index(fields=["account", "whole", "advisory"]),
            # The Vulnerability List sums the whole accounts' rows of a thousand customers:
            # read from this index alone, without the folders' rows (assets.advisory_selectors).
            models.Index(
                fields=["account", "advisory", "units"],
                name="advisory_count_whole",
                condition=models.Q(whole=True),
            ),
        ]

    def __str__(self):
        return f"{self.advisory_id} in {self.account_id}: {self.units}"
