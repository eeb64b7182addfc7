"""LinkedIn's data export: `Shares.csv`, in both of the layouts LinkedIn has used.

- From about 2020: UTF-8, comma separated, `Date,ShareLink,ShareCommentary,SharedUrl,MediaUrl,Visibility`,
  dates like `2026-05-11 15:17:30` (no zone given: taken as UTC).
- About 2018: UTF-16 with a byte-order mark, tab separated, every field quoted, column names with
  spaces (`Date, Share Title, Share Description, Share Link, Share Commentary, Shared URL, …`),
  dates like `2017/06/08 08:15:44 UTC`.

A people re-save either in a spreadsheet, so the reader takes any of the three encodings (UTF-8,
UTF-16 either way round) with either separator, and column names with or without spaces.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import IO
from urllib.parse import unquote

from profiles.ingest.containers import Container, member_label
from profiles.ingest.errors import HistoryFormatError
from profiles.ingest.records import AccountInfo, ImportReport, NormalisedPost, Platform, PostKind
from profiles.ingest.text import hashtags_in, links_in, mentions_in

LINKEDIN_COLUMNS = frozenset({"date", "sharelink", "sharecommentary"})
# The whole URN: `urn:li:groupPost:<group>-<post>` names one post of a group, and every post of a
# group shares the part before the hyphen, so an id cut at the hyphen would merge a group's posts.
URN = re.compile(r"urn:li:[A-Za-z_]+:[\w-]+")
UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# LinkedIn wraps every line of a multi-line commentary in its own quotes; after CSV decoding the
# line breaks read `…"\n"…`. A genuine quote never sits on both sides of every line break.
_QUOTED_LINE_BREAK = re.compile(r'"(\r?\n)"')
_LINE_BREAK = re.compile(r"\r?\n")
MAX_ID_CHARS = 200
MAX_TEXT_CHARS = 100_000
# Percent-encoding seen once (`urn%3Ali%3A…`); a link copied through a redirect can carry it twice.
MAX_UNQUOTE_ROUNDS = 3


def column_key(name: str) -> str:
    """`Share Commentary`, `ShareCommentary` and `share_commentary` are one column: `sharecommentary`."""
    return re.sub(r"[\s_]+", "", name).lower()


def _text_encoding(head: bytes) -> str:
    if head.startswith(UTF16_BOMS):
        return "utf-16"  # the byte-order mark says which way round, and is removed
    return "utf-8-sig"


def _delimiter(first_line: str) -> str:
    return "\t" if first_line.count("\t") > first_line.count(",") else ","


def shares_columns(head: bytes) -> frozenset[str]:
    """The column keys named on the first line of a Shares.csv, whatever its encoding and separator."""
    encoding = _text_encoding(head)
    if encoding == "utf-16":
        head = head[: len(head) - len(head) % 2]
    elif b"\x00" in head[:4096]:
        return frozenset()
    text = head.decode(encoding, "replace")
    first_line = text.splitlines()[0] if text.strip() else ""
    cells = next(csv.reader([first_line], delimiter=_delimiter(first_line)), [])
    return frozenset(column_key(cell) for cell in cells)


def commentary_text(value: str) -> str:
    """The post's own words: LinkedIn's per-line quoting removed, where every line break carries it."""
    value = value.strip()
    breaks = len(_LINE_BREAK.findall(value))
    if breaks and len(_QUOTED_LINE_BREAK.findall(value)) == breaks:
        value = _QUOTED_LINE_BREAK.sub(r"\1", value)
        # A blank line arrives as `""`: after the substitution above it is empty already.
    return value[:MAX_TEXT_CHARS]


def parse_linkedin_date(value: str) -> datetime:
    """`2026-05-11 15:17:30` or `2017/06/08 08:15:44 UTC`; LinkedIn writes UTC (said or not)."""
    value = value.strip()
    if value.endswith((" UTC", " GMT")):
        value = value[:-4].rstrip()
    if len(value) >= 10 and value[4] == "/" and value[7] == "/":
        value = value[:10].replace("/", "-") + value[10:]
    moment = datetime.fromisoformat(value)
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def share_id(link: str, fallback: str) -> str:
    """The URN in a share's link (percent-encoded or not); a stable digest where there is none."""
    for _ in range(MAX_UNQUOTE_ROUNDS):
        if "%" not in link:
            break
        link = unquote(link)
    match = URN.search(link)
    if match:
        return match.group(0)[:MAX_ID_CHARS]
    # No URN to take an id from: derive a stable one, so re-importing finds the same post and a
    # row listed twice is merged.
    return "sha1:" + hashlib.sha1(f"{link}\n{fallback}".encode(), usedforsecurity=False).hexdigest()[:20]


def _rows(raw: IO[bytes], label: str) -> Iterator[tuple[str, dict[str, str]]]:
    head = raw.peek(4096)[:4096]  # type: ignore[attr-defined]
    encoding = _text_encoding(head)
    if encoding != "utf-16" and b"\x00" in head:
        raise HistoryFormatError(
            f"{label} is not a text file Voiceprint can read (it contains binary data). Upload Shares.csv as "
            "LinkedIn sent it, or the whole export zip.",
            detail="NUL byte in the first bytes",
        )
    text = io.TextIOWrapper(raw, encoding=encoding, newline="")
    line = 0
    try:
        first_line = text.readline()
        delimiter = _delimiter(first_line)
        header = [column_key(cell) for cell in next(csv.reader([first_line], delimiter=delimiter), [])]
        missing = sorted(LINKEDIN_COLUMNS - set(header))
        if missing:
            raise HistoryFormatError(
                f"{label} has no {', '.join(repr(m) for m in missing)} column "
                f"(its first line names: {', '.join(header)[:200] or 'nothing'}). "
                "Upload Shares.csv exactly as LinkedIn sent it.",
                detail="missing LinkedIn columns",
            )
        reader = csv.reader(text, delimiter=delimiter)
        for row in reader:
            line = reader.line_num + 1  # the header was read before the reader started counting
            if not any(cell.strip() for cell in row):
                continue
            yield f"{label}, line {line:,}", dict(zip(header, row, strict=False))
    except UnicodeDecodeError as error:
        raise HistoryFormatError(
            f"{label} is not readable text (an invalid byte near line {line + 1:,}). "
            "Upload Shares.csv exactly as LinkedIn sent it, without opening and saving it first.",
            detail=str(error),
        ) from error
    except csv.Error as error:
        raise HistoryFormatError(
            f"{label} is not valid CSV at line {line + 1:,} ({error}). "
            "Upload Shares.csv exactly as LinkedIn sent it, without opening and saving it first.",
            detail=str(error),
        ) from error


class LinkedInShares:
    format = "linkedin-shares"

    def __init__(self, container: Container, member: str) -> None:
        self._container = container
        self._member = member
        self.report = ImportReport(format=self.format, source_files=[member])
        self.account = AccountInfo(platform=Platform.LINKEDIN)

    def posts(self) -> Iterator[NormalisedPost]:
        label = member_label(self._container, self._member)
        with self._container.open(self._member) as raw:
            for location, row in _rows(raw, label):
                post = self._post(location, row)
                if post is not None and self.report.admit(post, location):
                    yield post

    def _post(self, location: str, row: dict[str, str]) -> NormalisedPost | None:
        date = (row.get("date") or "").strip()
        if not date:
            self.report.skip(location, "no date")
            return None
        try:
            created_at = parse_linkedin_date(date)
        except (ValueError, IndexError):
            self.report.skip(location, f"an unreadable date {date[:40]!r}")
            return None
        text = commentary_text(row.get("sharecommentary") or "")
        shared_url = (row.get("sharedurl") or "").strip()
        media_url = (row.get("mediaurl") or "").strip()
        link = (row.get("sharelink") or "").strip()
        urls = tuple(dict.fromkeys([*links_in(text), *([shared_url] if shared_url else [])]))
        return NormalisedPost(
            platform=Platform.LINKEDIN,
            external_id=share_id(link, f"{date}\n{text}\n{shared_url}\n{media_url}"),
            created_at=created_at,
            text=text,
            # No words, link or picture of the author's own: passing on someone else's post.
            kind=PostKind.REPOST if not (text or shared_url or media_url) else PostKind.ORIGINAL,
            mentions=mentions_in(text),
            hashtags=hashtags_in(text),
            urls=urls,
            url=link[:500],
        )
