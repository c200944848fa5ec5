from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

import assets.urls
import forticare.urls
import iam.urls
import partners.urls
from iam import views as iam_views

from .views import healthz

# Pages inside one account: /a/<account id>/...
account_patterns = [
    path("", iam_views.dashboard, name="dashboard"),
    path("assets/", include((assets.urls.account_urlpatterns, "assets"))),
    path("forticare/", include((forticare.urls.account_urlpatterns, "forticare"))),
    path("iam/", include((iam.urls.account_urlpatterns, "iam"))),
]

# "Visit as Partner": /partner/...
partner_patterns = [
    path("", iam_views.dashboard, name="dashboard"),
    path("assets/", include((assets.urls.partner_urlpatterns, "assets"))),
    path("forticare/", include((forticare.urls.partner_urlpatterns, "forticare"))),
    path("account/", include((partners.urls.partner_urlpatterns, "partners"))),
]

# A 503 while the database is down, Django's 500 otherwise.
handler500 = "forticloud.views.server_error"

urlpatterns = [
    path("", iam_views.home, name="home"),
    path("healthz", healthz, name="healthz"),
    path("login/", iam_views.login_email, name="login"),
    path("login/iam/", iam_views.login_iam, name="login_iam"),
    path("logout/", iam_views.logout_view, name="logout"),
    path("accounts/", iam_views.choose_account, name="choose_account"),
    path(
        "accounts/switch/",
        iam_views.choose_account,
        {"switching": True},
        name="switch_accounts",
    ),
    path("accounts/switch/confirm/", iam_views.switch_confirm, name="switch_confirm"),
    path("accounts/select/", iam_views.select_context, name="select_context"),
    path("a/<int:account_id>/", include((account_patterns, "account"))),
    path("partner/", include((partner_patterns, "partner"))),
    # Staff log in through the portal's login page, which is throttled.
    path("admin/login/", RedirectView.as_view(pattern_name="login", query_string=True)),
    path("admin/", admin.site.urls),
]
