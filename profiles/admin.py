from __future__ import annotations

from django.contrib import admin

from profiles.models import Post, PostHistory


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
