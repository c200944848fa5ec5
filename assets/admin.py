from django.contrib import admin

from .models import AssetFolder


@admin.register(AssetFolder)
class AssetFolderAdmin(admin.ModelAdmin):
    list_display = ["name", "account", "parent", "path"]
    search_fields = ["name", "=account__id"]
    list_select_related = ["account", "parent"]
    autocomplete_fields = ["account", "parent"]
