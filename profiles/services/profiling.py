"""Profiles: a history's analysis, claimed, mapped in chunks, reduced, or failed.

The metrics are `profiles.analysis` (no Django); this module feeds it the stored posts and keeps
the result and the progress in the database. `profiles.workflow` runs these steps as tasks.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import timedelta

from django.conf import settings
from django.db.models import F, Q
from django.db.models.functions import Least
from django.utils import timezone

from profiles import selectors
from profiles.analysis import (
    DEFAULT_THRESHOLDS,
    AnalysisContext,
    AnalysisError,
    PostFeatures,
    WorkingHours,
    WorkingHoursError,
    assemble,
    features_of,
    resolve_timezone,
)
from profiles.analysis.engine import paused_garbage_collection
from profiles.analysis.sentiment import VaderScorer
from profiles.ingest import NormalisedPost
from profiles.models import AccountLink, HistoryProfile, Post, PostHistory

logger = logging.getLogger(__name__)

# Histories up to this many posts are analysed by one task; larger ones in chunks of this size,
# one task per chunk, which workers on several machines run in parallel.
ANALYSIS_CHUNK_POSTS = 25_000
# Progress is saved after every this many posts within a task.
PROGRESS_EVERY = 5_000
ANALYSIS_FAILURE = (
    "Something went wrong on our side while analysing your posts. We have been notified; please try again later."
)


class ProfileSettingsError(ValueError):
    """The time zone or working hours given for a profile cannot be used; the message says why."""


def profile_create(
    *, history: PostHistory, timezone_name: str = "", working_hours: str = "", role: str = "", goals: str = ""
) -> HistoryProfile:
    """A pending profile of an imported history, with the user's time zone and working hours
    checked, and their role and goals for the advice's wording."""
    if history.status != PostHistory.Status.IMPORTED:
        raise ProfileSettingsError(f"History {history.pk} is {history.get_status_display()}: import it first.")
    hours = working_hours.strip() or HistoryProfile._meta.get_field("working_hours").default
    try:
        WorkingHours.parse(hours)
        if timezone_name:
            resolve_timezone(AnalysisContext(timezone=timezone_name))
    except (WorkingHoursError, AnalysisError) as error:
        raise ProfileSettingsError(str(error)) from error
    return HistoryProfile.objects.create(
        history=history, timezone=timezone_name, working_hours=hours, role=role.strip(), goals=goals.strip()
    )


def profile_context(profile: HistoryProfile) -> AnalysisContext:
    history = profile.history
    return AnalysisContext(
        account_id=history.account_id,
        handle=history.handle,
        follower_ids=selectors.linked_account_ids(history.pk, AccountLink.Direction.FOLLOWER),
        following_ids=selectors.linked_account_ids(history.pk, AccountLink.Direction.FOLLOWING),
        timezone=profile.timezone,
        archive_timezone=history.archive_timezone,
        working_hours=WorkingHours.parse(profile.working_hours),
        skipped_records=int(history.summary.get("skipped_count", 0)),
        role=profile.role,
        goals=profile.goals,
    )


def profile_start(*, profile_id: int, chunk_posts: int = ANALYSIS_CHUNK_POSTS) -> list[tuple[int, int]] | None:
    """Claim a profile for analysis and plan its chunks as (offset, limit) pairs; None if not claimable.

    A compare-and-set on the status: a pending profile, or one whose earlier run died (still
    "analysing" after the task time limit), is claimed; a ready or running one is left alone,
    so a redelivered task does no harm.
    """
    stale = timezone.now() - timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT)
    claimable = Q(status=HistoryProfile.Status.PENDING) | Q(
        status=HistoryProfile.Status.ANALYSING, started_at__lt=stale
    )
    history_id = HistoryProfile.objects.filter(pk=profile_id).values_list("history_id", flat=True).first()
    if history_id is None:
        return None
    total = Post.objects.filter(history_id=history_id).count()
    chunks = max(1, -(-total // chunk_posts))
    claimed = HistoryProfile.objects.filter(claimable, pk=profile_id).update(
        status=HistoryProfile.Status.ANALYSING,
        started_at=timezone.now(),
        posts_total=total,
        posts_analysed=0,
        chunks_total=chunks,
        error_message="",
        error_detail="",
    )
    if not claimed:
        return None
    return [(offset, chunk_posts) for offset in range(0, max(total, 1), chunk_posts)]


def profile_features(*, profile_id: int, offset: int, limit: int) -> list[PostFeatures]:
    """The map step for one chunk of the history's posts, saving progress as it goes."""
    profile = HistoryProfile.objects.select_related("history").get(pk=profile_id)
    posts = selectors.normalised_posts(profile.history_id, offset=offset, limit=limit)
    scorer = VaderScorer()
    features: list[PostFeatures] = []
    with paused_garbage_collection():
        features.extend(_features_with_progress(profile, posts, scorer))
    return features


def _features_with_progress(
    profile: HistoryProfile, posts: list[NormalisedPost], scorer: VaderScorer
) -> Iterator[PostFeatures]:
    profile_id = profile.pk
    for start in range(0, len(posts), PROGRESS_EVERY):
        batch = posts[start : start + PROGRESS_EVERY]
        yield from features_of(
            batch, thresholds=DEFAULT_THRESHOLDS, own_account_id=profile.history.account_id, scorer=scorer
        )
        HistoryProfile.objects.filter(pk=profile_id).update(
            # Capped: a redelivered chunk counts again, but progress never passes the total.
            posts_analysed=Least(F("posts_analysed") + len(batch), F("posts_total"))
        )


def profile_complete(*, profile_id: int, features: list[PostFeatures]) -> HistoryProfile:
    """The reduce step: every account-level figure from all posts and their features; saves the result."""
    profile = HistoryProfile.objects.select_related("history").get(pk=profile_id)
    posts = selectors.normalised_posts(profile.history_id)
    analysis = assemble(posts, features, profile_context(profile))
    profile.result = analysis.profile.as_dict()
    profile.status = HistoryProfile.Status.READY
    profile.posts_analysed = profile.posts_total = len(posts)
    profile.finished_at = timezone.now()
    profile.save(update_fields=["result", "status", "posts_analysed", "posts_total", "finished_at"])
    logger.info("profile %s ready: %s posts", profile.pk, len(posts))
    return profile


def profile_fail(*, profile_id: int, message: str, detail: str) -> None:
    """Mark a profile failed; what was computed is discarded, the history is untouched."""
    HistoryProfile.objects.filter(pk=profile_id).update(
        status=HistoryProfile.Status.FAILED,
        error_message=message,
        error_detail=detail,
        result={},
        finished_at=timezone.now(),
    )
    logger.warning("profile %s failed: %s", profile_id, detail)
