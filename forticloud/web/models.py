"""What the shared list machinery keeps in the database, so every process sees it."""

from django.db import models


class ListVersion(models.Model):
    """How many times the rows of the list ``name`` changed for everyone (an import, a staff
    edit): a counted list's kept count and ids are kept under it (forticloud.web.lists). In
    the database, not in a process's cache, so a change made by a command or another web
    process counts again everywhere."""

    name = models.CharField(max_length=100, primary_key=True)
    version = models.PositiveBigIntegerField(default=0)

    def __str__(self):
        return f"{self.name} v{self.version}"


class RateCount(models.Model):
    """The requests counted against one rate limit (``key``, e.g. an API user's) in the window
    that starts at ``window_start`` and in the window before it, in seconds since the epoch by
    the database's clock (forticloud.web.rate_limit).
    In the database, so every web process on every host counts against the same limit."""

    key = models.CharField(max_length=100, primary_key=True)
    window_start = models.BigIntegerField()  # seconds since the epoch
    count = models.PositiveIntegerField()
    previous = models.PositiveIntegerField()  # the count of the window before
    counted_at = models.FloatField()  # the last counted request, the database's time

    def __str__(self):
        return f"{self.key}: {self.count} since {self.window_start}"
