from django.contrib import admin, messages

from forticloud.web.client import client_ip

from .models import Partner
from .services import partner_status_set


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    list_display = ["company_name", "status", "account", "created_at"]
    list_filter = ["status"]
    search_fields = ["company_name", "=account__id"]
    list_select_related = ["account"]
    autocomplete_fields = ["account"]
    readonly_fields = ["created_at"]
    actions = ["mark_inactive", "mark_terminated", "mark_active"]

    def _set_status(self, request, queryset, status):
        disabled = sum(
            partner_status_set(
                partner=partner, status=status, actor=request.user, ip=client_ip(request)
            )
            for partner in queryset
        )
        messages.success(
            request, f"{queryset.count()} partners are now {status}; {disabled} roles disabled."
        )

    @admin.action(description="Mark inactive (disables their Partner roles)")
    def mark_inactive(self, request, queryset):
        self._set_status(request, queryset, Partner.Status.INACTIVE)

    @admin.action(description="Mark terminated (disables their Partner roles)")
    def mark_terminated(self, request, queryset):
        self._set_status(request, queryset, Partner.Status.TERMINATED)

    @admin.action(description="Mark active")
    def mark_active(self, request, queryset):
        self._set_status(request, queryset, Partner.Status.ACTIVE)

    def save_model(self, request, obj, form, change):
        """A status change goes through the service: leaving the program disables the
        partner's roles on every customer's side at once, with an audit event each."""
        status = obj.status
        if change and "status" in form.changed_data:
            obj.status = Partner.objects.get(pk=obj.pk).status
            super().save_model(request, obj, form, change)
            disabled = partner_status_set(
                partner=obj, status=status, actor=request.user, ip=client_ip(request)
            )
            if disabled:
                messages.warning(request, f"{disabled} connected Partner roles were disabled.")
        else:
            super().save_model(request, obj, form, change)
