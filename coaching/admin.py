from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

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
    """Staff see every order, where it stands and, for failed ones, the technical cause."""

    list_display = ("created_at", "client", "product", "stage", "history", "delivered_at")
    list_filter = ("stage", "product")
    search_fields = ("client__email", "history__original_name", "role")
    list_select_related = ("client", "history")
    readonly_fields = [f.name for f in Order._meta.fields if f.name != "id"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request: object) -> bool:
        return False  # clients place orders on the site
