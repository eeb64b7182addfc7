"""Review: a coach's steps on a coached report (publish, reopen, re-run), its lock and turnaround.

Services here change state only; the admin action that re-runs an analysis then hands the new
profile to `coaching.workflow`.
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils import timezone

from coaching import sections
from coaching.models import Annotation, Order, Report, User
from coaching.services.orders import email_report_ready, order_reanalysis_prepare
from coaching.services.turnaround import review_due, review_overdue, working_days_between
from coaching.voice_shares import profile_voice_labels
from profiles.models import HistoryProfile, Post, PostHistory, VoiceCorrection
from profiles.voice import post_voice_reading

logger = logging.getLogger(__name__)

__all__ = [  # the turnaround's functions are named here too, where reviews are
    "ReviewError",
    "annotation_delete",
    "annotation_save",
    "order_rerun",
    "post_voice_correct",
    "report_locked",
    "report_publish",
    "report_reopen",
    "review_due",
    "review_overdue",
    "working_days_between",
]


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
        if not report.annotations.filter(section=sections.SUMMARY, visibility=Annotation.Visibility.CLIENT).exists():
            raise ReviewError("Add a note for the client on the Summary section before publishing.")
        now = timezone.now()
        report.published_at = now
        report._change_reason = "published"
        report.save(update_fields=["published_at"])
        order.stage, order.delivered_at = Order.Stage.DELIVERED, now
        order.save(update_fields=["stage", "delivered_at"])
        if notify_client:
            transaction.on_commit(lambda: email_report_ready(order))
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


def order_rerun(*, order_id: int, by: User) -> HistoryProfile:
    """Analyse an order's history again with its settings (after a fix, or new thresholds).

    Only while the report is not delivered: a fresh profile replaces the old one and a new report
    is written from it, keeping the coach's notes on the report. Returns the fresh profile, which
    the caller hands to `coaching.workflow.order_analyse_again` to be analysed.
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
        return order_reanalysis_prepare(order)


def annotation_save(*, annotation: Annotation, by: User) -> Annotation:
    """Save a coach's note on a report (a new one is signed by `by`); a published report is locked."""
    if report_locked(annotation.report):
        raise ReviewError("This report is published: reopen it before changing its notes.")
    annotation.coach = annotation.coach or by
    annotation.save()
    return annotation


def annotation_delete(*, annotation: Annotation) -> None:
    """Remove a coach's note from a report that is not published."""
    if report_locked(annotation.report):
        raise ReviewError("This report is published: reopen it before changing its notes.")
    annotation.delete()


def post_voice_correct(*, report: Report, post_external_id: str, label: str, by: User) -> VoiceCorrection:
    """A coach's correction of the voice of one of the client's posts (personal, mixed, corporate
    or unknown): the report then shows that label for the post, saying the coach chose it, and
    counts the post under it in the voice shares (the analysis's label is recorded with the
    correction for that: `coaching.voice_shares`). The report's coach (or a superuser) only,
    while the report is not published; each change is kept, with who made it and when, in the
    correction's history."""
    if label not in VoiceCorrection.Label.values:
        raise ReviewError(f"A voice is one of {', '.join(VoiceCorrection.Label.values)}; not {label!r}.")
    if not _may_review(report.order, by):
        raise ReviewError("Only the coach assigned to this order (or a superuser) can correct its posts' voice.")
    if report_locked(report):
        raise ReviewError("This report is published: reopen it before correcting a post's voice.")
    post = Post.objects.filter(history_id=report.order.history_id, external_id=post_external_id).first()
    if post is None:
        raise ReviewError(f"This client has no post {post_external_id!r}.")
    analysis_label, analysis_model = _analysis_voice(report, post)
    with transaction.atomic():
        # One correction a post: a second click changes it, and its history keeps the first.
        correction = VoiceCorrection.objects.select_for_update().filter(post=post).first() or VoiceCorrection(post=post)
        correction.label, correction.corrected_by, correction.corrected_at = label, by, timezone.now()
        correction.analysis_label, correction.analysis_model = analysis_label, analysis_model
        correction._history_user = by  # type: ignore[attr-defined]
        correction.save()
    logger.info("report %s: post %s's voice corrected to %s by %s", report.pk, post.pk, label, by.email)
    return correction


def _analysis_voice(report: Report, post: Post) -> tuple[str, str]:
    """The label the report's analysis gave `post`, and the voice model that gave it; ("", "")
    when it cannot be known.

    The profile names some posts' labels; any other post is read again, in the context of the
    history's lean the profile records, which gives the analysis's label only with the model that
    scored the profile, and only if the post was not in a cluster of near-identical posts (read
    as corporate there): the clusters the profile lists are checked, the rest of a large
    template's posts cannot be.
    """
    voice = report.profile.get("voice") or {}
    model = str(voice.get("model_version") or "")
    known = profile_voice_labels(report.profile).get(post.external_id)
    if known:
        return known, model
    label, version = post_voice_reading(post, voice.get("history_lean"))
    if not label or not model or version != model:
        return "", ""
    clusters = voice.get("template_clusters") or []
    if label != "unknown" and any(post.external_id in (cluster.get("post_ids") or []) for cluster in clusters):
        label = "corporate"
    return label, model
