"""Sources that are a platform's own data export (LinkedIn's `Shares.csv`, a Mastodon `outbox.json`):
read with the product's importers, so the corpus holds each post exactly as a client's upload of
the same file would give it to the analysis.

Unlike `archive_formats` (standard library only), this needs the project's own packages.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from evaluation.voice.archive_formats import ArchivedPost, UnreadableArchive
from profiles.ingest import open_history
from profiles.ingest.errors import HistoryFormatError
from profiles.ingest.records import PostKind

_KINDS = {PostKind.ORIGINAL: "original", PostKind.QUOTE: "quote", PostKind.REPLY: "reply"}


def read_export_file(content: str, file_name: str, account: str) -> list[ArchivedPost]:
    """Every post of one account's export file (`file_name` as the export names it).

    A reply to oneself is a thread and counts as an original; a repost is not the account's own.
    Nothing here is cut short: exports keep each post whole.
    """
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / Path(file_name).name
        path.write_text(content, encoding="utf-8")
        try:
            with open_history(path) as history:
                read = list(history.posts())
        except HistoryFormatError as error:
            raise UnreadableArchive(f"{file_name}: {error}") from error
    return [
        ArchivedPost(
            post_id=post.external_id,
            account=account,
            created_at=post.created_at.isoformat(),
            kind="original" if post.is_self_reply else _KINDS.get(post.kind, "original"),
            text=post.text,
            is_repost=post.kind == PostKind.REPOST,
            truncated=False,
            language=post.language,
        )
        for post in read
    ]
