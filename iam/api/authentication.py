"""The REST API's one way in: an API user's bearer token (issued by django-oauth-toolkit at
/oauth/token/), from which ``request.access`` is built on every request, like a page's from
its session.

The token is checked as django-oauth-toolkit's resource server checks it (looked up by its
SHA-256, not expired, its resource indicators allowing this URL) but in one query that also
reads the API user, its account and its profile: the check was most of a small API request's
cost (tests/perf/HISTORY.md, "The REST API at scale")."""

import dataclasses
import hashlib

from django.urls import reverse
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from oauth2_provider.models import AccessToken
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header

from forticloud.web.client import client_ip
from forticloud.web.compiled import compiled_first, run_prepared

from ..api_access import access_for_api_user, access_for_partner_api

# What iam.access needs of most API users, read with the token. More joins cost PostgreSQL
# more planning than the queries they save (a scope folder or a group is read when there).
TOKEN_RELATIONS = ("user__account", "user__permission_profile")


def _bearer(request) -> str | None:
    """The token of an ``Authorization: Bearer …`` header (only there: never in a URL)."""
    words = get_authorization_header(request).split()
    if not words or words[0].lower() != b"bearer":
        return None
    if len(words) != 2:
        raise exceptions.AuthenticationFailed("The Authorization header is not a bearer token.")
    return words[1].decode("latin-1")


def _tokens(checksum: str):
    # The checksum is unique: no ORDER BY to plan.
    return AccessToken.objects.select_related(*TOKEN_RELATIONS).filter(token_checksum=checksum)[:1]


def _live_token(raw: str, request) -> AccessToken | None:
    checksum = hashlib.sha256(raw.encode("utf-8")).hexdigest()
    # Compiled once per process, planned once per connection: its joins cost more to compile
    # and to plan than to run.
    token = run_prepared(lambda: compiled_first(_tokens, checksum))
    if token is None or not token.is_valid() or token.user is None:
        return None
    if token.resource and not token.allows_audience(request.build_absolute_uri(request.path)):
        return None
    # Applications are django-oauth-toolkit's own model, whose is_usable() is always true.
    return token


class ApiUserAuthentication(BaseAuthentication):
    www_authenticate_realm = "api"

    def authenticate(self, request):
        raw = _bearer(request)
        if raw is None:
            return None
        token = _live_token(raw, request)
        # The user's account was read with the token: access_for_api_user refuses an inactive
        # one, a disabled user, or anyone but an API user.
        access = access_for_api_user(token.user) if token is not None else None
        if access is None:
            request.invalid_token = True
            raise exceptions.AuthenticationFailed("The access token is invalid or has expired.")
        # /api/v1/partner/...: the partner view (iam.api_access); None (the endpoint's 404) for
        # an API user whose account is no Partner's.
        if getattr(request.parser_context.get("view"), "partner_view", False):
            access = access_for_partner_api(access)
        if access is not None:  # the audit log's "from where", as the pages record it
            access = dataclasses.replace(access, ip=client_ip(request))
        request.access = request._request.access = access
        return token.user, token

    def authenticate_header(self, request):
        error = ',error="invalid_token"' if getattr(request, "invalid_token", False) else ""
        return f'Bearer realm="{self.www_authenticate_realm}"{error}'


class PartnerEndpoint:
    """An endpoint of ``/api/v1/partner/...`` (a mixin before APIView): the partner view's
    access; an API user outside any Partner's own account finds nothing (404)."""

    partner_view = True

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)  # a missing or dead token: 401
        if getattr(request, "access", None) is None:
            raise exceptions.NotFound()


class ApiUserAuthenticationScheme(OpenApiAuthenticationExtension):
    """The OpenAPI security scheme: OAuth 2.0 client credentials at /oauth/token/."""

    target_class = ApiUserAuthentication
    name = "apiUser"

    def get_security_definition(self, auto_schema):
        flow = {"tokenUrl": reverse("oauth_token"), "scopes": {"api": "The FortiCloud API"}}
        return {"type": "oauth2", "flows": {"clientCredentials": flow}}
