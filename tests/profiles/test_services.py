from __future__ import annotations

import json
import re

import pytest

from profiles import ingest, services
from profiles.ingest import plain
from profiles.models import AccountLink, Post, PostHistory
from profiles.post_writer import upsert_posts
from profiles.services import histories
from samples.archives import write_twitter_archive, ytd_file
from samples.histories import professional_history
from tests.factories import UserFactory
from tests.profiles.formats import SAMPLES
from tests.profiles.ingest.helpers import BOMBS, tweet

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_user():
    return UserFactory(email="alice@example.org")


def import_file(owner, path, **kwargs):
    history = services.history_create_from_path(owner=owner, path=path)
    return services.history_import(history_id=history.pk, **kwargs).history


def row_counts():
    return (PostHistory.objects.count(), Post.objects.count(), AccountLink.objects.count())


@pytest.mark.parametrize("sample", SAMPLES.values(), ids=SAMPLES.keys())
def test_each_format_is_stored_with_its_summary(tmp_path, client_user, sample):
    history = import_file(client_user, sample.write(tmp_path))

    assert history.status == PostHistory.Status.IMPORTED
    assert history.format == sample.format
    assert history.posts.count() == sample.posts_total
    assert history.summary["posts_by_kind"] == sample.posts_by_kind
    assert history.summary["posts_stored"] == sample.posts_total
    assert history.upload.name.startswith("histories/")
    assert history.original_name == sample.write(tmp_path).name


def test_an_x_archive_keeps_the_account_followers_and_threads(tmp_path, client_user):
    history = import_file(client_user, SAMPLES["x-archive"].write(tmp_path))

    assert (history.handle, history.account_id, history.archive_timezone) == (
        "InspSamWright",
        "1199999999999999999",
        "Europe/London",
    )
    assert (history.follower_count, history.following_count) == (3, 1)
    assert set(history.account_links.values_list("direction", "account_id")) == {
        ("follower", "5"),
        ("follower", "6"),
        ("follower", "7"),
        ("following", "5"),
    }
    assert list(history.posts.filter(is_self_reply=True).values_list("text", flat=True)) == ["thread 2/2"]


def test_threads_are_found_in_a_bare_tweets_js_by_their_target(tmp_path, client_user):
    first = tweet(0, "1/2")
    second = tweet(1, "2/2", reply_to_id=first.id, reply_to_user_id="1", reply_to_handle="me")
    other = tweet(2, "@bob hi", reply_to_id="5", reply_to_user_id="2", reply_to_handle="bob")
    path = tmp_path / "tweets.js"
    path.write_bytes(ytd_file("tweets", [t.as_archive_entry() for t in (first, second, other)]))

    history = import_file(client_user, path)

    assert list(history.posts.filter(is_self_reply=True).values_list("text", flat=True)) == ["2/2"]


def test_uploading_the_same_archive_again_stores_nothing_twice(tmp_path, client_user):
    path = write_twitter_archive(tmp_path / "twitter.zip", list(professional_history(120)))
    first = import_file(client_user, path)
    counts = row_counts()

    again = import_file(client_user, path)

    assert again.pk == first.pk
    assert row_counts() == counts


def test_a_retried_import_after_a_crash_upserts_instead_of_duplicating(tmp_path, client_user):
    path = write_twitter_archive(tmp_path / "twitter.zip", list(professional_history(120)))
    history = import_file(client_user, path, batch_size=25)
    counts = row_counts()
    # As after a worker died mid-import: the message is delivered again to a new worker.
    PostHistory.objects.filter(pk=history.pk).update(status=PostHistory.Status.IMPORTING)

    outcome = services.history_import(history_id=history.pk, batch_size=25)

    assert outcome.imported_now
    assert row_counts() == counts
    assert outcome.history.summary["posts_stored"] == 120


def test_an_imported_history_is_not_imported_again(tmp_path, client_user):
    history = import_file(client_user, SAMPLES["csv"].write(tmp_path))

    outcome = services.history_import(history_id=history.pk)

    assert not outcome.imported_now
    assert outcome.history.imported_at == history.imported_at


def test_a_file_damaged_part_way_leaves_nothing_of_itself_and_loses_nothing_else(tmp_path, client_user):
    good = import_file(client_user, SAMPLES["x-archive"].write(tmp_path))
    counts = row_counts()
    body = ytd_file("tweets", [tweet(n, f"post {n}").as_archive_entry() for n in range(40)])
    damaged = tmp_path / "tweets.js"
    damaged.write_bytes(body[: int(len(body) * 0.8)])

    # Small batches: several are written before the damage is reached.
    history = import_file(client_user, damaged, batch_size=5)

    assert history.status == PostHistory.Status.FAILED
    assert history.error_message == (
        "tweets.js is cut short or damaged after record 31. Download the archive again and upload it unchanged."
    )
    assert history.error_detail
    assert history.posts.count() == 0
    assert row_counts() == (counts[0] + 1, counts[1], counts[2])
    assert good.posts.count() == SAMPLES["x-archive"].posts_total


def test_an_unexpected_error_cleans_up_and_shows_a_generic_message(tmp_path, client_user, monkeypatch):
    calls = []

    def failing_upsert(history_id, posts):
        calls.append(len(posts))
        if len(calls) == 2:
            raise RuntimeError("disk on fire")
        upsert_posts(history_id, posts)

    monkeypatch.setattr(histories, "upsert_posts", failing_upsert)
    history = services.history_create_from_path(owner=client_user, path=SAMPLES["x-archive"].write(tmp_path))

    with pytest.raises(RuntimeError, match="disk on fire"):
        services.history_import(history_id=history.pk, batch_size=2)

    history.refresh_from_db()
    assert history.status == PostHistory.Status.FAILED
    assert history.error_message == services.GENERIC_FAILURE
    assert history.error_detail == "RuntimeError: disk on fire"
    assert Post.objects.count() == 0


def test_a_post_listed_twice_in_one_file_is_stored_once_as_last_listed(tmp_path, client_user):
    path = tmp_path / "posts.csv"
    path.write_text(
        "id,created_at,text,likes\n"
        "1,2024-03-01T09:00:00Z,first version,1\n"
        "2,2024-03-01T09:05:00Z,other,0\n"
        "1,2024-03-01T09:00:00Z,second version,4\n"
    )

    history = import_file(client_user, path)

    assert history.status == PostHistory.Status.IMPORTED
    assert sorted(history.posts.values_list("external_id", "text", "likes")) == [
        ("1", "second version", 4),
        ("2", "other", 0),
    ]
    assert history.summary["duplicates_merged"] == 1


def test_a_failed_history_can_be_uploaded_again_as_a_new_one(tmp_path, client_user):
    (tmp_path / "empty.csv").write_text("id,created_at,text\n")
    failed = import_file(client_user, tmp_path / "empty.csv")

    again = services.history_create_from_path(owner=client_user, path=tmp_path / "empty.csv")

    assert failed.status == PostHistory.Status.FAILED
    assert again.pk != failed.pk


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_a_damaged_file_still_leaves_nothing_behind(tmp_path):
    # Outside a transaction, PostgreSQL writes batches on a second connection while the
    # next is parsed: what that connection committed must be removed too.
    owner = UserFactory()
    body = ytd_file("tweets", [tweet(n, f"post {n}").as_archive_entry() for n in range(60)])
    damaged = tmp_path / "tweets.js"
    damaged.write_bytes(body[: int(len(body) * 0.9)])

    history = import_file(owner, damaged, batch_size=5)

    assert history.status == PostHistory.Status.FAILED
    assert re.fullmatch(
        r"tweets\.js is cut short or damaged after record 5\d\. Download the archive again and upload it unchanged\.",
        history.error_message,
    )
    assert Post.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_a_failed_write_fails_the_import_cleanly(tmp_path, monkeypatch):
    from profiles import post_writer  # noqa: PLC0415

    calls = []
    real_upsert = post_writer.upsert_posts

    def failing_upsert(history_id, posts):
        calls.append(len(posts))
        if len(calls) == 3:
            raise RuntimeError("connection reset")
        real_upsert(history_id, posts)

    monkeypatch.setattr(post_writer, "upsert_posts", failing_upsert)
    monkeypatch.setattr(histories, "upsert_posts", failing_upsert)
    path = write_twitter_archive(tmp_path / "twitter.zip", list(professional_history(100)))
    history = services.history_create_from_path(owner=UserFactory(), path=path)

    with pytest.raises(RuntimeError, match="connection reset"):
        services.history_import(history_id=history.pk, batch_size=10)

    history.refresh_from_db()
    assert history.status == PostHistory.Status.FAILED
    assert history.error_detail == "RuntimeError: connection reset"
    assert Post.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_every_batch_is_stored_and_progress_counted(tmp_path):
    path = write_twitter_archive(tmp_path / "twitter.zip", list(professional_history(230)))

    history = import_file(UserFactory(), path, batch_size=50)

    assert history.posts.count() == 230
    assert history.posts_read == 230


def test_the_summary_says_what_was_read_and_left_out_in_plain_words(tmp_path, client_user):
    history = import_file(client_user, SAMPLES["linkedin"].write(tmp_path))

    assert history.summary["coverage"] == [
        "We read 6 posts: 5 of your own, 0 replies and 1 repost of other people's posts.",
        "That repost carries other people's words, so it is not used to judge your tone and voice.",
        "1 post has no words, only a link or a picture.",
        "1 post listed more than once in your file is counted once.",
    ]
    assert history.summary["duplicates_merged"] == 1
    assert history.summary["posts_by_kind"] == {"original": 5, "reply": 0, "repost": 1, "quote": 0}


def test_a_bluesky_history_is_stored_with_its_account(tmp_path, client_user):
    history = import_file(client_user, SAMPLES["bluesky"].write(tmp_path))

    assert (history.platform, history.account_id) == ("bluesky", "did:plc:w4xbfzo7kqfes5zb7r6qv3rw")
    assert history.display_name == "Inspector Sam Wright"
    assert history.posts.filter(is_self_reply=True).count() == 3


@pytest.mark.parametrize("name", sorted(BOMBS))
def test_a_nesting_bomb_fails_its_history_at_once_with_the_reason_and_stores_nothing(tmp_path, client_user, name):
    good = import_file(client_user, SAMPLES["x-archive"].write(tmp_path))
    counts = row_counts()
    path = tmp_path / name
    path.write_bytes(BOMBS[name]())

    history = import_file(client_user, path, batch_size=1)

    assert history.status == PostHistory.Status.FAILED
    assert history.error_message.startswith(f"{name}, ")
    assert "is nested more than 64 levels deep, which no post or account record is." in history.error_message
    assert history.error_detail == "JSON nesting deeper than MAX_JSON_DEPTH (64)"
    assert history.posts.count() == 0
    assert row_counts() == (counts[0] + 1, counts[1], counts[2])
    assert good.posts.count() == SAMPLES["x-archive"].posts_total


def _json_lines(count: int) -> str:
    return "".join(
        json.dumps({"id": str(n), "created_at": f"2024-03-01T09:{n:02}:00Z", "text": f"post {n}"}) + "\n"
        for n in range(count)
    )


@pytest.mark.parametrize(
    ("raised", "message"),
    [
        (RecursionError("maximum recursion depth exceeded"), "posts.jsonl is nested too deeply for Voiceprint to read"),
        (MemoryError(), "posts.jsonl needs more memory to read than any post history does."),
        (
            ZeroDivisionError("division by zero"),
            "Voiceprint could not read posts.jsonl: it holds something our importer did not",
        ),
    ],
    ids=["RecursionError", "MemoryError", "ZeroDivisionError"],
)
def test_an_importer_crash_part_way_fails_the_history_at_once_and_keeps_the_cause(
    tmp_path, client_user, monkeypatch, raised, message
):
    # The importer's own code fails on the 7th record, part-way through the one reading: nothing
    # raised by the reader may escape (a task would leave its order "importing" for hours).
    real_row_to_post = plain.row_to_post
    rows = []

    def failing_row_to_post(row):
        rows.append(row)
        if len(rows) == 7:
            raise raised
        return real_row_to_post(row)

    monkeypatch.setattr(plain, "row_to_post", failing_row_to_post)
    path = tmp_path / "posts.jsonl"
    path.write_text(_json_lines(10))

    outcome = services.history_import(
        history_id=services.history_create_from_path(owner=client_user, path=path).pk, batch_size=2
    )

    history = outcome.history
    assert not outcome.imported_now
    assert history.status == PostHistory.Status.FAILED
    assert history.error_message.startswith(message)
    assert history.error_detail.startswith(f"{type(raised).__name__}: ")
    assert "(at test_services.py:" in history.error_detail
    assert Post.objects.count() == 0
    history.refresh_from_db()
    assert (history.status, history.posts_read) == (PostHistory.Status.FAILED, 0)


def test_an_importer_crash_while_opening_the_file_fails_the_history_at_once(tmp_path, client_user, monkeypatch):
    def crashing_reader(container, limits):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(ingest, "_single_file_reader", crashing_reader)
    path = tmp_path / "posts.jsonl"
    path.write_text(_json_lines(2))

    history = import_file(client_user, path)

    assert history.status == PostHistory.Status.FAILED
    assert history.error_message.startswith("posts.jsonl is nested too deeply for Voiceprint to read")
    assert history.error_detail.startswith("RecursionError: maximum recursion depth exceeded (at test_services.py:")


def test_the_summary_adds_up_merged_duplicates_and_implausible_dates(tmp_path, client_user):
    rows = [{"id": "1", "created_at": "2024-03-01T09:00:00Z", "text": f"version {n}"} for n in range(300)]
    rows += [
        {"id": "2", "created_at": "1900-01-01T00:00:00Z", "text": "too old"},
        {"id": "3", "created_at": "2100-01-01T00:00:00Z", "text": "not yet"},
        {"id": "4", "created_at": "2024-03-02T09:00:00Z", "text": "fine"},
    ]
    path = tmp_path / "posts.jsonl"
    path.write_text("".join(json.dumps(row) + "\n" for row in rows))

    history = import_file(client_user, path, batch_size=7)

    summary = history.summary
    assert sorted(history.posts.values_list("external_id", "text")) == [("1", "version 299"), ("4", "fine")]
    assert summary["posts_stored"] == summary["posts_total"] == sum(summary["posts_by_kind"].values()) == 2
    assert (summary["records_merged"], summary["shared_ids"], summary["duplicates_merged"]) == (299, 1, 299)
    assert (summary["skipped_count"], summary["implausible_dates"]) == (2, 2)
    assert summary["records_total"] == len(rows) == summary["posts_total"] + 299 + 2
