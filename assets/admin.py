from django.contrib import admin

from .models import Asset, AssetFolder, ContractCode, Entitlement, ProductModel


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


@admin.register(Asset)
class AssetAdmin(admin.ModelAdmin):
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
