from __future__ import annotations

import zipfile
from datetime import UTC, datetime

import pytest

from profiles.ingest import HistoryFormatError, PostKind, open_history
from profiles.ingest.bluesky import LINK
from profiles.ingest.car import MAX_BLOCK_BYTES
from tests.profiles.ingest.bluesky_files import (
    DID,
    OTHER_DID,
    PROFESSIONAL_KINDS,
    PROFESSIONAL_SELF_REPLIES,
    Link,
    Repository,
    cid_of,
    dag_cbor,
    professional_repository,
    varint,
)
from tests.profiles.ingest.helpers import START, read_all


def test_it_reads_a_bluesky_repository_export_with_kinds_threads_and_quotes(tmp_path):
    path = professional_repository(START).write(tmp_path / "repo.car")

    history, posts, report = read_all(path)

    assert history.format == "bluesky-car"
    assert history.account.account_id == DID
    assert history.account.display_name == "Inspector Sam Wright"
    assert dict(report.posts_by_kind) == PROFESSIONAL_KINDS
    assert sum(p.is_self_reply for p in posts) == PROFESSIONAL_SELF_REPLIES
    first = next(p for p in posts if p.text.startswith("Thanks @council"))
    rkey = first.external_id.rsplit("/", 1)[1]
    assert first.external_id == f"at://{DID}/app.bsky.feed.post/{rkey}"
    assert first.url == f"https://bsky.app/profile/{DID}/post/{rkey}"
    assert first.created_at == START
    assert first.mentions == ("council.example.org",)
    assert first.urls == ("https://example.org/racks",)
    assert first.hashtags == ("SaferStreets",)
    to_others = [p for p in posts if p.kind is PostKind.REPLY and not p.is_self_reply]
    assert {p.reply_to_account_id for p in to_others} == {OTHER_DID}
    quote = next(p for p in posts if p.kind is PostKind.QUOTE)
    assert quote.text == "Worth reading before the weekend."
    repost = next(p for p in posts if p.kind is PostKind.REPOST)
    assert repost.url.startswith(f"https://bsky.app/profile/{OTHER_DID}/post/")
    assert {p.language for p in posts if p.kind is not PostKind.REPOST} == {"en", "de"}


def test_block_order_does_not_matter_and_a_zipped_export_reads_the_same(tmp_path):
    repo = professional_repository(START)
    root, blocks = repo.blocks()
    header = dag_cbor({"roots": [Link(root)], "version": 1})
    reversed_car = varint(len(header)) + header + b"".join(varint(len(c) + len(b)) + c + b for c, b in reversed(blocks))
    (tmp_path / "reversed.car").write_bytes(reversed_car)
    with zipfile.ZipFile(tmp_path / "bluesky.zip", "w") as archive:
        archive.writestr("repo.car", repo.car())

    for path in (tmp_path / "reversed.car", tmp_path / "bluesky.zip"):
        _, _, report = read_all(path)
        assert dict(report.posts_by_kind) == PROFESSIONAL_KINDS


def _error(path) -> str:
    with pytest.raises(HistoryFormatError) as caught:
        read_all(path)
    return caught.value.message


def test_a_damaged_block_is_refused_with_a_message_naming_the_file(tmp_path):
    car = bytearray(professional_repository(START).car())
    car[len(car) // 2] ^= 0xFF
    (tmp_path / "repo.car").write_bytes(bytes(car))

    message = _error(tmp_path / "repo.car")

    assert message.startswith("repo.car is damaged or cut short at block ")
    assert message.endswith("Export your data from Bluesky again and upload the .car file unchanged.")


def test_a_cut_export_is_refused(tmp_path):
    car = professional_repository(START).car()
    (tmp_path / "repo.car").write_bytes(car[: len(car) - 40])

    assert "the file ends inside it" in _error(tmp_path / "repo.car")


def test_an_oversized_block_is_refused_before_it_is_read(tmp_path):
    repo = Repository()
    repo.post(START, "hello")
    car = repo.car()
    header_length = car[0] + 1
    huge = car[:header_length] + varint(MAX_BLOCK_BYTES + 1) + b"\x01\x71"
    (tmp_path / "repo.car").write_bytes(huge)

    assert f"a block of {MAX_BLOCK_BYTES + 1:,} bytes" in _error(tmp_path / "repo.car")


def test_deeply_nested_cbor_is_refused_not_a_crash(tmp_path):
    repo = Repository()
    repo.post(START, "hello")
    car = repo.car()
    nested = b"\x81" * 100_000 + b"\x00"
    block = cid_of(nested) + nested
    (tmp_path / "repo.car").write_bytes(car + varint(len(block)) + block)

    message = _error(tmp_path / "repo.car")

    assert message.startswith("repo.car is damaged or cut short at block ")
    assert "nested deeper than any record" in message


def test_a_repository_without_its_commit_is_refused(tmp_path):
    repo = professional_repository(START)
    _, blocks = repo.blocks()
    header = dag_cbor({"roots": [], "version": 1})
    car = varint(len(header)) + header + b"".join(varint(len(c) + len(b)) + c + b for c, b in blocks[1:])
    (tmp_path / "repo.car").write_bytes(car)

    assert "has no signed commit naming its account" in _error(tmp_path / "repo.car")


def test_an_unknown_binary_file_gets_the_list_of_formats_read(tmp_path):
    (tmp_path / "photo.heic").write_bytes(b"\x00\x00\x00\x18ftypheic" + bytes(200))

    message = _error(tmp_path / "photo.heic")

    assert message.startswith("photo.heic is a binary file of a kind Voiceprint does not read.")
    assert "a Bluesky repository export (.car)" in message


def test_the_account_is_known_once_opened_before_any_post_is_read(tmp_path):
    path = professional_repository(START).write(tmp_path / "repo.car")

    with open_history(path) as history:
        assert (history.account.account_id, history.account.display_name) == (DID, "Inspector Sam Wright")


def test_a_post_dated_before_twitter_or_in_the_future_is_skipped_with_the_reason(tmp_path):
    repo = Repository()
    repo.post(START, "kept")
    repo.post(datetime(1970, 1, 1, tzinfo=UTC), "a client's clock at zero")
    repo.post(datetime(2100, 1, 1, tzinfo=UTC), "not yet")

    _, posts, report = read_all(repo.write(tmp_path / "repo.car"))

    assert [p.text for p in posts] == ["kept"]
    assert (report.implausible_dates, report.skipped_count, report.records_total) == (2, 2, 3)
    assert sorted(s.reason.split(", ")[1] for s in report.skipped_examples) == [
        "before the first post on Twitter (2006-03-21)",
        "in the future",
    ]


def test_a_link_facet_that_is_not_a_web_address_is_dropped_and_its_post_kept(tmp_path):
    repo = Repository()
    text = "see this and that"
    facets = [
        {"index": {"byteStart": 4, "byteEnd": 8}, "features": [{"$type": LINK, "uri": "javascript:alert(1)"}]},
        {"index": {"byteStart": 13, "byteEnd": 17}, "features": [{"$type": LINK, "uri": "https://example.org/a"}]},
    ]
    repo.post(START, text, facets=facets)

    _, [post], _ = read_all(repo.write(tmp_path / "repo.car"))

    assert (post.text, post.urls) == (text, ("https://example.org/a",))


def test_each_record_outside_the_repository_tree_is_counted_as_left_out(tmp_path):
    repo = Repository()
    repo.post(START, "kept")
    car = repo.car()
    for text in ("an old version", "another"):
        block = dag_cbor({"$type": "app.bsky.feed.post", "text": text, "createdAt": "2024-03-01T09:00:00Z"})
        car += varint(len(cid_of(block)) + len(block)) + cid_of(block) + block
    (tmp_path / "repo.car").write_bytes(car)

    _, posts, report = read_all(tmp_path / "repo.car")

    assert [p.text for p in posts] == ["kept"]
    assert (report.skipped_count, report.records_total) == (2, 3)
    assert [s.reason for s in report.skipped_examples] == ["2 records outside the repository's tree"]


def test_a_date_at_the_calendars_edge_is_skipped_not_a_crash(tmp_path):
    repo = Repository()
    repo.post(START, "kept")
    edge = repo.post(START.replace(second=1), "edge")
    repo.records[f"app.bsky.feed.post/{edge}"]["createdAt"] = "0001-01-01T00:00:00+01:00"

    _, posts, report = read_all(repo.write(tmp_path / "repo.car"))

    assert [p.text for p in posts] == ["kept"]
    assert report.skipped_examples[0].reason == "an unreadable date '0001-01-01T00:00:00+01:00'"
