from django.contrib import admin

from forticloud.web.lists import list_changed

from .lists import BUG_TRACKER
from .models import Bug, Bulletin, ResourceLink, Ticket, TicketComment
from .services import tickets_changed


@admin.register(Bug)
class BugAdmin(admin.ModelAdmin):
    list_display = ["number", "project", "category", "status", "known_fixed_releases", "summary"]
    list_filter = ["status", "project"]
    search_fields = ["=number", "summary", "known_fixed_releases"]

    # The Bug Tracker's kept counts and search results start again after a staff edit.
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        list_changed(BUG_TRACKER.name)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        list_changed(BUG_TRACKER.name)

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        list_changed(BUG_TRACKER.name)


class CommentInline(admin.TabularInline):
    model = TicketComment
    extra = 0


@admin.register(Ticket)
class TicketAdmin(admin.ModelAdmin):
    list_display = [
        "id",
        "subject",
        "account",
        "request_type",
        "status",
        "ticket_type",
        "created_at",
    ]
    list_filter = ["status", "ticket_type", "request_type", "visibility"]
    search_fields = ["=id", "subject", "=account__id"]
    list_select_related = ["account"]
    raw_id_fields = ["account", "asset", "partner", "creator"]
    inlines = [CommentInline]

    # The partner Dashboard's kept open tickets count again after a staff edit, in the
    # ticket's account and in the one it was moved from.
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        for account_id in {obj.account_id, form.initial.get("account")} - {None}:
            tickets_changed(account_id)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        tickets_changed(obj.account_id)

    def delete_queryset(self, request, queryset):
        accounts = set(queryset.values_list("account_id", flat=True))
        super().delete_queryset(request, queryset)
        for account_id in accounts:
            tickets_changed(account_id)


@admin.register(ResourceLink)
class ResourceLinkAdmin(admin.ModelAdmin):
    list_display = ["title", "section", "position", "url"]
    list_filter = ["section"]
    search_fields = ["title", "url"]


@admin.register(Bulletin)
class BulletinAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "published_at"]
    search_fields = ["number", "title"]
    date_hierarchy = "published_at"
