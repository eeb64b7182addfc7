"""Celery tasks for orders: thin wrappers that take ids and call coaching.services."""

from __future__ import annotations

from celery import Task, shared_task
from django.db import InterfaceError, OperationalError

from coaching import services
from profiles.services import ANALYSIS_CHUNK_POSTS
from profiles.tasks import analyse_history

TRANSIENT_ERRORS = (OperationalError, InterfaceError)
MAX_RETRIES = 5


@shared_task(bind=True, name="coaching.run_order", max_retries=MAX_RETRIES)
def run_order(self: Task, order_id: int, chunk_posts: int = ANALYSIS_CHUNK_POSTS) -> str:
    """Import the order's upload and start its analysis; the report follows when the profile is ready."""
    try:
        if not services.order_import(order_id=order_id):
            return "stopped"
        profile = services.order_start_analysis(order_id=order_id)
    except TRANSIENT_ERRORS as error:
        raise self.retry(exc=error, countdown=2 ** (self.request.retries + 1)) from error
    if profile is None:
        return "already analysing"
    analyse_history.delay(profile.pk, chunk_posts, then=write_report.si(order_id))
    return "analysing"


@shared_task(bind=True, name="coaching.write_report", max_retries=MAX_RETRIES)
def write_report(self: Task, order_id: int) -> str:
    """Write the report of an analysed order and deliver it or hand it to a coach."""
    try:
        return services.order_write_report(order_id=order_id).stage
    except TRANSIENT_ERRORS as error:
        raise self.retry(exc=error, countdown=2 ** (self.request.retries + 1)) from error


@shared_task(name="coaching.remove_expired_uploads")
def remove_expired_uploads() -> int:
    """Run hourly by Celery beat (see CELERY_BEAT_SCHEDULE)."""
    return services.uploads_expire()


@shared_task(name="coaching.unstick_orders")
def unstick_orders() -> dict[str, int]:
    """Run every ten minutes by Celery beat (see CELERY_BEAT_SCHEDULE)."""
    return services.orders_unstick()
