"""Posts in, profile out: the map step per post (chunkable), then one assembly of the whole.

    analysis = analyse(posts, AnalysisContext(account_id="123", timezone="Europe/London"))
    analysis.profile.as_dict()      # the JSON profile (docs/metrics.md)
    analysis.post_scores            # per-post sentiment, informality and voice

For large histories, `features_of` runs over chunks in parallel (Celery workers, processes)
and `assemble` takes the concatenated features: every account-level figure is computed there,
from the whole list, so chunked and single-pass results are identical.
"""

from __future__ import annotations

import gc
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from profiles.analysis.activity import activity_of
from profiles.analysis.context import AnalysisContext, ScoredPost
from profiles.analysis.engagement import engagement_of
from profiles.analysis.evidence import Evidence, allocate
from profiles.analysis.features import PostFeatures, features_of
from profiles.analysis.findings import findings_for
from profiles.analysis.profile import Analysis, ConfidenceFlag, PostCounts, PostScore, Profile
from profiles.analysis.responsiveness import responsiveness_of
from profiles.analysis.rhythm import rhythm_of
from profiles.analysis.roles import role_advice
from profiles.analysis.sentiment import VaderScorer
from profiles.analysis.strengths import strengths_for
from profiles.analysis.thresholds import Thresholds
from profiles.analysis.tone import tone_of
from profiles.analysis.voice import score_voices, template_clusters, voice_of
from profiles.analysis.voice_model import describe
from profiles.ingest.records import NormalisedPost, PostKind

MIN_TIMED_REPLIES = 10
MIN_MONTH_POSTS = 10


@contextmanager
def paused_garbage_collection() -> Iterator[None]:
    """Pause the cyclic garbage collector around a burst of allocations.

    The engine builds hundreds of thousands of small, acyclic objects; the collector would scan
    them all again and again for cycles that do not exist (a tenth of the run time at 100,000
    posts). Reference counting still frees everything as usual.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class AnalysisError(ValueError):
    """The engine was asked something it cannot answer; the message says what to change."""


def analyse(
    posts: Sequence[NormalisedPost], context: AnalysisContext | None = None, *, scorer: VaderScorer | None = None
) -> Analysis:
    """Profile one account's posts in a single pass."""
    context = context or AnalysisContext()
    ordered = in_time_order(posts)
    with paused_garbage_collection():
        features = features_of(ordered, thresholds=context.thresholds, own_account_id=context.account_id, scorer=scorer)
        return assemble(ordered, features, context)


def in_time_order(posts: Sequence[NormalisedPost]) -> list[NormalisedPost]:
    """Posts oldest first (ties by id): the order `assemble` expects, whatever the export's."""
    return sorted(posts, key=lambda post: (post.created_at, post.external_id))


def resolve_timezone(context: AnalysisContext) -> tuple[ZoneInfo, str, str]:
    """(zone, name, source): the order's zone, else the export's, else UTC."""
    for name, source in ((context.timezone, "order"), (context.archive_timezone, "archive")):
        if name:
            try:
                return ZoneInfo(name), name, source
            except (ZoneInfoNotFoundError, ValueError):
                if source == "order":
                    raise AnalysisError(
                        f'Unknown time zone "{name}": use an IANA name such as "Europe/London".'
                    ) from None
    return ZoneInfo("UTC"), "UTC", "default"


def assemble(
    posts: Sequence[NormalisedPost],
    features: Sequence[PostFeatures],
    context: AnalysisContext,
    *,
    clusters: Callable[[], list[list[int]]] | None = None,
) -> Analysis:
    """Every account-level figure, from posts in time order and their features in the same order.

    `clusters`, when given, returns `template_clusters(features, context.thresholds)` computed
    elsewhere (another process, while this one works on the sections that do not need them).
    """
    if len(posts) != len(features):
        raise AnalysisError(f"{len(posts)} posts but {len(features)} feature records: the chunks do not line up.")
    with paused_garbage_collection():
        return _assemble(
            posts, features, context, clusters or (lambda: template_clusters(features, context.thresholds))
        )


def _assemble(
    posts: Sequence[NormalisedPost],
    features: Sequence[PostFeatures],
    context: AnalysisContext,
    clusters: Callable[[], list[list[int]]],
) -> Analysis:
    zone, zone_name, zone_source = resolve_timezone(context)
    scored = []
    # One string per month, shared by its posts (100,000 copies would hold 5 MB).
    months: dict[tuple[int, int], str] = {}
    for post, post_features in zip(posts, features, strict=True):
        local = post.created_at.astimezone(zone)
        key = (local.year, local.month)
        month = months.get(key) or months.setdefault(key, "%04d-%02d" % key)  # noqa: UP031 - 5x faster than strftime
        scored.append(ScoredPost(post=post, features=post_features, local=local, month=month))
    thresholds = context.thresholds
    counts = _post_counts(scored, context)
    confidence = _confidence(scored, counts, context)
    # The sections that do not depend on voice first, so a clustering running elsewhere overlaps them.
    tone = tone_of(scored, thresholds)
    responsiveness = responsiveness_of(scored, context, zone)
    rhythm = rhythm_of(scored, context, zone_name, zone_source)
    activity = activity_of(scored, thresholds)
    found_clusters = clusters()
    lean = score_voices(scored, found_clusters, thresholds)
    profile = Profile(
        posts=counts,
        tone=tone,
        voice=voice_of(scored, found_clusters, lean),
        responsiveness=responsiveness,
        rhythm=rhythm,
        engagement=engagement_of(scored, thresholds, context.working_hours),
        findings=[],
        confidence=confidence,
        low_confidence=any(flag.figure == "all" for flag in confidence),
        account={"id": context.account_id, "handle": context.handle},
        activity=activity,
        role=role_advice(context.role, context.goals),
    )
    profile.confidence.extend(_figure_confidence(profile, thresholds))
    findings = findings_for(profile, thresholds)
    strengths = strengths_for(profile, thresholds)
    # Examples are shared out across both lists, the findings first: no post is cited twice.
    allocate([(entry.finding, entry.pools) for entry in [*findings, *strengths]], Evidence(scored, context, profile))
    profile.findings = [entry.finding for entry in findings]
    profile.strengths = [entry.finding for entry in strengths]
    # One string per kind and per reason's description, shared by the posts, not a new one each.
    kind_name = lru_cache(maxsize=None)(str)
    described = lru_cache(maxsize=None)(describe)
    post_scores = [
        PostScore(
            id=item.post.external_id,
            kind=kind_name(item.post.kind),
            sentiment=item.features.sentiment,
            informality=None if item.features.informality is None else round(item.features.informality, 4),
            voice_score=item.voice_score,
            voice=item.voice,
            voice_features=list(item.voice_features),
            voice_probability=item.voice_probability,
            voice_reasons=[described(code) for code in item.voice_features],
        )
        for item in scored
    ]
    return Analysis(profile=profile, post_scores=post_scores)


def _post_counts(scored: Sequence[ScoredPost], context: AnalysisContext) -> PostCounts:
    kinds = Counter(item.post.kind for item in scored)
    replies_to_others = sum(1 for item in scored if item.to_others)
    return PostCounts(
        total=len(scored),
        original=kinds[PostKind.ORIGINAL],
        replies=kinds[PostKind.REPLY],
        replies_to_others=replies_to_others,
        self_replies=kinds[PostKind.REPLY] - replies_to_others,
        reposts=kinds[PostKind.REPOST],
        quotes=kinds[PostKind.QUOTE],
        skipped=context.skipped_records,
        non_english=sum(1 for item in scored if not item.features.english),
        words=sum(item.features.counts.words for item in scored),
        first=scored[0].post.created_at.isoformat() if scored else None,
        last=scored[-1].post.created_at.isoformat() if scored else None,
    )


def _confidence(scored: Sequence[ScoredPost], counts: PostCounts, context: AnalysisContext) -> list[ConfidenceFlag]:
    """History-wide flags: too short a history makes every figure low confidence."""
    thresholds = context.thresholds
    flags = []
    if counts.original < thresholds.min_original_posts:
        flags.append(
            ConfidenceFlag(
                "all",
                f"Only {counts.original} original posts (fewer than {thresholds.min_original_posts}): "
                "every figure is low confidence.",
            )
        )
    if counts.words < thresholds.min_words:
        flags.append(
            ConfidenceFlag(
                "all",
                f"Only {counts.words} words of English text (fewer than {thresholds.min_words}): "
                "every figure is low confidence.",
            )
        )
    if counts.non_english:
        flags.append(
            ConfidenceFlag(
                "tone",
                f"{counts.non_english} posts not in English were left out of tone and voice.",
            )
        )
    return flags


def _figure_confidence(profile: Profile, profile_thresholds: Thresholds) -> list[ConfidenceFlag]:
    flags = []
    responsiveness = profile.responsiveness
    if responsiveness.replies_timed < MIN_TIMED_REPLIES:
        flags.append(
            ConfidenceFlag(
                "responsiveness.reply_latency",
                f"Reply times could be measured for only {responsiveness.replies_timed} replies.",
            )
        )
    ratio = profile.engagement.personal_vs_corporate_ratio
    if not profile.engagement.counts_available:
        flags.append(
            ConfidenceFlag(
                "engagement",
                "This export carries no like or repost counts: what works cannot be measured.",
            )
        )
    elif ratio.value is None:
        flags.append(
            ConfidenceFlag(
                "engagement.personal_vs_corporate_ratio",
                f"Too few posts to compare ({ratio.personal_posts} personal, {ratio.corporate_posts} corporate).",
            )
        )
    if profile.rhythm.recent_posts < profile_thresholds.rhythm_min_recent_posts:
        flags.append(
            ConfidenceFlag(
                "rhythm.recent",
                f"Only {profile.rhythm.recent_posts} posts in the last 12 months: when you post is not judged.",
            )
        )
    if profile.rhythm.timezone_source == "default":
        flags.append(ConfidenceFlag("rhythm", "No time zone was given or found in the export: times are read in UTC."))
    return flags
