"""The profiling engine: posts in, figures out. Pure Python, no Django.

See `profiles.analysis.engine` for the entry points and docs/metrics.md for every figure.
"""

from __future__ import annotations

from profiles.analysis.context import AnalysisContext
from profiles.analysis.engine import AnalysisError, analyse, assemble, in_time_order, resolve_timezone
from profiles.analysis.features import PostFeatures, features_from_rows, features_of, features_to_rows
from profiles.analysis.profile import Analysis, PostScore, Profile
from profiles.analysis.thresholds import DEFAULT_THRESHOLDS, Thresholds
from profiles.analysis.worktime import WorkingHours, WorkingHoursError

__all__ = [
    "DEFAULT_THRESHOLDS",
    "Analysis",
    "AnalysisContext",
    "AnalysisError",
    "PostFeatures",
    "PostScore",
    "Profile",
    "Thresholds",
    "WorkingHours",
    "WorkingHoursError",
    "analyse",
    "assemble",
    "features_from_rows",
    "features_of",
    "features_to_rows",
    "in_time_order",
    "resolve_timezone",
]
