from django.urls import path

from . import views

# /api/v1/iam/...
api_urlpatterns = [
    path("users/", views.UserList.as_view(), name="users"),
]
