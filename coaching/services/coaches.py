"""Coaches: the Coaches group and its permissions, who gets a new review, and a coach's queue."""

from __future__ import annotations

import logging

from django.contrib.auth.models import Group, Permission
from django.db.models import Count, Q, QuerySet

from coaching.models import Order, User

logger = logging.getLogger(__name__)


COACHES_GROUP = "Coaches"
# What coaching needs and no more: work on orders, reports, notes and adjustments.


# What coaching needs and no more: work on orders, reports, notes and adjustments.
COACH_PERMISSIONS = (
    ("coaching", "view_order"),
    ("coaching", "change_order"),
    ("coaching", "view_report"),
    ("coaching", "change_report"),
    ("coaching", "view_annotation"),
    ("coaching", "add_annotation"),
    ("coaching", "change_annotation"),
    ("coaching", "delete_annotation"),
    ("coaching", "view_findingadjustment"),
    ("coaching", "add_findingadjustment"),
    ("coaching", "change_findingadjustment"),
    ("coaching", "delete_findingadjustment"),
)
# No permission on the profiles app's tables: those hold every client's posts. A coach reads a
# client's posts through that client's report (the review page and its post search), which
# only their queue reaches.


def coaches_group_ensure() -> Group:
    """The Coaches group with exactly COACH_PERMISSIONS (idempotent; run after every migrate)."""
    group, _ = Group.objects.get_or_create(name=COACHES_GROUP)
    query = Q()
    for app_label, codename in COACH_PERMISSIONS:
        query |= Q(content_type__app_label=app_label, codename=codename)
    group.permissions.set(Permission.objects.filter(query))
    return group


def coach_for_new_review() -> User | None:
    """The active coach with the fewest reports in review (the longest-serving first on a tie)."""
    return (
        User.objects.filter(is_active=True, is_staff=True, groups__name=COACHES_GROUP)
        .annotate(open_reviews=Count("coached_orders", filter=Q(coached_orders__stage=Order.Stage.IN_REVIEW)))
        .order_by("open_reviews", "date_joined", "pk")
        .first()
    )


def order_assign(*, order: Order, coach: User) -> bool:
    """Give a coached order to a coach; False (nothing changed) for self-serve orders."""
    if order.product != Order.Product.COACHED:
        return False
    updated = Order.objects.filter(pk=order.pk, product=Order.Product.COACHED).update(coach=coach)
    logger.info("order %s assigned to %s", order.pk, coach.email)
    return bool(updated)


def coach_queue(user: User) -> QuerySet[Order]:
    """The orders a staff user works on: a superuser all; a coach theirs and unassigned coached ones."""
    orders = Order.objects.all()
    if user.is_superuser:
        return orders
    return orders.filter(Q(coach=user) | Q(coach__isnull=True, product=Order.Product.COACHED))
