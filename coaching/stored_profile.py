"""A typed view of a profile as a report stores it (JSON), checked against the version it was
written with before anything reads it.

The analysis writes `profiles.analysis.profile.Profile.as_dict()`; past that boundary the report
reads this view, so a missing section or a profile of another layout is found here, with a clear
message, instead of half-way through a template.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from profiles.analysis.profile import PROFILE_VERSION

# The profile's layout the report's templates are written for. Version 2 added strengths, cited
# examples on each finding, activity, what works and the role; the sections below read none of
# them yet, so its profiles render as version 1's did.
REPORTED_PROFILE_VERSION = PROFILE_VERSION
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

    @classmethod
    def read(cls, stored: Mapping[str, Any]) -> StoredProfile:
        """The view of `stored`; ProfileVersionError for another version or a missing section."""
        version = stored.get("version")
        if version != REPORTED_PROFILE_VERSION:
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
        return cls(
            version=version,
            **{name: stored[name] for name in SECTION_FIELDS},
            findings=list(stored.get("findings", [])),
            confidence=list(stored.get("confidence", [])),
            low_confidence=bool(stored.get("low_confidence", False)),
        )
