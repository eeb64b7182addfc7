"""Mastodon exports: `outbox.json` (an ActivityStreams OrderedCollection) and `actor.json`."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from profiles.ingest.containers import Container, Limits, member_label
from profiles.ingest.errors import MALFORMED_FIELD, malformed_field_reason
from profiles.ingest.jsonstream import check_text_encoding, iter_member_array, load_small
from profiles.ingest.records import AccountInfo, ImportReport, NormalisedPost, Platform, PostKind
from profiles.ingest.text import html_to_text, links_in, parse_iso_datetime

PUBLIC = "https://www.w3.org/ns/activitystreams#Public"
STATUS_ID = re.compile(r"/statuses/(\d+)(?:/activity)?/?$")
ACTOR_FILE_LIMIT = 5 * 1024 * 1024


def _status_id(url: str) -> str:
    match = STATUS_ID.search(url)
    return match.group(1) if match else url


def _account_of(status_url: str) -> tuple[str, str]:
    """`https://host/users/bob/statuses/1` → (`https://host/users/bob`, `bob@host`)."""
    actor = status_url.split("/statuses/", 1)[0] if "/statuses/" in status_url else ""
    if not actor:
        return "", ""
    parts = urlsplit(actor)
    name = parts.path.rstrip("/").rsplit("/", 1)[-1].lstrip("@")
    return actor, f"{name}@{parts.hostname}" if name and parts.hostname else ""


def _is_direct_message(activity: dict[str, Any], note: dict[str, Any]) -> bool:
    audience = [*(note.get("to") or activity.get("to") or ()), *(note.get("cc") or activity.get("cc") or ())]
    audience = [a for a in audience if isinstance(a, str)]
    return bool(audience) and PUBLIC not in audience and not any(a.endswith("/followers") for a in audience)


class MastodonExport:
    format = "mastodon"

    def __init__(self, container: Container, limits: Limits, outbox: str, actor: str | None) -> None:
        self._container = container
        self._limits = limits
        self._outbox = outbox
        self.report = ImportReport(format=self.format, source_files=[outbox])
        self.account = AccountInfo(platform=Platform.MASTODON)
        if actor:
            label = member_label(container, actor)
            with container.open(actor) as raw:
                person = load_small(raw, label, ACTOR_FILE_LIMIT)
            if isinstance(person, dict):
                self.account.account_id = str(person.get("id") or "")
                host = urlsplit(self.account.account_id).hostname or ""
                username = str(person.get("preferredUsername") or "")
                self.account.handle = f"{username}@{host}" if username and host else username
                self.account.display_name = str(person.get("name") or "")

    def posts(self) -> Iterator[NormalisedPost]:
        label = member_label(self._container, self._outbox)
        with self._container.open(self._outbox) as raw:
            check_text_encoding(raw.peek(4096)[:4096], label)  # type: ignore[attr-defined]
            # One real export carries an empty `orderedItems` before the real one; streaming
            # every array under that key reads both, and the empty one adds nothing.
            items = iter_member_array(raw, label, "orderedItems")
            for number, activity in enumerate(items, start=1):
                location = f"{label}, item {number:,}"
                try:
                    post = self._convert(activity, location)
                except MALFORMED_FIELD as error:
                    self.report.skip(location, malformed_field_reason(error))
                    continue
                if post is not None and self.report.admit(post, location):
                    yield post

    def _convert(self, activity: Any, location: str) -> NormalisedPost | None:
        if not isinstance(activity, dict):
            self.report.skip(location, "not an activity")
            return None
        if not self.account.account_id and isinstance(activity.get("actor"), str):
            self.account.account_id = activity["actor"]
        kind_name = activity.get("type")
        note = activity.get("object")
        published = activity.get("published") or (note.get("published") if isinstance(note, dict) else None)
        if kind_name == "Announce":
            return self._boost(activity, note, published, location)
        if kind_name != "Create" or not isinstance(note, dict):
            self.report.skip(location, f"not a post (an activity of type {str(kind_name)[:30]!r})")
            return None
        if _is_direct_message(activity, note):
            self.report.private_messages += 1
            return None  # private mentions are direct messages: never read
        note_id = str(note.get("id") or "")
        created_at = self._date(published, location) if note_id else None
        if not note_id:
            self.report.skip(location, "a post with no id")
        if created_at is None:
            return None
        text = html_to_text(str(note.get("content") or ""))
        if note.get("summary"):
            text = f"{html_to_text(str(note['summary']))}\n\n{text}".strip()
        tags = [t for t in note.get("tag") or () if isinstance(t, dict)]
        mentions = tuple(str(t.get("name", "")).lstrip("@") for t in tags if t.get("type") == "Mention")
        hashtags = tuple(str(t.get("name", "")).lstrip("#") for t in tags if t.get("type") == "Hashtag")
        in_reply_to = note.get("inReplyTo")
        in_reply_to = in_reply_to if isinstance(in_reply_to, str) else ""
        reply_account, reply_handle = _account_of(in_reply_to)
        own = self.account.account_id
        if in_reply_to:
            kind = PostKind.REPLY
        elif note.get("quoteUri") or note.get("quoteUrl") or note.get("quote"):
            kind = PostKind.QUOTE
        else:
            kind = PostKind.ORIGINAL
        content_map = note.get("contentMap")
        language = next(iter(content_map), "") if isinstance(content_map, dict) else ""
        return NormalisedPost(
            platform=Platform.MASTODON,
            external_id=_status_id(note_id),
            created_at=created_at,
            text=text,
            kind=kind,
            reply_to_post_id=_status_id(in_reply_to) if in_reply_to else "",
            reply_to_account_id=reply_account,
            reply_to_handle=reply_handle,
            is_self_reply=bool(in_reply_to and own and in_reply_to.startswith(own.rstrip("/") + "/")),
            mentions=mentions,
            hashtags=hashtags,
            urls=links_in(text),
            client="",
            language=str(language),
            url=str(note.get("url") or note_id),
        )

    def _boost(self, activity: dict[str, Any], note: Any, published: Any, location: str) -> NormalisedPost | None:
        activity_id = str(activity.get("id") or "")
        if not activity_id:
            self.report.skip(location, "a boost with no id")
            return None
        created_at = self._date(published, location)
        if created_at is None:
            return None
        boosted = note if isinstance(note, str) else str((note or {}).get("id") or "")
        return NormalisedPost(
            platform=Platform.MASTODON,
            external_id=_status_id(activity_id),
            created_at=created_at,
            text="",
            kind=PostKind.REPOST,
            urls=(boosted,) if boosted else (),
            url=boosted,
        )

    def _date(self, value: Any, location: str) -> datetime | None:
        if not value:
            self.report.skip(location, "no date")
            return None
        try:
            return parse_iso_datetime(str(value))
        except ValueError:
            self.report.skip(location, f"an unreadable date {str(value)[:40]!r}")
            return None
