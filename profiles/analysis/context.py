"""What the engine is told about the account, and the per-post record the sections share."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from profiles.analysis.features import PostFeatures
from profiles.analysis.thresholds import DEFAULT_THRESHOLDS, Thresholds
from profiles.analysis.worktime import DEFAULT_WORKING_HOURS, WorkingHours
from profiles.ingest.records import AccountInfo, NormalisedPost, PostKind


@dataclass(frozen=True, slots=True)
class AnalysisContext:
    """The account the posts belong to and the user's stated circumstances."""

    account_id: str = ""
    handle: str = ""
    follower_ids: frozenset[str] | None = None
    following_ids: frozenset[str] | None = None
    # The zone the user gave with their order; else the export's; else UTC (the report says which).
    timezone: str = ""
    archive_timezone: str = ""
    working_hours: WorkingHours = DEFAULT_WORKING_HOURS
    skipped_records: int = 0
    thresholds: Thresholds = field(default_factory=lambda: DEFAULT_THRESHOLDS)
    # What the client typed when ordering ("family lawyer", "speaking invitations"): it chooses
    # the advice's words and which findings come first (profiles/analysis/roles.py).
    role: str = ""
    goals: str = ""

    @classmethod
    def for_account(
        cls,
        account: AccountInfo,
        *,
        timezone: str = "",
        working_hours: WorkingHours = DEFAULT_WORKING_HOURS,
        skipped_records: int = 0,
        thresholds: Thresholds = DEFAULT_THRESHOLDS,
        role: str = "",
        goals: str = "",
    ) -> AnalysisContext:
        """The context of an imported export's account, with the user's own settings."""
        return cls(
            account_id=account.account_id,
            handle=account.handle,
            follower_ids=account.follower_ids,
            following_ids=account.following_ids,
            timezone=timezone,
            archive_timezone=account.timezone,
            working_hours=working_hours,
            skipped_records=skipped_records,
            thresholds=thresholds,
            role=role,
            goals=goals,
        )


@dataclass(slots=True)
class ScoredPost:
    """A post with its features, local time and (once templates are known) its voice."""

    post: NormalisedPost
    features: PostFeatures
    local: datetime
    month: str
    voice_score: float | None = None
    voice: str | None = None
    voice_probability: float | None = None
    # Codes of the features that decided the voice (`voice_model.describe` says them in words).
    voice_features: tuple[str, ...] = ()

    @property
    def authored(self) -> bool:
        """The account's own words: everything but reposts."""
        return self.post.kind != PostKind.REPOST

    @property
    def standalone(self) -> bool:
        """A post written for the whole audience (original or quote), not an answer."""
        return self.post.kind in (PostKind.ORIGINAL, PostKind.QUOTE)

    @property
    def to_others(self) -> bool:
        return self.post.kind == PostKind.REPLY and not self.post.is_self_reply
