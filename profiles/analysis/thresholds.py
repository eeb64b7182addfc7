"""Every threshold and healthy range the profile uses, in one documented, tunable object.

`docs/metrics.md` explains each; change them here (or pass another `Thresholds` to the engine),
never as literals elsewhere.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

# Weight of each voice feature in a post's voice score (positive: personal, negative: corporate).
# The score is their sum, clipped to [-1, 1]; see docs/metrics.md "Voice".
VOICE_WEIGHTS: Mapping[str, float] = MappingProxyType(
    {
        "first_person_singular": 0.35,
        "everyday_life": 0.3,
        "opinion_and_feeling": 0.25,
        "humour": 0.3,
        "emotional_tone": 0.15,
        "conversation": 0.2,
        "institutional_we": -0.3,
        "press_release_wording": -0.3,
        "link_and_hashtag_broadcast": -0.3,
        "organisation_in_third_person": -0.2,
        "scheduling_tool": -0.3,
        "templated_repetition": -0.5,
    }
)


@dataclass(frozen=True, slots=True)
class HealthyRange:
    """Where a figure is unremarkable. A finding fires when the value falls outside it."""

    low: float | None = None
    high: float | None = None

    def contains(self, value: float) -> bool:
        return (self.low is None or value >= self.low) and (self.high is None or value <= self.high)

    def describe(self, unit: str = "") -> str:
        if self.low is not None and self.high is not None:
            return f"{_show(self.low, unit)}–{_show(self.high, unit)}"
        if self.low is not None:
            return f"at least {_show(self.low, unit)}"
        return f"at most {_show(self.high, unit)}"


def _show(value: float | None, unit: str) -> str:
    if unit == "%":
        return f"{round((value or 0) * 100)}%"
    if unit == "h":
        return f"{(value or 0) / 3600:g} h"
    return f"{value:g}{unit}"


@dataclass(frozen=True, slots=True)
class Thresholds:
    # Tone: VADER's own conventional cut-offs for a positive / negative text.
    sentiment_positive: float = 0.05
    sentiment_negative: float = -0.05
    # The rule-based voice reading kept as the classifier's baseline (evaluation/voice/evaluate.py):
    # a post is personal at or above, corporate at or below, mixed in between.
    voice_personal: float = 0.25
    voice_corporate: float = -0.25
    voice_weights: Mapping[str, float] = field(default_factory=lambda: VOICE_WEIGHTS)
    # |VADER compound| from which a post's tone counts as emotional (a personal feature).
    emotional_sentiment: float = 0.5
    # A post takes part in template detection from this many words (shorter ones repeat
    # innocently: "Thank you!").
    template_min_words: int = 6
    # Estimated word-shingle Jaccard similarity from which two posts are near-duplicates.
    template_similarity: float = 0.6
    # A cluster of this many near-identical posts is a template.
    template_min_cluster: int = 3
    # Responsiveness.
    late_reply_seconds: int = 7 * 24 * 3600
    # Rhythm: night is [night_start, night_end) local time.
    night_start_hour: int = 22
    night_end_hour: int = 6
    # Honesty: below either, every figure is flagged low confidence.
    min_original_posts: int = 50
    min_words: int = 1000
    # Engagement: bootstrap resamples for the personal/corporate ratio's 90% interval.
    bootstrap_resamples: int = 1000
    bootstrap_seed: int = 20_261_124
    # Fewer posts than this in a voice group: its engagement figures are not compared.
    min_posts_per_voice_group: int = 10

    # Healthy ranges behind the coaching findings.
    reply_share: HealthyRange = field(default_factory=lambda: HealthyRange(low=0.2))
    replies_to_others_share: HealthyRange = field(default_factory=lambda: HealthyRange(low=0.6))
    repeat_interlocutor_share: HealthyRange = field(default_factory=lambda: HealthyRange(low=0.15))
    reply_within_24h_share: HealthyRange = field(default_factory=lambda: HealthyRange(low=0.7))
    # From the labelled accounts' shares (docs/voice.md "Findings"): where organisations' accounts
    # sit and few people's do (above 70% corporate: 22 of 24 organisations, 11 of 69 people).
    corporate_share: HealthyRange = field(default_factory=lambda: HealthyRange(high=0.7))
    personal_share: HealthyRange = field(default_factory=lambda: HealthyRange(low=0.25))
    templated_share: HealthyRange = field(default_factory=lambda: HealthyRange(high=0.1))
    out_of_hours_share: HealthyRange = field(default_factory=lambda: HealthyRange(high=0.25))
    night_share: HealthyRange = field(default_factory=lambda: HealthyRange(high=0.1))
    negative_share: HealthyRange = field(default_factory=lambda: HealthyRange(high=0.25))
    flesch_reading_ease: HealthyRange = field(default_factory=lambda: HealthyRange(low=50.0))
    follow_back_share: HealthyRange = field(default_factory=lambda: HealthyRange(low=0.1))
    # "Always on": posts in at least this share of the weeks' off-hours slots...
    always_on_out_of_hours_share: float = 0.3
    # ... and on at least this share of weekends.
    always_on_weekend_share: float = 0.5
    # Personal posts earn at least this many times corporate ones (lower bound of the interval).
    rewarding_ratio: float = 1.0
    # Rhythm findings judge the last 12 months of the history, and only on this many posts in
    # them: a few dozen posts cannot show a habit.
    rhythm_min_recent_posts: int = 50

    # Activity: a gap between two posts longer than this many days is a silence.
    silence_days: int = 30
    # Fewer posts than this in the last 12 months after a busy year: dormant.
    dormant_posts: int = 12
    # The last 12 months below this share of the busiest earlier year: declining ...
    declining_share: float = 0.33
    # ... judged only when that busiest year had at least this many posts.
    activity_min_busiest_posts: int = 50
    # The last 12 months above this multiple of the earlier years' mean: growing.
    growing_ratio: float = 1.5

    # What works: the best posts are this share of the posts with counts (within the bounds),
    # and must beat the account's median engagement.
    best_posts_share: float = 0.1
    best_posts_min: int = 5
    best_posts_max: int = 20
    # A trait is shared by the best posts when at least this share of them show it, and this
    # much more often than the account's posts in general.
    trait_min_best_share: float = 0.5
    trait_min_lift: float = 0.2

    # Strengths: what the account does well, said only past these marks.
    strong_reply_latency_median_s: float = 3600.0
    strong_min_people_replied_to: int = 20
    strong_personal_share: float = 0.4
    strong_recent_out_of_hours_share: float = 0.15
    strong_flesch_reading_ease: float = 60.0
    strong_positive_share: float = 0.4
    strong_max_negative_share: float = 0.15
    strong_repeat_interlocutor_share: float = 0.3


DEFAULT_THRESHOLDS = Thresholds()
