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
    write_mastodon_export,
    write_twitter_archive,
    ytd_file,
)
from tests.profiles.ingest.bluesky_files import PROFESSIONAL_KINDS, PROFESSIONAL_SELF_REPLIES, professional_repository
from tests.profiles.ingest.helpers import OWN_ID, START, at, tweet
from tests.profiles.ingest.linkedin_files import (
    professional_shares,
    shares_csv_2018,
    shares_csv_2020,
    write_linkedin_zip,
)


@dataclass(frozen=True)
class SampleFile:
    format: str
    posts_total: int
    posts_by_kind: dict[str, int]
    write: Callable[[Path], Path]
    self_replies: int = 0


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
    return write_linkedin_zip(folder / "Basic_LinkedInDataExport.zip", shares_csv_2020(professional_shares(START)))


def _linkedin_2018(folder: Path) -> Path:
    path = folder / "Shares.csv"
    path.write_bytes(shares_csv_2018(professional_shares(START)))
    return path


def _tweets_js(folder: Path) -> Path:
    """A bare tweets.js: no account, so a thread is known only by replying to a post in the file."""
    first = tweet(0, "Walkabout dates for the spring: 1/2")
    tweets = [first, tweet(2, "Mondays at the market. 2/2", reply_to_id=first.id, reply_to_user_id=OWN_ID),
              tweet(5, "@bob on its way", reply_to_id="99", reply_to_user_id="5", reply_to_handle="bob")]  # fmt: skip
    path = folder / "tweets.js"
    path.write_bytes(ytd_file("tweets", [t.as_archive_entry() for t in tweets]))
    return path


def _bluesky(folder: Path) -> Path:
    return professional_repository(START).write(folder / "repo.car")


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
    "x-archive": SampleFile(
        "twitter-archive", 4, {"original": 1, "reply": 2, "repost": 1, "quote": 0}, _x_archive, self_replies=1
    ),
    "twitter-grailbird": SampleFile(
        "twitter-grailbird", 2, {"original": 1, "reply": 0, "repost": 1, "quote": 0}, _grailbird
    ),
    "mastodon": SampleFile("mastodon", 3, {"original": 1, "reply": 1, "repost": 1, "quote": 0}, _mastodon),
    "linkedin": SampleFile("linkedin-shares", 6, {"original": 5, "reply": 0, "repost": 1, "quote": 0}, _linkedin),
    "linkedin-2018": SampleFile(
        "linkedin-shares", 6, {"original": 5, "reply": 0, "repost": 1, "quote": 0}, _linkedin_2018
    ),
    "tweets-js": SampleFile(
        "twitter-tweets-js", 3, {"original": 1, "reply": 2, "repost": 0, "quote": 0}, _tweets_js, self_replies=1
    ),
    "bluesky": SampleFile(
        "bluesky-car", 11, dict(PROFESSIONAL_KINDS), _bluesky, self_replies=PROFESSIONAL_SELF_REPLIES
    ),
    "jsonl": SampleFile("jsonl", 2, {"original": 1, "reply": 1, "repost": 0, "quote": 0}, _jsonl),
    "csv": SampleFile("csv", 1, {"original": 1, "reply": 0, "repost": 0, "quote": 0}, _csv),
}
