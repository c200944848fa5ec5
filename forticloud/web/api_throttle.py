"""The API's rate limit (a module of its own: DRF imports its throttles while it loads)."""

from django.conf import settings
from rest_framework.throttling import UserRateThrottle


class PerUserThrottle(UserRateThrottle):
    """``settings.API_RATE_LIMIT`` requests per API user (each user its own window, in the
    cache); beyond it a 429 with Retry-After."""

    scope = "api_user"

    def get_rate(self):
        return settings.API_RATE_LIMIT
