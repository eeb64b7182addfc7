"""Voice: where each post sits between the corporate/institutional and the personal/human."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from itertools import groupby

from profiles.analysis.context import ScoredPost
from profiles.analysis.features import PostFeatures
from profiles.analysis.profile import MonthVoice, TemplateCluster, Voice
from profiles.analysis.stats import mean, share
from profiles.analysis.templates import near_duplicate_clusters
from profiles.analysis.thresholds import Thresholds

PERSONAL, MIXED, CORPORATE = "personal", "mixed", "corporate"
LABELS = (PERSONAL, MIXED, CORPORATE)
EXAMPLES = 5
CLUSTERS_SHOWN = 10
CLUSTER_IDS_SHOWN = 5


def template_clusters(features: Sequence[PostFeatures], thresholds: Thresholds) -> list[list[int]]:
    """Clusters of near-identical posts (indices into `features`), largest first."""
    return near_duplicate_clusters(
        [item.shingle_hashes for item in features],
        similarity=thresholds.template_similarity,
        min_size=thresholds.template_min_cluster,
    )


def score_voices(scored: Sequence[ScoredPost], clusters: list[list[int]], thresholds: Thresholds) -> None:
    """Set each judged post's voice score, label and features, templates included.

    voice_score = clip(sum of the weights of the features present, -1, 1).
    """
    templated = {index for cluster in clusters for index in cluster}
    templated_weight = thresholds.voice_weights["templated_repetition"]
    for index, item in enumerate(scored):
        if item.features.sentiment is None:
            continue
        contributions = list(item.features.voice_contributions)
        if index in templated:
            contributions.append(("templated_repetition", templated_weight))
        score = max(-1.0, min(1.0, sum(weight for _, weight in contributions)))
        item.voice_score = round(score, 4)
        item.voice = voice_label(score, thresholds)
        item.voice_features = tuple(name for name, _ in contributions)


def voice_label(score: float, thresholds: Thresholds) -> str:
    if score >= thresholds.voice_personal:
        return PERSONAL
    if score <= thresholds.voice_corporate:
        return CORPORATE
    return MIXED


def voice_of(scored: Sequence[ScoredPost], clusters: list[list[int]]) -> Voice:
    judged = [item for item in scored if item.voice is not None]
    labels = Counter(item.voice for item in judged)
    features = Counter(name for item in judged for name in item.voice_features)
    templated = sum(len(cluster) for cluster in clusters)
    ranked = sorted(judged, key=lambda item: (item.voice_score, item.post.external_id))
    return Voice(
        posts_scored=len(judged),
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
