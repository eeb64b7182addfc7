"""The normalised shapes every importer produces, whatever platform the history came from."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import NamedTuple


class Platform(StrEnum):
    TWITTER = "twitter"
    MASTODON = "mastodon"
    LINKEDIN = "linkedin"
    BLUESKY = "bluesky"
    OTHER = "other"


class PostKind(StrEnum):
    ORIGINAL = "original"
    REPLY = "reply"
    REPOST = "repost"
    QUOTE = "quote"


class NormalisedPost(NamedTuple):
    """One post of the author's, as every later stage sees it (immutable).

    A NamedTuple rather than a frozen dataclass: it is built once per post on the import's
    hot path, and costs less than half as much to create.

    `created_at` is aware and in UTC. `text` is plain text with HTML entities decoded.
    `reply_to_*` are set on replies only; `is_self_reply` is True when the author answers
    their own post (a thread), which only the author's own account id can tell for sure.
    Counts are the platform's snapshot at export time, or None where the export has none.
    """

    platform: Platform
    external_id: str
    created_at: datetime
    text: str
    kind: PostKind = PostKind.ORIGINAL
    reply_to_post_id: str = ""
    reply_to_account_id: str = ""
    reply_to_handle: str = ""
    is_self_reply: bool = False
    mentions: tuple[str, ...] = ()
    hashtags: tuple[str, ...] = ()
    urls: tuple[str, ...] = ()
    likes: int | None = None
    reposts: int | None = None
    client: str = ""
    language: str = ""
    url: str = ""


@dataclass(slots=True)
class AccountInfo:
    """The author's own account, as far as the export tells it."""

    platform: Platform
    account_id: str = ""
    handle: str = ""
    display_name: str = ""
    # An IANA zone name ("Europe/Berlin"), or "" where the export names none.
    timezone: str = ""
    follower_ids: frozenset[str] | None = None
    following_ids: frozenset[str] | None = None


@dataclass(frozen=True, slots=True)
class SkippedRecord:
    """A record that could not become a post, and why; shown to the user after the import."""

    location: str
    reason: str


@dataclass(slots=True)
class ImportReport:
    """What an import read: filled in while the posts are streamed."""

    format: str
    source_files: list[str] = field(default_factory=list)
    posts_by_kind: Counter[str] = field(default_factory=Counter)
    first_post_at: datetime | None = None
    last_post_at: datetime | None = None
    skipped_count: int = 0
    skipped_examples: list[SkippedRecord] = field(default_factory=list)
    # Earlier versions of edited posts: not errors, just not the post as it stands.
    superseded_edits: int = 0
    # Posts as the files list them, before repeats of one post were merged into one.
    records_read: int = 0
    repeats_merged: int = 0
    # Posts (not reposts) with no words of the author's own: a link or a picture only.
    posts_without_text: int = 0

    MAX_EXAMPLES = 5

    @property
    def posts_total(self) -> int:
        return sum(self.posts_by_kind.values())

    def count_post(self, post: NormalisedPost) -> None:
        self.posts_by_kind[post.kind] += 1
        moment = post.created_at
        if self.first_post_at is None:
            self.first_post_at = self.last_post_at = moment
        elif moment < self.first_post_at:
            self.first_post_at = moment
        elif moment > self.last_post_at:  # type: ignore[operator]
            self.last_post_at = moment

    def skip(self, location: str, reason: str) -> None:
        self.skipped_count += 1
        if len(self.skipped_examples) < self.MAX_EXAMPLES:
            self.skipped_examples.append(SkippedRecord(location=location, reason=reason))

    def as_dict(self) -> dict[str, object]:
        """JSON-ready summary, as stored with the history and shown to the user."""
        return {
            "format": self.format,
            "source_files": list(self.source_files),
            "posts_total": self.posts_total,
            "posts_by_kind": {kind.value: self.posts_by_kind.get(kind, 0) for kind in PostKind},
            "first_post_at": self.first_post_at.isoformat() if self.first_post_at else None,
            "last_post_at": self.last_post_at.isoformat() if self.last_post_at else None,
            "skipped_count": self.skipped_count,
            "skipped_examples": [{"location": s.location, "reason": s.reason} for s in self.skipped_examples],
            "superseded_edits": self.superseded_edits,
            "records_read": self.records_read,
            "repeats_merged": self.repeats_merged,
            "posts_without_text": self.posts_without_text,
        }


# What a database cannot store in text: NUL (PostgreSQL refuses it) and lone UTF-16 surrogates
# (not UTF-8 at all), both of which a JSON export can carry as escapes ("\u0000", "\ud83d").
UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def storable_text(value: str) -> str:
    """NUL removed, a lone surrogate shown as U+FFFD (the replacement character)."""
    return UNSTORABLE.sub(lambda match: "" if match.group() == "\x00" else "\ufffd", value)


def storable_post(post: NormalisedPost) -> NormalisedPost:
    """The post with every text field storable; the same object when it already is (nearly always)."""
    strings = (post.text, post.external_id, post.reply_to_post_id, post.reply_to_account_id, post.reply_to_handle,
               post.url, post.client, post.language, *post.mentions, *post.hashtags, *post.urls)  # fmt: skip
    joined = "".join(strings)  # one look at all of them: this runs for every post imported
    if "\x00" not in joined and (joined.isascii() or UNSTORABLE.search(joined) is None):
        return post
    return post._replace(
        text=storable_text(post.text),
        external_id=storable_text(post.external_id),
        reply_to_post_id=storable_text(post.reply_to_post_id),
        reply_to_account_id=storable_text(post.reply_to_account_id),
        reply_to_handle=storable_text(post.reply_to_handle),
        url=storable_text(post.url),
        client=storable_text(post.client),
        language=storable_text(post.language),
        mentions=tuple(storable_text(value) for value in post.mentions),
        hashtags=tuple(storable_text(value) for value in post.hashtags),
        urls=tuple(storable_text(value) for value in post.urls),
    )


def storable_account(account: AccountInfo) -> AccountInfo:
    """The account with storable names and ids (changed in place: it is read once per import)."""
    for name in ("account_id", "handle", "display_name", "timezone"):
        value = getattr(account, name)
        if UNSTORABLE.search(value):
            setattr(account, name, storable_text(value))
    for name in ("follower_ids", "following_ids"):
        ids = getattr(account, name)
        if ids is not None and any(UNSTORABLE.search(value) for value in ids):
            setattr(account, name, frozenset(storable_text(value) for value in ids))
    return account
