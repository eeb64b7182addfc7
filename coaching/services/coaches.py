"""Coaches: the Coaches group and its permissions, who gets a new review, a coach's queue, and the
e-mails that tell coaches about their reviews (each recorded as a `CoachNotice`, so sent once)."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.template.loader import render_to_string
from django.utils import timezone

from coaching.models import CoachNotice, Order, User
from coaching.services.turnaround import review_due, review_overdue

logger = logging.getLogger(__name__)


COACHES_GROUP = "Coaches"


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
    ("coaching", "view_notesnippet"),
    ("coaching", "add_notesnippet"),
    ("coaching", "change_notesnippet"),
    ("coaching", "delete_notesnippet"),
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


def order_assign(*, order: Order, coach: User, by: User | None = None) -> bool:
    """Give a coached order to a coach; False (nothing changed) for self-serve orders.

    The coach is e-mailed once the assignment commits (`coach_notify_new_review`), unless they
    assigned it to themselves (`by`).
    """
    if order.product != Order.Product.COACHED:
        return False
    updated = Order.objects.filter(pk=order.pk, product=Order.Product.COACHED).update(coach=coach)
    order.coach = coach
    logger.info("order %s assigned to %s", order.pk, coach.email)
    if updated and (by is None or by.pk != coach.pk):
        coach_notify_new_review(order_id=order.pk)
    return bool(updated)


def coach_queue(user: User) -> QuerySet[Order]:
    """The orders a staff user works on: a superuser all; a coach theirs and unassigned coached ones."""
    orders = Order.objects.all()
    if user.is_superuser:
        return orders
    return orders.filter(Q(coach=user) | Q(coach__isnull=True, product=Order.Product.COACHED))


# --- E-mails to coaches ------------------------------------------------------------------------


def _send(*, to: User, subject: str, template: str, context: dict[str, Any]) -> None:
    """One e-mail in plain text and HTML, from the templates `<template>.txt` and `.html`."""
    context = {**context, "coach": to, "site_url": settings.SITE_URL}
    message = EmailMultiAlternatives(
        subject=f"[Voiceprint] {subject}",
        body=render_to_string(f"coaching/email/{template}.txt", context),
        to=[to.email],
    )
    message.attach_alternative(render_to_string(f"coaching/email/{template}.html", context), "text/html")
    message.send()
    logger.info("e-mailed %s to coach %s", template, to.email)


def coach_notify_new_review(*, order_id: int) -> bool:
    """E-mail the order's coach that it is theirs to review, with its due date, once per order and
    coach: the notice is claimed in this transaction and the e-mail sent after it commits. True
    when an e-mail was queued; False when the order is not in review, has no coach, or the coach
    already had the e-mail."""
    with transaction.atomic():
        order = Order.objects.select_related("coach", "client", "report").filter(pk=order_id).first()
        if order is None or order.coach is None or order.stage != Order.Stage.IN_REVIEW:
            return False
        _, claimed = CoachNotice.objects.get_or_create(coach=order.coach, order=order, kind=CoachNotice.Kind.NEW_REVIEW)
        if not claimed:
            return False
        context = {"order": order, "client": order.client, "due": review_due(order), "report": order.report,
                   "days": settings.REVIEW_TURNAROUND_WORKING_DAYS}  # fmt: skip
        coach, subject = order.coach, f"A coached profile to review: {order.client}"
        transaction.on_commit(lambda: _send(to=coach, subject=subject, template="coach_new_review", context=context))
    return True


def overdue_reviews_digest(*, now: datetime | None = None) -> int:
    """E-mail each coach the list of their reviews past the turnaround, once a day (a second run
    on the same day sends nothing). Returns how many coaches were e-mailed."""
    now = now or timezone.now()
    overdue: dict[User, list[Order]] = {}
    in_review = Order.objects.filter(stage=Order.Stage.IN_REVIEW, coach__isnull=False).select_related(
        "coach", "client", "report"
    )
    for order in in_review.order_by("created_at"):
        if review_overdue(order, now=now):
            overdue.setdefault(order.coach, []).append(order)
    sent = 0
    for coach, orders in overdue.items():
        with transaction.atomic():
            _, claimed = CoachNotice.objects.get_or_create(
                coach=coach, day=now.date(), kind=CoachNotice.Kind.OVERDUE_DIGEST
            )
            if not claimed:
                continue
            reviews = [{"order": order, "client": order.client, "due": review_due(order), "report": order.report}
                       for order in orders]  # fmt: skip
            transaction.on_commit(
                lambda coach=coach, reviews=reviews: _send(
                    to=coach,
                    subject=f"{len(reviews)} review(s) overdue",
                    template="coach_overdue_digest",
                    context={"reviews": reviews, "days": settings.REVIEW_TURNAROUND_WORKING_DAYS},
                )
            )
        sent += 1
    return sent
