"""The profile: plain, JSON-ready data. Field by field, `docs/metrics.md` defines every figure.

Values are already JSON types (dates as ISO 8601 strings, shares as fractions, durations in
seconds, None where a figure cannot be known), so `Profile.as_dict()` is `dataclasses.asdict`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

# 2: strengths, evidence (`examples`) on every finding, activity, what works, the role.
PROFILE_VERSION = 2


@dataclass(slots=True)
class PostCounts:
    total: int
    original: int
    replies: int
    replies_to_others: int
    self_replies: int
    reposts: int
    quotes: int
    skipped: int
    non_english: int
    words: int
    first: str | None
    last: str | None


@dataclass(slots=True)
class MonthTone:
    month: str
    posts: int
    sentiment_mean: float | None
    positive_share: float | None
    negative_share: float | None
    informality_mean: float | None
    flesch_reading_ease: float | None
    flesch_kincaid_grade: float | None


@dataclass(slots=True)
class Tone:
    posts_scored: int
    positive_share: float | None
    neutral_share: float | None
    negative_share: float | None
    sentiment_mean: float | None
    sentiment_spread: float | None
    emotional_share: float | None
    informality_mean: float | None
    flesch_reading_ease: float | None
    flesch_kincaid_grade: float | None
    most_positive: list[str]
    most_negative: list[str]
    most_informal: list[str]
    most_formal: list[str]
    by_month: list[MonthTone]


@dataclass(slots=True)
class TemplateCluster:
    size: int
    example: str
    post_ids: list[str]
    first: str
    last: str


@dataclass(slots=True)
class MonthVoice:
    month: str
    posts: int
    personal_share: float
    mixed_share: float
    corporate_share: float


@dataclass(slots=True)
class Voice:
    posts_scored: int
    personal_share: float | None
    mixed_share: float | None
    corporate_share: float | None
    voice_score_mean: float | None
    templated_share: float | None
    template_clusters: list[TemplateCluster]
    feature_shares: dict[str, float]
    most_personal: list[str]
    most_corporate: list[str]
    by_month: list[MonthVoice]
    # Posts with a label other than unknown, and their share of the posts read.
    posts_judged: int = 0
    judged_share: float | None = None
    # 90% Wilson intervals of the shares above, as [low, high].
    personal_interval: list[float] | None = None
    mixed_interval: list[float] | None = None
    corporate_interval: list[float] | None = None
    # The voice model that read the posts ("voice-v5").
    model_version: str = ""
    # The history's lean (mean log-odds of personal over corporate, see voice_model.history_lean)
    # that moved each post's reading; kept so that a post read again later is read the same way.
    history_lean: float | None = None


@dataclass(slots=True)
class Interlocutor:
    handle: str
    account_id: str
    replies: int


@dataclass(slots=True)
class Responsiveness:
    reply_share: float | None
    replies_to_others_share: float | None
    repost_share: float | None
    quote_share: float | None
    people_replied_to: int
    people_replied_to_more_than_once: int
    repeat_interlocutor_share: float | None
    top_interlocutors: list[Interlocutor]
    top5_concentration: float | None
    replies_timed: int
    late_replies: int
    reply_latency_median_s: float | None
    reply_latency_p90_s: float | None
    replied_within_1h_share: float | None
    replied_within_24h_share: float | None
    reply_latency_buckets: dict[str, int]
    reply_latency_median_working_hours_s: float | None
    reply_latency_median_off_hours_s: float | None
    conversations: int
    conversations_sustained: int
    conversations_sustained_share: float | None
    followers: int | None
    following: int | None
    follow_back_share: float | None
    example_replies: list[str]


@dataclass(slots=True)
class Rhythm:
    timezone: str
    timezone_source: str
    working_hours: str
    heatmap: list[list[int]]
    out_of_hours_share: float | None
    night_share: float | None
    weekend_share: float | None
    weekends_active_share: float | None
    active_days: int
    span_days: int
    longest_streak_days: int
    longest_silence_days: float | None
    longest_silence_from: str | None
    longest_silence_to: str | None
    always_on: bool
    out_of_hours_examples: list[str]
    # The recent period (the last 12 months of the history), which the rhythm findings judge.
    recent_from: str | None
    recent_posts: int
    recent_out_of_hours_share: float | None
    recent_night_share: float | None
    recent_weekends_active_share: float | None


@dataclass(slots=True)
class VoiceEngagement:
    posts: int
    likes_median: float | None
    likes_mean: float | None
    reposts_median: float | None
    reposts_mean: float | None


@dataclass(slots=True)
class Ratio:
    value: float | None
    interval_low: float | None
    interval_high: float | None
    confidence: float
    personal_posts: int
    corporate_posts: int


@dataclass(slots=True)
class TopPost:
    id: str
    voice: str
    likes: int
    reposts: int


@dataclass(slots=True)
class BestPost:
    id: str
    engagement: int
    times_median: float | None
    voice: str | None
    kind: str


@dataclass(slots=True)
class SharedTrait:
    """Something the best posts have in common more often than the account's posts in general."""

    trait: str
    description: str
    best_share: float
    all_share: float


@dataclass(slots=True)
class Engagement:
    by_voice: dict[str, VoiceEngagement]
    personal_vs_corporate_ratio: Ratio
    top_posts: list[TopPost]
    median_by_hour_of_week: list[list[float | None]]
    best_hours: list[dict[str, Any]]
    note: str
    counts_available: bool = False
    posts_counted: int = 0
    median_engagement: float | None = None
    best_posts: list[BestPost] = field(default_factory=list)
    what_works: list[SharedTrait] = field(default_factory=list)


@dataclass(slots=True)
class PeriodCount:
    period: str
    posts: int


@dataclass(slots=True)
class Silence:
    start: str
    end: str
    days: float


@dataclass(slots=True)
class Activity:
    by_year: list[PeriodCount]
    by_month: list[PeriodCount]
    last_12_months_posts: int
    earlier_years: int
    earlier_yearly_mean: float | None
    busiest_year: str | None
    busiest_year_posts: int | None
    recent_vs_busiest: float | None
    recent_vs_earlier_mean: float | None
    trend: str
    silence_days: int
    silences: list[Silence]


@dataclass(slots=True)
class Example:
    """A cited post, with what a reader needs to check it against the finding."""

    id: str
    local_time: str
    kind: str
    reply_delay_s: float | None
    likes: int | None
    reposts: int | None


@dataclass(slots=True)
class RoleAdvice:
    """The client's role and goals as typed, and how the advice reads them."""

    text: str
    kind: str
    audience: str
    goals_text: str
    goals: list[str]


@dataclass(slots=True)
class Finding:
    code: str
    area: str
    severity: str
    headline: str
    measured: str
    healthy: str
    recommendation: str
    example_post_ids: list[str]
    low_confidence: bool
    examples: list[Example] = field(default_factory=list)
    # Codes of findings that said the same thing and were folded into this one.
    merged: list[str] = field(default_factory=list)
    # The client's goals this finding bears on (it is ranked higher for them).
    goals: list[str] = field(default_factory=list)


@dataclass(slots=True)
class ConfidenceFlag:
    figure: str
    reason: str


@dataclass(slots=True)
class Profile:
    posts: PostCounts
    tone: Tone
    voice: Voice
    responsiveness: Responsiveness
    rhythm: Rhythm
    engagement: Engagement
    findings: list[Finding]
    confidence: list[ConfidenceFlag]
    low_confidence: bool
    version: int = PROFILE_VERSION
    account: dict[str, str] = field(default_factory=dict)
    strengths: list[Finding] = field(default_factory=list)
    activity: Activity | None = None
    role: RoleAdvice | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class PostScore:
    """The per-post figures `profile_history --posts` prints and the report cites."""

    id: str
    kind: str
    sentiment: float | None
    informality: float | None
    voice_score: float | None
    voice: str | None
    voice_features: list[str]
    # The probability of the label, and the features that decided it in plain words.
    voice_probability: float | None = None
    voice_reasons: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Analysis:
    profile: Profile
    post_scores: list[PostScore]
