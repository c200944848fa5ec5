"""How pages answer: the whole page or an htmx partial, the redirect after a POST, the
confirmation dialog, and a refusal's text for a message."""

from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils.cache import patch_vary_headers


def render_page(request, template, context, partial=None, status=200):
    """Render the whole page, or ``template#partial`` for an htmx swap.

    A history restore (back button after the cache expired) asks for the whole page again.
    """
    htmx = getattr(request, "htmx", None)
    if partial and htmx and not htmx.history_restore_request:
        template = f"{template}#{partial}"
    response = render(request, template, context, status=status)
    patch_vary_headers(response, ["HX-Request", "HX-Target"])
    return response


def partial_for(request, target: str, partial: str = "table"):
    """``partial`` when the htmx request swaps the element ``target`` (an id), else None."""
    htmx = getattr(request, "htmx", None)
    return partial if htmx and htmx.target == target else None


def see_other(url: str, query: str = ""):
    """The redirect after a POST (303: the browser follows it with GET)."""
    return HttpResponseRedirect(f"{url}?{query}" if query else url, status=303)


def confirm_page(request, *, title, message, action_url, cancel_url, danger=True):
    """The "Are you sure?" dialog of a destructive action (a page, or the modal's body)."""
    context = {
        "title": title,
        "message": message,
        "action_url": action_url,
        "cancel_url": cancel_url,
        "danger": danger,
    }
    return render_page(request, "includes/confirm.html", context, "dialog")


def error_text(error: ValidationError) -> str:
    """A refusal's messages as one line for ``messages.error``."""
    return " ".join(error.messages)
