from django.urls import path

from . import views

# /api/v1/iam/...
api_urlpatterns = [
    path("users/", views.UserList.as_view(), name="users"),
    path("users/<id:pk>/", views.UserDetail.as_view(), name="user"),
    path("users/<id:pk>/disable/", views.UserDisable.as_view(), name="user_disable"),
    path("users/<id:pk>/enable/", views.UserEnable.as_view(), name="user_enable"),
    path("groups/", views.GroupList.as_view(), name="groups"),
    path("profiles/", views.ProfileList.as_view(), name="profiles"),
]
