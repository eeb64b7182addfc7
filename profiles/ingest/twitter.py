"""X / Twitter histories: the "Download your data" archive (2019 on), a bare `tweets.js`,
and the first-generation archive of 2012–2018 (`data/js/tweets/YYYY_MM.js` or `tweets.csv`)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import IO, Any

from profiles.ingest.containers import Container, Limits, member_label
from profiles.ingest.csvstream import csv_rows
from profiles.ingest.errors import MALFORMED_FIELD, HistoryFormatError, malformed_field_reason
from profiles.ingest.jsonstream import iter_json_array, load_small, skip_assignment
from profiles.ingest.notes import LongPostTexts
from profiles.ingest.records import AccountInfo, ImportReport, NormalisedPost, Platform, PostKind
from profiles.ingest.text import client_name, decode_entities, hashtags_in, mentions_in, parse_twitter_date
from profiles.ingest.timezones import iana_zone

YTD_PREFIX = re.compile(rb"\s*window\.YTD\.(?P<name>[A-Za-z0-9_]+)\.part\d+\s*=\s*")
GRAILBIRD_PREFIX = re.compile(rb"\s*Grailbird\.data\.(?P<name>[A-Za-z0-9_]+)\s*=\s*")
VAR_PREFIX = re.compile(rb"\s*var\s+(?P<name>[A-Za-z0-9_]+)\s*=\s*")
MANIFEST_PREFIX = re.compile(rb"\s*window\.(?P<name>__THAR_CONFIG)\s*=\s*")
# `data/tweets.js`, `data/tweets-part1.js`; `data/tweet.js` in 2019–2021 archives. A folder
# above `data/` is allowed: people unzip and re-zip their archive.
TWEETS_MEMBER = re.compile(r"^(?P<root>(?:[^/]+/)?)data/tweets?(?:-part(?P<part>\d+))?\.js$")
GRAILBIRD_MONTH_MEMBER = re.compile(r"^(?P<root>(?:[^/]+/)?)data/js/tweets/\d{4}_\d{2}\.js$")
GRAILBIRD_CSV_MEMBER = re.compile(r"^(?P<root>(?:[^/]+/)?)tweets\.csv$")
STATUS_URL = re.compile(r"^https?://(?:www\.|mobile\.)?(?:twitter|x)\.com/\w+/status(?:es)?/(\d+)")
SMALL_FILE_LIMIT = 1024 * 1024
MAX_TEXT_CHARS = 100_000
MAX_CACHED_CLIENTS = 1000


class BrokenRecord(Exception):
    """A record that cannot become a post; it is skipped and reported, not fatal."""


def _int_or_none(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _as_number(value: str) -> int:
    return int(value) if value.isdigit() else -1


def _edit_versions(tweet: dict[str, Any]) -> list[str]:
    edit_info = tweet.get("edit_info") or {}
    initial = edit_info.get("initial") or {}
    versions = initial.get("editTweetIds")
    if not versions:
        versions = ((edit_info.get("edit") or {}).get("editControlInitial") or {}).get("editTweetIds")
    return [str(v) for v in versions or ()]


def _entity_values(entities: dict[str, Any], kind: str, *keys: str) -> tuple[str, ...]:
    items = entities.get(kind)
    if not items:
        return ()
    values = []
    for item in items:
        if isinstance(item, dict):
            value = next((item[k] for k in keys if item.get(k)), "")
            values.append(str(value))
    return tuple(values)


class TweetConverter:
    """Turns one tweet object (any archive generation) into a `NormalisedPost`.

    This runs once per post of every import, so it avoids per-post work that repeats:
    client names are cached by their `source` anchor, entity lists are read only when present.
    """

    def __init__(self, account: AccountInfo) -> None:
        self.account = account
        self._own_handle = account.handle.lower()
        self._url_prefix = f"https://x.com/{account.handle or 'i/web'}/status/"
        self._clients: dict[str, str] = {}

    def _client(self, source: Any) -> str:
        source = str(source or "")
        name = self._clients.get(source)
        if name is None:
            name = client_name(source)
            if len(self._clients) < MAX_CACHED_CLIENTS:  # bounded: a hostile file could vary it per post
                self._clients[source] = name
        return name

    def convert(self, tweet: dict[str, Any]) -> NormalisedPost:
        get = tweet.get
        post_id = get("id_str") or get("id") or ""
        if not isinstance(post_id, str):
            post_id = str(post_id)
        if not post_id.isdigit():
            post_id = post_id.strip()
            raise BrokenRecord("no post id" if not post_id else f"post id {post_id[:30]!r} is not a number")
        raw_date = get("created_at")
        if not raw_date:
            raise BrokenRecord(f"post {post_id} has no date")
        try:
            created_at = parse_twitter_date(str(raw_date))
        except (ValueError, KeyError) as error:
            raise BrokenRecord(f"post {post_id} has an unreadable date {str(raw_date)[:40]!r}") from error
        text = get("full_text")
        if text is None:
            text = get("text")
        text = decode_entities(str(text or ""))[:MAX_TEXT_CHARS]

        entities = get("entities") or {}
        if not isinstance(entities, dict):
            entities = {}
        mentions = _entity_values(entities, "user_mentions", "screen_name")
        hashtags = _entity_values(entities, "hashtags", "text")
        urls = _entity_values(entities, "urls", "expanded_url", "url")

        reply_to_post = get("in_reply_to_status_id_str") or get("in_reply_to_status_id") or ""
        reply_to_account = reply_to_handle = ""
        is_self_reply = False
        if text.startswith("RT @") or get("retweeted_status"):
            kind = PostKind.REPOST
        elif reply_to_post:
            kind = PostKind.REPLY
            reply_to_post = str(reply_to_post)
            reply_to_account = str(get("in_reply_to_user_id_str") or get("in_reply_to_user_id") or "")
            reply_to_handle = str(get("in_reply_to_screen_name") or "")
            own_id = self.account.account_id
            is_self_reply = (bool(own_id) and reply_to_account == own_id) or (
                bool(self._own_handle) and reply_to_handle.lower() == self._own_handle
            )
        elif get("quoted_status_id_str") or any(STATUS_URL.match(u) for u in urls):
            kind = PostKind.QUOTE
        else:
            kind = PostKind.ORIGINAL
        if kind is not PostKind.REPLY:
            reply_to_post = ""
        return NormalisedPost(
            Platform.TWITTER,
            post_id,
            created_at,
            text,
            kind,
            reply_to_post,
            reply_to_account,
            reply_to_handle,
            is_self_reply,
            mentions,
            hashtags,
            urls,
            _int_or_none(get("favorite_count")),
            _int_or_none(get("retweet_count")),
            self._client(get("source")),
            str(get("lang") or ""),
            self._url_prefix + post_id,
        )


def convert_tweets(
    entries: Iterable[tuple[str, Any]], converter: TweetConverter, report: ImportReport
) -> Iterator[NormalisedPost]:
    """Convert `(location, entry)` pairs, skipping broken ones and superseded edit versions."""
    for location, entry in entries:
        if not isinstance(entry, dict):
            report.skip(location, "not a post record")
            continue
        tweet = entry.get("tweet", entry)
        if not isinstance(tweet, dict):
            report.skip(location, "not a post record")
            continue
        try:
            if "edit_info" in tweet:
                versions = _edit_versions(tweet)
                if len(versions) > 1 and str(tweet.get("id_str")) != max(versions, key=_as_number):
                    report.superseded_edits += 1
                    continue
            post = converter.convert(tweet)
        except BrokenRecord as error:
            report.skip(location, str(error))
            continue
        except MALFORMED_FIELD as error:
            report.skip(location, malformed_field_reason(error))
            continue
        if report.admit(post, location):
            yield post


def _located(items: Iterable[Any], label: str) -> Iterator[tuple[str, Any]]:
    for number, item in enumerate(items, start=1):
        yield f"{label}, record {number:,}", item


def _ytd_entries(container: Container, name: str, limits: Limits, wanted: set[str]) -> Iterator[Any]:
    label = member_label(container, name)
    with container.open(name) as raw:
        assigned, stream = skip_assignment(raw, label, YTD_PREFIX, limits.max_prefix_bytes)
        if assigned not in wanted:
            raise HistoryFormatError(
                f"{label} holds {assigned!r} data, not posts. Upload the whole archive, or its data/tweets.js.",
                detail=f"YTD name {assigned}",
            )
        yield from iter_json_array(stream, label)


def _ytd_small(container: Container, name: str, limits: Limits) -> Any:
    label = member_label(container, name)
    with container.open(name) as raw:
        _, stream = skip_assignment(raw, label, YTD_PREFIX, limits.max_prefix_bytes)
        return load_small(stream, label, SMALL_FILE_LIMIT)


def _ytd_ids(container: Container, name: str, key: str, limits: Limits) -> frozenset[str]:
    ids = set()
    for entry in _ytd_entries(container, name, limits, {key}):
        account_id = str(((entry or {}).get(key) or {}).get("accountId") or "") if isinstance(entry, dict) else ""
        if account_id:
            ids.add(account_id)
    return frozenset(ids)


class TwitterArchive:
    """The zip X sends ("Download your data"), read without extracting anything."""

    format = "twitter-archive"

    def __init__(self, container: Container, limits: Limits) -> None:
        self._container = container
        self._limits = limits
        names = container.names()
        matches = [(m, n) for n in names if (m := TWEETS_MEMBER.match(n))]
        root = matches[0][0].group("root") if matches else ""
        self._tweet_files = [n for m, n in sorted(matches, key=lambda mn: int(mn[0].group("part") or 0))]
        self.report = ImportReport(format=self.format, source_files=list(self._tweet_files))
        self.account = AccountInfo(platform=Platform.TWITTER)
        available = set(names)
        if f"{root}data/account.js" in available:
            rows = _ytd_small(container, f"{root}data/account.js", limits)
            account = (rows[0].get("account") if rows and isinstance(rows[0], dict) else None) or {}
            self.account.account_id = str(account.get("accountId") or "")
            self.account.handle = str(account.get("username") or "")
            self.account.display_name = str(account.get("accountDisplayName") or "")
        if not self.account.account_id and f"{root}data/manifest.js" in available:
            # Some real archives have no account.js; the manifest still names the account.
            self._account_from_manifest(f"{root}data/manifest.js")
        if f"{root}data/account-timezone.js" in available:
            rows = _ytd_small(container, f"{root}data/account-timezone.js", limits)
            zone = (rows[0].get("accountTimezone") if rows and isinstance(rows[0], dict) else None) or {}
            self.account.timezone = iana_zone(str(zone.get("timeZone") or ""))
        if f"{root}data/follower.js" in available:
            self.account.follower_ids = _ytd_ids(container, f"{root}data/follower.js", "follower", limits)
        if f"{root}data/following.js" in available:
            self.account.following_ids = _ytd_ids(container, f"{root}data/following.js", "following", limits)

        notes = f"{root}data/note-tweet.js"
        self._note_file = notes if notes in available else None
        if self._note_file:
            self.report.source_files.append(notes)

    def _account_from_manifest(self, name: str) -> None:
        label = member_label(self._container, name)
        with self._container.open(name) as raw:
            _, stream = skip_assignment(raw, label, MANIFEST_PREFIX, self._limits.max_prefix_bytes)
            manifest = load_small(stream, label, SMALL_FILE_LIMIT)
        user = manifest.get("userInfo") if isinstance(manifest, dict) else None
        if isinstance(user, dict):
            self.account.account_id = str(user.get("accountId") or "")
            self.account.handle = str(user.get("userName") or "")
            self.account.display_name = self.account.display_name or str(user.get("displayName") or "")

    def posts(self) -> Iterator[NormalisedPost]:
        converter = TweetConverter(self.account)
        notes = None
        if self._note_file:
            label = member_label(self._container, self._note_file)
            entries = _ytd_entries(self._container, self._note_file, self._limits, {"note_tweet", "noteTweet"})
            notes = LongPostTexts(_located(entries, label), self.report)
        for name in self._tweet_files:
            label = member_label(self._container, name)
            entries = _ytd_entries(self._container, name, self._limits, {"tweets", "tweet"})
            posts = convert_tweets(_located(entries, label), converter, self.report)
            yield from (notes.whole(post) for post in posts) if notes else posts


class BareTweetsJs:
    """A `tweets.js` uploaded on its own: posts only, no account, timezone or followers."""

    format = "twitter-tweets-js"

    def __init__(self, container: Container, limits: Limits) -> None:
        self._container = container
        self._limits = limits
        self.report = ImportReport(format=self.format, source_files=[container.label])
        self.account = AccountInfo(platform=Platform.TWITTER)

    def posts(self) -> Iterator[NormalisedPost]:
        name = self._container.names()[0]
        entries = _ytd_entries(self._container, name, self._limits, {"tweets", "tweet"})
        yield from convert_tweets(_located(entries, name), TweetConverter(self.account), self.report)


class GrailbirdArchive:
    """The first-generation archive: monthly `data/js/tweets/YYYY_MM.js`, or `tweets.csv`."""

    format = "twitter-grailbird"

    def __init__(self, container: Container, limits: Limits) -> None:
        self._container = container
        self._limits = limits
        names = container.names()
        self._month_files = sorted(n for n in names if GRAILBIRD_MONTH_MEMBER.match(n))
        self._csv_file = next((n for n in names if GRAILBIRD_CSV_MEMBER.match(n)), None)
        sources = self._month_files or ([self._csv_file] if self._csv_file else [])
        self.report = ImportReport(format=self.format, source_files=sources)
        self.account = AccountInfo(platform=Platform.TWITTER)
        details = next((n for n in names if n.endswith("data/js/user_details.js")), None)
        if details:
            label = member_label(container, details)
            with container.open(details) as raw:
                _, stream = skip_assignment(raw, label, VAR_PREFIX, limits.max_prefix_bytes)
                user = load_small(stream, label, SMALL_FILE_LIMIT)
            if isinstance(user, dict):
                self.account.account_id = str(user.get("id_str") or user.get("id") or "")
                self.account.handle = str(user.get("screen_name") or "")
                self.account.display_name = str(user.get("full_name") or user.get("name") or "")

    def posts(self) -> Iterator[NormalisedPost]:
        converter = TweetConverter(self.account)
        if self._month_files:
            # Month files run oldest first; each holds that month's posts newest first.
            for name in self._month_files:
                label = member_label(self._container, name)
                with self._container.open(name) as raw:
                    _, stream = skip_assignment(raw, label, GRAILBIRD_PREFIX, self._limits.max_prefix_bytes)
                    yield from convert_tweets(_located(iter_json_array(stream, label), label), converter, self.report)
        elif self._csv_file:
            label = member_label(self._container, self._csv_file)
            with self._container.open(self._csv_file) as raw:
                yield from convert_tweets(grailbird_csv_rows(raw, label), converter, self.report)


GRAILBIRD_CSV_COLUMNS = frozenset({"tweet_id", "timestamp", "text"})


def grailbird_csv_rows(raw: IO[bytes], label: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """`tweets.csv` rows as tweet-like dicts (the CSV has no entities: they are read from the text)."""
    for location, row in csv_rows(raw, label, GRAILBIRD_CSV_COLUMNS):
        text = row.get("text") or ""
        retweet_of = row.get("retweeted_status_id") or ""
        tweet: dict[str, Any] = {
            "id_str": row.get("tweet_id", ""),
            "created_at": row.get("timestamp", ""),
            "text": text,
            "source": row.get("source", ""),
            "in_reply_to_status_id_str": row.get("in_reply_to_status_id") or "",
            "in_reply_to_user_id_str": row.get("in_reply_to_user_id") or "",
            "retweeted_status": {"id_str": retweet_of} if retweet_of else None,
            "entities": {
                "user_mentions": [{"screen_name": m} for m in mentions_in(text)],
                "hashtags": [{"text": h} for h in hashtags_in(text)],
                "urls": [{"expanded_url": u} for u in (row.get("expanded_urls") or "").split(",") if u],
            },
        }
        yield location, tweet
