from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.utils import timezone
from oauth2_provider import models as oauth_models

from .models import (
    Account,
    AuditEvent,
    LegacyPartnerConnection,
    LoginFailure,
    OutboxMail,
    PartnerRole,
    PermissionProfile,
    User,
    UserGroup,
)
from .services.common import sessions_end
from .services.mail import mail_retry

# API users' OAuth 2.0 clients and tokens are kept as hashes and managed in IAM (an API user's
# page, Disable, Delete): django-oauth-toolkit's admin pages would only offer ways around that.
for model in (
    oauth_models.get_application_model(),
    oauth_models.get_access_token_model(),
    oauth_models.get_refresh_token_model(),
    oauth_models.get_grant_model(),
    oauth_models.get_id_token_model(),
):
    admin.site.unregister(model)


@admin.register(Account)
class AccountAdmin(admin.ModelAdmin):
    list_display = ["id", "company_name", "alias", "kind", "status", "created_at"]
    list_filter = ["status", "kind"]
    search_fields = ["=id", "company_name", "alias"]
    ordering = ["company_name"]
    # The kind follows the organization services (creating one, joining, leaving).
    readonly_fields = ["created_at", "kind"]
    show_full_result_count = False


class UserCreateForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("kind", "email", "username", "full_name", "account", "partner")


class UserEditForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    form = UserEditForm
    add_form = UserCreateForm
    list_display = ["__str__", "kind", "full_name", "account", "partner", "is_active", "is_staff"]
    list_filter = ["kind", "is_active", "is_staff", "partner"]
    search_fields = ["email", "username", "full_name", "=account__id", "account__company_name"]
    ordering = ["email", "username"]
    list_select_related = ["account", "partner"]
    autocomplete_fields = ["account", "partner"]
    readonly_fields = ["last_login", "date_joined", "last_context"]
    show_full_result_count = False
    fieldsets = [
        (None, {"fields": ["kind", "email", "username", "password"]}),
        ("Person", {"fields": ["full_name", "account", "partner"]}),
        (
            "Permissions",
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        ("Activity", {"fields": ["last_login", "date_joined", "last_context"]}),
    ]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "is_active" in form.changed_data and not obj.is_active:
            # Disabling ends the user's sessions for good, as in the portal.
            sessions_end(User.objects.filter(pk=obj.pk))

    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": [
                    "kind",
                    "email",
                    "username",
                    "full_name",
                    "account",
                    "partner",
                    "usable_password",
                    "password1",
                    "password2",
                ],
            },
        )
    ]


@admin.register(PartnerRole)
class PartnerRoleAdmin(admin.ModelAdmin):
    exclude = ["token_hash", "used_token_hash"]
    readonly_fields = ["token_expires_at", "created_at", "connected_at"]
    actions = ["keep_role_disconnect_legacy"]
    list_display = ["name", "account", "partner", "status", "created_at", "connected_at"]
    list_filter = ["status", "partner"]
    search_fields = ["name", "=account__id", "account__company_name", "partner__company_name"]
    list_select_related = ["account", "partner"]
    autocomplete_fields = ["account", "partner"]
    show_full_result_count = False

    @admin.action(description="Keep this role, disconnect the account's other partner connections")
    def keep_role_disconnect_legacy(self, request, queryset):
        """Customer service resolves "only one Partner role per account" in a Partner's own
        account: the selected role stays, the account's legacy connections are disconnected."""
        count = LegacyPartnerConnection.objects.filter(
            account__in=queryset.values("account"), connected=True
        ).update(connected=False, disconnected_at=timezone.now())
        messages.success(request, f"Kept {queryset.count()} roles; disconnected {count} others.")


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "account", "actor_label", "acting_as", "action", "target_label"]
    list_filter = ["action"]
    search_fields = ["=account__id", "actor_label", "target_label"]
    date_hierarchy = "created_at"
    list_select_related = ["account"]
    show_full_result_count = False


@admin.register(PermissionProfile)
class PermissionProfileAdmin(admin.ModelAdmin):
    list_display = ["name", "account", "type", "builtin"]
    list_filter = ["type", "builtin"]
    search_fields = ["name", "=account__id"]
    list_select_related = ["account"]
    autocomplete_fields = ["account"]


@admin.register(UserGroup)
class UserGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "account", "permission_profile", "scope_folder"]
    search_fields = ["name", "=account__id"]
    list_select_related = ["account", "permission_profile", "scope_folder"]
    autocomplete_fields = ["account"]


@admin.register(LoginFailure)
class LoginFailureAdmin(ReadOnlyAdmin):
    list_display = ["login", "ip_address", "created_at"]
    search_fields = ["login", "ip_address"]
    date_hierarchy = "created_at"

    def has_delete_permission(self, request, obj=None):
        return True  # staff may lift a lock early


@admin.register(LegacyPartnerConnection)
class LegacyPartnerConnectionAdmin(admin.ModelAdmin):
    list_display = ["account", "partner", "access", "connected", "created_at", "disconnected_at"]
    list_filter = ["access", "connected"]
    search_fields = ["=account__id", "partner__company_name"]
    list_select_related = ["account", "partner"]
    autocomplete_fields = ["account", "partner", "user"]


@admin.register(OutboxMail)
class OutboxMailAdmin(ReadOnlyAdmin):
    """What the portal sent or tries to send; failed mails can be sent again."""

    list_display = ["created_at", "to", "subject", "status", "attempts", "sent_at", "last_error"]
    list_filter = ["status"]
    search_fields = ["to", "subject"]
    date_hierarchy = "created_at"
    show_full_result_count = False
    exclude = ["body", "html"]  # a mail may carry a one-time link: not for every staff eye
    actions = ["send_again"]

    @admin.action(description="Send the selected failed mails again")
    def send_again(self, request, queryset):
        count = mail_retry(queryset)
        messages.success(request, f"{count} failed mail{'s'[: count != 1]} queued again.")
