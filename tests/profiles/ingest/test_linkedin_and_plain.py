from __future__ import annotations

import json
from datetime import UTC, datetime

from profiles.ingest import PostKind
from samples.archives import linkedin_shares_csv, write_linkedin_export
from tests.profiles.ingest.helpers import START, at, read_all
from tests.profiles.ingest.linkedin_files import (
    Share,
    professional_shares,
    shares_csv_2018,
    shares_csv_2020,
    write_linkedin_zip,
)


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


GROUP = "urn:li:groupPost:4242"


def check_linkedin_history(posts, report):
    assert [p.external_id for p in posts] == [
        "urn:li:share:7100000000000000001",
        "urn:li:groupPost:4242-7100000000000000002",
        "urn:li:groupPost:4242-7100000000000000003",
        "urn:li:ugcPost:7100000000000000004",
        "urn:li:activity:7100000000000000005",
        "urn:li:share:7100000000000000006",
    ]
    assert posts[3].text == "Three things I learnt this year:\n\n1. Listen."
    assert [p.kind for p in posts].count(PostKind.REPOST) == 1
    assert posts[4].kind is PostKind.REPOST
    assert posts[5].kind is PostKind.ORIGINAL
    assert dict(report.posts_by_kind) == {"original": 5, "repost": 1}
    assert (report.records_total, report.records_merged, report.shared_ids, report.posts_without_text) == (7, 1, 1, 1)


def test_linkedin_group_posts_stay_distinct_and_repeats_merge(tmp_path):
    path = write_linkedin_zip(tmp_path / "Basic_LinkedInDataExport.zip", shares_csv_2020(professional_shares(START)))

    history, posts, report = read_all(path)

    assert history.format == "linkedin-shares"
    check_linkedin_history(posts, report)


def test_the_2018_export_in_utf16_with_tabs_reads_the_same(tmp_path):
    bare = tmp_path / "Shares.csv"
    bare.write_bytes(shares_csv_2018(professional_shares(START)))
    zipped = write_linkedin_zip(tmp_path / "export-2018.zip", shares_csv_2018(professional_shares(START)))

    for path in (bare, zipped):
        history, posts, report = read_all(path)

        assert history.format == "linkedin-shares"
        check_linkedin_history(posts, report)
        assert posts[0].created_at == at(0)


def test_a_2018_export_saved_again_as_utf8_reads_too(tmp_path):
    path = tmp_path / "Shares.csv"
    path.write_bytes(shares_csv_2018(professional_shares(START)).decode("utf-16").encode("utf-8"))

    _, posts, report = read_all(path)

    check_linkedin_history(posts, report)


def test_linkedin_ids_read_through_plain_and_doubly_encoded_links(tmp_path):
    shares = [
        Share(at(0), f"{GROUP}-1", ("plain",), encode_link=False),
        Share(at(1), f"{GROUP}-2".replace(":", "%253A"), ("encoded twice",), encode_link=False),
    ]
    path = tmp_path / "Shares.csv"
    path.write_bytes(shares_csv_2020(shares))

    _, posts, _ = read_all(path)

    assert [p.external_id for p in posts] == [f"{GROUP}-1", f"{GROUP}-2"]


def test_quotes_of_the_authors_own_stay(tmp_path):
    shares = [Share(at(0), "urn:li:share:1", ('She said "yes"', "and we went."))]
    path = tmp_path / "Shares.csv"
    path.write_bytes(shares_csv_2020(shares).replace(b'""\n""', b"\n"))  # a line break without the artefact

    _, posts, _ = read_all(path)

    assert posts[0].text == 'She said "yes"\nand we went.'
