"""The coaches' queue: their orders, the queue's actions, and each order's read-only page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.forms import ModelChoiceField
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from coaching import access, services, workflow
from coaching.admin.users import CoachListFilter
from coaching.models import Order, Report

# A history's file name in the queue: enough to tell two uploads apart; the whole name on hover.
HISTORY_NAME_CHARS = 24


@admin.register(Order)
class OrderAdmin(admin.ModelAdmin):
    """The coaches' queue: their orders and unassigned coached ones (superusers see all)."""

    list_display = ("placed", "client_name", "product", "stage", "coach", "age", "history_file")
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
        return ["links", *(f.name for f in Order._meta.fields if f.name != "id" and f.name not in editable)]

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        # A coach changes an order only through the queue's actions (assign, publish, reopen):
        # on its page every field is read-only, so it offers no Save buttons to press in vain.
        editable = request.user.is_superuser
        extra_context = {
            **(extra_context or {}),
            "show_save": editable,
            "show_save_and_continue": editable,
            "show_save_and_add_another": False,
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def save_model(self, request: HttpRequest, obj: Order, form: Any, change: bool) -> None:
        # Only a superuser edits an order's page, and only its coach: through the service, so
        # that the coach it goes to is e-mailed.
        if obj.coach is not None and "coach" in form.changed_data:
            services.order_assign(order=obj, coach=obj.coach, by=request.user)
        else:
            super().save_model(request, obj, form, change)

    @admin.display(description="open")
    def links(self, order: Order) -> str:
        """The order's report, its review page and its client, one click each."""
        report = Report.objects.filter(order=order).only("pk").first()
        parts = []
        if report is not None:
            parts.append(format_html('<a href="{}">Report and notes</a>',
                                     reverse("admin:coaching_report_change", args=[report.pk])))  # fmt: skip
            parts.append(format_html('<a href="{}">Review page (as the client reads it)</a>',
                                     reverse("admin:coaching_report_review", args=[report.pk])))  # fmt: skip
        orders_of_client = f"{reverse('admin:coaching_order_changelist')}?client__id__exact={order.client_id}"
        parts.append(format_html('<a href="{}">{}\'s orders</a>', orders_of_client, order.client))
        parts.append(format_html('<a href="mailto:{}">E-mail {}</a>', order.client.email, order.client.email))
        return format_html_join(" · ", "{}", ((part,) for part in parts))

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

    @admin.display(description="age", ordering="created_at")
    def age(self, order: Order) -> str:
        """Working days since the order, the unit of the review turnaround."""
        days = services.working_days_between(order.created_at, timezone.now())
        if services.review_overdue(order):
            return format_html('<strong style="color:#b00020">{} wd — overdue</strong>', days)
        return f"{days} wd"

    # The queue must read whole at 1280 px: short cells here, and no side menu (changelist_view).
    @admin.display(description="placed", ordering="created_at")
    def placed(self, order: Order) -> str:
        return format_html('<time datetime="{}">{}</time>', order.created_at.isoformat(),
                           f"{timezone.localtime(order.created_at):%d %b %Y %H:%M}")  # fmt: skip

    @admin.display(description="history", ordering="history__original_name")
    def history_file(self, order: Order) -> str:
        name = order.history.original_name
        short = name if len(name) <= HISTORY_NAME_CHARS else name[: HISTORY_NAME_CHARS - 1] + "…"
        return format_html('<span title="{}">{}</span>', f"{name} ({order.history.get_status_display()})", short)

    def changelist_view(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> HttpResponse:
        # The admin's side menu takes a quarter of a 1280 px screen that the queue's columns need.
        return super().changelist_view(request, {**(extra_context or {}), "is_nav_sidebar_enabled": False})

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

        self._each(request, queryset, publish_one, done="Report published for {client}; they have been e-mailed.")
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
            done="Report reopened for review for {client}; the reason is in its history.",
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
            done="Analysis queued again for {client}.",
        )

    def _each(
        self, request: HttpRequest, queryset: QuerySet[Order], step: Callable[[Order], object], *, done: str
    ) -> None:
        """Run a review step on each selected order, telling the coach what happened to each one.

        The messages name the client rather than the order: the order's own name carries the stage
        it had before the step ("with your coach for review"), which no longer holds afterwards.
        """
        for order in queryset.select_related("client"):
            try:
                step(order)
            except services.ReviewError as error:
                self.message_user(request, f"{order.client}'s {order.get_product_display().lower()}: {error}",
                                  messages.ERROR)  # fmt: skip
            else:
                self.message_user(request, done.format(client=order.client), messages.SUCCESS)

    @admin.action(description="Assign to me", permissions=("change",))
    def assign_to_me(self, request: HttpRequest, queryset: QuerySet[Order]) -> None:
        assigned = sum(services.order_assign(order=order, coach=request.user, by=request.user) for order in queryset)
        skipped = queryset.count() - assigned
        self.message_user(
            request,
            f"{assigned} order(s) assigned to you"
            + (f"; {skipped} self-serve order(s) left as they were." if skipped else "."),
            messages.SUCCESS if assigned else messages.WARNING,
        )
