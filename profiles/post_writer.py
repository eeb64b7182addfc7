"""Writing imported posts to the database: an idempotent upsert, as fast as each database allows.

On PostgreSQL rows are streamed with COPY into a temporary table and merged with one
INSERT … ON CONFLICT DO UPDATE: about three times the speed of `bulk_create`, whose
per-row model instances and array parameters dominate an import's time. Elsewhere
(SQLite) `bulk_create(update_conflicts=True)` does the same merge.
"""

from __future__ import annotations

import json
import queue
import threading
from collections.abc import Callable, Iterable

from django.db import connection, transaction

from profiles.ingest import NormalisedPost
from profiles.models import Post

# The model's columns are named after NormalisedPost's fields, in the same order.
COLUMNS = ("history_id", *NormalisedPost._fields)
UNIQUE_COLUMNS = ("history_id", "platform", "external_id")
UPDATED_COLUMNS = tuple(c for c in COLUMNS if c not in UNIQUE_COLUMNS)
STAGING_TABLE = "voiceprint_post_import"


def unique_by_post(posts: Iterable[NormalisedPost]) -> list[NormalisedPost]:
    """The batch with repeats of one post collapsed to its last occurrence.

    One statement may not update a row twice on PostgreSQL; exports do repeat posts
    (a CSV with a duplicated line, Mastodon's doubled `orderedItems`).
    """
    return list({(post.platform, post.external_id): post for post in posts}.values())


def upsert_posts(history_id: int, posts: list[NormalisedPost]) -> None:
    """Insert the posts of one history, updating any already stored (same platform and id)."""
    posts = unique_by_post(posts)
    if connection.vendor == "postgresql":
        _copy_upsert(history_id, posts)
    else:
        _bulk_upsert(history_id, posts)


def _bulk_upsert(history_id: int, posts: list[NormalisedPost]) -> None:
    Post.objects.bulk_create(
        [
            Post(
                history_id=history_id,
                platform=post.platform.value,
                external_id=post.external_id,
                created_at=post.created_at,
                text=post.text,
                kind=post.kind.value,
                reply_to_post_id=post.reply_to_post_id,
                reply_to_account_id=post.reply_to_account_id,
                reply_to_handle=post.reply_to_handle,
                is_self_reply=post.is_self_reply,
                mentions=list(post.mentions),
                hashtags=list(post.hashtags),
                urls=list(post.urls),
                likes=post.likes,
                reposts=post.reposts,
                client=post.client,
                language=post.language,
                url=post.url,
            )
            for post in posts
        ],
        update_conflicts=True,
        unique_fields=["history", "platform", "external_id"],
        update_fields=list(UPDATED_COLUMNS),
    )


def _copy_upsert(history_id: int, posts: list[NormalisedPost]) -> None:
    table = connection.ops.quote_name(Post._meta.db_table)
    columns = ", ".join(COLUMNS)
    updates = ", ".join(f"{c} = EXCLUDED.{c}" for c in UPDATED_COLUMNS)

    def dumps(values: tuple[str, ...]) -> str:
        return json.dumps(values) if values else "[]"

    with transaction.atomic(), connection.cursor() as cursor:
        # Same column types as the real table, no constraints, private to this connection.
        # Emptied explicitly: inside an outer transaction a commit may not come between batches.
        cursor.execute(
            f"CREATE TEMP TABLE IF NOT EXISTS {STAGING_TABLE} AS "  # noqa: S608
            f"SELECT {columns} FROM {table} WITH NO DATA"
        )
        cursor.execute(f"TRUNCATE {STAGING_TABLE}")
        with cursor.cursor.copy(f"COPY {STAGING_TABLE} ({columns}) FROM STDIN") as copy:
            for post in posts:
                copy.write_row(
                    (
                        history_id,
                        post.platform.value,
                        post.external_id,
                        post.created_at,
                        post.text,
                        post.kind.value,
                        post.reply_to_post_id,
                        post.reply_to_account_id,
                        post.reply_to_handle,
                        post.is_self_reply,
                        dumps(post.mentions),
                        dumps(post.hashtags),
                        dumps(post.urls),
                        post.likes,
                        post.reposts,
                        post.client,
                        post.language,
                        post.url,
                    )
                )
        cursor.execute(
            f"INSERT INTO {table} ({columns}) SELECT {columns} FROM {STAGING_TABLE} "  # noqa: S608
            f"ON CONFLICT ({', '.join(UNIQUE_COLUMNS)}) DO UPDATE SET {updates}"
        )


class BackgroundWriter:
    """Upserts batches on its own database connection while the caller prepares the next.

    While PostgreSQL merges one batch, the importing thread is free to parse the next: the
    database server works on the other core instead of the importer waiting for it. At most
    one batch waits in the queue, so memory stays bounded. Use it as a context manager;
    leaving the block waits for every batch to be written and re-raises a writer's error.
    """

    def __init__(self, history_id: int, on_written: Callable[[int], None]) -> None:
        self._history_id = history_id
        self._on_written = on_written
        self._batches: queue.Queue[list[NormalisedPost] | None] = queue.Queue(maxsize=1)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name=f"post-writer-{history_id}", daemon=True)

    def __enter__(self) -> BackgroundWriter:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._hand_over(None)
        self._thread.join()
        if self._error is not None and exc_info[0] is None:
            raise self._error

    def write(self, batch: list[NormalisedPost]) -> None:
        self._hand_over(batch)

    def _hand_over(self, item: list[NormalisedPost] | None) -> None:
        while self._thread.is_alive():
            if self._error is not None and item is not None:
                raise self._error
            try:
                self._batches.put(item, timeout=0.2)
                return
            except queue.Full:
                continue

    def _run(self) -> None:
        written = 0
        try:
            while (batch := self._batches.get()) is not None:
                if self._error is None:
                    upsert_posts(self._history_id, batch)
                    written += len(batch)
                    self._on_written(written)
        except BaseException as error:  # noqa: BLE001 - re-raised in the importing thread
            self._error = error
            while self._batches.get() is not None:  # let the importer finish handing over
                pass
        finally:
            connection.close()  # this thread's own connection
