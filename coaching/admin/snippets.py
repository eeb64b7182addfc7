"""Each coach's note snippets: the phrases they reuse, kept under a title, theirs alone."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse

from coaching.models import NoteSnippet


def snippets_of(coach: Any) -> QuerySet[NoteSnippet]:
    """The coach's own snippets, by title (the buttons on a report's page)."""
    return NoteSnippet.objects.filter(coach=coach).order_by("title")


@admin.register(NoteSnippet)
class NoteSnippetAdmin(admin.ModelAdmin):
    """A coach's snippets: they see, change and delete only their own, and own what they add."""

    list_display = ("title", "text", "created_at")
    search_fields = ("title", "text")
    fields = ("title", "text")

    def get_queryset(self, request: HttpRequest) -> QuerySet[NoteSnippet]:
        return snippets_of(request.user)

    def save_model(self, request: HttpRequest, obj: NoteSnippet, form: Any, change: bool) -> None:
        if not change:
            obj.coach = request.user
        super().save_model(request, obj, form, change)

    def history_view(self, request: HttpRequest, object_id: str, extra_context: Any = None) -> HttpResponse:
        # As for orders: the permission first, so the answer does not tell which snippets exist.
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        return super().history_view(request, object_id, extra_context)

    def _own(self, request: HttpRequest, obj: NoteSnippet | None) -> bool:
        return obj is None or obj.coach_id == request.user.pk

    def has_view_permission(self, request: HttpRequest, obj: NoteSnippet | None = None) -> bool:
        return super().has_view_permission(request, obj) and self._own(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: NoteSnippet | None = None) -> bool:
        return super().has_change_permission(request, obj) and self._own(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: NoteSnippet | None = None) -> bool:
        return super().has_delete_permission(request, obj) and self._own(request, obj)
