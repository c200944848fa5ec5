"""The renewal notices' sent-log (assets.renewal_notices): what was told to whom, so nothing is
told twice, whatever retries or parallel workers do."""

from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone


class RenewalRun(models.Model):
    """A day the run completed: the next run also covers the days since (a worker that was
    down a day loses no notice)."""

    day = models.DateField(unique=True)
    finished_at = models.DateTimeField(default=timezone.now)
    digests = models.PositiveIntegerField(default=0)

    def __str__(self):
        return str(self.day)


class RenewalDigest(models.Model):
    """One digest per recipient per day: the row a run takes before it writes the mail."""

    recipient = models.EmailField(max_length=254)
    day = models.DateField()
    units = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(Lower("recipient"), "day", name="one_digest_per_day")
        ]

    def __str__(self):
        return f"{self.recipient} {self.day}"


class RenewalNoticeSent(models.Model):
    """A unit told to a recipient for one window of one coverage end (a renewal that moves the
    end date makes the windows new again)."""

    recipient = models.EmailField(max_length=254)
    asset = models.ForeignKey("assets.Asset", on_delete=models.CASCADE, related_name="+")
    days = models.SmallIntegerField()  # 90, 60, 30, 7, 1; -1: ended yesterday
    coverage_ends_on = models.DateField()
    digest = models.ForeignKey(RenewalDigest, on_delete=models.CASCADE, related_name="notices")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                Lower("recipient"),
                "asset",
                "days",
                "coverage_ends_on",
                name="one_notice_per_unit_window",
            )
        ]

    def __str__(self):
        return f"{self.recipient}: unit {self.asset_id}, {self.days} days"
