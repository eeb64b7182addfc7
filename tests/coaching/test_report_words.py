"""The report's words: counts with plurals and thousands, figures with their meaning, cited posts
a reader can check (local time, reply delay, links expanded and safe)."""

from __future__ import annotations

import pytest

from coaching.templatetags.coaching_report import (
    counted,
    expanded_text,
    local_time,
    long_date,
    post_with_links,
    reading_ease_meaning,
    reply_delay,
    thousands,
)


@pytest.mark.parametrize(("number", "noun", "words"), [
    (28541, "post", "28,541 posts"),
    (1, "post", "1 post"),
    (0, "post", "0 posts"),
    (1, "reply", "1 reply"),
    (3655, "person", "3,655 people"),
    (50.0, "like and repost", "50 likes and reposts"),
    (None, "post", "no posts"),
    ("", "post", "an unknown number of posts"),
])  # fmt: skip
def test_it_counts_with_plurals_and_thousands_separators(number, noun, words):
    assert counted(number, noun) == words


def test_it_separates_thousands_and_keeps_one_decimal():
    assert thousands(28541) == "28,541"
    assert thousands(503.0) == "503"
    assert thousands(1234.56) == "1,234.6"
    assert thousands(None) == "unknown"


@pytest.mark.parametrize(("score", "meaning"), [
    (69.2, "69 — plain English: most adults read it easily"),
    (75, "75 — easy: most people read it easily"),
    (45, "45 — hard: written for specialists"),
    (10, "10 — very hard: few people finish it"),
    (None, "unknown (too few words to tell)"),
])  # fmt: skip
def test_reading_ease_says_what_the_score_means(score, meaning):
    assert reading_ease_meaning(score) == meaning


def test_a_local_time_reads_as_a_weekday_date_and_clock_time():
    assert local_time("2026-01-09T12:42:55+00:00") == "Fri 9 Jan 2026, 12:42"
    assert local_time("2025-08-06T23:56:15+01:00") == "Wed 6 Aug 2025, 23:56"  # the client's clock, not UTC
    assert local_time("not a time") == ""
    assert long_date("2023-01-02T10:00:00+00:00") == "2 January 2023"


@pytest.mark.parametrize(("seconds", "words"), [
    (180, "3 minutes"),
    (60, "1 minute"),
    (5400, "1 hour 30 minutes"),
    (3600, "1 hour"),
    (36000, "10 hours"),
    (3 * 86400, "3 days"),
    (None, ""),
])  # fmt: skip
def test_a_reply_delay_reads_in_words(seconds, words):
    assert reply_delay(seconds) == words


def test_short_links_are_expanded_in_order_when_the_export_lists_them():
    text = "Our plan https://t.co/AbC12 and the map https://t.co/xyZ9"

    assert expanded_text(text, ["https://example.org/plan", "https://example.org/map"]) == (
        "Our plan https://example.org/plan and the map https://example.org/map"
    )
    # One address for two short links: which is which is unknown, so nothing is replaced.
    assert expanded_text(text, ["https://example.org/plan"]) == text


def test_a_cited_post_links_only_http_addresses_and_escapes_everything_else():
    rendered = post_with_links(
        "See https://t.co/AbC12 <b>now</b>", ["javascript:alert(1)"]
    )  # an export could hold any text as an "expanded" address

    assert "<b>" not in rendered
    assert "&lt;b&gt;now&lt;/b&gt;" in rendered
    assert 'href="javascript:' not in rendered
    assert "javascript:alert(1)" in rendered  # shown as text, not as a link

    linked = post_with_links("Read https://t.co/AbC12.", ["https://example.org/a?b=1&c=2"])
    assert '<a href="https://example.org/a?b=1&amp;c=2" rel="noopener noreferrer nofollow">' in linked
    assert linked.endswith("</a>.")  # the full stop ends the sentence, not the address


def test_a_long_post_is_cut_to_a_readable_quote():
    rendered = post_with_links("word " * 400)

    assert len(rendered) <= 600
    assert rendered.endswith("…")
