from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.permissions import AllowAny

import assets.api.urls
import assets.urls
import forticare.api.urls
import forticare.urls
import iam.api.urls
import iam.urls
import partners.api.urls
import partners.urls

from .views import healthz

# Pages inside one account: /a/<account id>/...
account_patterns = [
    *iam.urls.context_urlpatterns,
    path("assets/", include((assets.urls.account_urlpatterns, assets.urls.app_name))),
    path("forticare/", include((forticare.urls.account_urlpatterns, forticare.urls.app_name))),
    path("iam/", include((iam.urls.account_urlpatterns, iam.urls.app_name))),
    path("organization/", include((iam.urls.organization_urlpatterns, "organization"))),
]

# An organization's view across its member accounts: /o/<root account id>/...
organization_view_patterns = [
    *iam.urls.context_urlpatterns,
    path("assets/", include((assets.urls.aggregated_urlpatterns, assets.urls.app_name))),
    path("forticare/", include((forticare.urls.aggregated_urlpatterns, forticare.urls.app_name))),
]

# "Visit as Partner": /partner/...
partner_patterns = [
    *iam.urls.context_urlpatterns,
    path("assets/", include((assets.urls.partner_urlpatterns, assets.urls.app_name))),
    path("forticare/", include((forticare.urls.partner_urlpatterns, forticare.urls.app_name))),
    path("account/", include((partners.urls.partner_urlpatterns, partners.urls.app_name))),
]

# The partner's own REST API, for API users of a Partner's own account: /api/v1/partner/...
api_partner_patterns = [
    *partners.api.urls.api_urlpatterns,
    *iam.api.urls.partner_export_urlpatterns,
    path("assets/", include((assets.api.urls.partner_urlpatterns, "assets"))),
    path("forticare/", include((forticare.api.urls.partner_urlpatterns, "forticare"))),
]

# The REST API of API users (bearer tokens): /api/v1/...
api_patterns = [
    path("partner/", include((api_partner_patterns, "partner"))),
    *iam.api.urls.export_urlpatterns,
    path("assets/", include((assets.api.urls.api_urlpatterns, "assets"))),
    path("forticare/", include((forticare.api.urls.api_urlpatterns, "forticare"))),
    path("iam/", include((iam.api.urls.api_urlpatterns, "iam"))),
]

# The OpenAPI contract and its docs page are public: they name no account's data.
PUBLIC = {"authentication_classes": [], "permission_classes": [AllowAny], "throttle_classes": []}

# A 503 while the database is down, Django's 500 otherwise.
handler500 = "forticloud.views.server_error"
handler404 = "forticloud.views.not_found"

urlpatterns = [
    *iam.urls.top_urlpatterns,
    path("healthz", healthz, name="healthz"),
    path("a/<int:account_id>/", include((account_patterns, "account"))),
    path("partner/", include((partner_patterns, "partner"))),
    path("o/<int:account_id>/", include((organization_view_patterns, "organization_view"))),
    path("api/v1/", include((api_patterns, "api"))),
    path("api/schema/", SpectacularAPIView.as_view(**PUBLIC), name="api_schema"),
    path(
        "api/docs/",
        SpectacularSwaggerSplitView.as_view(url_name="api_schema", **PUBLIC),
        name="api_docs",
    ),
    # Staff log in through the portal's login page, which is throttled.
    path("admin/login/", RedirectView.as_view(pattern_name="login", query_string=True)),
    path("admin/", admin.site.urls),
]
