"""An export of a list, written in the background for one user in one context."""

import copy
import datetime
import uuid

from django.db import models
from django.db.models import Q
from django.utils import timezone

from .user import User

# A job no worker took within WAITING waits for a busy or stopped worker (its page says so); one
# not taken within STALE, or writing with no progress for SILENT (its worker stopped: a task is
# not taken again), has stopped and no longer counts as in progress. A worker notes the job's
# progress every half second while rows come, and again before it uploads the file.
WAITING = datetime.timedelta(seconds=30)
STALE = datetime.timedelta(hours=1)
SILENT = datetime.timedelta(minutes=10)
STOPPED = (
    "The export stopped before it was written: the portal's worker stopped, or was busy for "
    "too long. Start it again."
)


def _stopped(now) -> Q:
    queued = Q(status=ExportJob.Status.QUEUED, created_at__lte=now - STALE)
    return queued | Q(status=ExportJob.Status.RUNNING, progress_at__lte=now - SILENT)


class ExportJobQuerySet(models.QuerySet):
    def visible_to(self, access):
        """Only the user's own exports, and only in the context they were started in."""
        return self.filter(user=access.user, context=access.key)

    def unfinished(self):
        """Waiting or writing, and not stopped."""
        unfinished = self.filter(status__in=(ExportJob.Status.QUEUED, ExportJob.Status.RUNNING))
        return unfinished.exclude(_stopped(timezone.now()))

    def stopped(self, now):
        return self.filter(_stopped(now))


class ExportJob(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Writing"
        DONE = "done", "Ready"
        FAILED = "failed", "Failed"

    class Kind(models.TextChoices):
        CSV = "csv", "CSV"
        XLSX = "xlsx", "Excel"

    # Random: the id is in the URL of the file, and is not a count of everyone's exports.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="export_jobs")
    context = models.CharField(max_length=32)  # Access.key: "a-<id>", "o-<id>" or "partner"
    list_name = models.CharField(max_length=64)  # a ListPage's name
    query = models.CharField(max_length=2000, blank=True)  # the list's filters and sort
    kind = models.CharField(max_length=4, choices=Kind)
    status = models.CharField(max_length=8, choices=Status, default=Status.QUEUED)
    rows_written = models.PositiveBigIntegerField(default=0)
    rows_total = models.PositiveBigIntegerField(null=True, blank=True)
    file_name = models.CharField(max_length=255, blank=True)  # in the "exports" storage
    download_name = models.CharField(max_length=200)
    error = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    progress_at = models.DateTimeField(default=timezone.now)  # the last sign of its worker
    finished_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField()

    objects = ExportJobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["user", "context", "-created_at"]),
            models.Index(fields=["expires_at"]),
        ]

    def __str__(self):
        return f"{self.download_name} ({self.get_status_display()})"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    def settled(self):
        """The job as shown: a stopped one (``_stopped``) as failed, as the worker's next prune
        marks it (a copy, never saved)."""
        now = timezone.now()
        if self.status == self.Status.QUEUED:
            stopped = self.created_at <= now - STALE
        else:
            stopped = self.status == self.Status.RUNNING and self.progress_at <= now - SILENT
        if not stopped:
            return self
        shown = copy.copy(self)
        shown.status, shown.error, shown.finished_at = self.Status.FAILED, STOPPED, now
        return shown

    @property
    def waiting(self) -> bool:
        """Queued for longer than a free worker takes to start it."""
        return self.status == self.Status.QUEUED and self.created_at <= timezone.now() - WAITING

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return min(99, self.rows_written * 100 // self.rows_total) if self.rows_total else 0
