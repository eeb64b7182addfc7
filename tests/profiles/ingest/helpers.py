"""Small builders for ingest tests: a few posts with known answers, and a reader shortcut."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from profiles.ingest import HistorySource, ImportReport, NormalisedPost, open_history
from profiles.ingest.containers import Limits
from samples.archives import Tweet, snowflake

OWN_ID = "1199999999999999999"
START = datetime(2024, 3, 1, 9, 0, tzinfo=UTC)


def at(minutes: int) -> datetime:
    return START + timedelta(minutes=minutes)


def tweet(minutes: int, text: str, **fields: object) -> Tweet:
    return Tweet(id=snowflake(at(minutes), minutes), created_at=at(minutes), text=text, **fields)  # type: ignore[arg-type]


def read_all(path: Path, limits: Limits | None = None) -> tuple[HistorySource, list[NormalisedPost], ImportReport]:
    with open_history(path, limits=limits) as history:
        posts = list(history.posts())
        return history, posts, history.report


# Deep enough that the importer as it was needed far more than a gigabyte for the Mastodon
# bomb (memory grew with the square of the depth: 635 MB at 16,000) and raised RecursionError
# for the others. Each file is about 200 KB.
BOMB_DEPTH = 100_000


def nested_arrays(depth: int) -> bytes:
    return b"[" * depth + b"]" * depth


def mastodon_bomb(depth: int = BOMB_DEPTH) -> bytes:
    """A bare outbox.json whose one item is `depth` arrays inside each other."""
    return b'{"type": "OrderedCollection", "orderedItems": [' + nested_arrays(depth) + b"]}"


def tweets_js_bomb(depth: int = BOMB_DEPTH) -> bytes:
    """A tweets.js whose one record's text is `depth` arrays inside each other."""
    return b'window.YTD.tweets.part0 = [{"tweet": {"id_str": "1", "full_text": ' + nested_arrays(depth) + b"}}]"


def json_lines_bomb(depth: int = BOMB_DEPTH) -> bytes:
    """A JSON Lines file whose second line's text is `depth` arrays inside each other."""
    good = b'{"id": "1", "created_at": "2024-03-01T09:00:00Z", "text": "fine"}\n'
    return good + b'{"id": "2", "created_at": "2024-03-01T09:01:00Z", "text": ' + nested_arrays(depth) + b"}\n"


BOMBS = {"outbox.json": mastodon_bomb, "tweets.js": tweets_js_bomb, "posts.jsonl": json_lines_bomb}
