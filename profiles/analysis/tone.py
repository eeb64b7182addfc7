"""Tone: sentiment (VADER), informality and readability, overall and by month."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby

from profiles.analysis.context import ScoredPost
from profiles.analysis.profile import MonthTone, Tone
from profiles.analysis.readability import TextCounts, flesch_kincaid_grade, flesch_reading_ease
from profiles.analysis.stats import mean, rounded, share, spread
from profiles.analysis.thresholds import Thresholds

EXAMPLES = 5


def tone_of(scored: Sequence[ScoredPost], thresholds: Thresholds) -> Tone:
    """Tone over the authored posts in English (reposts and other languages are not the account's voice)."""
    judged = [item for item in scored if item.features.sentiment is not None]
    overall = _figures(judged, thresholds)
    by_month = [
        MonthTone(month=month, **_figures(list(items), thresholds))
        for month, items in groupby(judged, lambda i: i.month)
    ]
    by_sentiment = sorted(judged, key=lambda item: (item.features.sentiment, item.post.external_id))
    by_informality = sorted(judged, key=lambda item: (item.features.informality, item.post.external_id))
    sentiments = [item.features.sentiment for item in judged]
    emotional = sum(1 for value in sentiments if abs(value) >= thresholds.emotional_sentiment)
    return Tone(
        posts_scored=len(judged),
        neutral_share=share(
            sum(1 for v in sentiments if thresholds.sentiment_negative < v < thresholds.sentiment_positive),
            len(judged),
        ),
        sentiment_spread=spread(sentiments),
        emotional_share=share(emotional, len(judged)),
        most_positive=[i.post.external_id for i in reversed(by_sentiment[-EXAMPLES:]) if i.features.sentiment > 0],
        most_negative=[i.post.external_id for i in by_sentiment[:EXAMPLES] if i.features.sentiment < 0],
        most_informal=[i.post.external_id for i in reversed(by_informality[-EXAMPLES:]) if i.features.informality > 0],
        most_formal=[i.post.external_id for i in by_informality[:EXAMPLES] if i.features.informality < 0],
        by_month=by_month,
        **{key: value for key, value in overall.items() if key != "posts"},
    )


def _figures(items: list[ScoredPost], thresholds: Thresholds) -> dict:
    sentiments = [item.features.sentiment for item in items]
    counts = sum((item.features.counts for item in items), TextCounts())
    return {
        "posts": len(items),
        "sentiment_mean": mean(sentiments),
        "positive_share": share(sum(1 for v in sentiments if v >= thresholds.sentiment_positive), len(items)),
        "negative_share": share(sum(1 for v in sentiments if v <= thresholds.sentiment_negative), len(items)),
        "informality_mean": mean([item.features.informality for item in items]),
        "flesch_reading_ease": rounded(flesch_reading_ease(counts), 1),
        "flesch_kincaid_grade": rounded(flesch_kincaid_grade(counts), 1),
    }
