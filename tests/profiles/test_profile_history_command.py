"""`profile_history` profiles an export without touching the database."""

from __future__ import annotations

import json
import zipfile

import pytest
from django.core.management import CommandError, call_command

from profiles import services
from profiles.models import Post, PostHistory
from samples.archives import Tweet, TwitterAccount, write_twitter_archive
from samples.histories import professional_history
from tests.profiles.analysis.factories import at
from tests.profiles.formats import SAMPLES

ACCOUNT = TwitterAccount(follower_ids=["1", "2", "3", "4"], following_ids=["2", "4", "5"])


@pytest.fixture
def archive(tmp_path):
    tweets = list(professional_history(260, seed=5))
    # An edited tweet: the archive holds both versions, each listing every version's id; only
    # the latest is a post.
    versions = ["1769000000000000001", "1769000000000000002"]
    first = Tweet(versions[0], at("2024-03-16 10:00"), "Typo in this one", edit_ids=versions)
    latest = Tweet(versions[1], at("2024-03-16 10:05"), "No typo in this one", edit_ids=versions)
    return write_twitter_archive(tmp_path / "twitter-archive.zip", [*tweets, first, latest], ACCOUNT)


def _count_by_hand(path):
    """Read data/tweets.js as a person would: the JSON after the '=' and a few rules."""
    with zipfile.ZipFile(path) as zipped:
        source = zipped.read("data/tweets.js").decode()
    entries = [entry["tweet"] for entry in json.loads(source.split("=", 1)[1])]
    superseded = {earlier for tweet in entries for earlier in tweet["edit_info"]["initial"]["editTweetIds"][:-1]}
    current = [tweet for tweet in entries if tweet["id_str"] not in superseded]
    replies = [tweet for tweet in current if tweet.get("in_reply_to_status_id_str")]
    self_replies = [tweet for tweet in replies if tweet["in_reply_to_user_id_str"] == ACCOUNT.account_id]
    reposts = [tweet for tweet in current if tweet["full_text"].startswith("RT @")]
    return {
        "total": len(current),
        "replies": len(replies),
        "self_replies": len(self_replies),
        "replies_to_others": len(replies) - len(self_replies),
        "reposts": len(reposts),
        "quotes": 0,
        "original": len(current) - len(replies) - len(reposts),
    }


@pytest.mark.django_db
def test_json_post_counts_match_a_count_of_tweets_js_by_hand(archive, capsys):
    call_command("profile_history", str(archive), "--json", "--timezone", "Europe/London")

    profile = json.loads(capsys.readouterr().out)
    expected = _count_by_hand(archive)
    assert expected["total"] == 261
    assert {key: profile["posts"][key] for key in expected} == expected
    assert profile["posts"]["skipped"] == 0
    assert profile["rhythm"]["timezone"] == "Europe/London"
    assert profile["responsiveness"]["follow_back_share"] == 0.5
    assert PostHistory.objects.count() == Post.objects.count() == 0


def test_posts_prints_one_json_object_per_post(archive, capsys):
    call_command("profile_history", str(archive), "--posts")

    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 261
    records = [json.loads(line) for line in lines]
    assert set(records[0]) == {
        "id",
        "kind",
        "sentiment",
        "informality",
        "voice_score",
        "voice",
        "voice_probability",
        "voice_reasons",
    }
    assert {record["kind"] for record in records} == {"original", "reply", "repost"}
    reposts = [record for record in records if record["kind"] == "repost"]
    assert all(record["sentiment"] is None and record["voice"] is None for record in reposts)


def test_the_summary_names_the_archives_timezone_and_the_findings(archive, capsys):
    call_command("profile_history", str(archive), "--working-hours", "Mon-Fri 08:00-18:00")

    printed = capsys.readouterr().out
    assert "twitter-archive.zip: twitter-archive" in printed
    assert "Europe/London (archive), working hours Mon-Fri 08:00-18:00" in printed
    assert "Findings" in printed


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--timezone", "Mars/Olympus"], 'Unknown time zone "Mars/Olympus"'),
        (["--working-hours", "whenever"], 'Cannot read the working hours "whenever"'),
    ],
)
def test_bad_options_get_a_clear_error(archive, arguments, message):
    with pytest.raises(CommandError, match=message):
        call_command("profile_history", str(archive), *arguments)


def test_a_file_that_is_no_history_gets_the_importers_error(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("just some notes\n")
    with pytest.raises(CommandError, match=r"notes\.txt"):
        call_command("profile_history", str(path))


@pytest.mark.django_db
def test_role_and_goals_shape_the_advice_on_the_command_line(archive, capsys):
    call_command(
        "profile_history", str(archive), "--json", "--role", "software developer", "--goals", "grow my audience"
    )

    profile = json.loads(capsys.readouterr().out)
    assert profile["role"]["kind"] == "tech"
    assert profile["role"]["text"] == "software developer"
    assert profile["role"]["goals"] == ["audience"]
    advice = " ".join(f"{entry['headline']} {entry['recommendation']}" for entry in profile["findings"])
    assert "resident" not in advice
    assert profile["findings"], "the professional history has findings to word"

    call_command("profile_history", str(archive), "--role", "police inspector")
    summary = capsys.readouterr().out
    assert "Role         police inspector (police)" in summary


@pytest.mark.django_db
@pytest.mark.parametrize("sample", SAMPLES.values(), ids=SAMPLES.keys())
def test_profile_history_and_the_import_find_the_same_posts_kinds_and_self_replies(sample, tmp_path, capsys):
    path = sample.write(tmp_path)

    call_command("profile_history", str(path), "--json")
    profiled = json.loads(capsys.readouterr().out)["posts"]
    history = services.history_import(history_id=services.history_create_from_path(owner=None, path=path).pk).history

    stored = history.posts
    imported = {
        "total": stored.count(),
        "original": stored.filter(kind="original").count(),
        "replies": stored.filter(kind="reply").count(),
        "self_replies": stored.filter(is_self_reply=True).count(),
        "reposts": stored.filter(kind="repost").count(),
        "quotes": stored.filter(kind="quote").count(),
    }
    assert {key: profiled[key] for key in imported} == imported
    assert imported["total"] == sample.posts_total == history.summary["posts_total"]
    assert imported["self_replies"] == sample.self_replies
    by_kind = history.summary["posts_by_kind"]
    assert by_kind == sample.posts_by_kind
    assert sum(by_kind.values()) == history.summary["posts_total"]
    summary = history.summary
    left_out = ("records_merged", "skipped_count", "superseded_edits", "private_messages")
    assert summary["records_total"] - sum(summary[key] for key in left_out) == summary["posts_total"]


def test_the_summary_says_what_was_read_and_left_out(tmp_path, capsys):
    call_command("profile_history", str(SAMPLES["bluesky"].write(tmp_path)))

    printed = capsys.readouterr().out
    assert "repo.car: bluesky-car" in printed
    assert "We read 11 posts: 4 of your own, 5 replies and 2 reposts of other people's posts." in printed
