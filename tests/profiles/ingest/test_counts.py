"""An import's summary accounts for every record: posts, merged duplicates, skipped ones and why."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from profiles.ingest import coverage_lines
from profiles.ingest.records import ImportReport, NormalisedPost, Platform, merged_duplicates_sentence
from samples.archives import mastodon_note, mastodon_outbox, ytd_file
from tests.profiles.ingest.helpers import at, read_all, tweet


def json_lines(rows: list[dict[str, object]]) -> str:
    return "".join(json.dumps(row) + "\n" for row in rows)


def row(post_id: str, created_at: str = "2024-03-01T09:00:00Z", **fields: object) -> dict[str, object]:
    return {"id": post_id, "created_at": created_at, "text": f"post {post_id}", **fields}


def test_it_says_how_many_records_shared_how_many_ids():
    assert merged_duplicates_sentence(300, 1) == "300 records shared 1 id and were merged into 1 post"
    assert merged_duplicates_sentence(5, 2) == "5 records shared 2 ids and were merged into 2 posts"
    assert merged_duplicates_sentence(1_200, 3) == "1,200 records shared 3 ids and were merged into 3 posts"


def test_records_sharing_an_id_are_counted_as_the_one_post_stored(tmp_path):
    rows = [row("1", kind="reply", in_reply_to_id="9")] * 299 + [row("1", kind="quote"), row("2"), row("3")]
    (tmp_path / "posts.jsonl").write_text(json_lines(rows))

    _, posts, report = read_all(tmp_path / "posts.jsonl")

    # Each post once, as last listed: the first post's 300 records are one quote.
    assert [(post.external_id, post.kind.value) for post in posts] == [
        ("1", "quote"),
        ("2", "original"),
        ("3", "original"),
    ]
    assert (report.records_merged, report.shared_ids) == (299, 1)
    assert report.posts_total == 3
    assert dict(+report.posts_by_kind) == {"quote": 1, "original": 2}
    assert report.records_total == 302
    assert report.as_dict()["records_merged"] == 299


def test_two_ids_shared_by_several_records_each(tmp_path):
    rows = [row("1"), row("2"), row("1"), row("3"), row("2"), row("1")]
    (tmp_path / "posts.jsonl").write_text(json_lines(rows))

    _, _, report = read_all(tmp_path / "posts.jsonl")

    assert (report.records_merged, report.shared_ids, report.posts_total) == (3, 2, 3)


def test_posts_dated_before_twitter_or_in_the_future_are_skipped_with_the_reason(tmp_path):
    rows = [
        row("1", "1900-01-01T00:00:00Z"),
        row("2", "2006-03-20T23:59:59Z"),
        row("3", "2006-03-21T20:50:00Z"),
        row("4", "2100-01-01T00:00:00Z"),
        row("5"),
    ]
    (tmp_path / "posts.jsonl").write_text(json_lines(rows))

    _, posts, report = read_all(tmp_path / "posts.jsonl")

    assert [post.external_id for post in posts] == ["3", "5"]
    assert report.implausible_dates == report.skipped_count == 3
    assert [(s.location, s.reason) for s in report.skipped_examples] == [
        ("posts.jsonl, line 1", "post 1 is dated 1900-01-01, before the first post on Twitter (2006-03-21)"),
        ("posts.jsonl, line 2", "post 2 is dated 2006-03-20, before the first post on Twitter (2006-03-21)"),
        ("posts.jsonl, line 4", "post 4 is dated 2100-01-01, in the future"),
    ]
    assert report.first_post_at == datetime(2006, 3, 21, 20, 50, tzinfo=UTC)
    assert report.records_total == 5


def test_more_than_a_day_ahead_is_the_future_and_less_is_not():
    report = ImportReport(format="csv", latest_plausible=datetime(2026, 1, 2, tzinfo=UTC))
    tomorrow = NormalisedPost(Platform.OTHER, "1", datetime(2026, 1, 2, tzinfo=UTC), "x")
    later = tomorrow._replace(created_at=datetime(2026, 1, 2, 0, 0, 1, tzinfo=UTC))

    assert report.admit(tomorrow, "a")
    assert not report.admit(later, "b")


def test_an_x_archive_post_dated_1900_is_skipped(tmp_path):
    entries = [tweet(0, "fine").as_archive_entry(), tweet(1, "old").as_archive_entry()]
    entries[1]["tweet"]["created_at"] = "Mon Jan 01 00:00:00 +0000 1900"
    (tmp_path / "tweets.js").write_bytes(ytd_file("tweets", entries))

    _, posts, report = read_all(tmp_path / "tweets.js")

    assert [post.text for post in posts] == ["fine"]
    assert report.implausible_dates == 1
    assert report.skipped_examples[0].location == "tweets.js, record 2"


def test_a_mastodon_export_accounts_for_its_private_messages(tmp_path):
    notes = [mastodon_note(1, at(0), "<p>public</p>"), mastodon_note(2, at(1), "<p>dm</p>", mentions=["bob@x.example"],
             public=False), mastodon_note(3, at(2), "<p>public again</p>")]  # fmt: skip
    notes[2]["published"] = notes[2]["object"]["published"] = "2199-01-01T00:00:00Z"
    (tmp_path / "outbox.json").write_bytes(mastodon_outbox(notes))

    _, posts, report = read_all(tmp_path / "outbox.json")

    assert [post.text for post in posts] == ["public"]
    assert (report.private_messages, report.implausible_dates, report.records_total) == (1, 1, 3)


def test_the_coverage_lines_say_each_figure_once_and_add_up(tmp_path):
    rows = [row("1")] * 300 + [row("2", "1900-01-01T00:00:00Z"), row("3", "not a date"), row("4", text="")]
    (tmp_path / "posts.jsonl").write_text(json_lines(rows))

    _, _, report = read_all(tmp_path / "posts.jsonl")

    assert coverage_lines(report) == [
        "We read 2 posts: 2 of your own, 0 replies and 0 reposts of other people's posts.",
        "1 post has no words, only a link or a picture.",
        "1 post listed more than once in your file is counted once.",
        "1 post dated before 2006-03-21 (the first post on Twitter) or in the future is left out.",
        "1 record of your file could not be read and left out.",
    ]
    assert report.records_total == len(rows) == report.posts_total + report.records_merged + report.skipped_count


def test_the_coverage_lines_name_the_private_messages_left_out(tmp_path):
    notes = [mastodon_note(1, at(0), "<p>public</p>"), mastodon_note(2, at(1), "<p>dm</p>", mentions=["bob@x.example"],
             public=False)]  # fmt: skip
    (tmp_path / "outbox.json").write_bytes(mastodon_outbox(notes))

    _, _, report = read_all(tmp_path / "outbox.json")

    assert "1 private message left out, never read." in coverage_lines(report)
