"""Formatting of profile figures in the report: shares as percentages, durations in words, safe links."""

from __future__ import annotations

import html
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
