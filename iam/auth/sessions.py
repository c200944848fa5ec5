"""Session timeouts: idle and absolute, stamped at login; each login recorded (My Account)."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.contrib.auth.views import redirect_to_login
from django.dispatch import receiver
from django_htmx.http import HttpResponseClientRedirect

from forticloud.web.client import client_ip

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


SESSION_STARTED = "iam_session_started"
SESSION_LAST_SEEN = "iam_session_last_seen"


@receiver(user_logged_in)
def stamp_session(sender, request, user, **kwargs):
    """Record when the session began, for the idle and absolute timeouts."""
    now = int(time.time())
    request.session[SESSION_STARTED] = now
    request.session[SESSION_LAST_SEEN] = now


@receiver(user_logged_in)
def record_login(sender, request, user, **kwargs):
    """My Account's last logins (a few rows per user, iam.services.my_account)."""
    from ..services.my_account import login_record  # the services import the auth package

    login_record(user=user, ip=client_ip(request) if request is not None else None)
