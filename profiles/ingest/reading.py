"""One reading of a history, whoever reads it: each post once, self-replies marked, counts that add up.

A format's reader yields posts as its files list them. Two things need the whole history first:
an export may list one post several times (the last listing is the post as it stands), and a
reply is a thread when the post it answers is the author's own, which may come later in the file
(X lists newest first). So the posts are read once and held: in memory up to HELD_POSTS (most
histories, at no cost), in a temporary file beyond (pickled in batches, about 5 µs a post), with
only their ids kept in memory; then they are streamed out again.
`profile_history` and the import both read through here, so they see the same posts.
"""

from __future__ import annotations

import itertools
import pickle
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import IO

from profiles.ingest.records import ImportReport, NormalisedPost, PostKind

# Posts held in memory before the rest go to a temporary file: about 25 MB of posts.
HELD_POSTS = 20_000
# A spooled batch is one pickle: large enough to amortise the call, small enough to stay cheap.
SPOOL_BATCH = 2000


def _spool_batches(spool: IO[bytes]) -> Iterator[list[NormalisedPost]]:
    spool.seek(0)
    while True:
        try:
            yield pickle.load(spool)  # noqa: S301 - our own spool, written just above, never an upload
        except EOFError:
            return


def final_posts(
    posts: Iterable[NormalisedPost], report: ImportReport, *, held_posts: int = HELD_POSTS
) -> Iterator[NormalisedPost]:
    """Every post once, as last listed, with replies to the history's own posts marked as self-replies.

    Recounts `report` on the posts yielded: `posts_by_kind` and the date range describe what is
    yielded, `records_read` what the files listed, `repeats_merged` the difference.
    """
    # Ids only, keyed without the platform: every reader yields the posts of one platform.
    last_listing: dict[str, int] = {}
    listed = 0
    with tempfile.TemporaryFile() as spool:
        held: list[NormalisedPost] = []
        spooled = False
        for post in posts:
            last_listing[post.external_id] = listed
            listed += 1
            held.append(post)
            if len(held) >= min(SPOOL_BATCH, held_posts) and (spooled or listed > held_posts):
                pickle.dump(held, spool, protocol=pickle.HIGHEST_PROTOCOL)
                held, spooled = [], True

        report.records_read = listed
        report.repeats_merged = listed - len(last_listing)
        report.posts_by_kind = Counter()
        report.first_post_at = report.last_post_at = None
        report.posts_without_text = 0
        position = 0
        for rows in itertools.chain(_spool_batches(spool) if spooled else (), [held]):
            for listed_post in rows:
                here, position = position, position + 1
                if last_listing[listed_post.external_id] != here:
                    continue  # listed again later: that later listing is the post
                post = listed_post
                if (
                    post.kind is PostKind.REPLY
                    and not post.is_self_reply
                    and post.reply_to_post_id in last_listing
                    and post.reply_to_post_id != post.external_id
                ):
                    post = post._replace(is_self_reply=True)
                if post.kind is not PostKind.REPOST and not post.text.strip():
                    report.posts_without_text += 1
                report.count_post(post)
                yield post


def _counted(count: int, noun: str, plural: str = "") -> str:
    """`1 post`, `2 posts`: figures a client reads."""
    return f"{count:,} {noun if count == 1 else plural or noun + 's'}"


def coverage_lines(report: ImportReport) -> list[str]:
    """What was read and what was left out, in the client's words (shown once, with the summary)."""
    kinds = report.posts_by_kind
    own = kinds[PostKind.ORIGINAL] + kinds[PostKind.QUOTE]
    reposts = kinds[PostKind.REPOST]
    read = (
        f"We read {_counted(report.posts_total, 'post')}: {own:,} of your own, "
        f"{_counted(kinds[PostKind.REPLY], 'reply', 'replies')} and {_counted(reposts, 'repost')} of other "
        "people's posts."
    )
    lines = [read]
    if reposts:
        lines.append(
            f"{'That repost carries' if reposts == 1 else 'Those reposts carry'} other people's words, so "
            f"{'it is' if reposts == 1 else 'they are'} not used to judge your tone and voice."
        )
    if report.posts_without_text:
        verb = "has" if report.posts_without_text == 1 else "have"
        lines.append(f"{_counted(report.posts_without_text, 'post')} {verb} no words, only a link or a picture.")
    if report.repeats_merged:
        lines.append(
            f"{_counted(report.repeats_merged, 'post')} listed more than once in your file "
            f"{'is' if report.repeats_merged == 1 else 'are'} counted once."
        )
    if report.superseded_edits:
        lines.append(
            f"{_counted(report.superseded_edits, 'earlier version')} of edited posts left out; the latest is kept."
        )
    if report.skipped_count:
        lines.append(f"{_counted(report.skipped_count, 'record')} of your file could not be read and left out.")
    return lines
