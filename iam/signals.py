import time

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

SESSION_STARTED = "iam_session_started"
SESSION_LAST_SEEN = "iam_session_last_seen"


@receiver(user_logged_in)
def stamp_session(sender, request, user, **kwargs):
    """Record when the session began, for the idle and absolute timeouts."""
    now = int(time.time())
    request.session[SESSION_STARTED] = now
    request.session[SESSION_LAST_SEEN] = now
