"""Streaming JSON reading, bounded whatever the shape, with errors that say where a file went wrong.

X and the first-generation Twitter archive wrap their JSON in a JavaScript assignment
(`window.YTD.tweets.part0 = [...]`, `Grailbird.data.tweets_2012_02 = [...]`); the prefix is
checked and skipped. Mastodon's outbox is one object whose `orderedItems` array holds the
posts. Either way the posts are read one record at a time out of a text buffer refilled a
megabyte at a time, so memory stays bounded however large the file.

Every JSON record the importers read — an element of a post array, a line of JSON Lines, an
account file — is held to two limits, checked as it is read:

- `MAX_RECORD_CHARS` (1 MB of text): the largest real post record is a few kilobytes. A
  record that runs on past this is refused before more of it is buffered.
- `MAX_JSON_DEPTH` (64): arrays and objects nested in one record. Real records nest six or
  seven levels. Without a limit, a 200 KB file of 100,000 nested `[` made ijson's memory
  grow with the square of the depth (23 GB) and the standard library's decoder raise
  RecursionError. The decoder stops at Python's recursion limit (about 1,000 levels) long
  before memory matters; a record between 64 and that is measured once it is decoded.
"""

from __future__ import annotations

import codecs
import io
import json
import re
from collections.abc import Iterator
from typing import IO, Any

from profiles.ingest.errors import HistoryFormatError

_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_UTF8_BOM = b"\xef\xbb\xbf"

# The limits every JSON record is held to; see the module docstring.
MAX_JSON_DEPTH = 64
MAX_RECORD_CHARS = 1024 * 1024
CHUNK_BYTES = 1024 * 1024


class _Prefixed(io.RawIOBase):
    """A stream that first returns `head`, then the rest of `raw`."""

    def __init__(self, head: bytes, raw: IO[bytes]) -> None:
        self._head = head
        self._raw = raw

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if self._head:
            count = min(len(buffer), len(self._head))
            buffer[:count] = self._head[:count]
            self._head = self._head[count:]
            return count
        chunk = self._raw.read(len(buffer))
        buffer[: len(chunk)] = chunk
        return len(chunk)


def check_text_encoding(head: bytes, label: str) -> None:
    """Refuse UTF-16 (what spreadsheet programs often save) and binary data early and clearly."""
    if head.startswith(_UTF16_BOMS):
        raise HistoryFormatError(
            f"{label} is saved as UTF-16 text. Save or export it again as UTF-8 and upload that.",
            detail="UTF-16 byte order mark",
        )
    if b"\x00" in head:
        raise HistoryFormatError(
            f"{label} is not a text file Voiceprint can read (it contains binary data). Upload the archive "
            "your platform sent you, or a CSV or JSON Lines file as described on the upload page.",
            detail="NUL byte in the first bytes",
        )


def skip_assignment(raw: IO[bytes], label: str, pattern: re.Pattern[bytes], max_prefix: int) -> tuple[str, IO[bytes]]:
    """Check and skip a `name = ` JavaScript prefix; return the assigned name and the JSON stream."""
    head = raw.read(max_prefix)
    check_text_encoding(head, label)
    head = head.removeprefix(_UTF8_BOM)
    match = pattern.match(head)
    if match is None:
        shown = head[:40].decode("utf-8", "replace").strip() or "(nothing)"
        raise HistoryFormatError(
            f"{label} does not start the way this export's files do (it starts with {shown!r}). "
            "Upload the file exactly as it came in the archive.",
            detail="unexpected JavaScript prefix",
        )
    return match.group("name").decode("ascii"), io.BufferedReader(_Prefixed(head[match.end() :], raw))


def too_deep(where: str) -> HistoryFormatError:
    return HistoryFormatError(
        f"{where} is nested more than {MAX_JSON_DEPTH} levels deep, which no post or account record is. "
        "Upload the file exactly as the platform exported it.",
        detail=f"JSON nesting deeper than MAX_JSON_DEPTH ({MAX_JSON_DEPTH})",
    )


def _deeper_than(value: Any, limit: int) -> bool:
    """Whether arrays and objects nest more than `limit` levels in `value` (without recursion)."""
    pending = [(value, 1)]
    while pending:
        container, depth = pending.pop()
        if depth > limit:
            return True
        for child in container.values() if isinstance(container, dict) else container:
            if isinstance(child, dict | list):
                pending.append((child, depth + 1))
    return False


def nested_too_deep(value: Any, text: str, start: int, end: int) -> bool:
    """Whether a decoded record nests deeper than MAX_JSON_DEPTH; `text[start:end]` is its source.

    A record with no more opening brackets than the limit cannot nest deeper: counting them
    (in C) spares walking nearly every record, which matters at 40,000 records a second.
    """
    if text.count("[", start, end) + text.count("{", start, end) <= MAX_JSON_DEPTH:
        return False
    return isinstance(value, dict | list) and _deeper_than(value, MAX_JSON_DEPTH)


_DECODER = json.JSONDecoder()


def decode_record(text: str, where: str) -> Any:
    """One whole JSON document already in memory (a JSON Lines line), held to both limits.

    Raises json.JSONDecodeError for text that is not JSON, HistoryFormatError for a record
    over a limit.
    """
    if len(text) > MAX_RECORD_CHARS:
        raise HistoryFormatError(
            f"{where} is larger than {MAX_RECORD_CHARS // 1024**2} MB, more than any post record. Upload the file "
            "exactly as the platform exported it.",
            detail=f"record over MAX_RECORD_CHARS ({MAX_RECORD_CHARS:,} characters)",
        )
    try:
        value = json.loads(text)
    except RecursionError as error:
        raise too_deep(where) from error
    if nested_too_deep(value, text, 0, len(text)):
        raise too_deep(where)
    return value


def load_small(stream: IO[bytes], label: str, limit: int) -> Any:
    """Parse a small JSON document whole (an account file), refusing one larger than `limit`."""
    body = stream.read(limit + 1)
    if len(body) > limit:
        raise HistoryFormatError(
            f"{label} is larger than such a file can be. Upload the archive exactly as the platform sent it.",
            detail="small JSON document over its limit",
        )
    try:
        text = body.decode("utf-8-sig")
        value = json.loads(text)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise HistoryFormatError(
            f"{label} is damaged ({error}). Download the archive again and upload it unchanged.",
            detail=str(error),
        ) from error
    except RecursionError as error:
        raise too_deep(label) from error
    if nested_too_deep(value, text, 0, len(text)):
        raise too_deep(label)
    return value


_WHITESPACE = re.compile(r"[ \t\n\r]*")


class _Scanner:
    """Reads JSON records out of a byte stream one at a time, each held to both limits.

    Each record is parsed by the standard library's C scanner (`raw_decode`) out of a text
    buffer refilled a megabyte at a time: about 1.7 times faster than ijson on X's archives,
    and unlike ijson it never builds anything for more than one record. A record cut by the
    buffer's end is parsed again once more text has arrived.
    """

    def __init__(self, stream: IO[bytes], label: str) -> None:
        self._stream = stream
        self._label = label
        self._decode = codecs.getincrementaldecoder("utf-8")().decode
        self._buffer = ""
        self._pos = 0
        self._eof = False
        self.count = 0

    def _fill(self) -> bool:
        """Append the next chunk to the buffer; False at the end of the stream."""
        if self._eof:
            return False
        chunk = self._stream.read(CHUNK_BYTES)
        try:
            text = self._decode(chunk, final=not chunk)
        except UnicodeDecodeError as error:
            raise HistoryFormatError(
                f"{self._label} is not UTF-8 text (an invalid byte after record {self.count:,}). Upload the file "
                "exactly as the platform exported it.",
                detail=str(error),
            ) from error
        self._eof = not chunk
        self._buffer = self._buffer[self._pos :] + text
        self._pos = 0
        return True

    def _next_char(self) -> str:
        """Skip white space and return the next character ("" at the end of the stream)."""
        while True:
            self._pos = _WHITESPACE.match(self._buffer, self._pos).end()  # type: ignore[union-attr]
            if self._pos < len(self._buffer):
                return self._buffer[self._pos]
            if not self._fill():
                return ""

    def _damaged(self, reason: str) -> HistoryFormatError:
        where = f"after record {self.count:,}" if self.count else "before its first record"
        return HistoryFormatError(
            f"{self._label} is cut short or damaged {where}. Download the archive again and upload it unchanged.",
            detail=reason,
        )

    def _record_where(self) -> str:
        return f"{self._label}, record {self.count + 1:,}"

    def expect(self, opening: str, what: str) -> None:
        """Step over the `[` or `{` that opens the value read next, or refuse the file."""
        if self._next_char() != opening:
            raise HistoryFormatError(
                f"{self._label} does not hold {what}. Upload the file exactly as it came in the archive.",
                detail=f"expected {opening!r}",
            )
        self._pos += 1

    def array_elements(self) -> Iterator[Any]:
        """Each element of the array whose `[` was just read, as one record."""
        if self._next_char() == "]":
            self._pos += 1
            return
        while True:
            yield self.value()
            self.count += 1
            separator = self._next_char()
            self._pos += 1
            if separator == "]":
                return
            if separator != ",":
                raise self._damaged(f"expected ',' or ']' but found {separator!r}")

    def object_keys(self) -> Iterator[str]:
        """Each key of the object whose `{` was just read; the caller reads its value before the next."""
        if self._next_char() == "}":
            self._pos += 1
            return
        while True:
            if self._next_char() != '"':
                raise self._damaged("expected a key")
            key = self.value()
            if self._next_char() != ":":
                raise self._damaged("expected ':' after a key")
            self._pos += 1
            yield key
            separator = self._next_char()
            self._pos += 1
            if separator == "}":
                return
            if separator != ",":
                raise self._damaged(f"expected ',' or '}}' but found {separator!r}")

    def next_char(self) -> str:
        return self._next_char()

    def value(self) -> Any:
        """The JSON value that starts here, held to MAX_RECORD_CHARS and MAX_JSON_DEPTH."""
        self._next_char()
        while True:
            try:
                value, end = _DECODER.raw_decode(self._buffer, self._pos)
            except json.JSONDecodeError as error:
                if len(self._buffer) - self._pos > MAX_RECORD_CHARS:
                    raise HistoryFormatError(
                        f"{self._record_where()} runs on past {MAX_RECORD_CHARS // 1024**2} MB without ending: no "
                        "post is that large, so the file is damaged or not an export. Download the archive again "
                        "and upload it unchanged.",
                        detail=f"record over MAX_RECORD_CHARS ({MAX_RECORD_CHARS:,} characters): {error}",
                    ) from error
                if self._fill():
                    continue
                raise self._damaged(str(error)) from error
            except RecursionError as error:
                # The C decoder gives up at Python's recursion limit, long before memory matters.
                raise too_deep(self._record_where()) from error
            # A number or literal running to the buffer's end may continue in the next chunk.
            if end == len(self._buffer) and not self._eof and self._fill():
                continue
            if nested_too_deep(value, self._buffer, self._pos, end):
                raise too_deep(self._record_where())
            self._pos = end
            return value


def iter_json_array(stream: IO[bytes], label: str) -> Iterator[Any]:
    """Yield each element of the top-level JSON array in `stream`, raising a located error on damage."""
    scanner = _Scanner(stream, label)
    scanner.expect("[", "a list of records")
    yield from scanner.array_elements()


def iter_member_array(stream: IO[bytes], label: str, key: str) -> Iterator[Any]:
    """Yield each element of every array under `key` in the top-level JSON object in `stream`.

    Every other member's value is read and dropped, held to the same limits. A key given
    twice is read twice: one real Mastodon export carries an empty `orderedItems` before the
    real one.
    """
    scanner = _Scanner(stream, label)
    scanner.expect("{", f"a JSON object with {key}")
    for name in scanner.object_keys():
        if name == key and scanner.next_char() == "[":
            scanner.expect("[", "a list")
            yield from scanner.array_elements()
        else:
            scanner.value()
