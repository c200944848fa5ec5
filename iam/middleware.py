"""Builds request.access for the context a URL names."""

import dataclasses

from django.http import Http404

from forticloud.web.client import client_ip

from .access import access_for_account, access_for_partner_visit
from .auth.sessions import login_redirect


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
