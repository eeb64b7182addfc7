"""Formatting of profile figures in the report: shares as percentages, durations in words, safe links."""

from __future__ import annotations

import html
import re
from datetime import datetime
from urllib.parse import urlsplit

import markdown
import nh3
from django import template
from django.utils.safestring import mark_safe

register = template.Library()

HOUR = 3600


@register.filter
def share(value: float | None, unknown: str = "unknown") -> str:
    """0.4123 → "41%"; None → "unknown" (or the given text)."""
    return unknown if value is None else f"{round(value * 100)}%"


@register.filter
def share_range(interval: list[float] | None) -> str:
    """[0.4123, 0.5087] → "41–51%"; None → "" (no range to show)."""
    if not interval or len(interval) != 2:
        return ""
    low, high = (round(value * 100) for value in interval)
    return f"{low}–{high}%"


@register.filter
def duration(seconds: float | None) -> str:
    """Seconds as "25 min" or "3.5 h"; None → "unknown"."""
    if seconds is None:
        return "unknown"
    return f"{seconds / 60:.0f} min" if seconds < HOUR else f"{seconds / HOUR:.1f} h"


# What a coach's Markdown may become: text formatting, lists, quotes and links, nothing else.
NOTE_TAGS = {"p", "br", "em", "strong", "ul", "ol", "li", "blockquote", "code", "a"}


@register.filter
def coach_markdown(text: str) -> str:
    """A coach's note, written in Markdown, as safe HTML.

    Any HTML the coach typed is escaped first (it shows as text), then the Markdown is rendered
    and the result is sanitised to NOTE_TAGS, links opening safely.
    """
    rendered = markdown.markdown(html.escape(text, quote=False))
    return mark_safe(  # noqa: S308 - sanitised by nh3 on the line above's output
        nh3.clean(rendered, tags=NOTE_TAGS, attributes={"a": {"href"}}, link_rel="noopener noreferrer nofollow")
    )


# Post URLs come from the uploaded file, so they are the client's (or anyone's) text: only a web
# address with a host may become a link. `javascript:`, `data:` and `file:` would run script or
# read local files in a browser or a PDF viewer, neither of which the site's CSP reaches.
SAFE_LINK_SCHEMES = frozenset({"http", "https"})


@register.filter
def safe_url(url: object) -> str:
    """The URL if it is http(s) with a host, else "" (so `{% if post.url|safe_url %}` drops the link).

    Control characters and spaces are refused too: browsers strip them, so `java\\tscript:` would
    otherwise pass the scheme test.
    """
    if not isinstance(url, str) or not url or any(ord(char) <= 0x20 or ord(char) == 0x7F for char in url):
        return ""
    try:
        parts = urlsplit(url)
    except ValueError:  # e.g. an unbalanced "[" in the host
        return ""
    if parts.scheme.lower() not in SAFE_LINK_SCHEMES or not parts.hostname:
        return ""
    return url


# --- Words a client understands: counts, readability, cited posts -------------------------------

# Nouns whose plural is not the singular plus "s".
IRREGULAR_PLURALS = {"reply": "replies", "person": "people", "like and repost": "likes and reposts"}


@register.filter
def counted(number: int | float | None, noun: str) -> str:
    """28541, "post" → "28,541 posts"; 1 → "1 post"; None → "no posts"."""
    plural = IRREGULAR_PLURALS.get(noun, f"{noun}s")
    if number is None:
        return f"no {plural}"
    if not isinstance(number, int | float):  # a figure missing from the profile: say so, do not fail
        return f"an unknown number of {plural}"
    whole = round(number)
    return f"{whole:,} {noun if whole == 1 else plural}"


@register.filter
def thousands(number: int | float | None) -> str:
    """28541 → "28,541"; 3.4 → "3.4"; None → "unknown"."""
    if not isinstance(number, int | float):
        return "unknown"
    if isinstance(number, float) and not number.is_integer():
        return f"{number:,.1f}"
    return f"{round(number):,}"


# Flesch's own bands (Flesch 1948, "A new readability yardstick"), in a reader's words.
READING_EASE_BANDS = (
    (90, "very easy: anyone reads it at a glance"),
    (70, "easy: most people read it easily"),
    (60, "plain English: most adults read it easily"),
    (50, "fairly hard: some readers will stop half-way"),
    (30, "hard: written for specialists"),
)


@register.filter
def reading_ease_meaning(score: float | None) -> str:
    """A Flesch reading-ease score with what it means: 69.2 → "69 — plain English: …"."""
    if score is None:
        return "unknown (too few words to tell)"
    meaning = next((words for floor, words in READING_EASE_BANDS if score >= floor), "very hard: few people finish it")
    return f"{round(score)} — {meaning}"


@register.filter
def school_year(grade: float | None) -> str:
    """A Flesch–Kincaid US school grade as the age of a reader who follows it (grade + 5 years)."""
    if grade is None:
        return "unknown"
    return f"a reader of about {max(6, round(grade) + 5)}"


POST_KINDS = {"original": "post", "reply": "reply", "quote": "quote", "repost": "repost"}


@register.filter
def post_kind(kind: str | None) -> str:
    return POST_KINDS.get(kind or "", "post")


@register.filter
def local_time(value: str | None) -> str:
    """An ISO local time as the client reads it: "Fri 9 Jan 2026, 12:42"; "" when absent or unreadable."""
    moment = _iso_moment(value)
    return f"{moment:%a} {moment.day} {moment:%b %Y, %H:%M}" if moment else ""


@register.filter
def long_date(value: str | None) -> str:
    """An ISO date or time as "2 January 2023"; "" when absent or unreadable."""
    moment = _iso_moment(value)
    return f"{moment.day} {moment:%B %Y}" if moment else ""


def _iso_moment(value: str | None) -> datetime | None:
    """The ISO date or time in `value`, or None when absent or unreadable."""
    if not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return None


@register.filter
def reply_delay(seconds: float | None) -> str:
    """Seconds as "3 minutes", "1 hour 30 minutes" or "2 days"; "" when unknown."""
    if seconds is None:
        return ""
    minutes = round(seconds / 60)
    if minutes < 60:
        return counted(max(minutes, 1) if seconds > 0 else 0, "minute")
    hours, minutes = divmod(minutes, 60)
    if hours < 48:
        return counted(hours, "hour") + (f" {counted(minutes, 'minute')}" if minutes else "")
    return counted(round(seconds / 86400), "day")


# A shortened link as X writes it into a post's text; the archive keeps what it stands for.
CITED_POST_CHARS = 600
SHORT_LINK = re.compile(r"https?://t\.co/\w+")
ANY_LINK = re.compile(r"https?://[^\s<>\"']+")


def expanded_text(text: str, expanded_urls: list[str] | None) -> str:
    """The post's text with its t.co links replaced, in order, by the addresses the export gives.

    X's archive lists a post's links (`entities.urls[].expanded_url`) in the order they appear;
    when the counts differ the pairing is unknown, and the text is left as it is.
    """
    short_links = SHORT_LINK.findall(text)
    expanded = [url for url in expanded_urls or [] if isinstance(url, str) and url]
    if not short_links or len(short_links) != len(expanded):
        return text
    replacements = iter(expanded)
    return SHORT_LINK.sub(lambda _match: next(replacements), text)


@register.filter
def post_with_links(text: str, expanded_urls: list[str] | None = None) -> str:
    """A cited post as safe HTML: escaped text, t.co links expanded, http(s) links made links,
    cut to CITED_POST_CHARS (a quote is read, not scrolled)."""
    full = expanded_text(text or "", expanded_urls)
    if len(full) > CITED_POST_CHARS:
        full = full[: CITED_POST_CHARS - 1].rstrip() + "…"
    pieces: list[str] = []
    position = 0
    for match in ANY_LINK.finditer(full):
        address = match.group(0).rstrip(".,;:!?)")
        end = match.start() + len(address)
        pieces.append(html.escape(full[position : match.start()]))
        link = safe_url(address)
        if link:
            pieces.append(
                f'<a href="{html.escape(link)}" rel="noopener noreferrer nofollow">{html.escape(address)}</a>'
            )
        else:
            pieces.append(html.escape(address))
        position = end
    pieces.append(html.escape(full[position:]))
    return mark_safe("".join(pieces))  # noqa: S308 - every piece is escaped above, links checked by safe_url
