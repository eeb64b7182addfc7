"""Formatting of profile figures in the report: shares as percentages, durations in words."""

from __future__ import annotations

from django import template

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
