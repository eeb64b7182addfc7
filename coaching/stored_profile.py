"""A typed view of a profile as a report stores it (JSON), checked against the version it was
written with before anything reads it.

The analysis writes `profiles.analysis.profile.Profile.as_dict()`; past that boundary the report
reads this view, so a missing section or a profile of another layout is found here, with a clear
message, instead of half-way through a template.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from profiles.analysis.profile import PROFILE_VERSION

# The profile's layout the report's templates are written for. Version 2 added strengths, cited
# examples on each finding, activity, what works and the role.
REPORTED_PROFILE_VERSION = PROFILE_VERSION
# Reports written before version 2 stay readable: a client's delivered report must not turn into
# an error page when the site moves on. What version 1 lacks (strengths, activity, what works)
# is left out of such a report, with a line saying how to get it.
READABLE_PROFILE_VERSIONS = frozenset({1, REPORTED_PROFILE_VERSION})
SECTION_FIELDS = ("posts", "tone", "voice", "responsiveness", "rhythm", "engagement")


class ProfileVersionError(ValueError):
    """A stored profile the report cannot read; the message says why and what to do."""


@dataclass(frozen=True)
class StoredProfile:
    version: int
    posts: Mapping[str, Any]
    tone: Mapping[str, Any]
    voice: Mapping[str, Any]
    responsiveness: Mapping[str, Any]
    rhythm: Mapping[str, Any]
    engagement: Mapping[str, Any]
    findings: list[Mapping[str, Any]]
    confidence: list[Mapping[str, Any]]
    low_confidence: bool
    # Version 2 only: None (activity, role) or empty (strengths) in a version 1 profile.
    strengths: list[Mapping[str, Any]] = field(default_factory=list)
    activity: Mapping[str, Any] | None = None
    role: Mapping[str, Any] | None = None
    account: Mapping[str, Any] = field(default_factory=dict)

    @property
    def is_current(self) -> bool:
        """True when the profile carries everything the report shows (strengths, activity, what works)."""
        return self.version == REPORTED_PROFILE_VERSION

    @property
    def counts_available(self) -> bool:
        """Whether the export carried like and repost counts; version 1 did not say, so its
        engagement table is shown as it always was."""
        return bool(self.engagement.get("counts_available", not self.is_current))

    @classmethod
    def read(cls, stored: Mapping[str, Any]) -> StoredProfile:
        """The view of `stored`; ProfileVersionError for another version or a missing section."""
        version = stored.get("version")
        if version not in READABLE_PROFILE_VERSIONS:
            shown = version if version is not None else "unknown"
            raise ProfileVersionError(
                f"This report was written from a profile of version {shown}; this site shows version "
                f"{REPORTED_PROFILE_VERSION}. Re-run the analysis to bring it up to date."
            )
        missing = [name for name in SECTION_FIELDS if not isinstance(stored.get(name), Mapping)]
        if missing:
            raise ProfileVersionError(
                f"This report's profile lacks {', '.join(missing)}. Re-run the analysis to bring it up to date."
            )
        activity = stored.get("activity")
        role = stored.get("role")
        return cls(
            version=version,
            **{name: stored[name] for name in SECTION_FIELDS},
            findings=list(stored.get("findings", [])),
            confidence=list(stored.get("confidence", [])),
            low_confidence=bool(stored.get("low_confidence", False)),
            strengths=list(stored.get("strengths") or []),
            activity=activity if isinstance(activity, Mapping) else None,
            role=role if isinstance(role, Mapping) else None,
            account=stored.get("account") or {},
        )
