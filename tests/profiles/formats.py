"""One small, realistic file per supported format, with the answers a test expects."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from samples.archives import (
    TwitterAccount,
    mastodon_boost,
    mastodon_note,
    write_grailbird_archive,
    write_linkedin_export,
    write_mastodon_export,
    write_twitter_archive,
)
from tests.profiles.ingest.helpers import OWN_ID, at, tweet


@dataclass(frozen=True)
class SampleFile:
    format: str
    posts_total: int
    posts_by_kind: dict[str, int]
    write: Callable[[Path], Path]


def _x_archive(folder: Path) -> Path:
    first = tweet(0, "Proud of the team")
    tweets = [
        first,
        tweet(5, "@bob thanks", reply_to_id="99", reply_to_user_id="5", reply_to_handle="bob"),
        tweet(9, "thread 2/2", reply_to_id=first.id, reply_to_user_id=OWN_ID, reply_to_handle="InspSamWright"),
        tweet(12, "RT @force: appeal"),
    ]
    account = TwitterAccount(follower_ids=["5", "6", "7"], following_ids=["5"])
    return write_twitter_archive(folder / "twitter-2024-03-01.zip", tweets, account, tweets_per_file=2)


def _grailbird(folder: Path) -> Path:
    return write_grailbird_archive(folder / "tweets.zip", [tweet(0, "old post"), tweet(60 * 24 * 35, "RT @x: old")])


def _mastodon(folder: Path) -> Path:
    activities = [
        mastodon_note(1, at(0), "<p>hello fediverse</p>"),
        mastodon_note(2, at(3), "<p>hi bob</p>", in_reply_to="https://other.example/users/bob/statuses/7"),
        mastodon_boost(3, at(4), "https://other.example/users/bob/statuses/8"),
    ]
    return write_mastodon_export(folder / "archive-20240301.zip", activities)


def _linkedin(folder: Path) -> Path:
    return write_linkedin_export(
        folder / "Basic_LinkedInDataExport.zip", [(at(0), "71", "A share"), (at(9), "72", "B")]
    )


def _jsonl(folder: Path) -> Path:
    path = folder / "posts.jsonl"
    rows = [
        {"id": "1", "created_at": "2024-03-01T09:00:00Z", "text": "hello"},
        {"id": "2", "created_at": "2024-03-01T09:10:00Z", "text": "@a yes", "in_reply_to_id": "0", "likes": 2},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def _csv(folder: Path) -> Path:
    path = folder / "posts.csv"
    path.write_text("id,created_at,text,likes\n1,2024-03-01T09:00:00Z,hello,3\n", encoding="utf-8")
    return path


SAMPLES = {
    "x-archive": SampleFile("twitter-archive", 4, {"original": 1, "reply": 2, "repost": 1, "quote": 0}, _x_archive),
    "twitter-grailbird": SampleFile(
        "twitter-grailbird", 2, {"original": 1, "reply": 0, "repost": 1, "quote": 0}, _grailbird
    ),
    "mastodon": SampleFile("mastodon", 3, {"original": 1, "reply": 1, "repost": 1, "quote": 0}, _mastodon),
    "linkedin": SampleFile("linkedin-shares", 2, {"original": 2, "reply": 0, "repost": 0, "quote": 0}, _linkedin),
    "jsonl": SampleFile("jsonl", 2, {"original": 1, "reply": 1, "repost": 0, "quote": 0}, _jsonl),
    "csv": SampleFile("csv", 1, {"original": 1, "reply": 0, "repost": 0, "quote": 0}, _csv),
}
