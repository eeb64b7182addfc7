from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import PermissionDenied
from django.db.models import Field, Model, QuerySet
from django.forms import ModelChoiceField
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from coaching import access, services, workflow
from coaching.models import Annotation, FindingAdjustment, Order, Report, User
from profiles import selectors


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ("email",)
    list_display = ("email", "first_name", "last_name", "is_staff", "is_active", "date_joined")
    search_fields = ("email", "first_name", "last_name")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Personal info"), {"fields": ("first_name", "last_name")}),
        (_("Permissions"), {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")}),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)

    def get_search_results(self, request: HttpRequest, queryset: QuerySet[User], search_term: str) -> Any:
        # The order's coach field searches users here (autocomplete): it offers coaches only.
        if request.path == reverse("admin:autocomplete") and request.GET.get("field_name") == "coach":
            queryset = queryset.filter(pk__in=access.coaches())
        return super().get_search_results(request, queryset, search_term)


class CoachListFilter(admin.RelatedFieldListFilter):
    """Filter by coach, listing the people who coach rather than every user of the site."""

    def field_choices(self, field: Field, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[Any, str]]:
        return [(coach.pk, str(coach)) for coach in access.coaches()]


@admin.register(Order)
class OrderAdmin(admin.ModelAdmin):
    """The coaches' queue: their orders and unassigned coached ones (superusers see all)."""

    list_display = ("created_at", "client_name", "product", "stage", "coach", "age", "history")
    list_filter = ("stage", "product", ("coach", CoachListFilter))
    search_fields = ("client__email", "client__first_name", "client__last_name", "history__original_name")
    list_select_related = ("client", "coach", "history")
    date_hierarchy = "created_at"
    actions = ("assign_to_me", "publish", "reopen", "rerun_analysis")
    autocomplete_fields = ("coach",)
    list_per_page = 50

    def get_queryset(self, request: HttpRequest) -> QuerySet[Order]:
        return access.queue_for(request.user).select_related("client", "coach", "history")

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> ModelChoiceField | None:
        if db_field.name == "coach":
            kwargs["queryset"] = access.coaches()  # a superuser reassigns to a coach, not to any user
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_readonly_fields(self, request: HttpRequest, obj: Order | None = None) -> list[str]:
        editable = {"coach"} if request.user.is_superuser else set()  # superusers reassign
        return [f.name for f in Order._meta.fields if f.name != "id" and f.name not in editable]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # clients place orders on the site

    def has_delete_permission(self, request: HttpRequest, obj: Order | None = None) -> bool:
        return request.user.is_superuser  # clients delete their own data from the site

    def history_view(self, request: HttpRequest, object_id: str, extra_context: Any = None) -> HttpResponse:
        # Django looks the order up before asking for the permission: without it, the answer
        # would differ between orders that exist and those that do not.
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        return super().history_view(request, object_id, extra_context)

    @admin.display(description="client", ordering="client__email")
    def client_name(self, order: Order) -> str:
        return str(order.client)

    @admin.display(description="age (working days)")
    def age(self, order: Order) -> str:
        days = services.working_days_between(order.created_at, timezone.now())
        if services.review_overdue(order):
            return format_html('<strong style="color:#b00020">{} — overdue</strong>', days)
        return str(days)

    @admin.action(description="Publish the report to the client", permissions=("change",))
    def publish(self, request: HttpRequest, queryset: QuerySet[Order]) -> HttpResponse | None:
        if request.POST.get("confirmed") != "yes":
            return render(
                request,
                "admin/coaching/order/publish_confirmation.html",
                {**self.admin_site.each_context(request), "orders": queryset, "opts": self.model._meta},
            )

        def publish_one(order: Order) -> None:
            services.report_publish(order_id=order.pk, by=request.user)
            workflow.report_pdf_render(order.pk)  # the client's download, ready before they ask

        self._each(
            request,
            queryset,
            publish_one,
            done="published; the client has been e-mailed.",
        )
        return None

    @admin.action(description="Reopen a published report (asks why)", permissions=("change",))
    def reopen(self, request: HttpRequest, queryset: QuerySet[Order]) -> HttpResponse | None:
        reason = request.POST.get("reason", "").strip()
        if request.POST.get("confirmed") != "yes" or not reason:
            return render(
                request,
                "admin/coaching/order/reopen_confirmation.html",
                {
                    **self.admin_site.each_context(request),
                    "orders": queryset,
                    "opts": self.model._meta,
                    "missing_reason": request.POST.get("confirmed") == "yes",
                },
            )
        self._each(
            request,
            queryset,
            lambda order: services.report_reopen(order_id=order.pk, by=request.user, reason=reason),
            done="reopened for review; the reason is in its history.",
        )
        return None

    @admin.action(description="Re-run the analysis", permissions=("change",))
    def rerun_analysis(self, request: HttpRequest, queryset: QuerySet[Order]) -> None:
        self._each(
            request,
            queryset,
            lambda order: workflow.order_analyse_again(
                order.pk, services.order_rerun(order_id=order.pk, by=request.user).pk
            ),
            done="the analysis has been queued again.",
        )

    def _each(
        self, request: HttpRequest, queryset: QuerySet[Order], step: Callable[[Order], object], *, done: str
    ) -> None:
        """Run a review step on each selected order, telling the coach what happened to each one."""
        for order in queryset:
            try:
                step(order)
            except services.ReviewError as error:
                self.message_user(request, f"{order}: {error}", messages.ERROR)
            else:
                self.message_user(request, f"{order}: {done}", messages.SUCCESS)

    @admin.action(description="Assign to me", permissions=("change",))
    def assign_to_me(self, request: HttpRequest, queryset: QuerySet[Order]) -> None:
        assigned = sum(services.order_assign(order=order, coach=request.user) for order in queryset)
        skipped = queryset.count() - assigned
        self.message_user(
            request,
            f"{assigned} order(s) assigned to you"
            + (f"; {skipped} self-serve order(s) left as they were." if skipped else "."),
            messages.SUCCESS if assigned else messages.WARNING,
        )


class LockedOncePublished(admin.StackedInline):
    """An inline of a report that cannot be edited while the report is published."""

    def has_add_permission(self, request: HttpRequest, obj: Report | None = None) -> bool:
        return super().has_add_permission(request, obj) and not (obj and services.report_locked(obj))

    def has_change_permission(self, request: HttpRequest, obj: Report | None = None) -> bool:
        return super().has_change_permission(request, obj) and not (obj and services.report_locked(obj))

    def has_delete_permission(self, request: HttpRequest, obj: Report | None = None) -> bool:
        return super().has_delete_permission(request, obj) and not (obj and services.report_locked(obj))


class AnnotationInline(LockedOncePublished):
    model = Annotation
    extra = 1
    fields = ("section", "finding_code", "visibility", "text", "coach", "updated_at")
    readonly_fields = ("coach", "updated_at")


class FindingAdjustmentInline(LockedOncePublished):
    model = FindingAdjustment
    extra = 0
    fields = ("finding_code", "hidden", "headline", "recommendation", "severity", "example_post_ids", "coach")
    readonly_fields = ("coach",)


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
            '<a href="{}">Search the client\'s posts (ids to cite)</a>',
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

    def get_urls(self) -> list[Any]:
        review = path(
            "<int:report_id>/review/", self.admin_site.admin_view(self.review_view), name="coaching_report_review"
        )
        search = path(
            "<int:report_id>/posts/", self.admin_site.admin_view(self.post_search_view), name="coaching_report_posts"
        )
        return [review, search, *super().get_urls()]

    def review_view(self, request: HttpRequest, report_id: int) -> HttpResponse:
        report = self._report_in_queue(request, report_id)
        context = {**services.report_context(report, internal_notes=True), "review": True}
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
