"""The report's sections, in one registry: what a section is called, what it draws, and where.

Each entry drives everything about its section: the choices of a coach's note (`Annotation.section`),
the chart drawn for it (`report_charts`), its place in the web report, the PDF and the coach's
review (report.html includes `coaching/sections/<key>.html` in this order), and the contents list.
A new section is one entry here plus its template (and, if it has a chart, the chart function in
`coaching.charts`). The templates read the stored profile through `coaching.stored_profile`,
which checks its version first.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache

from coaching.charts import (
    Chart,
    engagement_by_voice,
    hour_of_week_heatmap,
    posts_by_month,
    reply_latency,
    sentiment_by_month,
    voice_by_month,
)

ChartDrawer = Callable[[dict[str, Any]], Chart | None]


@dataclass(frozen=True)
class ReportSection:
    key: str  # the anchor in the report and the stored value of a note's section
    title: str  # the heading, and the note's section as the coach picks it
    short_title: str  # in the report's contents
    chart: ChartDrawer | None = None

    @property
    def template(self) -> str:
        return f"coaching/sections/{self.key}.html"


SUMMARY, STRENGTHS, PLAN = "summary", "strengths", "plan"
# What a client reads first: the summary, what they do well, how their activity has gone; then
# the figures behind the advice; what works; and the plan last, built on all of the above.
SECTIONS: tuple[ReportSection, ...] = (
    ReportSection(SUMMARY, "Summary", "Summary"),
    ReportSection(STRENGTHS, "What you do well", "Strengths"),
    ReportSection("activity", "Your activity over time", "Activity", chart=posts_by_month),
    ReportSection("tone", "Tone", "Tone", chart=sentiment_by_month),
    ReportSection("voice", "Voice balance", "Voice", chart=voice_by_month),
    ReportSection("responsiveness", "Responsiveness", "Responsiveness", chart=reply_latency),
    ReportSection("rhythm", "Rhythm", "Rhythm", chart=hour_of_week_heatmap),
    ReportSection("engagement", "What works", "What works", chart=engagement_by_voice),
    ReportSection(PLAN, "Your coaching plan", "Coaching plan"),
)
SECTION_KEYS = tuple(section.key for section in SECTIONS)


def section_choices() -> list[tuple[str, str]]:
    """The choices of a note's section (a callable, so that a new section needs no migration)."""
    return [(section.key, section.title) for section in SECTIONS]


# Charts are drawn once per profile and kept: drawing five takes about 0.4 s, reading them back
# well under a millisecond. The key is the profile's content, so a re-run analysis draws anew.
CHARTS_CACHE_SECONDS = 7 * 24 * 60 * 60


def report_charts(profile: dict[str, Any]) -> dict[str, Chart | None]:
    """Each section's chart by section key, from the cache when this very profile was drawn before."""
    digest = hashlib.sha256(json.dumps(profile, sort_keys=True, default=str).encode()).hexdigest()
    key = f"report-charts:v3:{digest}"
    charts = cache.get(key)
    if charts is None:
        charts = draw_report_charts(profile)
        cache.set(key, charts, CHARTS_CACHE_SECONDS)
    return charts


def draw_report_charts(profile: dict[str, Any]) -> dict[str, Chart | None]:
    return {section.key: section.chart(profile) for section in SECTIONS if section.chart is not None}
