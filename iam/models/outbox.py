"""The outbox: every mail the portal sends is a row first, written in the transaction of the
change it tells about; the worker sends it, and retries with backoff while the mail server is
down, until it is sent or has failed ``attempts`` times (staff see both in admin)."""

from django.db import models
from django.utils import timezone


class OutboxMail(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"

    to = models.EmailField(max_length=254)
    subject = models.CharField(max_length=255)
    body = models.TextField()
    html = models.TextField(blank=True)
    # Extra headers, e.g. List-Unsubscribe; never a secret (the body may hold a one-time link).
    headers = models.JSONField(default=dict, blank=True)
    # It carries a one-time link: its body is blanked once sent (the database keeps no link).
    sensitive = models.BooleanField(default=False)
    status = models.CharField(max_length=8, choices=Status, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "outbox mail"
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self):
        return f"{self.subject} → {self.to}"


class MailOptOut(models.Model):
    """An address that asked for no more mail of a kind (the one-click unsubscribe link of
    every optional mail, or My Account > Notifications). Security mail has no opt-out."""

    class Kind(models.TextChoices):
        RENEWAL = "renewal", "Renewal notices"
        LIFECYCLE = "lifecycle", "Partner role events"

    email = models.EmailField(max_length=254)
    kind = models.CharField(max_length=16, choices=Kind)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                models.functions.Lower("email"), "kind", name="one_opt_out_per_address_and_kind"
            )
        ]

    def __str__(self):
        return f"{self.email}: no {self.get_kind_display()}"
