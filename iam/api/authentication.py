"""The REST API's one way in: an API user's bearer token (django-oauth-toolkit), from which
``request.access`` is built on every request, like a page's from its session."""

from django.urls import reverse
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from oauth2_provider.contrib.rest_framework import OAuth2Authentication
from rest_framework import exceptions

from ..access import access_for_account
from ..models import User


class ApiUserAuthentication(OAuth2Authentication):
    def authenticate(self, request):
        found = super().authenticate(request)
        if found is None:
            return None
        user, token = found
        # access_for_account reads the account once and refuses an inactive one, or a
        # disabled user; only an API user's token opens the API.
        api_user = user.kind == User.Kind.API
        access = access_for_account(user, user.account_id) if api_user else None
        if access is None:
            raise exceptions.AuthenticationFailed("This API user may not act.")
        request.access = request._request.access = access
        return user, token


class ApiUserAuthenticationScheme(OpenApiAuthenticationExtension):
    """The OpenAPI security scheme: OAuth 2.0 client credentials at /oauth/token/."""

    target_class = ApiUserAuthentication
    name = "apiUser"

    def get_security_definition(self, auto_schema):
        flow = {"tokenUrl": reverse("oauth_token"), "scopes": {"api": "The FortiCloud API"}}
        return {"type": "oauth2", "flows": {"clientCredentials": flow}}
