"""Voice: where each post sits between the corporate/institutional and the personal/human.

Each post is read by the classifier in the map step (`features.post_features`, see
docs/voice.md); here the account-level part: each reading in the context of the history,
templates, shares over judged posts with their 90% intervals, and the share of posts judged at
all.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from itertools import groupby

from profiles.analysis.context import ScoredPost
from profiles.analysis.features import PostFeatures
from profiles.analysis.profile import MonthVoice, TemplateCluster, Voice
from profiles.analysis.stats import mean, share
from profiles.analysis.templates import history_templates
from profiles.analysis.thresholds import Thresholds
from profiles.analysis.voice_model import (
    CORPORATE,
    MIXED,
    PERSONAL,
    REASONS_SHOWN,
    UNKNOWN,
    history_lean,
    in_context,
    load_voice_model,
)
from profiles.analysis.voice_signals import SIGNALS

LABELS = (PERSONAL, MIXED, CORPORATE)
NAMED_REASONS = frozenset(SIGNALS) | {"templated_repetition"}
# z for a two-sided 90% interval.
Z_90 = 1.6449
EXAMPLES = 5
CLUSTERS_SHOWN = 10
CLUSTER_IDS_SHOWN = 5


def template_clusters(features: Sequence[PostFeatures], thresholds: Thresholds) -> list[list[int]]:
    """Clusters of near-identical posts (indices into `features`), largest first."""
    return history_templates([item.shingle_hashes for item in features], thresholds)


def score_voices(scored: Sequence[ScoredPost], clusters: list[list[int]], thresholds: Thresholds) -> float | None:
    """Set each read post's voice from the classifier's reading in the context of its history,
    templates overriding it; return the history's lean (`voice_model.history_lean`).

    voice_score = P(personal) - P(corporate) = 2 P(personal) - 1 (docs/voice.md), after the
    history's lean has moved the post's log-odds (`voice_model.in_context`). A post in a
    template cluster is corporate whatever the post alone says: repetition is a property of the
    history, which the post-by-post model cannot see; its first reason says so.
    """
    del thresholds  # the decision rule travels with the model file
    weight = load_voice_model().rule.context_weight
    lean = history_lean(item.features.voice for item in scored)
    templated = {index for cluster in clusters for index in cluster}
    for index, item in enumerate(scored):
        reading = item.features.voice
        if reading is None:
            continue
        reading = in_context(reading, lean, weight)
        item.voice_score = round(reading.score, 4)
        if index in templated and reading.label != UNKNOWN:
            item.voice = CORPORATE
            item.voice_probability = round(1 - reading.personal_probability, 4)
            item.voice_features = ("templated_repetition", *reading.leaning_corporate)[:REASONS_SHOWN]
        else:
            item.voice = reading.label
            item.voice_probability = round(reading.probability, 4)
            item.voice_features = reading.reasons
    return lean


def wilson_interval(part: int, whole: int, z: float = Z_90) -> list[float] | None:
    """Wilson score interval for the share part/whole (90% with the default z), as [low, high]."""
    if not whole:
        return None
    proportion = part / whole
    denominator = 1 + z * z / whole
    centre = (proportion + z * z / (2 * whole)) / denominator
    half = z * math.sqrt(proportion * (1 - proportion) / whole + z * z / (4 * whole * whole)) / denominator
    return [round(max(0.0, centre - half), 4), round(min(1.0, centre + half), 4)]


def voice_of(scored: Sequence[ScoredPost], clusters: list[list[int]], lean: float | None = None) -> Voice:
    read = [item for item in scored if item.voice is not None]
    judged = [item for item in read if item.voice != UNKNOWN]
    labels = Counter(item.voice for item in judged)
    # Named signals only: the words that decided single posts say little about an account.
    features = Counter(name for item in judged for name in item.voice_features if name in NAMED_REASONS)
    templated = sum(len(cluster) for cluster in clusters)
    ranked = sorted(judged, key=lambda item: (item.voice_score, item.post.external_id))
    return Voice(
        posts_scored=len(read),
        personal_share=share(labels[PERSONAL], len(judged)),
        mixed_share=share(labels[MIXED], len(judged)),
        corporate_share=share(labels[CORPORATE], len(judged)),
        voice_score_mean=mean([item.voice_score for item in judged]),
        templated_share=share(templated, len(judged)),
        template_clusters=[_cluster(scored, cluster) for cluster in clusters[:CLUSTERS_SHOWN]],
        feature_shares={name: share(count, len(judged)) for name, count in sorted(features.items())},
        most_personal=[i.post.external_id for i in reversed(ranked[-EXAMPLES:]) if i.voice == PERSONAL],
        most_corporate=[i.post.external_id for i in ranked[:EXAMPLES] if i.voice == CORPORATE],
        by_month=[_month(month, list(items)) for month, items in groupby(judged, lambda item: item.month)],
        posts_judged=len(judged),
        judged_share=share(len(judged), len(read)),
        personal_interval=wilson_interval(labels[PERSONAL], len(judged)),
        mixed_interval=wilson_interval(labels[MIXED], len(judged)),
        corporate_interval=wilson_interval(labels[CORPORATE], len(judged)),
        model_version=load_voice_model().version,
        history_lean=lean,
    )


def _cluster(scored: Sequence[ScoredPost], indices: list[int]) -> TemplateCluster:
    posts = [scored[index].post for index in indices]
    return TemplateCluster(
        size=len(posts),
        example=posts[0].text,
        post_ids=[post.external_id for post in posts[:CLUSTER_IDS_SHOWN]],
        first=posts[0].created_at.isoformat(),
        last=posts[-1].created_at.isoformat(),
    )


def _month(month: str, items: list[ScoredPost]) -> MonthVoice:
    labels = Counter(item.voice for item in items)
    return MonthVoice(
        month=month,
        posts=len(items),
        personal_share=share(labels[PERSONAL], len(items)) or 0.0,
        mixed_share=share(labels[MIXED], len(items)) or 0.0,
        corporate_share=share(labels[CORPORATE], len(items)) or 0.0,
    )
