from django.urls import path

from . import views

app_name = "assets"

# /api/v1/assets/...
api_urlpatterns = [
    path("units/", views.ProductList.as_view(), name="units"),
    path("units/<id:pk>/", views.UnitDetail.as_view(), name="unit"),
    path("decommissioned-units/", views.DecommissionedUnits.as_view(), name="decommissioned"),
]
