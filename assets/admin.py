from django import forms
from django.contrib import admin

from .admin_renewals import answer_page
from .models import (
    Asset,
    AssetFolder,
    ContractCode,
    Entitlement,
    ProductModel,
    RenewalRequest,
    RenewalRequestUnit,
)


@admin.register(AssetFolder)
class AssetFolderAdmin(admin.ModelAdmin):
    list_display = ["name", "account", "parent", "path"]
    search_fields = ["name", "=account__id"]
    list_select_related = ["account", "parent"]
    autocomplete_fields = ["account", "parent"]


@admin.register(ProductModel)
class ProductModelAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "serial_prefix", "end_of_order", "end_of_support"]
    search_fields = ["code", "name"]


class EntitlementInline(admin.TabularInline):
    model = Entitlement
    extra = 0


class AssetAdminForm(forms.ModelForm):
    def clean_serial_number(self):
        # In capitals, as Register writes it; the field's validator then checks the rest.
        return self.cleaned_data["serial_number"].strip().upper()


@admin.register(Asset)
class AssetAdmin(admin.ModelAdmin):
    form = AssetAdminForm
    list_display = [
        "serial_number",
        "product_model",
        "description",
        "account",
        "registered_on",
        "coverage_ends_on",
        "decommissioned_at",
    ]
    list_filter = ["product_model", "decommissioned_at"]
    search_fields = ["serial_number", "description", "=account__id"]
    list_select_related = ["product_model", "account"]
    autocomplete_fields = ["account", "folder"]
    inlines = [EntitlementInline]


@admin.register(ContractCode)
class ContractCodeAdmin(admin.ModelAdmin):
    list_display = ["code", "service", "months", "redeemed_by"]
    search_fields = ["code"]
    raw_id_fields = ["redeemed_by"]


class AddressedTo(admin.SimpleListFilter):
    title = "addressed to"
    parameter_name = "to"

    def lookups(self, request, model_admin):
        return [("fortinet", "Fortinet (no partner)"), ("partner", "A partner")]

    def queryset(self, request, queryset):
        if self.value() in ("fortinet", "partner"):
            return queryset.filter(partner__isnull=self.value() == "fortinet")
        return queryset


class RenewalRequestUnitInline(admin.TabularInline):
    model = RenewalRequestUnit
    extra = 0
    can_delete = False
    fields = ["asset", "coverage_ended_on", "contract_code"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("asset")


@admin.register(RenewalRequest)
class RenewalRequestAdmin(admin.ModelAdmin):
    """Requests of accounts with no partner that may answer them are Fortinet's (filter
    "Addressed to"); staff may answer any. "Send a quote" and "Complete with contract codes" go
    through the same services as the partner's pages."""

    list_display = ["id", "account", "status", "term_years", "partner", "requested_at"]
    list_filter = ["status", AddressedTo]
    search_fields = ["=id", "=account__id", "account__company_name"]
    list_select_related = ["account", "partner"]
    readonly_fields = [
        "account",
        "status",
        "term_years",
        "note",
        "partner",
        "requested_by_label",
        "requested_at",
        "quote",
        "updated_at",
        "updated_by_label",
    ]
    exclude = ["requested_by"]
    inlines = [RenewalRequestUnitInline]
    actions = ["send_quote", "complete"]

    def has_add_permission(self, request):
        return False

    @admin.action(description="Send a quote", permissions=["change"])
    def send_quote(self, request, queryset):
        return answer_page(self, request, queryset, "send_quote")

    @admin.action(description="Complete with contract codes", permissions=["change"])
    def complete(self, request, queryset):
        return answer_page(self, request, queryset, "complete")
