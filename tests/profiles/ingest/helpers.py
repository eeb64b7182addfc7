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
