from django.urls import path

from . import views

app_name = "assets"

# /api/v1/assets/...
api_urlpatterns = [
    path("units/", views.ProductList.as_view(), name="units"),
    path("units/move/", views.UnitMove.as_view(), name="units_move"),
    path("units/<id:pk>/", views.UnitDetail.as_view(), name="unit"),
    path("units/<id:pk>/decommission/", views.UnitDecommission.as_view(), name="decommission"),
    path("units/<id:pk>/restore/", views.UnitRestore.as_view(), name="restore"),
    path("units/<id:pk>/firmware/", views.UnitFirmware.as_view(), name="firmware"),
    path("decommissioned-units/", views.DecommissionedUnits.as_view(), name="decommissioned"),
    path("folders/", views.FolderList.as_view(), name="folders"),
    path("folders/<id:pk>/rename/", views.FolderRename.as_view(), name="folder_rename"),
    path("folders/<id:pk>/delete/", views.FolderDelete.as_view(), name="folder_delete"),
]

# /api/v1/partner/assets/... (the partner view)
partner_urlpatterns = [
    path("units/", views.PartnerProductList.as_view(), name="units"),
]
