"""django-simple-history's pages, kept to the coach's queue and to unlocked reports."""

from __future__ import annotations

from typing import Any

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from simple_history.admin import SimpleHistoryAdmin


class QueueHistoryAdmin(SimpleHistoryAdmin):
    """django-simple-history's history pages, kept to the coach's queue and to unlocked reports.

    Its history views fall back to the history table when an object is outside `get_queryset`
    (to show deleted objects), which would show a coach the notes on another coach's reports.
    Its revert form saves the old version whole, without asking the admin's change permission:
    on a published report that would change what the client reads (or unpublish it, skipping the
    reopen step and its reason), so a revert is refused wherever `history_locked` says so.
    """

    def history_locked(self, obj: Any) -> bool:
        """Whether this object (a version of it) may not be reverted to."""
        raise NotImplementedError

    def revert_disabled(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().revert_disabled(request, obj) or (obj is not None and self.history_locked(obj))

    def _version(self, object_id: str, version_id: str) -> Model | None:
        history = self.model.history.model  # type: ignore[attr-defined]
        record = history.objects.filter(**{self.model._meta.pk.attname: unquote(object_id), "history_id": version_id})
        found = record.first()
        return found.instance if found is not None else None

    def _outside_queue(self, request: HttpRequest, object_id: str) -> HttpResponse | None:
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        if request.user.is_superuser or self.get_queryset(request).filter(pk=unquote(object_id)).exists():
            return None
        return self._get_obj_does_not_exist_redirect(request, self.model._meta, object_id)

    def history_view(self, request: HttpRequest, object_id: str, extra_context: Any = None) -> HttpResponse:
        return self._outside_queue(request, object_id) or super().history_view(request, object_id, extra_context)

    def history_form_view(
        self, request: HttpRequest, object_id: str, version_id: str, extra_context: Any = None
    ) -> HttpResponse:
        outside = self._outside_queue(request, object_id)
        if outside is not None:
            return outside
        if request.method == "POST":
            version = self._version(object_id, version_id)
            if version is not None and self.revert_disabled(request, version):
                raise PermissionDenied("This version cannot be restored: the report is published or locked.")
        return super().history_form_view(request, object_id, version_id, extra_context)
