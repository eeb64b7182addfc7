"""The one reading of a history: repeats merged as last listed, self-replies marked, counts that add up."""

from __future__ import annotations

import pytest

from profiles.ingest import ImportReport, NormalisedPost, Platform, PostKind
from profiles.ingest.reading import final_posts
from tests.profiles.ingest.helpers import at


def post(post_id: str, minutes: int, text: str, **fields: object) -> NormalisedPost:
    return NormalisedPost(Platform.OTHER, post_id, at(minutes), text, **fields)  # type: ignore[arg-type]


def listed_history() -> list[NormalisedPost]:
    """As an export lists it: newest first, a reply before the post it answers, one post twice."""
    return [
        post("5", 50, "@bob no", kind=PostKind.REPLY, reply_to_post_id="900"),
        post("4", 40, "second part", kind=PostKind.REPLY, reply_to_post_id="3"),
        post("3", 30, "first version"),
        post("2", 20, "", kind=PostKind.REPOST),
        post("3", 30, "as it stands"),
        post("1", 10, ""),
    ]


@pytest.mark.parametrize("held_posts", [1, 2, 20_000], ids=["spooled", "spooled-in-pairs", "held"])
def test_each_post_once_as_last_listed_with_its_thread_marked(held_posts):
    report = ImportReport(format="csv")

    posts = list(final_posts(listed_history(), report, held_posts=held_posts))

    assert [(p.external_id, p.text) for p in posts] == [
        ("5", "@bob no"),
        ("4", "second part"),
        ("2", ""),
        ("3", "as it stands"),
        ("1", ""),
    ]
    assert [p.external_id for p in posts if p.is_self_reply] == ["4"]
    assert dict(report.posts_by_kind) == {"reply": 2, "original": 2, "repost": 1}
    assert (report.records_total, report.records_merged, report.shared_ids, report.posts_total) == (6, 1, 1, 5)
    assert report.posts_without_text == 1
    assert (report.first_post_at, report.last_post_at) == (at(10), at(50))
