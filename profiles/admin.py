from __future__ import annotations

from django.contrib import admin

from profiles.models import HistoryProfile, Post, PostHistory


@admin.register(PostHistory)
class PostHistoryAdmin(admin.ModelAdmin):
    """Staff see every history and, for failed imports, the technical cause."""

    list_display = ("original_name", "owner", "status", "format", "handle", "posts_read", "created_at")
    list_filter = ("status", "format", "platform")
    search_fields = ("original_name", "owner__email", "handle")
    list_select_related = ("owner",)
    readonly_fields = [f.name for f in PostHistory._meta.fields if f.name != "id"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request: object) -> bool:
        return False  # histories come from uploads and the import_history command


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    list_display = ("created_at", "kind", "text", "likes", "reposts", "history")
    list_filter = ("kind", "platform")
    search_fields = ("text", "external_id")
    list_select_related = ("history",)
    readonly_fields = [f.name for f in Post._meta.fields if f.name != "id"]
    show_full_result_count = False  # counting millions of posts on every page view is slow

    def has_add_permission(self, request: object) -> bool:
        return False


@admin.register(HistoryProfile)
class HistoryProfileAdmin(admin.ModelAdmin):
    """Staff see each analysis run, its progress and, for failed ones, the technical cause."""

    list_display = ("history", "status", "posts_analysed", "posts_total", "chunks_total", "created_at", "finished_at")
    list_filter = ("status",)
    search_fields = ("history__original_name", "history__owner__email", "history__handle")
    list_select_related = ("history",)
    readonly_fields = [f.name for f in HistoryProfile._meta.fields if f.name != "id"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request: object) -> bool:
        return False  # profiles are ordered by clients and made by the analysis task
