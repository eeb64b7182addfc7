from __future__ import annotations

import json
from datetime import UTC, datetime

from profiles.ingest import PostKind
from samples.archives import linkedin_shares_csv, write_linkedin_export
from tests.profiles.ingest.helpers import at, read_all


def test_it_reads_linkedin_shares_from_the_export_zip(tmp_path):
    rows = [
        (at(0), "7100000000000000001", 'Delighted to share our report, "with quotes"\nand a second line #policing'),
        (at(60), "7100000000000000002", "Thanks @Jane Doe for the talk https://example.org/talk"),
    ]
    path = write_linkedin_export(tmp_path / "Basic_LinkedInDataExport.zip", rows)

    history, posts, _ = read_all(path)

    assert history.format == "linkedin-shares"
    assert [p.external_id for p in posts] == ["urn:li:share:7100000000000000001", "urn:li:share:7100000000000000002"]
    assert posts[0].text == 'Delighted to share our report, "with quotes"\nand a second line #policing'
    assert posts[0].hashtags == ("policing",)
    assert posts[0].created_at == datetime(2024, 3, 1, 9, 0, tzinfo=UTC)
    assert posts[1].urls == ("https://example.org/talk",)


def test_it_reads_a_bare_shares_csv(tmp_path):
    path = tmp_path / "Shares.csv"
    path.write_text(linkedin_shares_csv([(at(0), "1", "hello")]), encoding="utf-8")

    history, posts, _ = read_all(path)

    assert history.format == "linkedin-shares"
    assert [p.text for p in posts] == ["hello"]


PLAIN_CSV = (
    "id,created_at,text,in_reply_to_id,in_reply_to_account,likes,reposts\n"
    "a1,2024-03-01T10:00:00+01:00,Hello world,,,5,1\n"
    '"a2","2024-03-01T10:30:00Z","@bob thanks, ""quoted""",a0,bob,,\n'
    "a3,2024-03-01 11:00:00,RT @x: shared,,,0,0\n"
)


def test_it_reads_the_plain_csv_format(tmp_path):
    path = tmp_path / "history.csv"
    path.write_text(PLAIN_CSV, encoding="utf-8")

    history, posts, _ = read_all(path)

    assert history.format == "csv"
    hello, reply, repost = posts
    assert hello.created_at == datetime(2024, 3, 1, 9, 0, tzinfo=UTC)  # +01:00 converted to UTC
    assert (hello.likes, hello.reposts) == (5, 1)
    assert reply.kind is PostKind.REPLY
    assert reply.reply_to_post_id == "a0"
    assert reply.reply_to_handle == "bob"
    assert reply.text == '@bob thanks, "quoted"'
    assert reply.likes is None
    assert repost.kind is PostKind.REPOST
    assert repost.created_at == datetime(2024, 3, 1, 11, 0, tzinfo=UTC)  # no offset: UTC


def test_it_reads_json_lines_and_skips_rows_with_a_bad_field(tmp_path):
    lines = [
        {"id": "1", "created_at": "2024-03-01T09:00:00Z", "text": "hello", "likes": 3},
        {"id": "2", "created_at": "2024-03-01T09:05:00Z", "text": "bad likes", "likes": "many"},
        {"id": "3", "created_at": "2024-03-01T09:06:00Z", "text": "hi", "kind": "quote"},
    ]
    path = tmp_path / "posts.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")

    history, posts, report = read_all(path)

    assert history.format == "jsonl"
    assert [(p.external_id, p.kind) for p in posts] == [("1", PostKind.ORIGINAL), ("3", PostKind.QUOTE)]
    assert [(s.location, s.reason) for s in report.skipped_examples] == [
        ("posts.jsonl, line 2", "likes 'many' is not a whole number")
    ]
