"""The three shapes of a change in a page: a form saved through a service, an action, and a
destructive action behind its confirmation dialog. A service's refusal (ValidationError)
becomes a form error or an error message, never a 500; success says so and redirects (303)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import render

from .responses import confirm_page, error_text, see_other


def _say(text_or_function, result):
    return text_or_function(result) if callable(text_or_function) else text_or_function


def save_then(request, form, save, *, done, next_url):
    """POST of a valid ``form``: ``save()``, then the message ``done`` and a redirect to
    ``next_url`` (either may be a function of what ``save`` returned). None when the form is
    to be shown: a GET, an invalid form, or a refusal (added to the form's errors)."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        result = save()
    except ValidationError as error:
        form.add_error(None, error)
        return None
    messages.success(request, _say(done, result))
    return see_other(_say(next_url, result))


def form_page(request, template, form, save, *, done, next_url, context=None):
    """A form's page: ``save_then`` on a valid POST, else ``template`` with the form (and its
    errors) and ``context``."""
    saved = save_then(request, form, save, done=done, next_url=next_url)
    return saved or render(request, template, {"form": form, **(context or {})})


def act_then(request, act, *, done, next_url):
    """Run ``act()``; say ``done`` or why it was refused; redirect to ``next_url``."""
    try:
        act()
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, done)
    return see_other(next_url)


def confirm_then_act(request, act, *, title, message, done, next_url, cancel_url=None):
    """GET: the confirmation dialog (Cancel goes to ``cancel_url``, else ``next_url``); POST:
    ``act_then``. ``message`` may be a function, called only for the dialog."""
    if request.method == "GET":
        return confirm_page(
            request,
            title=title,
            message=message() if callable(message) else message,
            action_url=request.path,
            cancel_url=cancel_url or next_url,
        )
    return act_then(request, act, done=done, next_url=next_url)
