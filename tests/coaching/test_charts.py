"""The report's charts: SVG made from the figures, with captions and text alternatives."""

from __future__ import annotations

from coaching.charts import hour_of_week_heatmap, reply_latency
from coaching.sections import report_charts
from profiles.analysis import AnalysisContext, WorkingHours, analyse
from tests.profiles.analysis.factories import daily_posts, reply


def _profile() -> dict:
    posts = [*daily_posts(40), reply("Thanks!", when="2024-01-03 10:30", asked="2024-01-03 10:00")]
    context = AnalysisContext(timezone="Europe/London", working_hours=WorkingHours.parse("Mon-Fri 09:00-17:00"))
    return analyse(posts, context).profile.as_dict()


def test_every_chart_is_svg_with_a_caption_and_a_text_alternative() -> None:
    charts = report_charts(_profile())

    assert charts["rhythm"] is not None
    for chart in (chart for chart in charts.values() if chart is not None):
        assert chart.svg.startswith("<svg")
        assert chart.svg.rstrip().endswith("</svg>")
        assert chart.caption
        assert chart.alt


def test_the_heatmap_names_the_busiest_hour_and_outlines_working_hours() -> None:
    chart = hour_of_week_heatmap(_profile())

    # daily_posts posts every day at 10:00 UTC: 10:00 in London in January.
    assert "busiest hour is" in chart.alt
    assert "10:00" in chart.alt
    assert "(Mon-Fri 09:00-17:00) are outlined" in chart.caption


def test_the_latency_chart_says_what_each_bar_holds() -> None:
    chart = reply_latency(_profile())

    assert "up to 1 h: 1" in chart.alt


def test_the_latency_bars_run_from_the_shortest_wait_whatever_order_the_database_kept() -> None:
    profile = _profile()
    buckets = profile["responsiveness"]["reply_latency_buckets"]
    # PostgreSQL's jsonb returns an object's keys sorted by length.
    profile["responsiveness"]["reply_latency_buckets"] = {
        name: buckets[name] for name in sorted(buckets, key=lambda name: (len(name.encode()), name))
    }
    chart = reply_latency(profile)

    order = ["up to 15 min", "up to 1 h", "up to 4 h", "up to 24 h", "up to 7 days", "after a week"]
    positions = [chart.alt.index(label) for label in order]
    assert positions == sorted(positions)


def test_the_same_figures_give_the_same_svg() -> None:
    profile = _profile()
    assert hour_of_week_heatmap(profile).svg == hour_of_week_heatmap(profile).svg


def test_coach_notes_render_markdown_and_nothing_dangerous() -> None:
    from coaching.templatetags.coaching_report import coach_markdown  # noqa: PLC0415

    rendered = coach_markdown(
        "**Well done** on *replies*.\n\n- one\n- two\n\n<script>alert(1)</script> [bad](javascript:alert(1)) "
        "[good](https://example.org)"
    )

    assert "<strong>Well done</strong>" in rendered
    assert "<em>replies</em>" in rendered
    assert "<li>one</li>" in rendered
    assert "<script" not in rendered
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in rendered
    assert "javascript:" not in rendered
    assert 'href="https://example.org"' in rendered
    assert 'rel="noopener noreferrer nofollow"' in rendered
