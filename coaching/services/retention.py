"""Retention: uploaded files go a fixed time after delivery, and at once after a failure (with this
task as the backstop); posts, profiles and reports stay."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.core.files.storage import default_storage
from django.utils import timezone

from coaching.models import Order
from profiles.models import PostHistory
from profiles.storage import partial_files_remove

logger = logging.getLogger(__name__)


def uploads_expire(*, now: datetime | None = None) -> int:
    """Delete uploaded files whose every order was delivered more than UPLOAD_RETENTION_DAYS ago,
    or failed (placed more than FAILED_UPLOAD_RETENTION_HOURS ago).

    A failed order's file normally goes when it fails (`order_fail`); this catches any a crash
    left behind. Posts, profiles and reports stay: the client keeps their report. Returns how many
    files went.
    """
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.UPLOAD_RETENTION_DAYS)
    unfinished = [stage for stage in Order.Stage.values if stage not in (Order.Stage.DELIVERED, Order.Stage.FAILED)]
    expired = (
        PostHistory.objects.filter(upload_removed_at__isnull=True, orders__delivered_at__lt=cutoff)
        .exclude(orders__delivered_at__gte=cutoff)  # another order of the same file is more recent
        .exclude(orders__stage__in=unfinished)  # or still needs the file
        .distinct()
    )
    failed_cutoff = now - timedelta(hours=settings.FAILED_UPLOAD_RETENTION_HOURS)
    failed = (
        PostHistory.objects.filter(upload_removed_at__isnull=True, orders__stage=Order.Stage.FAILED)
        .exclude(orders__created_at__gte=failed_cutoff)  # an order placed lately may still share it
        .exclude(orders__stage__in=[stage for stage in Order.Stage.values if stage != Order.Stage.FAILED])
        .distinct()
    )
    removed = 0
    for history in [*expired, *failed]:
        history.upload.delete(save=False)
        PostHistory.objects.filter(pk=history.pk).update(upload_removed_at=now)
        removed += 1
    if removed:
        logger.info("removed %s uploaded files, delivered before %s or failed", removed, cutoff.date())
    leftovers = partial_files_remove(default_storage)
    if leftovers:
        logger.warning("removed %s partial files left by interrupted uploads", leftovers)
    return removed
