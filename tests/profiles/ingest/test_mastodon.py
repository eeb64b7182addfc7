from __future__ import annotations

from profiles.ingest import PostKind
from samples.archives import MASTODON_ACTOR, mastodon_boost, mastodon_note, mastodon_outbox, write_mastodon_export
from tests.profiles.ingest.helpers import at, read_all

LINK_HTML = (
    '<p>Read <a href="https://example.org/report/2024" rel="nofollow noopener" target="_blank">'
    '<span class="invisible">https://</span><span class="ellipsis">example.org/report/</span>'
    '<span class="invisible">2024</span></a> &amp; tell me<br>what you think</p>'
)
MENTION_HTML = (
    '<p><span class="h-card"><a href="https://other.example/@bob" class="u-url mention">@<span>bob</span></a>'
    '</span> thanks! <a href="https://mastodon.example/tags/police" class="mention hashtag" rel="tag">'
    "#<span>police</span></a></p>"
)


def activities():
    return [
        mastodon_note(1, at(0), LINK_HTML, hashtags=["reports"]),
        mastodon_note(2, at(5), MENTION_HTML, in_reply_to="https://other.example/users/bob/statuses/77",
                      mentions=["bob@other.example"], hashtags=["police"]),
        mastodon_note(3, at(9), "<p>thread 2/2</p>", in_reply_to=f"{MASTODON_ACTOR}/statuses/110000000000000001"),
        mastodon_boost(4, at(12), "https://other.example/users/bob/statuses/80"),
        mastodon_note(5, at(15), "<p>a private word</p>", mentions=["bob@other.example"], public=False),
    ]  # fmt: skip


def test_it_reads_notes_replies_threads_and_boosts_from_a_zip(tmp_path):
    path = write_mastodon_export(tmp_path / "archive.zip", activities())

    history, posts, report = read_all(path)

    assert history.format == "mastodon"
    assert history.account.handle == "samwright@mastodon.example"
    assert dict(report.posts_by_kind) == {"original": 1, "reply": 2, "repost": 1}
    first, reply, thread, boost = posts
    assert first.text == "Read https://example.org/report/2024 & tell me\nwhat you think"
    assert first.urls == ("https://example.org/report/2024",)
    assert first.external_id == "110000000000000001"
    assert reply.text == "@bob thanks! #police"
    assert reply.mentions == ("bob@other.example",)
    assert reply.hashtags == ("police",)
    assert (reply.reply_to_post_id, reply.reply_to_handle) == ("77", "bob@other.example")
    assert not reply.is_self_reply
    assert thread.is_self_reply
    assert boost.kind is PostKind.REPOST
    assert boost.url == "https://other.example/users/bob/statuses/80"


def test_it_never_reads_direct_messages(tmp_path):
    path = write_mastodon_export(tmp_path / "archive.zip", activities())

    _, posts, _ = read_all(path)

    assert all("private" not in p.text for p in posts)


def test_it_reads_the_older_tar_gz_export(tmp_path):
    path = write_mastodon_export(tmp_path / "archive.tar.gz", activities(), tar_gz=True)

    history, posts, _ = read_all(path)

    assert history.format == "mastodon"
    assert len(posts) == 4


def test_it_reads_a_bare_outbox_with_a_stray_empty_ordered_items_first(tmp_path):
    path = tmp_path / "outbox.json"
    path.write_bytes(mastodon_outbox(activities(), empty_first=True))

    history, posts, _ = read_all(path)

    assert history.format == "mastodon"
    assert len(posts) == 4
    assert posts[2].is_self_reply  # own account taken from the activities' actor
