"""The report's charts: server-rendered SVG from a profile's figures, each with a caption and a
text alternative. Only numbers and fixed labels go into a chart, never a post's text.

matplotlib's object API (Figure, not pyplot): no global state, safe in a threaded web server.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from matplotlib import rcParams
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from profiles.analysis import WorkingHours, WorkingHoursError

rcParams["svg.fonttype"] = "none"  # text stays text: smaller, selectable, readable by screen readers
rcParams["svg.hashsalt"] = "voiceprint"  # the same figures give the same SVG
rcParams["font.size"] = 9
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
COLOURS = {"personal": "#2a9d8f", "mixed": "#e9c46a", "corporate": "#6c757d"}


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


def _figure(width: float = 6.5, height: float = 2.6) -> Figure:
    return Figure(figsize=(width, height), layout="constrained")


def sentiment_by_month(profile: dict[str, Any]) -> Chart | None:
    months = [m for m in profile["tone"]["by_month"] if m["sentiment_mean"] is not None]
    if not months:
        return None
    figure = _figure()
    axes = figure.add_subplot()
    labels = [m["month"] for m in months]
    positions = range(len(labels))
    axes.plot(positions, [m["positive_share"] for m in months], label="positive", color="#2a9d8f")
    axes.plot(positions, [m["negative_share"] for m in months], label="negative", color="#e76f51")
    axes.set_ylim(0, 1)
    axes.set_ylabel("share of posts")
    axes.legend(loc="upper left", frameon=False)
    _thin_month_labels(axes, labels)
    first, last = months[0], months[-1]
    return Chart(
        svg=_svg(figure),
        caption="Positive and negative posts by month.",
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
    axes.stackplot(
        range(len(labels)),
        [m["personal_share"] for m in months],
        [m["mixed_share"] for m in months],
        [m["corporate_share"] for m in months],
        labels=["personal", "mixed", "corporate"],
        colors=[COLOURS["personal"], COLOURS["mixed"], COLOURS["corporate"]],
    )
    axes.set_ylim(0, 1)
    axes.set_ylabel("share of posts")
    axes.legend(loc="upper left", frameon=False, ncols=3)
    _thin_month_labels(axes, labels)
    return Chart(
        svg=_svg(figure),
        caption="Voice balance by month: personal, mixed and corporate posts.",
        alt=(
            f"Stacked area chart over {len(months)} months. In {months[-1]['month']}: "
            f"{_pct(months[-1]['personal_share'])} personal, {_pct(months[-1]['mixed_share'])} mixed, "
            f"{_pct(months[-1]['corporate_share'])} corporate."
        ),
    )


def hour_of_week_heatmap(profile: dict[str, Any]) -> Chart:
    rhythm = profile["rhythm"]
    counts = rhythm["heatmap"]
    figure = _figure(height=2.8)
    axes = figure.add_subplot()
    image = axes.imshow(counts, aspect="auto", cmap="Blues", interpolation="nearest")
    figure.colorbar(image, ax=axes, label="posts", shrink=0.8)
    axes.set_yticks(range(7), WEEKDAYS)
    axes.set_xticks(range(0, 24, 3), [f"{hour:02d}:00" for hour in range(0, 24, 3)])
    for day, hour in _working_cells(rhythm["working_hours"]):
        axes.add_patch(Rectangle((hour - 0.5, day - 0.5), 1, 1, fill=False, edgecolor="#e76f51", linewidth=0.8))
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
    names = list(buckets)
    labels = [f"up to {name}" if name != "later" else "after a week" for name in names]
    axes.bar(range(len(labels)), [buckets[name] for name in names], color="#264653", tick_label=labels)
    axes.set_ylabel("replies")
    return Chart(
        svg=_svg(figure),
        caption="How long your replies took, from the post you answered.",
        alt="Bar chart of replies by time taken: "
        + "; ".join(f"{label}: {buckets[name]}" for label, name in zip(labels, names, strict=True))
        + ".",
    )


def engagement_by_voice(profile: dict[str, Any]) -> Chart | None:
    by_voice = profile["engagement"]["by_voice"]
    voices = [voice for voice in ("personal", "mixed", "corporate") if by_voice[voice]["posts"]]
    if not voices:
        return None
    figure = _figure(height=2.2)
    axes = figure.add_subplot()
    axes.bar(
        range(len(voices)),
        [by_voice[voice]["likes_median"] or 0 for voice in voices],
        color=[COLOURS[voice] for voice in voices],
        tick_label=voices,
    )
    axes.set_ylabel("median likes per post")
    return Chart(
        svg=_svg(figure),
        caption="Median likes per post, by voice.",
        alt="Bar chart of median likes: "
        + "; ".join(f"{voice} {by_voice[voice]['likes_median']} ({by_voice[voice]['posts']} posts)" for voice in voices)
        + ".",
    )


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
    step = max(1, len(labels) // 8)
    axes.set_xticks(range(0, len(labels), step), labels[::step], rotation=0)


def _pct(value: float | None) -> str:
    return "an unknown share" if value is None else f"{round(value * 100)}%"
