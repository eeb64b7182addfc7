"""Turn an uploaded post history into a stream of normalised posts. No Django here.

    with open_history(path, label="archive.zip") as history:
        history.format, history.account        # known once opened
        for post in history.posts(): ...        # streamed, memory bounded
        history.report                          # counts, date range, skipped records

The format is recognised from the file's content, never its name. Anything that cannot be
read raises `HistoryFormatError` whose message tells the uploader what to do instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Protocol

from profiles.ingest.bluesky import BlueskyRepository
from profiles.ingest.car import looks_like_car
from profiles.ingest.containers import ARCHIVE_SUFFIXES, Limits, SingleFile, open_container
from profiles.ingest.csvstream import csv_header
from profiles.ingest.errors import HistoryFormatError
from profiles.ingest.jsonstream import check_text_encoding
from profiles.ingest.linkedin import LINKEDIN_COLUMNS, UTF16_BOMS, LinkedInShares, shares_columns
from profiles.ingest.mastodon import MastodonExport
from profiles.ingest.plain import PLAIN_COLUMNS, JsonLines, PlainCsv
from profiles.ingest.reading import coverage_lines, final_posts
from profiles.ingest.records import (
    AccountInfo,
    ImportReport,
    NormalisedPost,
    Platform,
    PostKind,
    SkippedRecord,
    storable_account,
    storable_post,
    with_web_links_only,
)
from profiles.ingest.twitter import (
    GRAILBIRD_CSV_COLUMNS,
    GRAILBIRD_CSV_MEMBER,
    GRAILBIRD_MONTH_MEMBER,
    TWEETS_MEMBER,
    BareTweetsJs,
    GrailbirdArchive,
    TwitterArchive,
)

__all__ = [
    "AccountInfo",
    "HistoryFormatError",
    "HistorySource",
    "ImportReport",
    "Limits",
    "NormalisedPost",
    "Platform",
    "PostKind",
    "SkippedRecord",
    "coverage_lines",
    "open_history",
]

WHAT_WE_READ = (
    "the archive X (Twitter) sends from \u201cDownload your data\u201d, a Mastodon export, a LinkedIn data "
    "export, a Bluesky repository export (.car), or a CSV or JSON Lines file with id, created_at and text columns"
)
_MASTODON_OUTBOX = re.compile(r"^(?:[^/]+/)?outbox\.json$")
_MASTODON_ACTOR = re.compile(r"^(?:[^/]+/)?actor\.json$")
# What a spreadsheet's column heading looks like, as opposed to a sentence with a comma in it.
_COLUMN_NAME = re.compile(r"^[\w.-]+(?: [\w.-]+){0,2}$")
_LINKEDIN_SHARES = re.compile(r"^(?:[^/]+/)?shares\.csv$", re.IGNORECASE)


class Reader(Protocol):
    format: str
    account: AccountInfo
    report: ImportReport

    def posts(self) -> Iterator[NormalisedPost]: ...


class HistorySource:
    """An opened history: its format and account, and its posts as a stream."""

    def __init__(self, reader: Reader, label: str) -> None:
        self._reader = reader
        self.label = label

    @property
    def format(self) -> str:
        return self._reader.format

    @property
    def account(self) -> AccountInfo:
        return storable_account(self._reader.account)

    @property
    def report(self) -> ImportReport:
        return self._reader.report

    def posts(self) -> Iterator[NormalisedPost]:
        """Every post once, in file order, self-replies marked (see `reading`); the report then
        counts what was yielded. Raises HistoryFormatError at the end if there was no post."""
        report = self._reader.report
        read = (storable_post(with_web_links_only(post)) for post in self._reader.posts())
        yield from final_posts(read, report)
        if report.posts_total == 0:
            reason = ""
            if report.skipped_examples:
                example = report.skipped_examples[0]
                reason = (
                    f" ({report.skipped_count:,} records could not be read, e.g. {example.location}: {example.reason})"
                )
            raise HistoryFormatError(
                f"{self.label} holds no posts{reason}. Upload {WHAT_WE_READ}.",
                detail="no posts",
            )


def _zip_or_tar_reader(container, limits: Limits) -> Reader:  # type: ignore[no-untyped-def]
    names = container.names()
    if any(TWEETS_MEMBER.match(n) for n in names):
        return TwitterArchive(container, limits)
    if any(GRAILBIRD_MONTH_MEMBER.match(n) or GRAILBIRD_CSV_MEMBER.match(n) for n in names):
        return GrailbirdArchive(container, limits)
    outbox = next((n for n in names if _MASTODON_OUTBOX.match(n)), None)
    if outbox:
        actor = next((n for n in names if _MASTODON_ACTOR.match(n)), None)
        return MastodonExport(container, limits, outbox, actor)
    shares = next((n for n in names if _LINKEDIN_SHARES.match(n)), None)
    if shares:
        return LinkedInShares(container, shares)
    repository = next((n for n in names if n.lower().endswith(".car")), None)
    if repository:
        return BlueskyRepository(container, repository)
    nested = next((n for n in names if n.lower().endswith(ARCHIVE_SUFFIXES)), None)
    if nested:
        raise HistoryFormatError(
            f"{container.label} contains another archive ({nested}) instead of the export's files. "
            "Upload the inner archive itself, exactly as the platform sent it.",
            detail="nested archive",
        )
    if any(n.endswith(("data/manifest.js", "data/account.js")) for n in names):
        raise HistoryFormatError(
            f"{container.label} is an X archive with no tweets file (data/tweets.js). Upload the archive X "
            "emailed you, unchanged: it includes your posts.",
            detail="X archive without tweets.js",
        )
    raise HistoryFormatError(
        f"{container.label} holds none of the files Voiceprint reads. Upload {WHAT_WE_READ}.",
        detail="unknown archive content",
    )


def _binary_or_utf16_reader(container: SingleFile, head: bytes) -> Reader | None:
    """Formats that are not UTF-8 text, recognised before the text-encoding check would refuse them."""
    if looks_like_car(head):
        return BlueskyRepository(container, container.label)
    if shares_columns(head) >= LINKEDIN_COLUMNS:
        return LinkedInShares(container, container.label)
    if b"\x00" in head[:4096] and not head.startswith(UTF16_BOMS):
        raise HistoryFormatError(
            f"{container.label} is a binary file of a kind Voiceprint does not read. Upload {WHAT_WE_READ}.",
            detail="unrecognised binary file",
        )
    return None


def _single_file_reader(container: SingleFile, limits: Limits) -> Reader:
    with container.open(container.label) as handle:
        head = handle.read(64 * 1024)
    binary = _binary_or_utf16_reader(container, head)
    if binary is not None:
        return binary
    check_text_encoding(head[:4096], container.label)
    start = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    if start.startswith(b"window.YTD."):
        return BareTweetsJs(container, limits)
    if start.startswith(b"Grailbird.data"):
        raise HistoryFormatError(
            f"{container.label} is one month of an old Twitter archive. Upload the whole archive zip, "
            "which holds every month.",
            detail="single Grailbird month file",
        )
    if start.startswith(b"{"):
        if b'"orderedItems"' in head or b'"OrderedCollection"' in head:
            return MastodonExport(container, limits, container.label, None)
        return JsonLines(container, container.label)
    if start.startswith(b"["):
        raise HistoryFormatError(
            f"{container.label} is a JSON array, which Voiceprint does not read. Upload {WHAT_WE_READ}.",
            detail="bare JSON array",
        )
    columns = set(csv_header(start))
    if columns >= GRAILBIRD_CSV_COLUMNS:
        return GrailbirdArchive(_RenamedSingle(container, "tweets.csv"), limits)
    if columns >= PLAIN_COLUMNS:
        return PlainCsv(container, container.label)
    if len(columns) > 1 and all(_COLUMN_NAME.match(column) for column in columns):
        raise HistoryFormatError(
            f"{container.label} looks like a CSV file but its first line names no id, created_at and text "
            f"columns (it names: {', '.join(sorted(columns))[:200]}). Rename the columns as described on the "
            "upload page and upload it again.",
            detail="CSV without the plain-format columns",
        )
    raise HistoryFormatError(
        f"{container.label} is not a format Voiceprint reads. Upload {WHAT_WE_READ}.",
        detail="unrecognised single file",
    )


class _RenamedSingle(SingleFile):
    """A bare file presented under the member name a reader looks for."""

    def __init__(self, original: SingleFile, name: str) -> None:
        super().__init__(original._path, original.label)
        self._name = name

    def names(self) -> list[str]:
        return [self._name]


@contextmanager
def open_history(path: Path, *, label: str | None = None, limits: Limits | None = None) -> Iterator[HistorySource]:
    """Open an upload and recognise its format; see the module docstring."""
    label = label or Path(path).name
    limits = limits or Limits()
    with open_container(Path(path), label, limits) as container:
        if isinstance(container, SingleFile):
            reader = _single_file_reader(container, limits)
        else:
            reader = _zip_or_tar_reader(container, limits)
        yield HistorySource(reader, label)
