"""Property-based tests of the date, entity and HTML handling every importer relies on."""

from __future__ import annotations

import html
from datetime import UTC, datetime, timedelta, timezone

from hypothesis import given
from hypothesis import strategies as st

from profiles.ingest.text import client_name, decode_entities, html_to_text, parse_iso_datetime, parse_twitter_date
from samples.archives import Tweet, snowflake, twitter_date

# hypothesis takes naive bounds and attaches the zone itself.
moments = st.datetimes(
    min_value=datetime(2006, 3, 21),  # noqa: DTZ001
    max_value=datetime(2099, 12, 31),  # noqa: DTZ001
    timezones=st.just(UTC),
)
offsets = st.integers(min_value=-14 * 60, max_value=14 * 60).map(lambda m: timezone(timedelta(minutes=m)))
plain_text = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=200)


@given(moments)
def test_x_dates_read_back_to_the_same_instant(moment):
    moment = moment.replace(microsecond=0)

    assert parse_twitter_date(twitter_date(moment)) == moment


@given(moments, offsets)
def test_dates_with_an_offset_are_converted_to_utc(moment, offset):
    local = moment.replace(microsecond=0).astimezone(offset)
    sign = "+" if local.utcoffset() >= timedelta(0) else "-"
    minutes = abs(int(local.utcoffset().total_seconds() // 60))
    written = local.strftime("%a %b %d %H:%M:%S ") + f"{sign}{minutes // 60:02d}{minutes % 60:02d}" + f" {local.year}"

    assert parse_twitter_date(written) == moment.replace(microsecond=0)
    assert parse_iso_datetime(local.isoformat()) == moment.replace(microsecond=0)


@given(plain_text)
def test_escaped_text_decodes_to_what_was_written(text):
    assert decode_entities(html.escape(text, quote=False)) == text


@given(plain_text)
def test_post_html_never_fails_and_keeps_the_words(text):
    markup = f"<p>{html.escape(text)}</p>"

    result = html_to_text(markup)

    assert result.split() == text.split()


@given(st.text(max_size=300))
def test_arbitrary_markup_never_raises(markup):
    assert isinstance(html_to_text(markup), str)


@given(
    st.lists(st.from_regex(r"[A-Za-z0-9_]{1,15}", fullmatch=True), max_size=5),
    st.lists(st.from_regex(r"[A-Za-z]\w{0,20}", fullmatch=True), max_size=5),
)
def test_entities_come_through_an_archive_as_written(handles, tags):
    from profiles.ingest.records import AccountInfo, Platform  # noqa: PLC0415
    from profiles.ingest.twitter import TweetConverter  # noqa: PLC0415

    moment = datetime(2024, 1, 1, tzinfo=UTC)
    entry = Tweet(snowflake(moment), moment, "text", mentions=[(h, "1") for h in handles], hashtags=tags)

    post = TweetConverter(AccountInfo(platform=Platform.TWITTER)).convert(entry.as_archive_entry()["tweet"])

    assert post.mentions == tuple(handles)
    assert post.hashtags == tuple(tags)


def test_the_client_is_the_anchor_text_of_the_source():
    assert client_name('<a href="https://buffer.com" rel="nofollow">Buffer &amp; Co</a>') == "Buffer & Co"
    assert client_name("web") == "web"
