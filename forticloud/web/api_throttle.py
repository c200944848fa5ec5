"""The API's rate limit (a module of its own: DRF imports its throttles while it loads)."""

import logging

from django.conf import settings
from django.db import DatabaseError
from rest_framework.throttling import SimpleRateThrottle

from .rate_limit import take

logger = logging.getLogger(__name__)


class PerUserThrottle(SimpleRateThrottle):
    """``settings.API_RATE_LIMIT`` requests per API user, counted in the database
    (forticloud.web.rate_limit), so the limit holds across every web process and host; beyond
    it a 429 with Retry-After. The API's public pages (schema, docs) have no throttle.

    A count the database cannot write (a read-only database, SQLite's lock held past its
    timeout) lets the request through, logged: the limit guards against abuse, and reading
    the API needs no write."""

    scope = "api_user"

    def get_rate(self):
        return settings.API_RATE_LIMIT

    def allow_request(self, request, view):
        key = f"api_user:{request.user.pk}"
        try:  # outside a transaction, as every API request is: a failed write breaks nothing
            self.retry_after = take(key, self.num_requests, self.duration)
        except DatabaseError as error:
            logger.warning("The API rate limit of %s was not counted: %s", key, error)
            return True
        return self.retry_after is None

    def wait(self):
        return max(1.0, self.retry_after)
