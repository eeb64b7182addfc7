"""The report's charts: server-rendered SVG from a profile's figures, each with a caption and a
text alternative. Only numbers and fixed labels go into a chart, never a post's text.

matplotlib's object API (Figure, not pyplot): no global state, safe in a threaded web server.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from typing import Any

from matplotlib import rcParams
from matplotlib.figure import Figure
from matplotlib.patches import Patch, Rectangle
from matplotlib.ticker import PercentFormatter

from profiles.analysis import WorkingHours, WorkingHoursError
from profiles.analysis.responsiveness import LATENCY_BUCKETS

rcParams["svg.fonttype"] = "none"  # text stays text: smaller, selectable, readable by screen readers
rcParams["svg.hashsalt"] = "voiceprint"  # the same figures give the same SVG
# A chart is drawn 5.2 inches wide and shown at the page's width: 11 pt lettering stays about
# 10 px on a 390 px phone, where the old 9 pt on 6.5 inches shrank to 6 px.
rcParams["font.size"] = 11
rcParams["axes.spines.top"] = False
rcParams["axes.spines.right"] = False
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
# One palette for every chart, the web report and the PDF (static/css/voiceprint.css uses the same
# values): voice labels, tone, the recent period against earlier ones, and thin months.
PALETTE = {
    "personal": "#2a9d8f",
    "mixed": "#e9c46a",
    "corporate": "#6c757d",
    "positive": "#2a9d8f",
    "negative": "#e76f51",
    "recent": "#12355b",
    "earlier": "#9aa5b1",
    "thin": "#eef1f4",
    "accent": "#e76f51",
}
COLOURS = PALETTE  # the name the voice colours had before the palette
# A month with fewer posts than this is too thin for a share to mean anything: one post makes a
# line jump 0 → 100%. Such months are shaded and the line skips them.
THIN_MONTH_POSTS = 5


@dataclass(frozen=True)
class Chart:
    svg: str
    caption: str
    alt: str


def _svg(figure: Figure) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    text = buffer.getvalue()
    return text[text.index("<svg") :]  # the XML prologue and doctype do not belong inside HTML


def _figure(width: float = 5.2, height: float = 2.8) -> Figure:
    return Figure(figsize=(width, height), layout="constrained")


def _legend_above(figure: Figure, axes: Any, columns: int = 3) -> None:
    """The legend in a row above the plot, where it never covers a line or a bar."""
    figure.legend(*axes.get_legend_handles_labels(), loc="outside upper left", ncols=columns, frameon=False)


def _shade_thin_months(axes: Any, months: list[dict[str, Any]]) -> int:
    """Shades the months with fewer than THIN_MONTH_POSTS posts; returns how many there are."""
    thin = [index for index, month in enumerate(months) if month["posts"] < THIN_MONTH_POSTS]
    for number, index in enumerate(thin):
        label = f"under {THIN_MONTH_POSTS} posts" if number == 0 else None
        axes.axvspan(index - 0.5, index + 0.5, color=PALETTE["thin"], zorder=0, label=label, linewidth=0)
    return len(thin)


def _without_thin(months: list[dict[str, Any]], figure_name: str) -> list[float]:
    """The monthly figure, NaN (a gap in the line) where the month is too thin to judge."""
    return [
        month[figure_name] if month["posts"] >= THIN_MONTH_POSTS and month[figure_name] is not None else math.nan
        for month in months
    ]


def sentiment_by_month(profile: dict[str, Any]) -> Chart | None:
    months = [m for m in profile["tone"]["by_month"] if m["sentiment_mean"] is not None]
    if not months:
        return None
    figure = _figure()
    axes = figure.add_subplot()
    labels = [m["month"] for m in months]
    positions = range(len(labels))
    thin = _shade_thin_months(axes, months)
    axes.plot(positions, _without_thin(months, "positive_share"), label="positive", color=PALETTE["positive"])
    axes.plot(positions, _without_thin(months, "negative_share"), label="negative", color=PALETTE["negative"])
    axes.set_ylim(0, 1)
    axes.yaxis.set_major_formatter(PercentFormatter(1.0))
    axes.set_ylabel("share of posts")
    _legend_above(figure, axes)
    _thin_month_labels(axes, labels)
    first, last = months[0], months[-1]
    return Chart(
        svg=_svg(figure),
        caption="Positive and negative posts by month."
        + (f" Shaded months have under {THIN_MONTH_POSTS} posts, too few to judge." if thin else ""),
        alt=(
            f"Line chart over {len(months)} months. Positive posts went from {_pct(first['positive_share'])} in "
            f"{first['month']} to {_pct(last['positive_share'])} in {last['month']}; negative posts from "
            f"{_pct(first['negative_share'])} to {_pct(last['negative_share'])}."
        ),
    )


def voice_by_month(profile: dict[str, Any]) -> Chart | None:
    months = profile["voice"]["by_month"]
    if not months:
        return None
    figure = _figure()
    axes = figure.add_subplot()
    labels = [m["month"] for m in months]
    thin = _shade_thin_months(axes, months)
    # A stacked area needs every month: thin ones are drawn from the months around them, pooled
    # by posts, so one post does not swing the whole band.
    shares = {voice: _pooled_shares(months, f"{voice}_share") for voice in ("personal", "mixed", "corporate")}
    axes.stackplot(
        range(len(labels)),
        shares["personal"],
        shares["mixed"],
        shares["corporate"],
        labels=["personal", "mixed", "corporate"],
        colors=[PALETTE["personal"], PALETTE["mixed"], PALETTE["corporate"]],
        alpha=0.9,
    )
    axes.set_ylim(0, 1)
    axes.yaxis.set_major_formatter(PercentFormatter(1.0))
    axes.set_ylabel("share of posts")
    _legend_above(figure, axes, columns=4)
    _thin_month_labels(axes, labels)
    return Chart(
        svg=_svg(figure),
        caption="Voice balance by month: personal, mixed and corporate posts."
        + (f" Months with under {THIN_MONTH_POSTS} posts are shaded and pooled with their neighbours." if thin else ""),
        alt=(
            f"Stacked area chart over {len(months)} months. In {months[-1]['month']}: "
            f"{_pct(months[-1]['personal_share'])} personal, {_pct(months[-1]['mixed_share'])} mixed, "
            f"{_pct(months[-1]['corporate_share'])} corporate."
        ),
    )


def _pooled_shares(months: list[dict[str, Any]], figure_name: str) -> list[float]:
    """Each month's share; a thin month's is pooled with the month before and after it (weighted
    by their posts), which is what a reader's eye does with a gap anyway."""
    pooled = []
    for index, month in enumerate(months):
        if month["posts"] >= THIN_MONTH_POSTS:
            pooled.append(month[figure_name] or 0.0)
            continue
        around = months[max(0, index - 1) : index + 2]
        posts = sum(m["posts"] for m in around)
        pooled.append(sum((m[figure_name] or 0.0) * m["posts"] for m in around) / posts if posts else 0.0)
    return pooled


def hour_of_week_heatmap(profile: dict[str, Any]) -> Chart:
    rhythm = profile["rhythm"]
    counts = rhythm["heatmap"]
    figure = _figure(height=3.0)
    axes = figure.add_subplot()
    image = axes.imshow(counts, aspect="auto", cmap="Blues", interpolation="nearest")  # the navy of PALETTE
    figure.colorbar(image, ax=axes, label="posts", shrink=0.8)
    axes.set_yticks(range(7), WEEKDAYS)
    axes.set_xticks(range(0, 24, 6), [f"{hour:02d}:00" for hour in range(0, 24, 6)])
    for day, hour in _working_cells(rhythm["working_hours"]):
        axes.add_patch(Rectangle((hour - 0.5, day - 0.5), 1, 1, fill=False, edgecolor=PALETTE["accent"], linewidth=0.8))
    busiest_day, busiest_hour = max(
        ((day, hour) for day in range(7) for hour in range(24)), key=lambda cell: counts[cell[0]][cell[1]]
    )
    return Chart(
        svg=_svg(figure),
        caption=(
            f"When you post, by weekday and hour ({rhythm['timezone']}); your working hours "
            f"({rhythm['working_hours']}) are outlined."
        ),
        alt=(
            f"Heat map of posts by weekday and hour. The busiest hour is {WEEKDAYS[busiest_day]} "
            f"{busiest_hour:02d}:00 with {counts[busiest_day][busiest_hour]} posts; "
            f"{_pct(rhythm['out_of_hours_share'])} of posts fall outside the outlined working hours."
        ),
    )


def reply_latency(profile: dict[str, Any]) -> Chart | None:
    buckets = profile["responsiveness"]["reply_latency_buckets"]
    if not any(buckets.values()):
        return None
    figure = _figure(height=2.2)
    axes = figure.add_subplot()
    # Shortest wait first. Not the stored order: PostgreSQL's jsonb keeps an object's keys sorted by
    # length ("1 h", "4 h", "24 h", "later", "15 min", …), whatever order the analysis wrote them in.
    order = [name for name, _ in LATENCY_BUCKETS] + ["later"]
    names = sorted(buckets, key=lambda name: order.index(name) if name in order else len(order))
    # Short ticks fit a phone's width; the text alternative says each in words.
    ticks = [f"≤ {name}" if name != "later" else "later" for name in names]
    labels = [f"up to {name}" if name != "later" else "after a week" for name in names]
    axes.bar(range(len(ticks)), [buckets[name] for name in names], color=PALETTE["recent"], tick_label=ticks)
    axes.set_ylabel("replies")
    return Chart(
        svg=_svg(figure),
        caption="How long your replies took, from the post you answered.",
        alt="Bar chart of replies by time taken: "
        + "; ".join(f"{label}: {buckets[name]}" for label, name in zip(labels, names, strict=True))
        + ".",
    )


def engagement_by_voice(profile: dict[str, Any]) -> Chart | None:
    engagement = profile["engagement"]
    by_voice = engagement["by_voice"]
    voices = [voice for voice in ("personal", "mixed", "corporate") if by_voice[voice]["posts"]]
    medians = [by_voice[voice]["likes_median"] or 0 for voice in voices]
    # Without counts, or with every median at 0, the bars would be an empty box that says nothing.
    if not voices or engagement.get("counts_available") is False or not any(medians):
        return None
    figure = _figure(height=2.4)
    axes = figure.add_subplot()
    axes.bar(range(len(voices)), medians, color=[PALETTE[voice] for voice in voices], tick_label=voices)
    axes.set_ylabel("median likes")
    return Chart(
        svg=_svg(figure),
        caption="Median likes per post, by voice.",
        alt="Bar chart of median likes: "
        + "; ".join(f"{voice} {by_voice[voice]['likes_median']} ({by_voice[voice]['posts']} posts)" for voice in voices)
        + ".",
    )


def posts_by_month(profile: dict[str, Any]) -> Chart | None:
    """Posts in every month of the history, empty ones included, the last 12 months picked out."""
    activity = profile.get("activity")
    if not activity or not activity.get("by_month"):
        return None
    months = activity["by_month"]
    recent_from = max(0, len(months) - 12)
    figure = _figure(height=2.6)
    axes = figure.add_subplot()
    positions = range(len(months))
    colours = [PALETTE["recent"] if index >= recent_from else PALETTE["earlier"] for index in positions]
    axes.bar(positions, [month["posts"] for month in months], color=colours, width=0.85)
    # Empty months get a tick on the axis, so a silence reads as a gap and not as a missing bar.
    empty = [index for index, month in enumerate(months) if month["posts"] == 0]
    if empty:
        axes.plot(empty, [0] * len(empty), "|", color=PALETTE["accent"], markersize=6, label="no posts")
    handles = [Patch(color=PALETTE["recent"], label="last 12 months")]
    if recent_from:
        handles.append(Patch(color=PALETTE["earlier"], label="earlier"))
    handles += list(axes.get_legend_handles_labels()[0])
    axes.set_ylabel("posts")
    axes.set_xlim(-0.6, len(months) - 0.4)
    figure.legend(handles=handles, loc="outside upper left", ncols=3, frameon=False)
    _year_labels(axes, [month["period"] for month in months])
    busiest = max(months, key=lambda month: month["posts"])
    return Chart(
        svg=_svg(figure),
        caption="Posts per month; the last 12 months in dark blue, empty months marked on the axis.",
        alt=(
            f"Bar chart of posts in each of {len(months)} months, {months[0]['period']} to {months[-1]['period']}. "
            f"The busiest month is {busiest['period']} with {busiest['posts']:,} posts; {len(empty)} months have "
            f"none; the last 12 months hold {activity['last_12_months_posts']:,} posts."
        ),
    )


def _year_labels(axes: Any, periods: list[str]) -> None:
    """Ticks at each January (every few years on a long history), labelled with the year."""
    januaries = [index for index, period in enumerate(periods) if period.endswith("-01")] or [0]
    step = max(1, math.ceil(len(januaries) / 6))
    chosen = januaries[::step]
    axes.set_xticks(chosen, [periods[index][:4] for index in chosen])


def _working_cells(text: str) -> list[tuple[int, int]]:
    """Hour-of-week cells (weekday, hour) at least partly inside the working hours."""
    try:
        hours = WorkingHours.parse(text)
    except WorkingHoursError:
        return []
    cells = []
    for day in range(7):
        for hour in range(24):
            start = day * 1440 + hour * 60
            if any(span_start < start + 60 and start < span_end for span_start, span_end in hours.spans):
                cells.append((day, hour))
    return cells


def _thin_month_labels(axes: Any, labels: list[str]) -> None:
    step = max(1, math.ceil(len(labels) / 4))  # four labels fit a phone's width
    axes.set_xticks(range(0, len(labels), step), labels[::step], rotation=0)


def _pct(value: float | None) -> str:
    return "an unknown share" if value is None else f"{round(value * 100)}%"
