"""The normalised shapes every importer produces, whatever platform the history came from."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
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


# Twitter's first post was written on 21 March 2006; no platform Voiceprint reads has older posts.
EARLIEST_POST_AT = datetime(2006, 3, 21, tzinfo=UTC)
# A day's grace for clocks and time zones; anything later was not posted yet.
LATEST_POST_AHEAD = timedelta(days=1)


def _latest_plausible() -> datetime:
    return datetime.now(UTC) + LATEST_POST_AHEAD


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}" if count == 1 else f"{count:,} {word}s"


def merged_duplicates_sentence(records: int, ids: int) -> str:
    """`300 records shared 1 id and were merged into 1 post`: how a summary says it."""
    return f"{_plural(records, 'record')} shared {_plural(ids, 'id')} and were merged into {_plural(ids, 'post')}"


@dataclass(slots=True)
class ImportReport:
    """What an import read: filled in while the posts are streamed.

    Every record of the post files is accounted for once: a post (`posts_total`, by kind, as
    stored: records sharing an id are merged, the last one listed wins), merged into another
    (`records_merged`), skipped with a reason (`skipped_count`; `implausible_dates` of them for
    their date), an earlier version of an edited post, or a private message.
    """

    format: str
    source_files: list[str] = field(default_factory=list)
    posts_by_kind: Counter[str] = field(default_factory=Counter)
    first_post_at: datetime | None = None
    last_post_at: datetime | None = None
    skipped_count: int = 0
    skipped_examples: list[SkippedRecord] = field(default_factory=list)
    # Earlier versions of edited posts: not errors, just not the post as it stands.
    superseded_edits: int = 0
    # Mastodon's private mentions: direct messages, never read.
    private_messages: int = 0
    implausible_dates: int = 0
    # Records that repeated another's id, and how many ids were repeated: counted by the one
    # reading of a history (profiles.ingest.reading), which merges them.
    records_merged: int = 0
    shared_ids: int = 0
    # Posts (not reposts) with no words of the author's own: a link or a picture only.
    posts_without_text: int = 0
    latest_plausible: datetime = field(default_factory=_latest_plausible)

    MAX_EXAMPLES = 5

    @property
    def posts_total(self) -> int:
        return sum(self.posts_by_kind.values())

    def admit(self, post: NormalisedPost, location: str) -> bool:
        """Count the post, or skip it with the reason if its date cannot be a post's."""
        moment = post.created_at
        if moment < EARLIEST_POST_AT or moment > self.latest_plausible:
            when = "before the first post on Twitter (2006-03-21)" if moment < EARLIEST_POST_AT else "in the future"
            self.implausible_dates += 1
            self.skip(location, f"post {post.external_id[:40]} is dated {moment:%Y-%m-%d}, {when}")
            return False
        self.count_post(post)
        return True

    def count_post(self, post: NormalisedPost) -> None:
        self.posts_by_kind[post.kind] += 1
        moment = post.created_at
        if self.first_post_at is None:
            self.first_post_at = self.last_post_at = moment
        elif moment < self.first_post_at:
            self.first_post_at = moment
        elif moment > self.last_post_at:  # type: ignore[operator]
            self.last_post_at = moment

    def skip(self, location: str, reason: str, *, records: int = 1) -> None:
        """Leave out `records` records (one, unless one reason covers several) with the reason."""
        self.skipped_count += records
        if len(self.skipped_examples) < self.MAX_EXAMPLES:
            self.skipped_examples.append(SkippedRecord(location=location, reason=reason))

    @property
    def records_total(self) -> int:
        """Every record of the post files, whatever became of it."""
        return (
            self.posts_total + self.records_merged + self.skipped_count + self.superseded_edits + self.private_messages
        )

    def as_dict(self) -> dict[str, object]:
        """JSON-ready summary, as stored with the history and shown to the user."""
        return {
            "format": self.format,
            "source_files": list(self.source_files),
            "records_total": self.records_total,
            "posts_total": self.posts_total,
            "posts_by_kind": {kind.value: self.posts_by_kind.get(kind, 0) for kind in PostKind},
            "first_post_at": self.first_post_at.isoformat() if self.first_post_at else None,
            "last_post_at": self.last_post_at.isoformat() if self.last_post_at else None,
            "records_merged": self.records_merged,
            "shared_ids": self.shared_ids,
            "skipped_count": self.skipped_count,
            "skipped_examples": [{"location": s.location, "reason": s.reason} for s in self.skipped_examples],
            "implausible_dates": self.implausible_dates,
            "superseded_edits": self.superseded_edits,
            "private_messages": self.private_messages,
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


# An http(s) URL with a host: the scheme, an optional user, a host name (or a bracketed IPv6
# address), an optional port, then anything but white space and control characters, which
# a real URL percent-encodes and browsers silently drop (so "java\tscript:" would still run).
# A regular expression rather than urlsplit: this runs for every link of every post, and
# urlsplit cost a third of the import's time.
_WEB_LINK = re.compile(
    r"https?://(?:[^\x00-\x20\x7f/?#@\\]*@)?(?:[^\x00-\x20\x7f/?#@:\[\]\\]+|\[[0-9a-f:.]+\])(?::[0-9]*)?"
    r"(?:[/?#][^\x00-\x20\x7f]*)?",
    re.IGNORECASE,
)


def is_web_link(url: str) -> bool:
    """True for an http(s) URL with a host: the only links an import keeps.

    A post's `url` ends up in a report's `href` and a PDF's link annotations, where
    `javascript:`, `data:` or `file:` would run or open something on the reader's machine.
    """
    return _WEB_LINK.fullmatch(url) is not None


def with_web_links_only(post: NormalisedPost) -> NormalisedPost:
    """The post with any link that is not http(s) with a host dropped; the post itself is kept."""
    # Matched inline rather than through is_web_link: this runs for every post imported.
    url_ok = not post.url or _WEB_LINK.fullmatch(post.url) is not None
    if url_ok and all(map(_WEB_LINK.fullmatch, post.urls)):
        return post
    return post._replace(url=post.url if url_ok else "", urls=tuple(url for url in post.urls if is_web_link(url)))
