"""Formatting of profile figures in the report: shares as percentages, durations in words."""

from __future__ import annotations

import html

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
