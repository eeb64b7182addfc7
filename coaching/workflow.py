"""The workflow of an order: its steps as one Celery chain, their restarts, and the in-process run.

    import_order ─▶ start_order_analysis ─▶ analyse_history (one task, or a chord of chunks)
                 ─▶ write_report                     on any step's failure ─▶ order_failed

Services (`coaching.services`) change state and never enqueue; views and admin actions call a
service, then a function here, which queues after commit. Every task is a `WorkflowTask`
(transient errors retried with backoff); a step that fails for good calls the chain's error
callback, which fails the order at once with that step's message. A step that finds the order
already past it (a redelivered task, a failed import) does nothing, so the chain can carry on.
The watchdog (`orders_unstick`) is for what no callback sees: a worker that vanished.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from celery import Signature, Task, chain, shared_task
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from coaching import services
from coaching.models import Order, Report
from profiles import services as profile_services
from profiles import workflow as profile_workflow
from profiles.task_base import WorkerLostTooOften, WorkflowTask

logger = logging.getLogger(__name__)


# --- Tasks: each takes ids and calls a service ------------------------------------------------


# While another order of the same file imports it, this one asks again every half-minute, for as long
# as that import may run (CELERY_TASK_TIME_LIMIT); its analysis then starts from the stored posts.
IMPORT_WAIT_SECONDS = 30


@shared_task(base=WorkflowTask, bind=True, name="coaching.import_order")
def import_order(self: Task, order_id: int) -> str:
    """Import the order's upload; a file that cannot be read fails the order in the client's words."""
    try:
        return "imported" if services.order_import(order_id=order_id) else "stopped"
    except profile_services.ImportInProgress as busy:
        max_waits = settings.CELERY_TASK_TIME_LIMIT // IMPORT_WAIT_SECONDS + 1
        raise self.retry(exc=busy, countdown=IMPORT_WAIT_SECONDS, max_retries=max_waits) from busy


@shared_task(base=WorkflowTask, name="coaching.start_order_analysis")
def start_order_analysis(order_id: int) -> int | None:
    """The order's new profile, for the analysis next in the chain; None when there is none to run."""
    profile = services.order_start_analysis(order_id=order_id)
    return profile.pk if profile is not None else None


@shared_task(base=WorkflowTask, name="coaching.write_report")
def write_report(order_id: int) -> str:
    """Write the report of an analysed order and deliver it or hand it to a coach (who is e-mailed)."""
    order = services.order_write_report(order_id=order_id)
    if order.stage == Order.Stage.DELIVERED:
        report_pdf_render(order_id)
    _coach_notify(order)
    return order.stage


@shared_task(base=WorkflowTask, name="coaching.render_report_pdf")
def render_report_pdf(order_id: int) -> str:
    """Render and store a published report's PDF, so that the client's download is a file read."""
    report = Report.objects.filter(order_id=order_id, published_at__isnull=False).first()
    return services.report_pdf_stored(report) if report is not None else "not published"


@shared_task(name="coaching.order_failed")
def order_failed(request: Any, exc: BaseException, traceback: object, order_id: int) -> None:
    """Error callback of the order's chain: the order failed, with the failed step's message."""
    task = getattr(request, "task", None) or "a step"
    if isinstance(exc, WorkerLostTooOften):
        services.order_fail_worker_lost(order_id=order_id, worker_deaths=exc.worker_deaths, detail=str(exc))
        return
    services.order_fail_after_error(order_id=order_id, detail=f"{task}: {type(exc).__name__}: {exc}")


@shared_task(base=WorkflowTask, name="coaching.email_overdue_reviews")
def email_overdue_reviews() -> int:
    """Run daily by Celery beat (see CELERY_BEAT_SCHEDULE): each coach's overdue reviews, once a day."""
    return services.overdue_reviews_digest()


@shared_task(base=WorkflowTask, name="coaching.remove_expired_uploads")
def remove_expired_uploads() -> int:
    """Run hourly by Celery beat (see CELERY_BEAT_SCHEDULE)."""
    return services.uploads_expire()


@shared_task(base=WorkflowTask, name="coaching.unstick_orders")
def unstick_orders() -> dict[str, int]:
    """Run every ten minutes by Celery beat (see CELERY_BEAT_SCHEDULE)."""
    return orders_unstick()


# --- The sequences --------------------------------------------------------------------------


def order_chain(order_id: int, *, chunk_posts: int = profile_services.ANALYSIS_CHUNK_POSTS) -> Signature:
    """Every step of an order, from its upload to its report, with the error callback on each."""
    steps = chain(
        import_order.si(order_id),
        start_order_analysis.si(order_id),
        profile_workflow.analysis_signature(None, chunk_posts),
        write_report.si(order_id),
    )
    return steps.on_error(order_failed.s(order_id))


def analysis_chain(
    order_id: int, profile_id: int, *, chunk_posts: int = profile_services.ANALYSIS_CHUNK_POSTS
) -> Signature:
    """The order's analysis again (re-run, or restarted by the watchdog), then its report."""
    steps = chain(profile_workflow.analysis_signature(profile_id, chunk_posts), write_report.si(order_id))
    return steps.on_error(order_failed.s(order_id))


def order_start(order_id: int, *, chunk_posts: int = profile_services.ANALYSIS_CHUNK_POSTS) -> None:
    """Queue a received order's steps once the surrounding transaction has committed."""
    transaction.on_commit(lambda: order_chain(order_id, chunk_posts=chunk_posts).apply_async())


def order_analyse_again(order_id: int, profile_id: int) -> None:
    """Queue the analysis of the order's fresh profile (from `services.order_rerun`) after commit."""
    transaction.on_commit(lambda: analysis_chain(order_id, profile_id).apply_async())


def report_pdf_render(order_id: int) -> None:
    """Queue the rendering of a published report's PDF once the surrounding transaction commits.

    Outside the order's chain: a PDF that cannot be rendered (WeasyPrint's system libraries
    missing) leaves the report delivered, and the download renders it, or says why it cannot.
    """
    transaction.on_commit(lambda: render_report_pdf.delay(order_id))


def order_run_in_process(*, order_id: int, notify_coach: bool = True) -> Order:
    """Every step of an order in this process, without a worker: the demo report, tests and
    benchmarks. An upload that cannot be read leaves the order failed, as a worker would; an
    analysis that raises fails the order with the analysis's message, as the error callback would."""
    if services.order_import(order_id=order_id):
        profile = services.order_start_analysis(order_id=order_id)
        if profile is not None:
            try:
                profile_workflow.profile_run(profile_id=profile.pk)
            except Exception as error:
                services.order_fail_after_error(order_id=order_id, detail=f"{type(error).__name__}: {error}")
                raise
        order = services.order_write_report(order_id=order_id)
        if notify_coach:  # not for the demo order, which no coach has to review
            _coach_notify(order)
        return order
    return Order.objects.get(pk=order_id)


def _coach_notify(order: Order) -> None:
    """A report handed to a coach: e-mail them (once per order and coach, however often the step
    runs again, on a redelivered task or a re-run analysis)."""
    if order.stage == Order.Stage.IN_REVIEW and order.coach_id is not None:
        services.coach_notify_new_review(order_id=order.pk)


def orders_unstick(*, now: datetime | None = None) -> dict[str, int]:
    """Start again the work of orders stuck in a working stage for ORDER_STUCK_MINUTES (a worker
    that died with its task on a broker that cannot redeliver, a lost message); after
    ORDER_MAX_RESTARTS restarts, fail them with a reason staff see. Returns counts of each."""
    now = now or timezone.now()
    outcome = {"restarted": 0, "failed": 0}
    for order_id in services.orders_stuck(now=now):
        restart = services.order_unstick(order_id=order_id, now=now)
        if restart is None:
            continue
        step, profile = restart
        if step == "failed":
            outcome["failed"] += 1
            continue
        outcome["restarted"] += 1
        if profile is not None:
            order_analyse_again(order_id, profile.pk)
        else:
            # Importing is idempotent and resumable: the whole chain runs again from the start.
            order_start(order_id)
    if any(outcome.values()):
        logger.warning("watchdog: %(restarted)s stuck orders restarted, %(failed)s failed", outcome)
    return outcome
