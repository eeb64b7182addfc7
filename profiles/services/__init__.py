"""Post-history services, one module per concern: `histories` (upload and import) and
`profiling` (the analysis). The names are re-exported here for callers of `profiles.services`.
"""

from __future__ import annotations

from profiles.services.histories import (
    BATCH_SIZE,
    GENERIC_FAILURE,
    ImportInProgress,
    ImportOutcome,
    history_create,
    history_create_from_path,
    history_fail,
    history_import,
    history_upload_remove,
    import_limits,
)
from profiles.services.profiling import (
    ANALYSIS_CHUNK_POSTS,
    ANALYSIS_FAILURE,
    PROGRESS_EVERY,
    ProfileSettingsError,
    profile_complete,
    profile_context,
    profile_create,
    profile_fail,
    profile_features,
    profile_start,
)

__all__ = [
    "ANALYSIS_CHUNK_POSTS",
    "ANALYSIS_FAILURE",
    "BATCH_SIZE",
    "GENERIC_FAILURE",
    "PROGRESS_EVERY",
    "ImportInProgress",
    "ImportOutcome",
    "ProfileSettingsError",
    "history_create",
    "history_create_from_path",
    "history_fail",
    "history_import",
    "history_upload_remove",
    "import_limits",
    "profile_complete",
    "profile_context",
    "profile_create",
    "profile_fail",
    "profile_features",
    "profile_start",
]
