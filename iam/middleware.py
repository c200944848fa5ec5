"""Builds request.access for the context a URL names."""

import dataclasses
from urllib.parse import urlsplit

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme

from forticloud.web.client import client_ip

from .access import access_for_account
from .auth.sessions import login_redirect
from .organization_access import access_for_organization_view
from .partner_access import access_for_partner_visit

# The namespaces whose URLs carry an ``account_id``, and how each builds its access.
ACCOUNT_CONTEXTS = {
    "account": access_for_account,
    "organization_view": access_for_organization_view,
}


class AccessMiddleware:
    """Builds ``request.access`` for the context named by the URL, or answers 404.

    URLs under the ``account`` namespace carry ``account_id``; those under ``partner`` are
    "Visit as Partner"; those under ``organization_view`` carry the root's ``account_id``. The
    context kwargs are consumed here: views read ``request.access``.
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
        if context != "partner" and context not in ACCOUNT_CONTEXTS:
            return None
        if not request.user.is_authenticated:
            return login_redirect(request)
        if context == "partner":
            request.access = access_for_partner_visit(request.user)
        else:
            request.access = ACCOUNT_CONTEXTS[context](request.user, view_kwargs.pop("account_id"))
        if request.access is None:
            return account_unavailable(request)
        request.access = dataclasses.replace(request.access, ip=client_ip(request))
        return None


def account_unavailable(request):
    """The answer for a context the user may not enter: a missing account, a forbidden one, a
    role disabled while they worked in it. One page for all (no hint which), a 404. An htmx
    request is sent to the page the user is on, so the browser shows this page whole."""
    if request.htmx:
        response = HttpResponse(status=204)
        response["HX-Redirect"] = _page_of(request)
        return response
    return render(request, "iam/account_unavailable.html", status=404)


def _page_of(request) -> str:
    """Where to send an htmx request's browser: for a GET, the page it asked for; else the page
    it came from (its path on this site only), else the request's own."""
    if request.method != "GET":
        try:
            current = urlsplit(request.headers.get("HX-Current-URL", ""))
        except ValueError:  # e.g. "http://[": not a URL at all
            current = None
        if current is not None:
            path = current.path + (f"?{current.query}" if current.query else "")
            if path.startswith("/") and url_has_allowed_host_and_scheme(path, allowed_hosts=None):
                return path
    return request.get_full_path()
