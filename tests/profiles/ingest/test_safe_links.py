"""Only http(s) links with a host survive an import; the posts that carried others are kept."""

from __future__ import annotations

import json

import pytest

from profiles.ingest.records import is_web_link
from samples.archives import mastodon_boost, mastodon_note, mastodon_outbox, ytd_file
from tests.profiles.ingest.helpers import at, read_all, tweet

HOSTILE = [
    "javascript:alert(document.cookie)",
    "JavaScript:alert(1)",
    "java\tscript:alert(1)",
    " javascript:alert(1)",
    "file:///etc/passwd",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
    "ftp://example.org/file",
    "https:///etc/passwd",
    "//evil.example/path",
    "http://[::1",
    "https://example.org/a\nb",
]


@pytest.mark.parametrize("url", HOSTILE)
def test_it_is_not_a_web_link(url):
    assert not is_web_link(url)


@pytest.mark.parametrize("url", ["https://example.org/report", "HTTP://EXAMPLE.ORG", "https://例え.jp/パス?q=1#x"])
def test_it_is_a_web_link(url):
    assert is_web_link(url)


def test_json_lines_posts_keep_their_text_but_lose_unsafe_urls(tmp_path):
    rows = [{"id": str(n), "created_at": f"2024-03-01T09:{n:02}:00Z", "text": f"post {n}", "url": url}
            for n, url in enumerate([*HOSTILE, "https://social.example/@sam/1"])]  # fmt: skip
    (tmp_path / "posts.jsonl").write_text("".join(json.dumps(row) + "\n" for row in rows))

    _, posts, report = read_all(tmp_path / "posts.jsonl")

    assert [post.text for post in posts] == [row["text"] for row in rows]
    assert [post.url for post in posts] == [""] * len(HOSTILE) + ["https://social.example/@sam/1"]
    assert report.skipped_count == 0


def test_a_mastodon_note_and_boost_with_unsafe_links_are_kept_without_them(tmp_path):
    note = mastodon_note(1, at(0), "<p>see https://example.org/a</p>")
    note["object"]["url"] = "javascript:alert(1)"
    note["object"]["id"] = "javascript:alert(1)//statuses/5"
    boost = mastodon_boost(2, at(1), "file:///etc/passwd")
    (tmp_path / "outbox.json").write_bytes(mastodon_outbox([note, boost]))

    _, posts, _ = read_all(tmp_path / "outbox.json")

    assert [(post.kind.value, post.url, post.urls) for post in posts] == [
        ("original", "", ("https://example.org/a",)),
        ("repost", "", ()),
    ]


def test_an_x_post_keeps_only_its_web_links(tmp_path):
    entry = tweet(0, "look").as_archive_entry()
    entry["tweet"]["entities"]["urls"] = [
        {"expanded_url": "data:text/html,<script>alert(1)</script>"},
        {"expanded_url": "https://example.org/kept"},
    ]
    (tmp_path / "tweets.js").write_bytes(ytd_file("tweets", [entry]))

    _, [post], _ = read_all(tmp_path / "tweets.js")

    assert post.urls == ("https://example.org/kept",)
    assert post.url.startswith("https://x.com/")
