"""My Account: the last logins of a person, and the changes of a login email."""

from django.db import models
from django.utils import timezone

from .user import User


class LoginRecord(models.Model):
    """One successful login. Only the most recent few per user are kept (iam.services)."""

    class Method(models.TextChoices):
        EMAIL = "email", "Email Login"
        IAM = "iam", "IAM Login"
        IDP = "idp", "Log in with your organization"

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="login_records")
    created_at = models.DateTimeField(default=timezone.now)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    method = models.CharField(max_length=8, choices=Method)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "-created_at", "-id"])]

    def __str__(self):
        return f"{self.user} at {self.created_at:%Y-%m-%d %H:%M} from {self.ip_address}"


class EmailChange(models.Model):
    """A change of a login email: asked for (a link sent to the new address, only its hash
    kept), then done when the link is followed. The done ones are what the five-a-day limit
    counts."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for the link"
        DONE = "done", "Done"
        REPLACED = "replaced", "Replaced by a newer request"

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="email_changes")
    old_email = models.EmailField()
    new_email = models.EmailField()
    token_hash = models.CharField(max_length=64, unique=True)
    status = models.CharField(max_length=8, choices=Status, default=Status.PENDING)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["user", "status", "confirmed_at"]),
            models.Index(fields=["user", "created_at"]),
        ]

    def __str__(self):
        return f"{self.old_email} → {self.new_email} ({self.get_status_display()})"
