"""The voice shares the report shows: the analysis's, with the posts a coach re-read moved to the
coach's label.

A stored profile keeps the shares (over posts judged) but not the counts; the counts are
recovered as share × posts judged, rounded. Shares are stored to four decimals, so a count is
exact up to 5,000 judged posts and at most one post off beyond that: well inside the whole
percent the report prints.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from profiles.analysis.stats import share
from profiles.analysis.voice import wilson_interval

JUDGED = ("personal", "mixed", "corporate")
UNKNOWN = "unknown"
LABELS = (*JUDGED, UNKNOWN)


@dataclass(frozen=True)
class VoiceShares:
    """Shares of the judged posts in each voice, with their 90% Wilson intervals [low, high]."""

    posts_read: int
    posts_judged: int
    judged_share: float | None
    personal_share: float | None
    mixed_share: float | None
    corporate_share: float | None
    personal_interval: list[float] | None
    mixed_interval: list[float] | None
    corporate_interval: list[float] | None
    # Posts whose coach's label is counted in place of the analysis's.
    posts_reread: int = 0


def profile_voice_labels(profile: Mapping[str, Any]) -> dict[str, str]:
    """The analysis's label of each post the stored profile names with one, by post id.

    The best and top posts carry their voice; the most personal and most corporate examples
    are of that voice; a cited example carries a `voice` when the profile records it.
    """
    voice = profile.get("voice") or {}
    engagement = profile.get("engagement") or {}
    labels: dict[str, str] = {}
    labels.update(dict.fromkeys(voice.get("most_personal") or [], "personal"))
    labels.update(dict.fromkeys(voice.get("most_corporate") or [], "corporate"))
    for post in [*(engagement.get("top_posts") or []), *(engagement.get("best_posts") or [])]:
        if post.get("id") and post.get("voice") in LABELS:
            labels[post["id"]] = post["voice"]
    for cited in [*(profile.get("findings") or []), *(profile.get("strengths") or [])]:
        for example in cited.get("examples") or []:
            if example.get("id") and example.get("voice") in LABELS:
                labels[example["id"]] = example["voice"]
    return labels


def voice_counts(voice: Mapping[str, Any]) -> tuple[int, dict[str, int]]:
    """(posts read, posts of each label) as the analysis counted them, from the stored shares."""
    read = int(voice.get("posts_scored") or 0)
    # Profiles written before unknown existed judged every post they read.
    judged = int(voice.get("posts_judged", read) or 0)
    counts = {label: round((voice.get(f"{label}_share") or 0.0) * judged) for label in JUDGED}
    # Rounding can leave the three a post off their total: the largest absorbs it.
    if judged and (residual := judged - sum(counts.values())):
        largest = max(JUDGED, key=lambda label: counts[label])
        counts[largest] = max(counts[largest] + residual, 0)
    counts[UNKNOWN] = max(read - judged, 0)
    return read, counts


def voice_shares(voice: Mapping[str, Any], moves: Iterable[tuple[str, str]] = ()) -> VoiceShares:
    """The voice section's shares after moving each post of `moves` from its analysis label to
    the coach's, as (analysis label, coach's label) pairs.

    share(v) = n(v) / (n(personal) + n(mixed) + n(corporate)); a post moved to or from unknown
    leaves or joins the judged posts, so the judged share changes with it. A pair naming a label
    that is not a voice, or a move out of a label with no post left, is ignored (not counted).
    """
    read, counts = voice_counts(voice)
    reread = 0
    for analysis, coach in moves:
        if analysis not in LABELS or coach not in LABELS or counts[analysis] < 1:
            continue
        counts[analysis] -= 1
        counts[coach] += 1
        reread += 1
    judged = sum(counts[label] for label in JUDGED)
    return VoiceShares(
        posts_read=read,
        posts_judged=judged,
        judged_share=share(judged, read),
        personal_share=share(counts["personal"], judged),
        mixed_share=share(counts["mixed"], judged),
        corporate_share=share(counts["corporate"], judged),
        personal_interval=wilson_interval(counts["personal"], judged),
        mixed_interval=wilson_interval(counts["mixed"], judged),
        corporate_interval=wilson_interval(counts["corporate"], judged),
        posts_reread=reread,
    )


def voice_moves(corrections: Iterable[tuple[str, str, str, str]], profile: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(analysis label, coach's label) of each correction whose analysis label is known.

    `corrections` are (post id, coach's label, analysis label recorded at correction time, the
    model that gave it). The label the profile itself carries wins; a recorded one counts only
    if the profile was scored by the same voice model, since another model may read the post
    otherwise.
    """
    known = profile_voice_labels(profile)
    model = str((profile.get("voice") or {}).get("model_version") or "")
    moves = []
    for post_id, label, recorded, recorded_model in corrections:
        analysis = known.get(post_id) or (recorded if recorded and model and recorded_model == model else "")
        if analysis:
            moves.append((analysis, label))
    return moves
