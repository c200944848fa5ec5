from django.urls import path

from .views import my_assets, renewals, resources, units, vulnerabilities

app_name = "assets"

# Visiting as Partner and the organization view: the aggregated lists only (seed 000,
# "Selecting accounts").
aggregated_urlpatterns = [
    path("", units.product_list, name="product_list"),
    path("decommissioned/", units.decommissioned, name="decommissioned"),
    path("vulnerability-list/", vulnerabilities.vulnerability_list, name="vulnerabilities"),
]

account_urlpatterns = [
    *aggregated_urlpatterns,
    path("register/", units.register, name="register"),
    path("units/<int:pk>/", units.asset_detail, name="asset"),
    path("units/<int:pk>/decommission/", units.decommission, name="decommission"),
    path("units/<int:pk>/restore/", units.restore, name="restore"),
    path("units/<int:pk>/firmware/", units.firmware, name="firmware"),
    path("my-assets/", my_assets.my_assets, name="my_assets"),
    path("my-assets/folders/", my_assets.folder_create, name="folder_create"),
    path("my-assets/folders/<int:pk>/rename/", my_assets.folder_rename, name="folder_rename"),
    path("my-assets/folders/<int:pk>/delete/", my_assets.folder_delete, name="folder_delete"),
    path("my-assets/move/", my_assets.move, name="move"),
    path("renewal-notice/", resources.renewal_notice, name="renewal_notice"),
    path("renewal-notice/renew/", renewals.renew, name="renew"),
    path("renewal-notice/requests/", renewals.renewal_requests, name="renewal_requests"),
    path("renewal-notice/requests/<int:pk>/", renewals.renewal_request, name="renewal_request"),
    path(
        "renewal-notice/requests/<int:pk>/cancel/", renewals.renewal_cancel, name="renewal_cancel"
    ),
    path("account-services/", resources.account_services, name="account_services"),
]

# Visiting as Partner: the aggregated lists, and the renewal requests addressed to the partner.
partner_urlpatterns = [
    *aggregated_urlpatterns,
    path("renewal-requests/", renewals.renewal_requests, name="renewal_requests"),
    path("renewal-requests/<int:pk>/", renewals.renewal_request, name="renewal_request"),
    path("renewal-requests/<int:pk>/quote/", renewals.renewal_quote, name="renewal_quote"),
    path("renewal-requests/<int:pk>/complete/", renewals.renewal_complete, name="renewal_complete"),
]
