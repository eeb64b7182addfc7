"""X's long posts (over 280 characters): `tweets.js` holds them cut, `note-tweet.js` whole.

A cut post ends at about 275 characters with a `https://t.co/…` link. Its note is not linked by
id (`noteTweetId` is not the post's id); in real archives every note matched its post by creation
time to the second, so that is the key, with the text's beginning to choose where two posts share
a second (a thread sent at once).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from profiles.ingest.errors import MALFORMED_FIELD
from profiles.ingest.records import ImportReport, NormalisedPost
from profiles.ingest.text import hashtags_in, links_in, mentions_in

MAX_NOTE_CHARS = 100_000
# Notes are held in memory while the posts stream past: bounded, whatever the file claims.
MAX_NOTES_TOTAL_CHARS = 32 * 1024 * 1024
CUT_LINK = re.compile(r"\s*https://t\.co/\w+\s*$")
# How much of a post's beginning must agree with a note's when the time alone does not decide.
MIN_SHARED_START = 20


def _shared_start(first: str, second: str) -> int:
    length = 0
    for a, b in zip(first, second, strict=False):
        if a != b:
            break
        length += 1
    return length


class LongPostTexts:
    """The whole texts of long posts, by creation second; `whole(post)` gives the post its text."""

    def __init__(self, entries: Iterable[tuple[str, Any]], report: ImportReport) -> None:
        self._by_second: dict[int, list[str]] = {}
        kept = 0
        for location, entry in entries:
            try:
                note = entry["noteTweet"]
                text = str(note["core"]["text"])[:MAX_NOTE_CHARS]
                created = datetime.fromisoformat(str(note["createdAt"]).replace("Z", "+00:00"))
                if created.tzinfo is None:
                    raise ValueError("no time zone")
            except MALFORMED_FIELD:
                report.skip(location, "a long post's text whose time or text cannot be read")
                continue
            kept += len(text)
            if kept > MAX_NOTES_TOTAL_CHARS:
                report.skip(location, "more long-post text than Voiceprint keeps; the cut text is used")
                continue
            self._by_second.setdefault(int(created.timestamp()), []).append(text)

    def whole(self, post: NormalisedPost) -> NormalisedPost:
        """The post with its note's whole text, or unchanged when no note matches."""
        if not self._by_second:
            return post
        candidates = self._by_second.get(int(post.created_at.timestamp()))
        if not candidates:
            return post
        cut = CUT_LINK.sub("", post.text).rstrip("\u2026 ")
        best = max(candidates, key=lambda text: _shared_start(cut, text))
        shared = _shared_start(cut, best)
        # A note alone in its second fits a post that looks cut; otherwise the beginnings must agree.
        alone_and_cut = len(candidates) == 1 and CUT_LINK.search(post.text) is not None
        if len(best) <= len(cut) or not (alone_and_cut or shared >= min(len(cut), MIN_SHARED_START)):
            return post
        return post._replace(
            text=best,
            mentions=tuple(dict.fromkeys([*post.mentions, *mentions_in(best)])),
            hashtags=tuple(dict.fromkeys([*post.hashtags, *hashtags_in(best)])),
            urls=tuple(dict.fromkeys([*post.urls, *links_in(best)])),
        )
