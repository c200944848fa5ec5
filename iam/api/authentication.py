"""The REST API's one way in: an API user's bearer token (django-oauth-toolkit), from which
``request.access`` is built on every request, like a page's from its session."""

from django.urls import reverse
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from oauth2_provider.contrib.rest_framework import OAuth2Authentication
from rest_framework import exceptions

from ..api_access import access_for_api_user, access_for_partner_api


class ApiUserAuthentication(OAuth2Authentication):
    def authenticate(self, request):
        found = super().authenticate(request)
        if found is None:
            return None
        user, token = found
        # access_for_account reads the account once and refuses an inactive one, or a
        # disabled user.
        access = access_for_api_user(user)
        if access is None:
            raise exceptions.AuthenticationFailed("This API user may not act.")
        # /api/v1/partner/...: the partner view (iam.api_access); None (the endpoint's 404) for
        # an API user whose account is no Partner's.
        if getattr(request.parser_context.get("view"), "partner_view", False):
            access = access_for_partner_api(access)
        request.access = request._request.access = access
        return user, token


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
