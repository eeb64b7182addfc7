"""The review turnaround: working days, a review's due date, and when it is overdue."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.conf import settings
from django.utils import timezone

from coaching.models import Order

SATURDAY = 5


def working_days_between(start: datetime, end: datetime) -> int:
    """Whole Monday-to-Friday days from `start` to `end` (the review turnaround is counted in these)."""
    days = 0
    day = start.date()
    while day < end.date():
        day += timedelta(days=1)
        if day.weekday() < SATURDAY:
            days += 1
    return days


def review_due(order: Order) -> date:
    """The day a coached order's review is due: REVIEW_TURNAROUND_WORKING_DAYS working days after
    it was placed (the day `review_overdue` starts to hold is the next working day)."""
    day = order.created_at.date()  # as `working_days_between` counts
    remaining = settings.REVIEW_TURNAROUND_WORKING_DAYS
    while remaining:
        day += timedelta(days=1)
        if day.weekday() < SATURDAY:
            remaining -= 1
    return day


def review_overdue(order: Order, *, now: datetime | None = None) -> bool:
    """In review for longer than the promised turnaround."""
    return (
        order.stage == Order.Stage.IN_REVIEW
        and working_days_between(order.created_at, now or timezone.now()) > settings.REVIEW_TURNAROUND_WORKING_DAYS
    )
