"""An order's failure: what the client is told, what happens to its upload, and what the order
page says while a worker that died under it waits to be replaced.

Every way an order fails (a step's error, the watchdog, a task that stopped its worker too often)
ends in `order_fail`, which also deletes the upload nobody needs any more.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from coaching.models import Order
from coaching.services.emails import email_order_failed
from profiles import services as profile_services
from profiles.models import HistoryProfile, PostHistory, TaskDelivery

logger = logging.getLogger(__name__)

# The stages in which a worker still has something to do for the order.
WORKING_STAGES = (Order.Stage.RECEIVED, Order.Stage.IMPORTING, Order.Stage.ANALYSING)


def order_fail(*, order_id: int, message: str, detail: str) -> None:
    """Mark an unfinished order failed, with what the client is told and what staff see.

    Its uploaded file is deleted once the failure is committed, unless another order of the same
    history still needs it: the README promises that nothing of a refused upload is stored. The
    client is e-mailed once, by the one caller that moved the order to failed.
    """
    failed = (
        Order.objects.filter(pk=order_id)
        .exclude(stage__in=[Order.Stage.DELIVERED, Order.Stage.FAILED])
        .update(stage=Order.Stage.FAILED, error_message=message, error_detail=detail)
    )
    logger.warning("order %s failed: %s", order_id, detail)
    if failed:
        history_id = Order.objects.values_list("history_id", flat=True).get(pk=order_id)
        transaction.on_commit(lambda: upload_remove_if_unused(history_id=history_id))
        # robust: an e-mail server that is down must not undo or repeat the failure.
        transaction.on_commit(
            lambda: email_order_failed(Order.objects.select_related("client", "history").get(pk=order_id)), robust=True
        )


def upload_remove_if_unused(*, history_id: int) -> bool:
    """Delete a history's upload when every order of it has failed; True when the file went.

    Checked after the failure is committed, so an order placed on the same file meanwhile (it
    reuses the history: `history_create`) keeps it. An imported history's posts stay: a re-run
    analyses them without the file.
    """
    if Order.objects.filter(history_id=history_id).exclude(stage=Order.Stage.FAILED).exists():
        return False
    return profile_services.history_upload_remove(history_id=history_id)


def order_fail_worker_lost(*, order_id: int, worker_deaths: int, detail: str) -> None:
    """Fail an order whose task stopped its worker too often (`profiles.task_base`), saying so.

    The step is read from the stored state, as `order_fail_after_error` does; a history caught
    half-imported is failed too (its partial posts removed), and an unfinished profile.
    """
    order = Order.objects.select_related("history", "profile").get(pk=order_id)
    if order.stage not in WORKING_STAGES:
        return
    history = order.history
    step = "Reading your file" if history.status != PostHistory.Status.IMPORTED else "Analysing your posts"
    message = (
        f"{step} stopped the worker processing it {_times(worker_deaths)}, so we stopped trying rather than let it "
        "happen again. Please write to us and we will look into it with you."
    )
    if history.status in (PostHistory.Status.PENDING, PostHistory.Status.IMPORTING):
        profile_services.history_fail(history_id=history.pk, message=message, detail=detail)
    if order.profile is not None and order.profile.status != HistoryProfile.Status.READY:
        profile_services.profile_fail(profile_id=order.profile.pk, message=message, detail=detail)
    order_fail(order_id=order_id, message=message, detail=f"{order.stage}: {detail}")


def _times(count: int) -> str:
    return {1: "once", 2: "twice", 3: "three times"}.get(count, f"{count} times")


def order_fail_after_error(*, order_id: int, detail: str) -> None:
    """Fail an order whose step raised, telling the client what the failed step tells them.

    Called by the chain's error callback. The step is read from the stored state: a history
    that failed to import gives its own message; an imported one means the analysis (or the
    report written from it) failed, so the client gets the analysis's message and an unfinished
    profile is marked failed with it; an import that died before it could say anything gives
    the import's generic message. An order past its steps (in review, delivered) is left alone.
    """
    order = Order.objects.select_related("history", "profile").get(pk=order_id)
    if order.stage not in WORKING_STAGES:
        return
    history = order.history
    if history.status == PostHistory.Status.FAILED:
        message = history.error_message or profile_services.GENERIC_FAILURE
    elif history.status == PostHistory.Status.IMPORTED:
        message = profile_services.ANALYSIS_FAILURE
        if order.profile is not None and order.profile.status != HistoryProfile.Status.READY:
            profile_services.profile_fail(profile_id=order.profile.pk, message=message, detail=detail)
    else:
        message = profile_services.GENERIC_FAILURE
    order_fail(order_id=order_id, message=message, detail=f"{order.stage}: {detail}")


def order_worker_stopped_message(order: Order) -> str:
    """What to tell the client when the worker under one of the order's tasks died, or "".

    A task's delivery row (`profiles.task_base`) outlives its run only when its worker died: if it
    is older than any run may last (CELERY_TASK_TIME_LIMIT), the task waits for the broker to
    deliver it again; if it was delivered more than once, it is running again after a death.
    """
    deliveries = TaskDelivery.objects.filter(Q(order_id=order.pk) | Q(profile_id=order.profile_id or -1))
    latest = deliveries.order_by("-last_delivered_at").first()
    if latest is None:
        return ""
    if latest.last_delivered_at < timezone.now() - timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT):
        return (
            "The worker processing your order stopped. Your order will be restarted automatically, from where it "
            "stopped; you need do nothing."
        )
    if latest.deliveries > 1:
        return (
            f"The worker processing your order stopped {_times(latest.deliveries - 1)}; it was restarted "
            "automatically and is working on your order again."
        )
    return ""
