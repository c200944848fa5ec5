import dataclasses
import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django_htmx.http import HttpResponseClientRedirect

from forticloud.web.client import client_ip

from .access import access_for_account, access_for_partner_visit
from .signals import SESSION_LAST_SEEN, SESSION_STARTED

# Refresh the last-seen stamp at most this often, so most requests do not write the session.
LAST_SEEN_RESOLUTION = 60


def login_redirect(request):
    response = redirect_to_login(request.get_full_path())
    if getattr(request, "htmx", False):
        return HttpResponseClientRedirect(response.url)
    return response


class SessionTimeoutMiddleware:
    """Ends sessions idle for SESSION_IDLE_TIMEOUT or older than SESSION_ABSOLUTE_TIMEOUT."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            started = request.session.get(SESSION_STARTED)
            last_seen = request.session.get(SESSION_LAST_SEEN)
            idle = settings.SESSION_IDLE_TIMEOUT.total_seconds()
            absolute = settings.SESSION_ABSOLUTE_TIMEOUT.total_seconds()
            if (
                started is None
                or last_seen is None
                or now - last_seen > idle
                or now - started > absolute
            ):
                logout(request)
                messages.info(request, "Your session has expired. Please log in again.")
                return login_redirect(request)
            if now - last_seen >= LAST_SEEN_RESOLUTION:
                request.session[SESSION_LAST_SEEN] = now
        return self.get_response(request)


class AccessMiddleware:
    """Builds ``request.access`` for the context named by the URL, or answers 404.

    URLs under the ``account`` namespace carry ``account_id``; those under ``partner`` are
    "Visit as Partner". The context kwargs are consumed here: views read ``request.access``.
    Anonymous visitors of a context are sent to the login page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.access = None
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        namespaces = request.resolver_match.namespaces
        context = namespaces[0] if namespaces else None
        if context not in ("account", "partner"):
            return None
        if not request.user.is_authenticated:
            return login_redirect(request)
        if context == "account":
            request.access = access_for_account(request.user, view_kwargs.pop("account_id"))
        else:
            request.access = access_for_partner_visit(request.user)
        if request.access is None:
            raise Http404("No such account.")
        request.access = dataclasses.replace(request.access, ip=client_ip(request))
        return None
