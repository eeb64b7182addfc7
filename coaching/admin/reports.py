"""A report under review: its notes and adjustments inline, the review page, and the endpoints
the review form uses (the client's posts to cite, a post's voice corrected)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseNotAllowed,
    HttpResponseRedirect,
    JsonResponse,
)
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.html import format_html

from coaching import access, services
from coaching.admin import fields
from coaching.admin.history import QueueHistoryAdmin
from coaching.admin.snippets import snippets_of
from coaching.admin.users import CoachListFilter
from coaching.models import Annotation, FindingAdjustment, Report
from profiles import selectors
from profiles.models import VoiceCorrection

# The picker lists the newest posts that match; more words narrow it.
POST_CHOICES = 30


class LockedOncePublished(admin.StackedInline):
    """An inline of a report that cannot be edited while the report is published."""

    def has_add_permission(self, request: HttpRequest, obj: Report | None = None) -> bool:
        return super().has_add_permission(request, obj) and not (obj and services.report_locked(obj))

    def has_change_permission(self, request: HttpRequest, obj: Report | None = None) -> bool:
        return super().has_change_permission(request, obj) and not (obj and services.report_locked(obj))

    def has_delete_permission(self, request: HttpRequest, obj: Report | None = None) -> bool:
        return super().has_delete_permission(request, obj) and not (obj and services.report_locked(obj))


class ReviewInline(LockedOncePublished):
    """An inline whose form knows its report: the finding chosen from it, its posts picked."""

    review_form_base: type[fields.ReviewFormBase]

    def get_formset(self, request: HttpRequest, obj: Report | None = None, **kwargs: Any) -> Any:
        kwargs["form"] = fields.review_form(self.review_form_base, obj)
        return super().get_formset(request, obj, **kwargs)


class AnnotationInline(ReviewInline):
    model = Annotation
    review_form_base = fields.AnnotationForm
    extra = 1
    fields = ("section", "finding_code", "visibility", "text", "coach", "updated_at")
    readonly_fields = ("coach", "updated_at")


class FindingAdjustmentInline(ReviewInline):
    model = FindingAdjustment
    review_form_base = fields.FindingAdjustmentForm
    extra = 0
    fields = ("finding_code", "hidden", "headline", "recommendation", "severity", "example_post_ids", "coach")
    readonly_fields = ("coach",)


@admin.register(Report)
class ReportAdmin(QueueHistoryAdmin):
    """A report under review: the coach's notes inline, the rendered report one click away."""

    list_display = ("order", "written_at", "published_at", "review_link")
    list_select_related = ("order", "order__client")
    readonly_fields = ("order", "written_at", "published_at", "review_link")
    exclude = ("profile", "changes")
    inlines = (AnnotationInline, FindingAdjustmentInline)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Report]:
        return Report.objects.filter(order__in=access.queue_for(request.user)).select_related("order__client")

    @property
    def media(self) -> forms.Media:
        return super().media + forms.Media(js=("coaching/snippets.js",))

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        # The coach's snippets, each a button that inserts it into the note being written.
        extra_context = {**(extra_context or {}), "snippets": list(snippets_of(request.user))}
        return super().change_view(request, object_id, form_url, extra_context)

    def history_locked(self, obj: Report) -> bool:
        # Never: every field of a report is written by the pipeline and by publish and reopen,
        # which keep the order's stage in step. A restored version could publish or unpublish it.
        return True

    def _report_in_queue(self, request: HttpRequest, report_id: int) -> Report:
        """The report if this coach may read it: the model permission first (403), then the queue (404)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        report = self.get_queryset(request).filter(pk=report_id).first()
        if report is None or not self.has_view_permission(request, report):
            raise Http404("No such report in your queue.")
        return report

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # reports are written by the pipeline

    def has_delete_permission(self, request: HttpRequest, obj: Report | None = None) -> bool:
        return False

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        for note in formset.save(commit=False):
            services.annotation_save(annotation=note, by=request.user)
        for note in formset.deleted_objects:
            services.annotation_delete(annotation=note)

    @admin.display(description="review")
    def review_link(self, report: Report) -> str:
        url = reverse("admin:coaching_report_review", args=[report.pk])
        search = reverse("admin:coaching_report_posts", args=[report.pk])
        return format_html(
            '<a href="{}">Read the report as the client will, with internal notes</a> · '
            '<a href="{}">Search the client\'s posts</a>',
            url,
            search,
        )

    def post_search_view(self, request: HttpRequest, report_id: int) -> HttpResponse:
        """The client's posts containing the words searched, with their ids to cite in a finding."""
        report = self._report_in_queue(request, report_id)
        query = request.GET.get("q", "").strip()
        posts = selectors.posts_matching(report.order.history_id, query) if query else []
        context = {**self.admin_site.each_context(request), "report": report, "query": query, "posts": posts,
                   "opts": self.model._meta}  # fmt: skip
        return render(request, "admin/coaching/report/post_search.html", context)

    def post_choices_view(self, request: HttpRequest, report_id: int) -> JsonResponse:
        """The picker's answers: this report's posts containing the words typed, as select2 reads them."""
        report = self._report_in_queue(request, report_id)
        words = request.GET.get("term", "").strip()
        posts = selectors.posts_matching(report.order.history_id, words, limit=POST_CHOICES)
        results = [{"id": post.external_id, "text": fields.post_label(post)} for post in posts]
        return JsonResponse({"results": results, "pagination": {"more": False}})

    def voice_view(self, request: HttpRequest, report_id: int) -> HttpResponse:
        """A quoted post's voice corrected from the review page (POST), then back to the page."""
        report = self._report_in_queue(request, report_id)
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        label, post = request.POST.get("label", ""), request.POST.get("post", "")
        try:
            services.post_voice_correct(report=report, post_external_id=post, label=label, by=request.user)
        except services.ReviewError as error:
            self.message_user(request, str(error), messages.ERROR)
        else:
            done = f"The post's voice is now {label}, in the report and its voice shares too."
            self.message_user(request, done, messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:coaching_report_review", args=[report.pk]))

    def get_urls(self) -> list[Any]:
        review = path(
            "<int:report_id>/review/", self.admin_site.admin_view(self.review_view), name="coaching_report_review"
        )
        search = path(
            "<int:report_id>/posts/", self.admin_site.admin_view(self.post_search_view), name="coaching_report_posts"
        )
        choices = path(
            "<int:report_id>/post-choices/",
            self.admin_site.admin_view(self.post_choices_view),
            name="coaching_report_post_choices",
        )
        voice = path(
            "<int:report_id>/voice/", self.admin_site.admin_view(self.voice_view), name="coaching_report_voice"
        )
        return [review, search, choices, voice, *super().get_urls()]

    def review_view(self, request: HttpRequest, report_id: int) -> HttpResponse:
        report = self._report_in_queue(request, report_id)
        context = {**services.report_context(report, internal_notes=True), "review": True,
                   "voice_labels": VoiceCorrection.Label.values}  # fmt: skip
        return render(request, "coaching/report.html", context)


@admin.register(Annotation)
class AnnotationAdmin(QueueHistoryAdmin):
    """Every note in the coach's queue, searchable; each with its history of changes."""

    list_display = ("report", "section", "visibility", "coach", "updated_at")
    list_filter = ("section", "visibility", ("coach", CoachListFilter))
    search_fields = ("text", "report__order__client__email")
    list_select_related = ("report__order__client", "coach")
    readonly_fields = ("report", "coach", "created_at", "updated_at")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Annotation]:
        queue = access.queue_for(request.user)
        return Annotation.objects.filter(report__order__in=queue).select_related("report__order__client", "coach")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # notes are added on their report's page

    def has_change_permission(self, request: HttpRequest, obj: Annotation | None = None) -> bool:
        return super().has_change_permission(request, obj) and not (obj and services.report_locked(obj.report))

    def has_delete_permission(self, request: HttpRequest, obj: Annotation | None = None) -> bool:
        return super().has_delete_permission(request, obj) and not (obj and services.report_locked(obj.report))

    def history_locked(self, obj: Annotation) -> bool:
        # The note's report as it is now: a version of a note (or a deleted note) may not come
        # back onto a published report.
        return services.report_locked(obj.report)
