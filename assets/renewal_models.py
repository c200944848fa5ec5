"""Online renewal (seed 001: "View and renew eligible units for online renewals"): a request
to renew units, addressed to the account's connected Partner or to Fortinet staff, and what
became of it."""

from django.db import models
from django.db.models import Exists, OuterRef
from django.utils import timezone

from iam.permissions import Level, Portal, Resource


class RenewalRequestQuerySet(models.QuerySet):
    def visible_to(self, access, level: int = Level.READ_ONLY):
        """The requests ``access`` may see: of the accounts it reaches for Asset Management
        with the Renewal Notice resource, whose units are all within its scope; visiting as
        Partner, only those addressed to its partner. Fails closed."""
        if access is None:
            return self.none()
        reach = access.reach(Portal.ASSET_MANAGEMENT, level, Resource.RENEWAL_NOTICE)
        from .models import Asset  # the unit model imports this module

        inside = Asset.objects.filter(reach.condition(unit="pk"), pk=OuterRef("asset_id"))
        outside = RenewalRequestUnit.objects.filter(request=OuterRef("pk")).exclude(Exists(inside))
        requests = self.filter(reach.account_condition("account_id")).exclude(Exists(outside))
        if access.is_partner_visit:
            return requests.filter(partner=access.partner) if access.partner else self.none()
        if access.role is not None:  # a partner in the account: the requests addressed to it
            return requests.filter(partner_id=access.role.partner_id)
        return requests


class RenewalRequest(models.Model):
    class Status(models.TextChoices):
        REQUESTED = "requested", "Requested"
        QUOTED = "quoted", "Quoted"
        COMPLETED = "completed", "Completed"
        CANCELLED = "cancelled", "Cancelled"

    OPEN = (Status.REQUESTED, Status.QUOTED)
    TERMS = ((1, "1 year"), (3, "3 years"), (5, "5 years"))

    account = models.ForeignKey(
        "iam.Account", on_delete=models.CASCADE, related_name="renewal_requests"
    )
    status = models.CharField(max_length=16, choices=Status, default=Status.REQUESTED)
    term_years = models.PositiveSmallIntegerField("Requested term", choices=TERMS)
    note = models.TextField(blank=True)
    # Addressed to this partner (its role's Notification Email was told); None: Fortinet staff.
    partner = models.ForeignKey(
        "partners.Partner",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="renewal_requests",
    )
    requested_by = models.ForeignKey(
        "iam.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_by_label = models.CharField(max_length=254)
    requested_at = models.DateTimeField(default=timezone.now)
    quote = models.TextField(blank=True)  # the partner's or staff's answer
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by_label = models.CharField(max_length=254, blank=True)

    objects = RenewalRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at", "-id"]
        indexes = [
            models.Index(fields=["account", "requested_at", "id"]),
            models.Index(fields=["partner", "requested_at", "id"]),
        ]

    def __str__(self):
        return f"Renewal request {self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN

    @property
    def months(self) -> int:
        return self.term_years * 12


class RenewalRequestUnit(models.Model):
    """A unit of a request; ``contract_code`` is the code registered to it on completion."""

    request = models.ForeignKey(RenewalRequest, on_delete=models.CASCADE, related_name="units")
    asset = models.ForeignKey(
        "assets.Asset", on_delete=models.CASCADE, related_name="renewal_request_units"
    )
    coverage_ended_on = models.DateField()  # the coverage end when it was asked for
    contract_code = models.CharField(max_length=32, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint("request", "asset", name="one_unit_once_per_request")
        ]

    def __str__(self):
        return f"{self.asset_id} in {self.request_id}"
