from django.contrib import admin

from .models import Partner


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    list_display = ["company_name", "status", "account", "created_at"]
    list_filter = ["status"]
    search_fields = ["company_name", "=account__id"]
    list_select_related = ["account"]
    autocomplete_fields = ["account"]
