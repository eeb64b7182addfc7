"""Coaching services: every write to coaching data goes through a function here."""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from typing import IO, Any

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.files.storage import default_storage
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from coaching.charts import report_charts
from coaching.models import Annotation, Order, Report, User
from profiles import selectors
from profiles import services as profile_services
from profiles.analysis import AnalysisContext, AnalysisError, WorkingHours, WorkingHoursError, resolve_timezone
from profiles.models import HistoryProfile, PostHistory
from profiles.storage import partial_files_remove

logger = logging.getLogger(__name__)
SATURDAY = 5


@dataclass(frozen=True)
class DemoLogin:
    role: str
    email: str
    password: str


# Known passwords are the point of demo accounts, which is why the command that creates
# them refuses to run with DEBUG off.
DEMO_LOGINS = (
    DemoLogin(role="coach (staff, signs in to /admin/)", email="coach@voiceprint.example", password="coach-demo-2026"),  # noqa: S106
    DemoLogin(role="client", email="client@voiceprint.example", password="client-demo-2026"),  # noqa: S106
)


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


@transaction.atomic
def demo_accounts_ensure() -> list[DemoLogin]:
    """Create the demo coach and client, or reset them to their documented state.

    Idempotent: running it again resets the passwords and flags, and creates nothing twice.
    """
    coach_login, client_login = DEMO_LOGINS
    coach, _ = User.objects.get_or_create(email=coach_login.email)
    coach.first_name, coach.last_name = "Casey", "Coach"
    coach.is_staff = True
    coach.is_active = True
    coach.set_password(coach_login.password)
    coach.save()
    coach.groups.add(coaches_group_ensure())

    client, _ = User.objects.get_or_create(email=client_login.email)
    client.first_name, client.last_name = "Alex", "Client"
    client.is_staff = False
    client.is_active = True
    client.set_password(client_login.password)
    client.save()
    for user in (coach, client):
        # Sign-in requires a verified address; the demo ones are verified from the start.
        EmailAddress.objects.update_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})
    return list(DEMO_LOGINS)


# --- Orders ---------------------------------------------------------------------------------------

# The figures each report leads with, and how they changed since the client's previous report.
HEADLINE_FIGURES = (
    ("reply_share", "responsiveness", "Share of your posts that are replies"),
    ("replied_within_24h_share", "responsiveness", "Replies within a day"),
    ("personal_share", "voice", "Posts in a personal voice"),
    ("templated_share", "voice", "Posts that repeat a template"),
    ("out_of_hours_share", "rhythm", "Posts outside your working hours"),
)


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
    chunk_posts: int = profile_services.ANALYSIS_CHUNK_POSTS,
    enqueue: bool = True,
) -> Order:
    """Store the upload, create the order and queue its work once the transaction commits.

    `chunk_posts`: histories longer than this are analysed in chunks by parallel tasks.
    `enqueue=False` leaves the order received, for a caller that runs the steps itself.
    """
    if not consent:
        raise OrderError("consent", "Please agree to the processing of your posts: we cannot profile them otherwise.")
    if product not in Order.Product.values:
        raise OrderError("product", f"Choose one of: {', '.join(Order.Product.labels)}.")
    hour_ago = timezone.now() - timedelta(hours=1)
    recent = Order.objects.filter(client=client, created_at__gte=hour_ago).order_by("created_at")
    if len(recent[: settings.ORDERS_PER_HOUR]) >= settings.ORDERS_PER_HOUR:
        next_at = timezone.localtime(recent.first().created_at + timedelta(hours=1))
        raise OrderError(
            "history",
            f"You have placed {settings.ORDERS_PER_HOUR} orders in the last hour, the most we take. "
            f"You can order again from {next_at:%H:%M} ({next_at.tzname()}); the orders you placed are being "
            "worked on meanwhile.",
        )
    try:
        WorkingHours.parse(working_hours)
        resolve_timezone(AnalysisContext(timezone=timezone_name))
    except WorkingHoursError as error:
        raise OrderError("working_hours", str(error)) from error
    except AnalysisError as error:
        raise OrderError("timezone", str(error)) from error
    with transaction.atomic():
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
        if enqueue:
            order_enqueue(order, chunk_posts=chunk_posts)
    return order


def order_enqueue(order: Order, *, chunk_posts: int = profile_services.ANALYSIS_CHUNK_POSTS) -> None:
    from coaching.tasks import run_order  # noqa: PLC0415 - tasks import this module

    transaction.on_commit(lambda: run_order.delay(order.pk, chunk_posts))


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
    history = profile_services.history_import(history_id=order.history_id).history
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
        order = Order.objects.select_for_update(of=("self",)).select_related("profile").get(pk=order_id)
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
            transaction.on_commit(lambda: _email_report_ready(order))
        order.save(update_fields=["stage", "delivered_at", "coach"])
    # Drawn now, by the worker, so that with a shared cache (CACHE_URL) the first view is quick.
    report_charts(report.profile)
    logger.info("order %s: report written, %s", order.pk, order.stage)
    return order


def order_run_in_process(*, order_id: int) -> Order:
    """Every step of an order in this process, without a worker: the demo report, tests and
    benchmarks. An upload that cannot be read leaves the order failed, as a worker would."""
    if order_import(order_id=order_id):
        profile = order_start_analysis(order_id=order_id)
        if profile is not None:
            profile_services.profile_run(profile_id=profile.pk)
        return order_write_report(order_id=order_id)
    return Order.objects.get(pk=order_id)


def headline_changes(profile: dict[str, Any], previous: Report | None) -> dict[str, dict[str, Any]]:
    """Each headline figure now and, when the client had an earlier report on the same account,
    then, with which report that was (`before_order`) and when it was published."""
    return {
        name: {
            "label": label,
            "now": profile.get(section, {}).get(name),
            "before": previous.profile.get(section, {}).get(name) if previous else None,
            "before_order": previous.order_id if previous else None,
            "before_published_at": previous.published_at.isoformat() if previous and previous.published_at else None,
        }
        for name, section, label in HEADLINE_FIGURES
    }


def order_fail(*, order_id: int, message: str, detail: str) -> None:
    """Mark an unfinished order failed, with what the client is told and what staff see."""
    Order.objects.filter(pk=order_id).exclude(stage__in=[Order.Stage.DELIVERED, Order.Stage.FAILED]).update(
        stage=Order.Stage.FAILED, error_message=message, error_detail=detail
    )
    logger.warning("order %s failed: %s", order_id, detail)


def order_sync(order: Order) -> Order:
    """Bring an analysing order in line with its profile: a failed analysis fails the order."""
    if order.stage == Order.Stage.ANALYSING and order.profile and order.profile.status == HistoryProfile.Status.FAILED:
        order_fail(order_id=order.pk, message=order.profile.error_message, detail=order.profile.error_detail)
        order.refresh_from_db()
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
    """What the order page shows: the stage and, while posts are read or analysed, the counts."""
    order = order_sync(order)
    done = total = None
    message = f"Your order is {order.get_stage_display()}."
    if order.stage == Order.Stage.IMPORTING:
        done = order.history.posts_read
        message = f"{done:,} posts read from {order.history.original_name}."
    elif order.stage == Order.Stage.ANALYSING and order.profile:
        done, total = order.profile.posts_analysed, order.profile.posts_total
        message = f"{done:,} of {total:,} posts analysed."
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
        order.delete()  # the report goes with it
        if profile is not None:
            profile.delete()
        if history.orders.exists():
            return
        history.profiles.all().delete()
        history.delete()  # posts and account links go with it
        # The file goes only once the rows are gone for good.
        transaction.on_commit(lambda: history.upload.delete(save=False))
    logger.info("order %s deleted with its data", order.pk)


@dataclass(frozen=True)
class QuotedPost:
    text: str
    url: str
    created_at: Any


SEVERITY_ORDER = ("high", "medium", "low")


def coaching_plan(report: Report) -> list[dict[str, Any]]:
    """The automated findings with the coach's adjustments applied, most severe first.

    A reworded or re-prioritised finding names the coach (`adjusted_by`); hidden ones are left
    out; the coach's own findings join the plan.
    """
    adjustments = list(report.finding_adjustments.select_related("coach"))
    by_code = {adjustment.finding_code: adjustment for adjustment in adjustments if adjustment.finding_code}
    plan = []
    for finding in report.profile.get("findings", []):
        adjustment = by_code.get(finding["code"])
        if adjustment is None:
            plan.append({**finding, "adjusted_by": None})
        elif not adjustment.hidden:
            plan.append(
                {
                    **finding,
                    "headline": adjustment.headline or finding["headline"],
                    "recommendation": adjustment.recommendation or finding["recommendation"],
                    "severity": adjustment.severity or finding["severity"],
                    "adjusted_by": adjustment.coach,
                }
            )
    for own in (adjustment for adjustment in adjustments if not adjustment.finding_code and not adjustment.hidden):
        plan.append(
            {
                "code": "coach",
                "area": "coach",
                "severity": own.severity or "medium",
                "headline": own.headline,
                "measured": "",
                "healthy": "",
                "recommendation": own.recommendation,
                "example_post_ids": [str(post_id) for post_id in own.example_post_ids][:5],
                "low_confidence": False,
                "adjusted_by": own.coach,
            }
        )
    # Stable: equal severities keep the rule set's order, the coach's own findings last.
    return sorted(plan, key=lambda finding: SEVERITY_ORDER.index(finding["severity"]))


def report_context(report: Report, *, internal_notes: bool = False) -> dict[str, Any]:
    """What the report template needs: the profile, the changes, and each finding's posts quoted.

    The client's report carries only the notes meant for the client; a coach's review page
    (`internal_notes=True`) shows the internal ones too.
    """
    profile = report.profile
    plan = coaching_plan(report)
    cited = {post_id for finding in plan for post_id in finding["example_post_ids"]}
    posts = selectors.posts_by_external_id(report.order.history_id, cited)
    findings = [
        {
            **finding,
            "quotes": [
                QuotedPost(text=posts[post_id].text, url=posts[post_id].url, created_at=posts[post_id].created_at)
                for post_id in finding["example_post_ids"]
                if post_id in posts
            ],
        }
        for finding in plan
    ]
    notes: dict[str, list[Annotation]] = {}
    annotations = report.annotations.select_related("coach")
    if not internal_notes:
        annotations = annotations.filter(visibility=Annotation.Visibility.CLIENT)
    finding_notes: dict[str, list[Annotation]] = {}
    for annotation in annotations:
        if annotation.finding_code:
            finding_notes.setdefault(annotation.finding_code, []).append(annotation)
        else:
            notes.setdefault(annotation.section, []).append(annotation)
    for finding in findings:
        finding["notes"] = finding_notes.get(finding["code"], [])
    return {
        "order": report.order,
        "report": report,
        "profile": profile,
        "findings": findings,
        "charts": report_charts(profile),
        "notes": notes,
        "all_notes": [
            *(note for section in Annotation.Section.values for note in notes.get(section, [])),
            *(note for finding_group in finding_notes.values() for note in finding_group),
        ],
    }


def uploads_expire(*, now: datetime | None = None) -> int:
    """Delete uploaded files whose every order was delivered more than UPLOAD_RETENTION_DAYS ago.

    Posts, profiles and reports stay: the client keeps their report. Returns how many files went.
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
    removed = 0
    for history in expired:
        history.upload.delete(save=False)
        PostHistory.objects.filter(pk=history.pk).update(upload_removed_at=now)
        removed += 1
    if removed:
        logger.info("removed %s uploaded files delivered before %s", removed, cutoff.date())
    leftovers = partial_files_remove(default_storage)
    if leftovers:
        logger.warning("removed %s partial files left by interrupted uploads", leftovers)
    return removed


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


def working_days_between(start: datetime, end: datetime) -> int:
    """Whole Monday-to-Friday days from `start` to `end` (the review turnaround is counted in these)."""
    days = 0
    day = start.date()
    while day < end.date():
        day += timedelta(days=1)
        if day.weekday() < SATURDAY:
            days += 1
    return days


def review_overdue(order: Order, *, now: datetime | None = None) -> bool:
    """In review for longer than the promised turnaround."""
    return (
        order.stage == Order.Stage.IN_REVIEW
        and working_days_between(order.created_at, now or timezone.now()) > settings.REVIEW_TURNAROUND_WORKING_DAYS
    )


class ReviewError(PermissionError):
    """A review step refused: the message says why (shown to the coach)."""


def _may_review(order: Order, user: User) -> bool:
    return user.is_superuser or (order.coach_id is not None and order.coach_id == user.pk)


def report_publish(*, order_id: int, by: User, notify_client: bool = True) -> Order:
    """Deliver a reviewed report: the assigned coach (or a superuser), from review, with a note for
    the client on the summary. E-mails the client once (unless `notify_client` is False, as for
    the demo order); a second call changes nothing."""
    with transaction.atomic():
        order = Order.objects.select_for_update(of=("self",)).select_related("report", "client").get(pk=order_id)
        if order.stage == Order.Stage.DELIVERED:
            return order
        if order.stage != Order.Stage.IN_REVIEW:
            raise ReviewError(f"Only a report in review can be published; this order is {order.get_stage_display()}.")
        if not _may_review(order, by):
            raise ReviewError("Only the coach assigned to this order (or a superuser) can publish its report.")
        report = order.report
        if not report.annotations.filter(
            section=Annotation.Section.SUMMARY, visibility=Annotation.Visibility.CLIENT
        ).exists():
            raise ReviewError("Add a note for the client on the Summary section before publishing.")
        now = timezone.now()
        report.published_at = now
        report._change_reason = "published"
        report.save(update_fields=["published_at"])
        order.stage, order.delivered_at = Order.Stage.DELIVERED, now
        order.save(update_fields=["stage", "delivered_at"])
        if notify_client:
            transaction.on_commit(lambda: _email_report_ready(order))
    logger.info("order %s: report published by %s", order.pk, by.email)
    return order


def report_reopen(*, order_id: int, by: User, reason: str) -> Order:
    """Take a published report back into review (recorded, with the reason, in its history)."""
    if not reason.strip():
        raise ReviewError("Say why the report is reopened: the reason is kept with its history.")
    with transaction.atomic():
        order = Order.objects.select_for_update(of=("self",)).select_related("report").get(pk=order_id)
        if order.stage != Order.Stage.DELIVERED or order.product != Order.Product.COACHED:
            raise ReviewError("Only a delivered coached report can be reopened.")
        if not _may_review(order, by):
            raise ReviewError("Only the coach assigned to this order (or a superuser) can reopen its report.")
        report = order.report
        report.published_at = None
        report._change_reason = f"reopened: {reason.strip()}"
        report.save(update_fields=["published_at"])
        order.stage, order.delivered_at = Order.Stage.IN_REVIEW, None
        order.save(update_fields=["stage", "delivered_at"])
    logger.info("order %s: report reopened by %s: %s", order.pk, by.email, reason)
    return order


def report_locked(report: Report) -> bool:
    """A published report cannot be edited until it is reopened."""
    return report.published_at is not None


def _email_report_ready(order: Order) -> None:
    url = f"{settings.SITE_URL}/orders/{order.pk}/report/"
    opening = (
        "Your coach has reviewed your profile and your report is ready"
        if order.product == Order.Product.COACHED
        else "Your profile is ready"
    )
    send_mail(
        subject="[Voiceprint] Your coaching report is ready",
        message=(f"Hello,\n\n{opening}:\n{url}\n\nYou can also download it as a PDF from that page.\n\nVoiceprint"),
        from_email=None,
        recipient_list=[order.client.email],
    )


def order_rerun(*, order_id: int, by: User) -> HistoryProfile:
    """Analyse an order's history again with its settings (after a fix, or new thresholds).

    Only while the report is not delivered: a fresh profile replaces the old one and a new report
    is written from it, keeping the coach's notes on the report.
    """
    with transaction.atomic():
        order = Order.objects.select_for_update(of=("self",)).get(pk=order_id)
        if order.stage not in (Order.Stage.IN_REVIEW, Order.Stage.FAILED, Order.Stage.ANALYSING):
            raise ReviewError(
                f"The analysis can only be re-run before delivery; this order is {order.get_stage_display()}."
            )
        if not (by.is_superuser or order.coach_id in (None, by.pk)):
            raise ReviewError("Only the coach assigned to this order (or a superuser) can re-run its analysis.")
        if order.history.status != PostHistory.Status.IMPORTED:
            raise ReviewError("The history was never imported: the client must upload a corrected file.")
        return _reanalyse(order)


def _reanalyse(order: Order) -> HistoryProfile:
    """A fresh profile for a locked order, analysed once the transaction commits."""
    profile = profile_services.profile_create(
        history=order.history, timezone_name=order.timezone, working_hours=order.working_hours
    )
    order.profile, order.stage, order.error_message, order.error_detail = profile, Order.Stage.ANALYSING, "", ""
    order.save(update_fields=["profile", "stage", "error_message", "error_detail"])

    def enqueue() -> None:
        from coaching.tasks import write_report  # noqa: PLC0415 - tasks import this module
        from profiles.tasks import analyse_history  # noqa: PLC0415

        analyse_history.delay(profile.pk, profile_services.ANALYSIS_CHUNK_POSTS, then=write_report.si(order.pk))

    transaction.on_commit(enqueue)
    return profile


# --- The watchdog -----------------------------------------------------------------------------

STUCK_MESSAGE = (
    "Your order stopped part-way through and could not be restarted. Nothing is lost: please place it "
    "again, or write to us if this happens twice."
)
WORKING_STAGES = (Order.Stage.RECEIVED, Order.Stage.IMPORTING, Order.Stage.ANALYSING)


def orders_unstick(*, now: datetime | None = None) -> dict[str, int]:
    """Start again the work of orders stuck in a working stage for ORDER_STUCK_MINUTES (a lost
    message, a worker that died with its task on a broker that cannot redeliver); after
    ORDER_MAX_RESTARTS restarts, fail them with a reason staff see. Returns counts of each."""
    now = now or timezone.now()
    cutoff = now - timedelta(minutes=settings.ORDER_STUCK_MINUTES)
    stuck = Order.objects.filter(stage__in=WORKING_STAGES).filter(
        Q(requeued_at__lt=cutoff) | Q(requeued_at__isnull=True, created_at__lt=cutoff)
    )
    outcome = {"restarted": 0, "failed": 0}
    for order_id in stuck.values_list("pk", flat=True):
        if done := _unstick(order_id, cutoff=cutoff, now=now):
            outcome[done] += 1
    if any(outcome.values()):
        logger.warning("watchdog: %(restarted)s stuck orders restarted, %(failed)s failed", outcome)
    return outcome


def _unstick(order_id: int, *, cutoff: datetime, now: datetime) -> str | None:
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
                f"(each after {settings.ORDER_STUCK_MINUTES} minutes without finishing)",
            )
            return "failed"
        order.requeued_at, order.requeue_count = now, order.requeue_count + 1
        order.save(update_fields=["requeued_at", "requeue_count"])
        logger.warning("watchdog: order %s stuck %s since %s, restarting (%s)", order.pk, stage, since,
                       order.requeue_count)  # fmt: skip
        if order.stage == Order.Stage.ANALYSING and order.history.status == PostHistory.Status.IMPORTED:
            _reanalyse(order)
        else:
            # Importing is idempotent and resumable: the import is claimed again from the start.
            order_enqueue(order)
    return "restarted"
