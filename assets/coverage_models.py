"""The coverage counts the dashboards read (kept by the worker, assets.coverage), one module
found through assets.models."""

from django.db import models


class CoverageTally(models.Model):
    """When an account's coverage counts (CoverageCount) were counted, and whether a recount
    is asked for. Counts are of one day: the windows move at midnight."""

    account = models.OneToOneField(
        "iam.Account", on_delete=models.CASCADE, primary_key=True, related_name="coverage_tally"
    )
    counted_on = models.DateField(null=True)  # the day the windows were counted from
    counted_at = models.DateTimeField(null=True)
    requested_at = models.DateTimeField(null=True)  # a recount queued after counted_at

    def __str__(self):
        return f"Coverage of {self.account_id} counted {self.counted_at}"


class CoverageCount(models.Model):
    """An account's in-service units by the end of their coverage, as counted on its tally's
    day: one row for the whole account and one per folder (scoped access sums the folders of
    its subtree). The dashboards read these rows instead of counting a million units per view.

    The windows do not overlap (within_60 is 31 to 60 days); month_0 is the month of the
    count's day (units that ended earlier that month included), month_11 eleven months on."""

    account = models.ForeignKey("iam.Account", on_delete=models.CASCADE, related_name="+")
    whole = models.BooleanField()  # the whole account's row, else one folder's
    folder_path = models.CharField(max_length=1000, blank=True)  # "": My Assets itself
    expired = models.PositiveIntegerField(default=0)
    within_30 = models.PositiveIntegerField(default=0)
    within_60 = models.PositiveIntegerField(default=0)
    within_90 = models.PositiveIntegerField(default=0)
    later = models.PositiveIntegerField(default=0)
    no_coverage = models.PositiveIntegerField(default=0)
    month_0 = models.PositiveIntegerField(default=0)
    month_1 = models.PositiveIntegerField(default=0)
    month_2 = models.PositiveIntegerField(default=0)
    month_3 = models.PositiveIntegerField(default=0)
    month_4 = models.PositiveIntegerField(default=0)
    month_5 = models.PositiveIntegerField(default=0)
    month_6 = models.PositiveIntegerField(default=0)
    month_7 = models.PositiveIntegerField(default=0)
    month_8 = models.PositiveIntegerField(default=0)
    month_9 = models.PositiveIntegerField(default=0)
    month_10 = models.PositiveIntegerField(default=0)
    month_11 = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["account", "whole"])]

    def __str__(self):
        return f"Coverage of {self.account_id} in {self.folder_path or 'My Assets'}"
