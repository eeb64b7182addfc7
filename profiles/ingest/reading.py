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

from profiles.ingest.records import EARLIEST_POST_AT, ImportReport, NormalisedPost, PostKind

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
    yielded, `records_merged` the listings folded into a later one of the same post, `shared_ids`
    the posts listed more than once (so `records_total` still counts every record listed).
    """
    # Ids only, keyed without the platform: every reader yields the posts of one platform.
    last_listing: dict[str, int] = {}
    shared_ids: set[str] = set()
    listed = 0
    with tempfile.TemporaryFile() as spool:
        held: list[NormalisedPost] = []
        spooled = False
        for post in posts:
            if post.external_id in last_listing:
                shared_ids.add(post.external_id)
            last_listing[post.external_id] = listed
            listed += 1
            held.append(post)
            if len(held) >= min(SPOOL_BATCH, held_posts) and (spooled or listed > held_posts):
                pickle.dump(held, spool, protocol=pickle.HIGHEST_PROTOCOL)
                held, spooled = [], True

        report.records_merged = listed - len(last_listing)
        report.shared_ids = len(shared_ids)
        del shared_ids
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
    if report.shared_ids:
        # Posts, not listings: 300 listings of one post are one post counted once.
        lines.append(
            f"{_counted(report.shared_ids, 'post')} listed more than once in your file "
            f"{'is' if report.shared_ids == 1 else 'are'} counted once."
        )
    if report.superseded_edits:
        lines.append(
            f"{_counted(report.superseded_edits, 'earlier version')} of edited posts left out; the latest is kept."
        )
    if report.private_messages:
        lines.append(f"{_counted(report.private_messages, 'private message')} left out, never read.")
    # The skipped records split in two, so that the lines add up to `skipped_count`.
    if report.implausible_dates:
        lines.append(
            f"{_counted(report.implausible_dates, 'post')} dated before {EARLIEST_POST_AT:%Y-%m-%d} (the first post "
            f"on Twitter) or in the future {'is' if report.implausible_dates == 1 else 'are'} left out."
        )
    unreadable = report.skipped_count - report.implausible_dates
    if unreadable:
        lines.append(f"{_counted(unreadable, 'record')} of your file could not be read and left out.")
    return lines
