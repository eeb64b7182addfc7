"""Text and time helpers shared by the importers: entity decoding, HTML to text, dates."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime
from functools import lru_cache
from html.parser import HTMLParser

# Entities written in a post's text, for exports that do not list them separately.
# A mention may be a fediverse handle (@name@host); a trailing full stop is not part of it.
_MENTION = re.compile(r"(?<![\w@])@(\w[\w.@-]*\w|\w)")
_HASHTAG = re.compile(r"(?<![\w#&])#(\w+)")
_LINK = re.compile(r"https?://[^\s<>\"]+")


def mentions_in(text: str) -> tuple[str, ...]:
    return tuple(_MENTION.findall(text))


def hashtags_in(text: str) -> tuple[str, ...]:
    return tuple(_HASHTAG.findall(text))


def links_in(text: str) -> tuple[str, ...]:
    return tuple(_LINK.findall(text))


_MONTHS = {
    month: number
    for number, month in enumerate(
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"], start=1
    )
}
_SOURCE_TEXT = re.compile(r">([^<]*)<")


def decode_entities(text: str) -> str:
    """`&amp;` → `&` and the like; X escapes `&`, `<` and `>` in every post's text."""
    return html.unescape(text) if "&" in text else text


@lru_cache(maxsize=8192)
def _midnight(year: int, month: int, day: int) -> int:
    # A history has a few thousand distinct days and a hundred thousand posts on them.
    return int(datetime(year, month, day, tzinfo=UTC).timestamp())


def parse_twitter_date(value: str) -> datetime:
    """Parse X's `Fri Feb 20 09:10:58 +0000 2026` (and the early `2012-02-01 04:45:51 +0000`).

    Hand-written because `strptime` costs more than the rest of a post's import together;
    raises ValueError on anything else.
    """
    parts = value.split()
    if len(parts) == 6:
        _, month_name, day, clock, offset, year = parts
        midnight = _midnight(int(year), _MONTHS[month_name], int(day))
    elif len(parts) == 3:
        day_part, clock, offset = parts
        year_s, month_s, day_s = day_part.split("-")
        midnight = _midnight(int(year_s), int(month_s), int(day_s))
    else:
        raise ValueError(f"unrecognised date {value!r}")
    if len(clock) != 8 or clock[2] != ":" or clock[5] != ":":
        raise ValueError(f"unrecognised time in {value!r}")
    hour, minute, second = int(clock[:2]), int(clock[3:5]), int(clock[6:])
    if hour > 23 or minute > 59 or second > 59:
        raise ValueError(f"unrecognised time in {value!r}")
    seconds = midnight + hour * 3600 + minute * 60 + second
    if offset not in {"+0000", "Z"}:
        if len(offset) != 5 or offset[0] not in "+-" or not offset[1:].isdigit():
            raise ValueError(f"unrecognised UTC offset in {value!r}")
        shift = int(offset[1:3]) * 3600 + int(offset[3:5]) * 60
        seconds += -shift if offset[0] == "+" else shift
    return datetime.fromtimestamp(seconds, UTC)


def parse_iso_datetime(value: str) -> datetime:
    """ISO 8601 with an offset or `Z`; a time without offset is taken as UTC. Result in UTC."""
    moment = datetime.fromisoformat(value.strip())
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def client_name(source: str) -> str:
    """`<a href="…" rel="nofollow">Twitter for iPhone</a>` → `Twitter for iPhone`."""
    if not source:
        return ""
    match = _SOURCE_TEXT.search(source)
    return decode_entities(match.group(1) if match else source).strip()


class _HtmlToText(HTMLParser):
    """Mastodon's post HTML to plain text: paragraphs and line breaks kept, links as their
    address, mentions and hashtags as written (`@name`, `#tag`), everything else dropped."""

    _BLOCKS = frozenset({"p", "div", "blockquote", "li", "ul", "ol", "pre", "h1", "h2", "h3", "h4", "h5", "h6"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._link_stack: list[str | None] = []  # href to print for plain links, None otherwise

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.parts.append("\n")
        elif tag in self._BLOCKS:
            self._new_paragraph()
        elif tag == "a":
            attributes = dict(attrs)
            classes = (attributes.get("class") or "").split()
            href = attributes.get("href") or ""
            plain_link = bool(href) and "mention" not in classes and "hashtag" not in classes
            self._link_stack.append(href if plain_link else None)
            if plain_link:
                self.parts.append(href)

    def handle_endtag(self, tag: str) -> None:
        if tag in self._BLOCKS:
            self._new_paragraph()
        elif tag == "a" and self._link_stack:
            self._link_stack.pop()

    def handle_data(self, data: str) -> None:
        # The text of a plain link is a shortened copy of its address, already printed.
        if self._link_stack and self._link_stack[-1] is not None:
            return
        self.parts.append(data)

    def _new_paragraph(self) -> None:
        if self.parts and not "".join(self.parts[-2:]).endswith("\n\n"):
            self.parts.append("\n\n")


_SPACES = re.compile(r"[ \t\r\f\v]+")
_BLANK_LINES = re.compile(r"\n{3,}")
_TAG = re.compile(r"<[^>]*>?")


def html_to_text(markup: str) -> str:
    """Plain text of a post's HTML (see `_HtmlToText`); never raises on malformed markup."""
    if "<" not in markup:
        return decode_entities(markup).strip()
    parser = _HtmlToText()
    try:
        parser.feed(markup)
        parser.close()
        parts = parser.parts
    except AssertionError:
        # Python's own parser asserts on some malformed declarations (`<![0`): read such a post
        # as its text between tags rather than lose it.
        parts = [decode_entities(_TAG.sub(" ", markup))]
    text = _SPACES.sub(" ", "".join(parts))
    text = "\n".join(line.strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", text).strip()
