"""The API's rate limit (a module of its own: DRF imports its throttles while it loads)."""

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

from .rate_limit import take


class PerUserThrottle(SimpleRateThrottle):
    """``settings.API_RATE_LIMIT`` requests per API user, counted in the database
    (forticloud.web.rate_limit), so the limit holds across every web process and host; beyond
    it a 429 with Retry-After. The API's public pages (schema, docs) have no throttle."""

    scope = "api_user"

    def get_rate(self):
        return settings.API_RATE_LIMIT

    def allow_request(self, request, view):
        self.retry_after = take(f"api_user:{request.user.pk}", self.num_requests, self.duration)
        return self.retry_after is None

    def wait(self):
        return max(1.0, self.retry_after)
