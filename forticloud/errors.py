"""The portal's own error pages in development too (DEBUG, as ``make run`` serves the demo):
Django's debug pages list every URL pattern and the settings to whoever asks. A 500's
traceback still goes to the console. Off without DEBUG, where Django already answers with the
portal's pages (handler404, handler500)."""

import logging

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed, PermissionDenied
from django.http import Http404
from django.urls import Resolver404, resolve
from django.views import defaults

from .views import not_found, server_error

logger = logging.getLogger("django.request")


class PortalErrorPagesInDebug:
    def __init__(self, get_response):
        if not settings.DEBUG:
            raise MiddlewareNotUsed
        self.get_response = get_response

    def __call__(self, request):
        try:
            resolve(request.path_info, getattr(request, "urlconf", None))
        except Resolver404 as missing:
            return not_found(request, missing)
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, Http404):
            return not_found(request, exception)
        if isinstance(exception, PermissionDenied):
            return defaults.permission_denied(request, exception)
        logger.error("Internal Server Error: %s", request.path, exc_info=exception)
        return server_error(request)
