from django.urls import path

from . import exports, views

# /api/v1/iam/...
api_urlpatterns = [
    path("users/", views.UserList.as_view(), name="users"),
    path("users/<id:pk>/", views.UserDetail.as_view(), name="user"),
    path("users/<id:pk>/disable/", views.UserDisable.as_view(), name="user_disable"),
    path("users/<id:pk>/enable/", views.UserEnable.as_view(), name="user_enable"),
    path("groups/", views.GroupList.as_view(), name="groups"),
    path("profiles/", views.ProfileList.as_view(), name="profiles"),
]

# /api/v1/exports/... and /api/v1/partner/exports/...: export jobs of the context's lists
export_urlpatterns = [
    path("exports/", exports.Exports.as_view(), name="exports"),
    path("exports/<uuid:pk>/", exports.ExportDetail.as_view(), name="export"),
    path("exports/<uuid:pk>/download/", exports.ExportDownload.as_view(), name="export_download"),
]
partner_export_urlpatterns = [
    path("exports/", exports.PartnerExports.as_view(), name="exports"),
    path("exports/<uuid:pk>/", exports.PartnerExportDetail.as_view(), name="export"),
    path(
        "exports/<uuid:pk>/download/",
        exports.PartnerExportDownload.as_view(),
        name="export_download",
    ),
]
