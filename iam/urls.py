from django.contrib.auth.views import PasswordResetConfirmView
from django.urls import path, reverse_lazy
from django.views.generic import TemplateView
from oauth2_provider import views as oauth_views

from .auth import idp_views
from .auth import views as auth_views
from .views import (
    api_users,
    asset_groups,
    audit,
    chooser,
    exports,
    groups,
    idp,
    mail_preferences,
    members,
    my_account,
    organizations,
    profiles,
    sub_user_migration,
    users,
)
from .views import partner_roles as role_views
from .views import sub_users as sub_user_views

# The namespace of the IAM portal's pages (account_urlpatterns); the top-level and context
# patterns have none.
app_name = "iam"

# Top level, outside any context: logging in and out, choosing and switching accounts, and
# the OAuth 2.0 token endpoints of API users.
top_urlpatterns = [
    path("oauth/token/", oauth_views.TokenView.as_view(), name="oauth_token"),
    path("oauth/revoke_token/", oauth_views.RevokeTokenView.as_view(), name="oauth_revoke"),
    path("", chooser.home, name="home"),
    path("login/", auth_views.login_email, name="login"),
    path("login/iam/", auth_views.login_iam, name="login_iam"),
    path("login/idp/", idp_views.login_idp_start, name="login_idp_start"),
    path("login/idp/callback/", idp_views.login_idp_callback, name="login_idp_callback"),
    path("login/idp/roles/", idp_views.idp_roles, name="idp_roles"),
    path("login/idp/<str:account>/", idp_views.login_idp, name="login_idp"),
    path("logout/", auth_views.logout_view, name="logout"),
    path("accounts/", chooser.choose_account, name="choose_account"),
    path(
        "accounts/switch/",
        chooser.choose_account,
        {"switching": True},
        name="switch_accounts",
    ),
    path("accounts/switch/confirm/", chooser.switch_confirm, name="switch_confirm"),
    path("accounts/select/", chooser.select_context, name="select_context"),
    # Profile menu > My Account (people who log in by email).
    path("account/", my_account.my_account, name="my_account"),
    path("account/name/", my_account.my_account_name, name="my_account_name"),
    path("account/email/", my_account.my_account_email, name="my_account_email"),
    path(
        "account/notifications/",
        my_account.my_account_notifications,
        name="my_account_notifications",
    ),
    path(
        "account/email/confirm/<str:token>/",
        my_account.my_account_email_confirm,
        name="my_account_email_confirm",
    ),
    path("account/password/", my_account.my_account_password, name="my_account_password"),
    # A new member account's owner sets a password (the link its root account hands over).
    path(
        "accounts/activate/<uidb64>/<token>/",
        PasswordResetConfirmView.as_view(
            template_name="iam/activate.html", success_url=reverse_lazy("activate_done")
        ),
        name="activate",
    ),
    path(
        "mail/unsubscribe/<str:token>/",
        mail_preferences.mail_unsubscribe,
        name="mail_unsubscribe",
    ),
    path(
        "accounts/activate/done/",
        TemplateView.as_view(template_name="iam/activate_done.html"),
        name="activate_done",
    ),
]

# The Dashboard and the exports of every context (an account, or visiting as Partner).
context_urlpatterns = [
    path("", chooser.dashboard, name="dashboard"),
    path("exports/new/", exports.export_start, name="export_start"),
    path("exports/<uuid:pk>/", exports.export_job, name="export_job"),
    path("exports/<uuid:pk>/download/", exports.export_download, name="export_download"),
]

# The IAM portal of an account: /a/<account id>/iam/...

account_urlpatterns = [
    path("", users.iam_home, name="home"),
    path("users/", users.users, name="users"),
    path("users/new/iam-user/", users.user_create, name="user_create"),
    path("users/<int:pk>/edit/", users.user_edit, name="user_edit"),
    path("users/<int:pk>/disable/", users.user_disable, name="user_disable"),
    path("users/<int:pk>/enable/", users.user_enable, name="user_enable"),
    path("users/<int:pk>/delete/", users.user_delete, name="user_delete"),
    path("users/new/api-user/", api_users.api_user_create, name="api_user_create"),
    path("api-users/<int:pk>/", api_users.api_user_detail, name="api_user"),
    path("api-users/<int:pk>/edit/", api_users.api_user_edit, name="api_user_edit"),
    path(
        "api-users/<int:pk>/regenerate-secret/",
        api_users.api_user_regenerate,
        name="api_user_regenerate",
    ),
    path("identity-provider/", idp.identity_provider, name="identity_provider"),
    path("identity-provider/test/", idp.identity_provider_test, name="identity_provider_test"),
    path("users/new/idp-role/", idp.idp_role_create, name="idp_role_create"),
    path("idp-roles/<int:pk>/edit/", idp.idp_role_edit, name="idp_role_edit"),
    path("idp-roles/<int:pk>/disable/", idp.idp_role_disable, name="idp_role_disable"),
    path("idp-roles/<int:pk>/enable/", idp.idp_role_enable, name="idp_role_enable"),
    path("idp-roles/<int:pk>/delete/", idp.idp_role_delete, name="idp_role_delete"),
    path("users/new/partner-role/", role_views.partner_role_create, name="partner_role_create"),
    path("partner-roles/preview/", role_views.partner_role_profile_preview, name="role_preview"),
    path("partner-roles/<int:pk>/", role_views.partner_role_detail, name="partner_role"),
    path("partner-roles/<int:pk>/edit/", role_views.partner_role_edit, name="partner_role_edit"),
    path("partner-roles/<int:pk>/token/", role_views.partner_role_token, name="partner_role_token"),
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
    path("profiles/", profiles.profiles, name="profiles"),
    path("profiles/new/", profiles.profile_create, name="profile_create"),
    path("profiles/<int:pk>/", profiles.profile_edit, name="profile_edit"),
    path("profiles/<int:pk>/delete/", profiles.profile_delete, name="profile_delete"),
    path("groups/", groups.groups, name="groups"),
    path("groups/new/", groups.group_create, name="group_create"),
    path("groups/<int:pk>/edit/", groups.group_edit, name="group_edit"),
    path("groups/<int:pk>/delete/", groups.group_delete, name="group_delete"),
    path("audit-log/", audit.audit_log, name="audit_log"),
    # The master user's legacy sub users (My Account > Manage User) and their migration.
    path("sub-users/", sub_user_views.sub_users, name="sub_users"),
    path("sub-users/new/", sub_user_views.sub_user_create, name="sub_user_create"),
    path("sub-users/<int:pk>/edit/", sub_user_views.sub_user_edit, name="sub_user_edit"),
    path("sub-users/<int:pk>/disable/", sub_user_views.sub_user_disable, name="sub_user_disable"),
    path("sub-users/<int:pk>/enable/", sub_user_views.sub_user_enable, name="sub_user_enable"),
    path("sub-users/<int:pk>/delete/", sub_user_views.sub_user_delete, name="sub_user_delete"),
    path("asset-groups/", asset_groups.asset_groups, name="asset_groups"),
    path(
        "asset-groups/user-groups/new/",
        asset_groups.user_group_create,
        name="asset_user_group_create",
    ),
    path(
        "asset-groups/user-groups/<int:pk>/edit/",
        asset_groups.user_group_edit,
        name="asset_user_group_edit",
    ),
    path(
        "asset-groups/user-groups/<int:pk>/delete/",
        asset_groups.group_delete,
        {"kind": "user"},
        name="asset_user_group_delete",
    ),
    path(
        "asset-groups/product-groups/new/",
        asset_groups.product_group_create,
        name="product_group_create",
    ),
    path(
        "asset-groups/product-groups/<int:pk>/edit/",
        asset_groups.product_group_edit,
        name="product_group_edit",
    ),
    path(
        "asset-groups/product-groups/<int:pk>/delete/",
        asset_groups.group_delete,
        {"kind": "product"},
        name="product_group_delete",
    ),
    path(
        "sub-user-migration/",
        sub_user_migration.sub_user_migration,
        name="sub_user_migration",
    ),
]


# Services > Organization: /a/<account id>/organization/... (namespace "organization").
organization_urlpatterns = [
    path("", organizations.organization_home, name="home"),
    path("create/", organizations.organization_create, name="create"),
    path("units/new/", organizations.ou_create, name="ou_create"),
    path("units/<int:pk>/edit/", organizations.ou_edit, name="ou_edit"),
    path("units/<int:pk>/delete/", organizations.ou_delete, name="ou_delete"),
    path("join/", members.organization_join, name="join"),
    path("members/invite/", members.member_invite, name="member_invite"),
    path("members/new/", members.member_create, name="member_create"),
    path("members/<int:pk>/activation/", members.member_activation, name="member_activation"),
    path(
        "members/invitations/<int:pk>/token/",
        members.invitation_token,
        name="invitation_token",
    ),
    path(
        "members/invitations/<int:pk>/cancel/",
        members.invitation_cancel,
        name="invitation_cancel",
    ),
    path("members/<int:pk>/move/", members.member_move, name="member_move"),
    path("members/<int:pk>/remove/", members.member_remove, name="member_remove"),
]
