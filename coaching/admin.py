from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from coaching import services
from coaching.models import Order, User


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


@admin.register(Order)
class OrderAdmin(admin.ModelAdmin):
    """The coaches' queue: their orders and unassigned coached ones (superusers see all)."""

    list_display = ("created_at", "client_name", "product", "stage", "coach", "age", "history")
    list_filter = ("stage", "product", "coach")
    search_fields = ("client__email", "client__first_name", "client__last_name", "history__original_name")
    list_select_related = ("client", "coach", "history")
    date_hierarchy = "created_at"
    actions = ("assign_to_me",)
    list_per_page = 50

    def get_queryset(self, request: HttpRequest) -> QuerySet[Order]:
        return services.coach_queue(request.user).select_related("client", "coach", "history")

    def get_readonly_fields(self, request: HttpRequest, obj: Order | None = None) -> list[str]:
        editable = {"coach"} if request.user.is_superuser else set()  # superusers reassign
        return [f.name for f in Order._meta.fields if f.name != "id" and f.name not in editable]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # clients place orders on the site

    def has_delete_permission(self, request: HttpRequest, obj: Order | None = None) -> bool:
        return request.user.is_superuser  # clients delete their own data from the site

    @admin.display(description="client", ordering="client__email")
    def client_name(self, order: Order) -> str:
        return str(order.client)

    @admin.display(description="age (working days)")
    def age(self, order: Order) -> str:
        days = services.working_days_between(order.created_at, timezone.now())
        if services.review_overdue(order):
            return format_html('<strong style="color:#b00020">{} — overdue</strong>', days)
        return str(days)

    @admin.action(description="Assign to me")
    def assign_to_me(self, request: HttpRequest, queryset: QuerySet[Order]) -> None:
        assigned = sum(services.order_assign(order=order, coach=request.user) for order in queryset)
        skipped = queryset.count() - assigned
        self.message_user(
            request,
            f"{assigned} order(s) assigned to you"
            + (f"; {skipped} self-serve order(s) left as they were." if skipped else "."),
            messages.SUCCESS if assigned else messages.WARNING,
        )
