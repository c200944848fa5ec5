"""Failed logins, for the throttle."""

from django.db import models
from django.utils import timezone


class LoginFailure(models.Model):
    """One failed login, kept for the throttle window (see iam.throttle)."""

    login = models.CharField(max_length=320)
    ip_address = models.GenericIPAddressField()
    # The nonce of the device cookie the failing browser presented (a browser that logged in
    # as ``login`` before), empty for an unknown browser.
    device = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        indexes = [
            models.Index(fields=["login", "created_at"]),
            models.Index(fields=["device", "created_at"]),
            models.Index(fields=["ip_address", "created_at"]),
        ]

    def __str__(self):
        return f"{self.login} from {self.ip_address}"
