"""The settings of API users' OAuth 2.0 (django-oauth-toolkit), of the REST API (Django REST
framework) and of its OpenAPI contract (drf-spectacular)."""

import environ

env = environ.Env()

# API users (seed 003): OAuth 2.0 client credentials only. Client secrets and access tokens
# are kept as hashes; a token lives one hour; every RFC 9700 (OAuth 2.0 Security BCP) behaviour
# of the toolkit is on, though only the client credentials grant is ever accepted.
OAUTH2_PROVIDER = {
    "ACCESS_TOKEN_EXPIRE_SECONDS": 3600,
    **{
        f"COMPLIANT_BCP_RFC9700_{name}": True
        for name in (
            "TOKEN_STORAGE",
            "IMPLICIT_GRANT",
            "PASSWORD_GRANT",
            "PKCE_METHOD",
            "ACCESS_TOKEN_TRANSPORT",
            "AUTHZ_RESPONSE_ISS",
        )
    },
    "REFRESH_TOKEN_REUSE_PROTECTION": True,
    "ALLOWED_REDIRECT_URI_SCHEMES": ["https"],
    "SCOPES": {"api": "The FortiCloud API, as the API user's permission profile allows"},
    "DEFAULT_SCOPES": ["api"],
    "OAUTH2_VALIDATOR_CLASS": "iam.auth.oauth.PortalOAuth2Validator",
}

# The REST API (/api/v1/): an API user's bearer token only (never a browser session, so no
# CSRF to check); request.access is built from the token's API user on every request.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["iam.api.authentication.ApiUserAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [
        "rest_framework.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "forticloud.web.api.error_response",
    "DEFAULT_THROTTLE_CLASSES": ["forticloud.web.api_throttle.PerUserThrottle"],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "FortiCloud portal API",
    "DESCRIPTION": "The portal's lists and objects for API users (OAuth 2.0 client "
    "credentials: POST /oauth/token/). Every answer is scoped by the API user's permission "
    "profile and scope; a missing and a forbidden object are the same 404.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "forticloud.web.api_schema.add_error_responses",
    ],
    "PATH_CONVERTER_OVERRIDES": {
        "id": {"type": "integer", "minimum": 0, "maximum": 10**18 - 1},
    },
    "ENUM_NAME_OVERRIDES": {
        "TicketStatusEnum": "forticare.models.Ticket.Status",
        "PartnerRoleStatusEnum": "iam.models.partner_role.PartnerRole.Status",
        "BugStatusEnum": "forticare.models.Bug.STATUSES",
        "ExportKindEnum": "iam.models.export_job.ExportJob.Kind",
        "ExportStatusEnum": "iam.models.export_job.ExportJob.Status",
    },
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
}

# Requests per API user (DRF's rate syntax: "<n>/second|minute|hour|day"); beyond it, 429
# with Retry-After.
API_RATE_LIMIT = env("API_RATE_LIMIT", default="600/minute")
