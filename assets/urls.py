from django.urls import path

from . import views

app_name = "assets"

# Visiting as Partner: the aggregated lists only (seed 000, "Selecting accounts").
partner_urlpatterns = [
    path("", views.product_list, name="product_list"),
    path("decommissioned/", views.decommissioned, name="decommissioned"),
]

account_urlpatterns = [
    *partner_urlpatterns,
    path("register/", views.register, name="register"),
    path("units/<int:pk>/", views.asset_detail, name="asset"),
    path("units/<int:pk>/decommission/", views.decommission, name="decommission"),
    path("units/<int:pk>/restore/", views.restore, name="restore"),
    path("my-assets/", views.my_assets, name="my_assets"),
    path("my-assets/folders/", views.folder_create, name="folder_create"),
    path("my-assets/folders/<int:pk>/rename/", views.folder_rename, name="folder_rename"),
    path("my-assets/folders/<int:pk>/delete/", views.folder_delete, name="folder_delete"),
    path("my-assets/move/", views.move, name="move"),
    path("renewal-notice/", views.renewal_notice, name="renewal_notice"),
    path("vulnerability-list/", views.vulnerabilities, name="vulnerabilities"),
    path("account-services/", views.account_services, name="account_services"),
]
