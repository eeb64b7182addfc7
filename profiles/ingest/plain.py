"""Voiceprint's own plain formats, for any platform we do not read natively.

CSV (first line names the columns) or JSON Lines (one object per line), with the columns:

    id, created_at, text                       required
    in_reply_to_id, in_reply_to_account        set on replies
    likes, reposts                             whole numbers, optional
    kind                                       original | reply | repost | quote, optional
    url, lang                                  optional

`created_at` is ISO 8601 (`2024-03-01T09:30:00+01:00`); a time without an offset is UTC.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import IO, Any

from profiles.ingest.containers import Container, member_label
from profiles.ingest.csvstream import csv_rows
from profiles.ingest.errors import MALFORMED_FIELD, HistoryFormatError, malformed_field_reason
from profiles.ingest.jsonstream import MAX_RECORD_CHARS, check_text_encoding, decode_record
from profiles.ingest.records import AccountInfo, ImportReport, NormalisedPost, Platform, PostKind
from profiles.ingest.text import hashtags_in, links_in, mentions_in, parse_iso_datetime

PLAIN_COLUMNS = frozenset({"id", "created_at", "text"})
# A line is one record: held to the same size limit as every JSON record.
MAX_LINE_CHARS = MAX_RECORD_CHARS


class BrokenRow(Exception):
    pass


def _count(row: dict[str, Any], column: str) -> int | None:
    value = row.get(column)
    if value in (None, ""):
        return None
    try:
        number = int(str(value).strip())
    except ValueError as error:
        raise BrokenRow(f"{column} {str(value)[:20]!r} is not a whole number") from error
    if number < 0:
        raise BrokenRow(f"{column} is negative")
    return number


def row_to_post(row: dict[str, Any]) -> NormalisedPost:
    """One row of the plain format as a post; raises BrokenRow naming the bad field."""
    post_id = str(row.get("id") or "").strip()
    if not post_id:
        raise BrokenRow("no id")
    raw_date = str(row.get("created_at") or "").strip()
    if not raw_date:
        raise BrokenRow(f"post {post_id[:40]} has no created_at")
    try:
        created_at = parse_iso_datetime(raw_date)
    except ValueError as error:
        raise BrokenRow(f"post {post_id[:40]} has an unreadable created_at {raw_date[:40]!r}") from error
    text = str(row.get("text") or "")
    reply_to = str(row.get("in_reply_to_id") or "").strip()
    given_kind = str(row.get("kind") or "").strip().lower()
    if given_kind:
        try:
            kind = PostKind(given_kind)
        except ValueError as error:
            raise BrokenRow(f"kind {given_kind[:20]!r} is not one of original, reply, repost, quote") from error
    elif reply_to:
        kind = PostKind.REPLY
    elif text.startswith("RT @"):
        kind = PostKind.REPOST
    else:
        kind = PostKind.ORIGINAL
    reply_account = str(row.get("in_reply_to_account") or "").strip()
    return NormalisedPost(
        platform=Platform.OTHER,
        external_id=post_id,
        created_at=created_at,
        text=text,
        kind=kind,
        reply_to_post_id=reply_to if kind is PostKind.REPLY else "",
        reply_to_account_id=reply_account if kind is PostKind.REPLY else "",
        reply_to_handle=reply_account.lstrip("@") if kind is PostKind.REPLY else "",
        mentions=mentions_in(text),
        hashtags=hashtags_in(text),
        urls=links_in(text),
        likes=_count(row, "likes"),
        reposts=_count(row, "reposts"),
        language=str(row.get("lang") or "").strip(),
        url=str(row.get("url") or "").strip(),
    )


class _PlainReader:
    format = ""

    def __init__(self, container: Container, member: str) -> None:
        self._container = container
        self._member = member
        self.report = ImportReport(format=self.format, source_files=[member])
        self.account = AccountInfo(platform=Platform.OTHER)

    @property
    def _label(self) -> str:
        return member_label(self._container, self._member)

    def _rows(self, raw: IO[bytes]) -> Iterator[tuple[str, dict[str, Any]]]:
        raise NotImplementedError

    def posts(self) -> Iterator[NormalisedPost]:
        with self._container.open(self._member) as raw:
            for location, row in self._rows(raw):
                try:
                    post = row_to_post(row)
                except BrokenRow as error:
                    self.report.skip(location, str(error))
                    continue
                except MALFORMED_FIELD as error:
                    self.report.skip(location, malformed_field_reason(error))
                    continue
                if self.report.admit(post, location):
                    yield post


class PlainCsv(_PlainReader):
    format = "csv"

    def _rows(self, raw: IO[bytes]) -> Iterator[tuple[str, dict[str, Any]]]:
        return csv_rows(raw, self._label, PLAIN_COLUMNS)


class JsonLines(_PlainReader):
    format = "jsonl"

    def _rows(self, raw: IO[bytes]) -> Iterator[tuple[str, dict[str, Any]]]:
        label = self._label
        check_text_encoding(raw.peek(4096)[:4096], label)  # type: ignore[attr-defined]
        text = io.TextIOWrapper(raw, encoding="utf-8-sig", newline=None)
        number = 0
        try:
            while line := text.readline(MAX_LINE_CHARS + 1):
                number += 1
                if len(line) > MAX_LINE_CHARS:
                    raise HistoryFormatError(
                        f"{label}, line {number:,} is longer than {MAX_LINE_CHARS:,} characters: it is not one "
                        "post per line. Put each post's JSON object on a line of its own.",
                        detail="over-long JSON line",
                    )
                if not line.strip():
                    continue
                try:
                    record = decode_record(line, f"{label}, line {number:,}")
                except json.JSONDecodeError as error:
                    raise HistoryFormatError(
                        f"{label}, line {number:,} is not valid JSON ({error.msg} at column {error.colno}). "
                        "Each line must be one complete JSON object.",
                        detail=str(error),
                    ) from error
                if not isinstance(record, dict):
                    raise HistoryFormatError(
                        f"{label}, line {number:,} is not a JSON object. Each line must be one object with "
                        "id, created_at and text.",
                        detail="JSON line is not an object",
                    )
                yield f"{label}, line {number:,}", {str(k).lower(): v for k, v in record.items()}
        except UnicodeDecodeError as error:
            raise HistoryFormatError(
                f"{label} is not UTF-8 text (an invalid byte near line {number + 1:,}). Save it again as UTF-8 "
                "and upload that.",
                detail=str(error),
            ) from error
