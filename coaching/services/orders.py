"""Orders: each state change of an order's lifecycle, from the upload to delivery or failure.

Services here change state and never enqueue: `coaching.workflow` strings them into the order's
Celery chain (or runs them in this process) and restarts the stuck ones.
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta, tzinfo
from typing import IO, Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

from coaching.models import Order, Report, User
from coaching.sections import report_charts
from coaching.services.coaches import coach_for_new_review
from coaching.services.emails import email_order_received, email_report_ready
from coaching.services.failures import WORKING_STAGES, order_fail, order_worker_stopped_message
from coaching.services.reports import headline_changes, report_pdfs_remove
from profiles import services as profile_services
from profiles.analysis import AnalysisContext, AnalysisError, WorkingHours, WorkingHoursError, resolve_timezone
from profiles.models import HistoryProfile, PostHistory

logger = logging.getLogger(__name__)


class OrderError(ValueError):
    """An order cannot be placed as asked; `field` names the form field to correct."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def order_for_user(user: User, order_id: int) -> Order:
    """The user's own order, or 404: another client's order does not exist for them."""
    return get_object_or_404(Order.objects.select_related("history", "profile"), pk=order_id, client=user)


def order_create(
    *,
    client: User,
    upload: IO[bytes],
    original_name: str,
    product: str,
    timezone_name: str,
    working_hours: str,
    role: str = "",
    goals: str = "",
    consent: bool,
    notify_client: bool = True,
) -> Order:
    """Store the upload and create the order, received: `coaching.workflow` then runs its steps.

    E-mails the client that the order is in, unless `notify_client` is False (the demo order).
    """
    if not consent:
        raise OrderError("consent", "Please agree to the processing of your posts: we cannot profile them otherwise.")
    if product not in Order.Product.values:
        raise OrderError("product", f"Choose one of: {', '.join(Order.Product.labels)}.")
    try:
        WorkingHours.parse(working_hours)
        client_zone, _, _ = resolve_timezone(AnalysisContext(timezone=timezone_name))
    except WorkingHoursError as error:
        raise OrderError("working_hours", str(error)) from error
    except AnalysisError as error:
        raise OrderError("timezone", str(error)) from error
    with transaction.atomic():
        # Counting, then inserting, lets concurrent submits all see room for one more: the client's
        # row lock, held until the order is in, makes them take turns (and keeps two uploads of one
        # file from both finding no history to reuse). SQLite ignores the lock but lets one
        # transaction write at a time.
        User.objects.select_for_update().filter(pk=client.pk).first()
        _order_limit_check(client=client, client_zone=client_zone)
        history = profile_services.history_create(owner=client, upload=upload, original_name=original_name)
        order = Order.objects.create(
            client=client,
            product=product,
            history=history,
            timezone=timezone_name,
            working_hours=working_hours.strip(),
            role=role.strip(),
            goals=goals.strip(),
            consented_at=timezone.now(),
        )
        # robust: an e-mail server that is down must not turn a placed order into an error page.
        if notify_client:
            transaction.on_commit(lambda: email_order_received(order), robust=True)
        return order


def _order_limit_check(*, client: User, client_zone: tzinfo) -> None:
    """Refuse an order past ORDERS_PER_HOUR, saying when the client may order again, in their zone.

    Failed orders do not count: a client whose file was refused must be able to try again at once.
    The caller holds the client's lock.
    """
    hour_ago = timezone.now() - timedelta(hours=1)
    recent = (
        Order.objects.filter(client=client, created_at__gte=hour_ago)
        .exclude(stage=Order.Stage.FAILED)
        .order_by("created_at")
    )
    if len(recent[: settings.ORDERS_PER_HOUR]) >= settings.ORDERS_PER_HOUR:
        next_at = timezone.localtime(recent.first().created_at + timedelta(hours=1), client_zone)
        raise OrderError(
            "history",
            f"You have placed {settings.ORDERS_PER_HOUR} orders in the last hour, the most we take. "
            f"You can order again from {next_at:%H:%M} ({next_at.tzname()}).",
        )


def _advance(order_id: int, *, from_stage: str, to_stage: str) -> bool:
    """Compare-and-set on the stage: True for the one caller that moved it."""
    return bool(Order.objects.filter(pk=order_id, stage=from_stage).update(stage=to_stage))


def order_import(*, order_id: int) -> bool:
    """Import the order's upload. True when the order may go on to analysis."""
    order = Order.objects.get(pk=order_id)
    if not _advance(order_id, from_stage=Order.Stage.RECEIVED, to_stage=Order.Stage.IMPORTING):
        # Already past this step (a redelivered task), or a retry of an import that died.
        order.refresh_from_db()
        if order.stage != Order.Stage.IMPORTING:
            return order.stage == Order.Stage.ANALYSING
    # Raises ImportInProgress while another order of the same file imports it: the task waits.
    history = profile_services.history_import(history_id=order.history_id, claimant=f"order {order_id}").history
    if history.status != history.Status.IMPORTED:
        order_fail(order_id=order_id, message=history.error_message, detail=history.error_detail)
        return False
    return True


def order_start_analysis(*, order_id: int) -> HistoryProfile | None:
    """Create the order's profile with the client's settings; None when another run already did."""
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order_id)
        if order.stage != Order.Stage.IMPORTING:
            return None
        profile = profile_services.profile_create(
            history=order.history,
            timezone_name=order.timezone,
            working_hours=order.working_hours,
            role=order.role,
            goals=order.goals,
        )
        order.profile = profile
        order.stage = Order.Stage.ANALYSING
        order.save(update_fields=["profile", "stage"])
    return profile


def order_write_report(*, order_id: int) -> Order:
    """Write the report from the finished profile; deliver it, or hand it to a coach for review."""
    with transaction.atomic():
        order = Order.objects.select_for_update(of=("self",)).select_related("profile", "history").get(pk=order_id)
        if order.stage != Order.Stage.ANALYSING:
            return order
        profile = order.profile
        if profile is None or profile.status != HistoryProfile.Status.READY:
            return order
        # Only a report on the same account is compared: a client may order profiles of several.
        history = order.history
        same_account = (
            Q(order__history__account_id=history.account_id)
            if history.account_id
            else Q(order__history__handle__iexact=history.handle)
            if history.handle
            else Q(pk__in=[])
        )
        previous = (
            Report.objects.filter(same_account, order__client=order.client, published_at__isnull=False)
            .exclude(order=order)
            .order_by("-published_at")
            .first()
        )
        # A re-run analysis rewrites the report in place, keeping the coach's notes on it.
        report, _ = Report.objects.update_or_create(
            order=order, defaults={"profile": profile.result, "changes": headline_changes(profile.result, previous)}
        )
        if order.product == Order.Product.COACHED:
            order.stage = Order.Stage.IN_REVIEW
            order.coach = order.coach or coach_for_new_review()
        else:
            report.published_at = order.delivered_at = timezone.now()
            report.save(update_fields=["published_at"])
            order.stage = Order.Stage.DELIVERED
            transaction.on_commit(lambda: email_report_ready(order))
        order.save(update_fields=["stage", "delivered_at", "coach"])
    # Drawn now, by the worker, so that with a shared cache (CACHE_URL) the first view is quick.
    report_charts(report.profile)
    logger.info("order %s: report written, %s", order.pk, order.stage)
    return order


@dataclass(frozen=True)
class OrderProgress:
    stage: str
    stage_label: str
    done: int | None
    total: int | None
    message: str
    finished: bool

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def order_progress(order: Order) -> OrderProgress:
    """What the order page shows: the stage and, while posts are read or analysed, the counts.

    Reads only: a failed step has already failed the order (`order_fail_after_error`).
    """
    done = total = None
    message = f"Your order is {order.get_stage_display()}."
    if order.stage == Order.Stage.IMPORTING:
        done = order.history.posts_read
        message = f"{done:,} posts read from {order.history.original_name}."
    elif order.stage == Order.Stage.ANALYSING and order.profile:
        done, total = order.profile.posts_analysed, order.profile.posts_total
        message = f"{done:,} of {total:,} posts analysed."
    if order.stage in WORKING_STAGES and (stopped := order_worker_stopped_message(order)):
        message = stopped
    elif order.stage == Order.Stage.FAILED:
        message = order.error_message
    elif order.stage == Order.Stage.DELIVERED:
        message = "Your report is ready."
    return OrderProgress(
        stage=order.stage,
        stage_label=order.get_stage_display(),
        done=done,
        total=total,
        message=message,
        finished=order.stage in (Order.Stage.DELIVERED, Order.Stage.FAILED, Order.Stage.IN_REVIEW),
    )


def order_delete(order: Order) -> None:
    """Remove the order, its report and profile and, unless another order of the client still uses
    them, the uploaded file and every post read from it. Nothing of it is left behind."""
    with transaction.atomic():
        history = order.history
        profile = order.profile
        order_id = order.pk
        order.delete()  # the report goes with it
        transaction.on_commit(lambda: report_pdfs_remove(order_id))
        if profile is not None:
            profile.delete()
        if history.orders.exists():
            return
        history.profiles.all().delete()
        history.delete()  # posts and account links go with it
        # The file goes only once the rows are gone for good.
        transaction.on_commit(lambda: history.upload.delete(save=False))
    logger.info("order %s deleted with its data", order.pk)


def order_reanalysis_prepare(order: Order) -> HistoryProfile:
    """A fresh profile for a locked order (re-run or restarted analysis), the order back to analysing.

    The caller holds the order's row lock; `coaching.workflow` queues the analysis after commit.
    """
    profile = profile_services.profile_create(
        history=order.history,
        timezone_name=order.timezone,
        working_hours=order.working_hours,
        role=order.role,
        goals=order.goals,
    )
    order.profile, order.stage, order.error_message, order.error_detail = profile, Order.Stage.ANALYSING, "", ""
    order.save(update_fields=["profile", "stage", "error_message", "error_detail"])
    return profile


# --- Stuck orders (the watchdog's state changes; `coaching.workflow.orders_unstick` runs them) ----

STUCK_MESSAGE = (
    "Your order stopped part-way through and could not be restarted. Nothing is lost: please place it "
    "again, or write to us if this happens twice."
)


def orders_stuck(*, now: datetime) -> list[int]:
    """Ids of orders in a working stage with no progress for ORDER_STUCK_MINUTES."""
    cutoff = now - timedelta(minutes=settings.ORDER_STUCK_MINUTES)
    stuck = Order.objects.filter(stage__in=WORKING_STAGES).filter(
        Q(requeued_at__lt=cutoff) | Q(requeued_at__isnull=True, created_at__lt=cutoff)
    )
    return list(stuck.values_list("pk", flat=True))


def order_unstick(*, order_id: int, now: datetime) -> tuple[str, HistoryProfile | None] | None:
    """Record a restart of a stuck order, or fail it after ORDER_MAX_RESTARTS restarts.

    Returns None when the order moved on meanwhile, ("failed", None), ("import", None) when its
    import is to run again (idempotent and resumable), or ("analysis", profile) with the fresh
    profile to analyse. Its worker vanished (killed, or its message lost on a broker that cannot
    redeliver): no error callback ran, so the watchdog's own message says so.
    """
    cutoff = now - timedelta(minutes=settings.ORDER_STUCK_MINUTES)
    with transaction.atomic():
        order = Order.objects.select_for_update(of=("self",)).select_related("history").get(pk=order_id)
        since = order.requeued_at or order.created_at
        if order.stage not in WORKING_STAGES or since >= cutoff:
            return None  # it moved on, or another watchdog run restarted it, meanwhile
        stage = order.get_stage_display()
        if order.requeue_count >= settings.ORDER_MAX_RESTARTS:
            order_fail(
                order_id=order.pk,
                message=STUCK_MESSAGE,
                detail=f"watchdog: still {stage} at {now:%Y-%m-%d %H:%M} UTC after {order.requeue_count} restarts "
                f"(each after {settings.ORDER_STUCK_MINUTES} minutes without finishing: its worker vanished "
                "or its message was lost)",
            )
            return ("failed", None)
        order.requeued_at, order.requeue_count = now, order.requeue_count + 1
        order.save(update_fields=["requeued_at", "requeue_count"])
        logger.warning("watchdog: order %s stuck %s since %s, restarting (%s)", order.pk, stage, since,
                       order.requeue_count)  # fmt: skip
        if order.stage == Order.Stage.ANALYSING and order.history.status == PostHistory.Status.IMPORTED:
            return ("analysis", order_reanalysis_prepare(order))
        return ("import", None)
