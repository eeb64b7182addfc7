"""The voice corpus builder reads each source shape, keeps only authored English posts, and is stable."""

from __future__ import annotations

import csv
import json
import subprocess
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from evaluation.voice.archive_formats import (
    UnreadableArchive,
    read_api_timeline,
    read_customer_support_csv,
    read_getoldtweets_csv,
    read_grailbird_month,
    read_id_date_text_lines,
)
from evaluation.voice.build_corpus import (
    build_rows,
    build_waves,
    is_authored,
    sample_account,
    write_batches,
    write_csv,
    write_wave_batches,
)
from evaluation.voice.export_formats import read_export_file
from evaluation.voice.sources import Source
from samples.archives import MASTODON_ACTOR, mastodon_boost, mastodon_note, mastodon_outbox
from tests.profiles.ingest.linkedin_files import Share, shares_csv_2020


def _tweet(tweet_id: str, text: str, **extra: object) -> dict:
    return {"id_str": tweet_id, "id": int(tweet_id), "text": text, "entities": {"urls": []}, **extra}


GRAILBIRD_MONTH = "Grailbird.data.tweets_2013_04 = \n" + json.dumps(
    [
        _tweet(
            "101",
            "Marking done, brain is mush &amp; the tea is cold",
            created_at="2013-04-02 21:10:05 +0000",
            user={"screen_name": "ann_teaches"},
        ),
        _tweet(
            "102",
            "@sam ha, yes, see you there!",
            created_at="2013-04-03 08:00:00 +0000",
            in_reply_to_status_id_str="99",
            in_reply_to_screen_name="sam",
            user={"screen_name": "ann_teaches"},
        ),
        _tweet(
            "103",
            "RT @college: Open day on Saturday, book a place now",
            created_at="2013-04-04 09:00:00 +0000",
            user={"screen_name": "ann_teaches"},
        ),
        _tweet(
            "104",
            "So true, this is the point https://t.co/x",
            created_at="2013-04-05 10:00:00 +0000",
            entities={"urls": [{"expanded_url": "https://twitter.com/bob/status/555"}]},
            user={"screen_name": "ann_teaches"},
        ),
    ]
)


def test_it_reads_a_grailbird_month_with_kinds_dates_and_reposts():
    posts = read_grailbird_month(GRAILBIRD_MONTH)

    assert [p.post_id for p in posts] == ["101", "102", "103", "104"]
    assert posts[0].text == "Marking done, brain is mush & the tea is cold"
    assert posts[0].created_at == "2013-04-02T21:10:05+00:00"
    assert [p.kind for p in posts] == ["original", "reply", "original", "quote"]
    assert [p.is_repost for p in posts] == [False, False, True, False]
    assert {p.account for p in posts} == {"ann_teaches"}


def test_it_reads_an_api_timeline_and_treats_a_reply_to_oneself_as_a_thread():
    timeline = json.dumps(
        [
            _tweet("201", "Our office is open 9-5 this week.", created_at="Tue Apr 12 15:00:00 +0000 2016", lang="en"),
            _tweet(
                "202",
                "Part two of the statement on the budget.",
                created_at="Tue Apr 12 15:01:00 +0000 2016",
                in_reply_to_screen_name="RepExample",
                in_reply_to_status_id_str="201",
                lang="en",
            ),
            _tweet(
                "203",
                "RT @party: vote",
                created_at="Tue Apr 12 15:02:00 +0000 2016",
                retweeted_status={"id": 1},
                lang="en",
            ),
            _tweet("204", "Gracias a todos por venir hoy", created_at="Tue Apr 12 15:03:00 +0000 2016", lang="es"),
        ]
    )

    posts = read_api_timeline(timeline, "RepExample")

    assert [p.kind for p in posts] == ["original", "original", "original", "original"]
    assert posts[0].created_at == "2016-04-12T15:00:00+00:00"
    assert [is_authored(p) for p in posts] == [True, True, False, False]


def test_it_keeps_only_companies_rows_of_the_customer_support_csv():
    content = (
        "tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id\n"
        "1,48213,True,Wed Oct 11 06:55:44 +0000 2017,@ExampleAir my bag is lost,2,\n"
        '2,ExampleAir,False,Wed Oct 11 07:01:00 +0000 2017,"@48213 Sorry to hear that, please DM us your booking.",,1\n'
    )

    posts = read_customer_support_csv(content)

    assert [(p.post_id, p.account, p.kind) for p in posts] == [("2", "ExampleAir", "reply")]


def test_it_reads_one_accounts_id_date_text_lines():
    content = (
        "585978391360221184|Thu Apr 09 01:31:50 +0000 2015|Breast cancer risk test devised http://bbc.in/1\n"
        "585947808772960257|Wed Apr 08 23:30:18 +0000 2015|@nurse_jo Thanks, we have passed this on\n"
        "585947807816650752|Wed Apr 08 23:30:18 +0000 2015|RT @ward7: Open day on Saturday\n"
        "585947807816650753|Wed Apr 08 23:30:00 +0000 2015|Ten things your GP wishes you knew about… http://bit.ly/2\n"
        "585947807816650754|Wed Apr 08 23:29:00 +0000 2015|Sleep &amp; shift work: a nurse\u0085s view\n"
        "\n"
    )

    posts = read_id_date_text_lines(content, "trust_news")

    assert [p.post_id for p in posts] == [
        "585978391360221184",
        "585947808772960257",
        "585947807816650752",
        "585947807816650753",
        "585947807816650754",
    ]
    assert posts[0].created_at == "2015-04-09T01:31:50+00:00"
    assert {p.account for p in posts} == {"trust_news"}
    assert [p.kind for p in posts] == ["original", "reply", "original", "original", "original"]
    assert [p.is_repost for p in posts] == [False, False, True, False, False]
    assert [p.truncated for p in posts] == [False, False, False, True, False]
    assert (
        posts[4].text == "Sleep & shift work: a nurse\u0085s view"
    )  # one line, though U+0085 is a line break to Python


def test_it_reads_a_getoldtweets_export_and_tells_replies_from_threads():
    header = "date,username,to,replies,retweets,favorites,text,geo,mentions,hashtags,id,permalink\n"
    content = header + (
        '2020-06-12 21:45:03,CountyHealth,,3,5,9,"Wash hands &amp; stay home if sick",,,,101,https://x/101\n'
        '2020-06-12 21:50:00,CountyHealth,CountyHealth,0,1,2,"Part two of the thread on masks",,,,102,https://x/102\n'
        '2020-06-13 08:00:00,CountyHealth,worried_parent,0,0,1,"Yes, clinics open at 9 on weekdays",,,,103,https://x/103\n'
    )

    posts = read_getoldtweets_csv(content)

    assert [(p.post_id, p.account, p.kind) for p in posts] == [
        ("101", "CountyHealth", "original"),
        ("102", "CountyHealth", "original"),
        ("103", "CountyHealth", "reply"),
    ]
    assert posts[0].created_at == "2020-06-12T21:45:03+00:00"
    assert posts[0].text == "Wash hands & stay home if sick"
    assert [is_authored(p) for p in posts] == [True, True, True]


@pytest.mark.parametrize(
    ("reader", "content"),
    [
        (read_grailbird_month, "no assignment here"),
        (read_grailbird_month, "Grailbird.data.tweets_2013_04 = [ {"),
        (read_customer_support_csv, "id,text\n1,hello\n"),
        (read_getoldtweets_csv, "id,text\n1,hello\n"),
    ],
)
def test_it_names_what_is_wrong_with_a_file_of_the_wrong_shape(reader, content):
    with pytest.raises(UnreadableArchive, match="not a"):
        reader(content)


def test_it_names_the_line_of_an_id_date_text_file_that_has_another_shape():
    with pytest.raises(UnreadableArchive, match="line 2 is not"):
        read_id_date_text_lines("1|Wed Apr 08 23:30:18 +0000 2015|fine\nnot a post line\n", "trust_news")


def test_it_drops_posts_with_no_words_of_their_own_and_non_english_posts():
    posts = read_grailbird_month(
        "x = "
        + json.dumps(
            [
                _tweet(
                    "1", "@jo @kim https://t.co/abc", created_at="2013-04-02 21:10:05 +0000", user={"screen_name": "a"}
                ),
                _tweet(
                    "2",
                    "Qué buena noticia, felicidades",
                    created_at="2013-04-02 21:10:05 +0000",
                    user={"screen_name": "a"},
                ),
                _tweet(
                    "3",
                    "Gutted about the result today",
                    created_at="2013-04-02 21:10:05 +0000",
                    user={"screen_name": "a"},
                ),
            ]
        )
    )

    assert [is_authored(p) for p in posts] == [False, False, True]


def test_the_sample_keeps_replies_and_originals_and_is_the_same_every_time():
    month = [
        _tweet(
            str(1000 + n),
            f"@friend{n} thanks so much for the help today" if n % 10 == 0 else f"Post number {n} about the day",
            created_at=f"2013-04-{1 + n % 28:02d} 10:{n % 60:02d}:00 +0000",
            user={"screen_name": "ann"},
        )
        for n in range(200)
    ]
    posts = [("data/js/tweets/2013_04.js", p) for p in read_grailbird_month("x = " + json.dumps(month))]

    first = sample_account(posts, 50, "ann")
    second = sample_account(list(reversed(posts)), 50, "ann")

    assert len(first) == 50
    assert first == second
    assert sum(p.kind == "reply" for _, p in first) == 10  # 10% of the account, and at least the floor


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True).stdout


def test_it_rebuilds_the_same_bytes_from_a_pinned_commit_and_ignores_later_commits(tmp_path):
    work = tmp_path / "work"
    (work / "data/js/tweets").mkdir(parents=True)
    (work / "data/js/tweets/2013_04.js").write_text(GRAILBIRD_MONTH, encoding="utf-8")
    _git(work, "init", "-q")
    _git(work, "add", ".")
    _git(work, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "archive")
    commit = _git(work, "rev-parse", "HEAD").strip()
    (work / "data/js/tweets/2013_05.js").write_text(GRAILBIRD_MONTH.replace('"10', '"90'), encoding="utf-8")
    _git(work, "add", ".")
    _git(work, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "later")
    mirror = tmp_path / "mirror"
    (mirror / "ann+archive").mkdir(parents=True)
    (work / ".git").rename(mirror / "ann+archive" / "repo")
    source = Source(repo="ann/archive", commit=commit, shape="grailbird", accounts={"ann_teaches": "teacher"})

    rows = build_rows(mirror, [source])
    write_csv(tmp_path / "one.csv", rows)
    write_csv(tmp_path / "two.csv", build_rows(mirror, [source]))

    assert [row["post_id"] for row in rows] == ["101", "102", "104"]
    assert rows[0]["source_commit"] == commit
    assert rows[0]["account_kind"] == "teacher"
    assert (tmp_path / "one.csv").read_bytes() == (tmp_path / "two.csv").read_bytes()
    with (tmp_path / "one.csv").open(encoding="utf-8", newline="") as handle:
        assert next(iter(csv.DictReader(handle)))["text"] == "Marking done, brain is mush & the tea is cold"


def test_batches_hold_every_post_once(tmp_path):
    rows = [{"post_id": str(n), "account": f"a{n % 7}", "text": "x"} for n in range(1000)]

    paths = write_batches(tmp_path, rows, size=400)

    assert [p.name for p in paths] == ["batch_01.csv", "batch_02.csv"]
    ids = []
    for path in paths:
        with path.open(encoding="utf-8", newline="") as handle:
            ids += [row["post_id"] for row in csv.DictReader(handle)]
    assert sorted(ids, key=int) == [str(n) for n in range(1000)]


def _commit_file(work: Path, path: str, content: str) -> str:
    (work / path).parent.mkdir(parents=True, exist_ok=True)
    (work / path).write_text(content, encoding="utf-8")
    _git(work, "add", ".")
    _git(work, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", path)
    return _git(work, "rev-parse", "HEAD").strip()


def test_a_later_wave_is_appended_after_the_first_and_batched_on_its_own(tmp_path):
    work = tmp_path / "work"
    work.mkdir()
    _git(work, "init", "-q")
    first_commit = _commit_file(work, "data/js/tweets/2013_04.js", GRAILBIRD_MONTH)
    lines = "".join(f"{900 + n}|Wed Apr 08 23:30:18 +0000 2015|Clinic news number {n} for the ward\n" for n in range(5))
    later_commit = _commit_file(work, "feeds/a_trust_news.txt", lines)
    mirror = tmp_path / "mirror"
    (mirror / "ann+archive").mkdir(parents=True)
    (work / ".git").rename(mirror / "ann+archive" / "repo")
    first = Source(repo="ann/archive", commit=first_commit, shape="grailbird", accounts={"ann_teaches": "teacher"})
    later = Source(
        repo="ann/archive",
        commit=later_commit,
        shape="id_date_text_lines",
        accounts={"a_trust_news": "hospital"},
        path="feeds/a_trust_news.txt",
        wave=2,
    )

    alone = build_rows(mirror, [first])
    both = build_rows(mirror, [later, first])
    paths_alone = write_wave_batches(tmp_path / "alone", build_waves(mirror, [first]))
    paths_both = write_wave_batches(tmp_path / "both", build_waves(mirror, [later, first]))

    # "a_trust_news" sorts before "ann_teaches", yet the first wave's rows stay first and unchanged.
    assert both[: len(alone)] == alone
    assert [row["account"] for row in both[len(alone) :]] == ["a_trust_news"] * 5
    assert [p.name for p in paths_alone] == ["batch_01.csv"]
    assert [p.name for p in paths_both] == ["batch_01.csv", "batch_02.csv"]
    assert paths_both[0].read_bytes() == paths_alone[0].read_bytes()
    with paths_both[1].open(encoding="utf-8", newline="") as handle:
        assert sorted(row["post_id"] for row in csv.DictReader(handle)) == [str(900 + n) for n in range(5)]


def test_a_later_wave_drawing_again_from_an_archive_takes_only_posts_not_yet_taken(tmp_path):
    work = tmp_path / "work"
    work.mkdir()
    _git(work, "init", "-q")
    commit = _commit_file(work, "data/js/tweets/2013_04.js", GRAILBIRD_MONTH)
    mirror = tmp_path / "mirror"
    (mirror / "ann+archive").mkdir(parents=True)
    (work / ".git").rename(mirror / "ann+archive" / "repo")
    first = Source(
        repo="ann/archive", commit=commit, shape="grailbird", accounts={"ann_teaches": "teacher"}, per_account=2
    )
    more = replace(first, per_account=10, wave=2)

    alone = build_waves(mirror, [first])[1]
    every = {row["post_id"] for row in build_waves(mirror, [replace(first, per_account=10)])[1]}
    waves = build_waves(mirror, [more, first])

    assert waves[1] == alone
    taken_again = {row["post_id"] for row in waves[2]}
    assert taken_again == every - {row["post_id"] for row in alone}
    assert len(alone) == 2
    assert taken_again


def test_it_reads_a_linkedin_export_as_the_product_would_and_leaves_bare_links_out():
    shares = [
        Share(datetime(2024, 2, 7, 14, 36, tzinfo=UTC), "urn:li:share:7161004735058046977",
              ("Thrilled to have finished my SQL course!", "", "Thank you all for the support.")),
        Share(datetime(2024, 2, 8, 9, 0, tzinfo=UTC), "urn:li:share:7161004735058046978",
              shared_url="https://example.org/article"),
    ]  # fmt: skip

    posts = read_export_file(shares_csv_2020(shares).decode(), "Shares.csv", "someanalyst")

    first = posts[0]
    assert (first.post_id, first.account, first.kind) == ("urn:li:share:7161004735058046977", "someanalyst", "original")
    # LinkedIn's per-line quoting is gone: the text is what the analysis reads.
    assert first.text == "Thrilled to have finished my SQL course!\n\nThank you all for the support."
    assert first.created_at == "2024-02-07T14:36:00+00:00"
    assert is_authored(first)
    # A link shared with no words of one's own is not kept.
    assert [is_authored(post) for post in posts] == [True, False]


def test_it_reads_a_mastodon_outbox_replies_threads_and_boosts():
    activities = [
        mastodon_note(1, datetime(2024, 1, 1, 9, tzinfo=UTC), "<p>Off to the library for the afternoon</p>"),
        mastodon_note(2, datetime(2024, 1, 1, 10, tzinfo=UTC), "<p>thanks, that helps a lot</p>",
                      in_reply_to="https://other.example/users/bob/statuses/77"),
        mastodon_note(3, datetime(2024, 1, 1, 11, tzinfo=UTC), "<p>and one more thing about it</p>",
                      in_reply_to=f"{MASTODON_ACTOR}/statuses/110000000000000001"),
        mastodon_boost(4, datetime(2024, 1, 1, 12, tzinfo=UTC), "https://other.example/users/bob/statuses/80"),
    ]  # fmt: skip

    posts = read_export_file(mastodon_outbox(activities).decode(), "outbox.json", "devrel")

    assert [(post.kind, post.is_repost) for post in posts] == [
        ("original", False),
        ("reply", False),
        ("original", False),  # a reply to oneself is a thread
        ("original", True),
    ]
    assert posts[0].text == "Off to the library for the afternoon"


def test_an_export_file_that_is_no_export_is_named_as_unreadable():
    with pytest.raises(UnreadableArchive, match=r"Shares\.csv"):
        read_export_file("id,text\n1,hello\n", "Shares.csv", "someone")
