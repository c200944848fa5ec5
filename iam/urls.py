from django.urls import path

from . import partner_role_views as role_views
from . import portal_views as views
from . import views as entry_views

app_name = "iam"

# Top level, outside any context: logging in and out, choosing and switching accounts.
top_urlpatterns = [
    path("", entry_views.home, name="home"),
    path("login/", entry_views.login_email, name="login"),
    path("login/iam/", entry_views.login_iam, name="login_iam"),
    path("logout/", entry_views.logout_view, name="logout"),
    path("accounts/", entry_views.choose_account, name="choose_account"),
    path(
        "accounts/switch/",
        entry_views.choose_account,
        {"switching": True},
        name="switch_accounts",
    ),
    path("accounts/switch/confirm/", entry_views.switch_confirm, name="switch_confirm"),
    path("accounts/select/", entry_views.select_context, name="select_context"),
]

# The Dashboard of every context (an account, or visiting as Partner).
context_urlpatterns = [path("", entry_views.dashboard, name="dashboard")]

# The IAM portal of an account: /a/<account id>/iam/...

account_urlpatterns = [
    path("", views.iam_home, name="home"),
    path("users/", views.users, name="users"),
    path("users/new/iam-user/", views.user_create, name="user_create"),
    path("users/<int:pk>/edit/", views.user_edit, name="user_edit"),
    path("users/<int:pk>/disable/", views.user_disable, name="user_disable"),
    path("users/<int:pk>/enable/", views.user_enable, name="user_enable"),
    path("users/<int:pk>/delete/", views.user_delete, name="user_delete"),
    path("users/new/partner-role/", role_views.partner_role_create, name="partner_role_create"),
    path("partner-roles/preview/", role_views.partner_role_profile_preview, name="role_preview"),
    path("partner-roles/<int:pk>/", role_views.partner_role_detail, name="partner_role"),
    path("partner-roles/<int:pk>/edit/", role_views.partner_role_edit, name="partner_role_edit"),
    path(
        "partner-roles/<int:pk>/regenerate-token/",
        role_views.partner_role_regenerate,
        name="partner_role_regenerate",
    ),
    path(
        "partner-roles/<int:pk>/link/",
        role_views.partner_role_self_connect,
        name="partner_role_self_connect",
    ),
    path(
        "partner-roles/<int:pk>/disable/",
        role_views.partner_role_disable,
        name="partner_role_disable",
    ),
    path(
        "partner-roles/<int:pk>/enable/", role_views.partner_role_enable, name="partner_role_enable"
    ),
    path(
        "partner-roles/<int:pk>/delete/", role_views.partner_role_delete, name="partner_role_delete"
    ),
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
