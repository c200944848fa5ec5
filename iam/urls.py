from django.urls import path

from . import portal_views as views

app_name = "iam"

urlpatterns = [
    path("", views.iam_home, name="home"),
    path("users/", views.users, name="users"),
    path("users/new/iam-user/", views.user_create, name="user_create"),
    path("users/<int:pk>/edit/", views.user_edit, name="user_edit"),
    path("users/<int:pk>/disable/", views.user_disable, name="user_disable"),
    path("users/<int:pk>/enable/", views.user_enable, name="user_enable"),
    path("users/<int:pk>/delete/", views.user_delete, name="user_delete"),
    path("profiles/", views.profiles, name="profiles"),
    path("profiles/new/", views.profile_create, name="profile_create"),
    path("profiles/<int:pk>/", views.profile_edit, name="profile_edit"),
    path("profiles/<int:pk>/delete/", views.profile_delete, name="profile_delete"),
    path("groups/", views.groups, name="groups"),
    path("groups/new/", views.group_create, name="group_create"),
    path("groups/<int:pk>/edit/", views.group_edit, name="group_edit"),
    path("groups/<int:pk>/delete/", views.group_delete, name="group_delete"),
    path("audit-log/", views.audit_log, name="audit_log"),
]
