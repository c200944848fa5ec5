from django.db import models
from django.utils import timezone


class Partner(models.Model):
    """A Fortinet Partner company. Its people are users of kind "partner"."""

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        INACTIVE = "inactive", "Inactive"
        TERMINATED = "terminated", "Terminated"

    company_name = models.CharField(max_length=200)
    status = models.CharField(max_length=16, choices=Status, default=Status.ACTIVE)
    account = models.OneToOneField(
        "iam.Account",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owning_partner",
        verbose_name="own FortiCloud account",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["company_name"]

    def __str__(self):
        return self.company_name
