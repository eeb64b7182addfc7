from __future__ import annotations

import json
import zipfile
from datetime import UTC, datetime

from profiles.ingest import PostKind
from samples.archives import Tweet, TwitterAccount, write_grailbird_archive, write_twitter_archive, ytd_file
from tests.profiles.ingest.helpers import OWN_ID, at, read_all, tweet


def small_history():
    first = tweet(0, "Proud of the team today & everyone who helped <3", likes=12, retweets=3)
    return [
        first,
        tweet(10, "@resident1 Thanks, passed to the local team.", reply_to_id="1500", reply_to_user_id="42",
              reply_to_handle="resident1", mentions=[("resident1", "42")]),
        tweet(20, "And another thing, in a thread.", reply_to_id=first.id, reply_to_user_id=OWN_ID,
              reply_to_handle="InspSamWright"),
        tweet(30, "RT @force: Appeal for witnesses \u2026", mentions=[("force", "7")]),
        tweet(40, "Worth reading https://twitter.com/other/status/123", urls=["https://twitter.com/other/status/123"]),
        tweet(50, "We are pleased to announce #SaferStreets https://example.org/n", hashtags=["SaferStreets"],
              urls=["https://example.org/n"], client="hootsuite", lang="und"),
    ]  # fmt: skip


def test_it_reads_every_post_of_an_x_archive_with_kinds_counts_and_entities(tmp_path):
    path = write_twitter_archive(tmp_path / "twitter.zip", small_history())

    history, posts, report = read_all(path)

    assert history.format == "twitter-archive"
    assert report.posts_total == 6
    assert dict(report.posts_by_kind) == {"original": 2, "reply": 2, "repost": 1, "quote": 1}
    by_text = {p.text[:10]: p for p in posts}
    first = by_text["Proud of t"]
    assert first.text == "Proud of the team today & everyone who helped <3"  # &amp; and &lt; decoded
    assert first.created_at == datetime(2024, 3, 1, 9, 0, tzinfo=UTC)
    assert (first.likes, first.reposts) == (12, 3)
    assert first.client == "Twitter for iPhone"
    assert first.url == f"https://x.com/InspSamWright/status/{first.external_id}"
    reply = by_text["@resident1"]
    assert (reply.kind, reply.reply_to_post_id, reply.reply_to_account_id) == (PostKind.REPLY, "1500", "42")
    assert reply.reply_to_handle == "resident1"
    assert not reply.is_self_reply
    assert reply.mentions == ("resident1",)
    assert by_text["And anothe"].is_self_reply
    announcement = by_text["We are ple"]
    assert announcement.hashtags == ("SaferStreets",)
    assert announcement.urls == ("https://example.org/n",)
    assert announcement.client == "Hootsuite Inc."
    assert announcement.language == "und"


def test_it_reads_the_account_timezone_followers_and_following(tmp_path):
    account = TwitterAccount(timezone="Pacific Time (US & Canada)", follower_ids=["1", "2", "3"], following_ids=["2"])
    path = write_twitter_archive(tmp_path / "twitter.zip", small_history(), account)

    history, _, _ = read_all(path)

    assert history.account.account_id == OWN_ID
    assert history.account.handle == "InspSamWright"
    assert history.account.timezone == "America/Los_Angeles"
    assert history.account.follower_ids == {"1", "2", "3"}
    assert history.account.following_ids == {"2"}


def test_it_reads_split_tweets_files_and_the_older_tweet_js_name(tmp_path):
    tweets = [tweet(n, f"post {n}") for n in range(25)]
    split = write_twitter_archive(tmp_path / "split.zip", tweets, tweets_per_file=10)
    legacy = write_twitter_archive(tmp_path / "legacy.zip", tweets, legacy_file_name=True)

    split_history, split_posts, _ = read_all(split)
    _, legacy_posts, _ = read_all(legacy)

    assert split_history.report.source_files == ["data/tweets.js", "data/tweets-part1.js", "data/tweets-part2.js"]
    assert len(split_posts) == len(legacy_posts) == 25
    assert {p.external_id for p in split_posts} == {t.id for t in tweets}


def test_it_keeps_only_the_latest_version_of_an_edited_post(tmp_path):
    original = tweet(0, "Meeting at 10")
    edited = tweet(5, "Meeting at 11")
    versions = [original.id, edited.id]
    original.edit_ids = edited.edit_ids = versions
    path = write_twitter_archive(tmp_path / "edits.zip", [original, edited, tweet(9, "other")])

    _, posts, report = read_all(path)

    assert [p.text for p in posts if p.text.startswith("Meeting")] == ["Meeting at 11"]
    assert report.superseded_edits == 1


def test_it_never_reads_direct_messages_likes_or_media(tmp_path):
    path = write_twitter_archive(
        tmp_path / "twitter.zip",
        [tweet(0, "hello")],
        extra_members={"data/direct-messages-group.js": b"not even json"},
    )

    _, posts, _ = read_all(path)  # the broken DM file would raise if it were read

    assert [p.text for p in posts] == ["hello"]


def test_it_reads_a_bare_tweets_js_and_finds_threads_without_the_account(tmp_path):
    path = tmp_path / "tweets.js"
    path.write_bytes(ytd_file("tweets", [t.as_archive_entry() for t in small_history()]))

    history, posts, _ = read_all(path)

    assert history.format == "twitter-tweets-js"
    assert history.account.account_id == ""
    assert len(posts) == 6


def test_it_reads_an_archive_that_was_unzipped_and_zipped_again_in_a_folder(tmp_path):
    inner = write_twitter_archive(tmp_path / "inner.zip", [tweet(0, "hello")])
    rezipped = tmp_path / "rezipped.zip"
    with zipfile.ZipFile(inner) as source, zipfile.ZipFile(rezipped, "w") as target:
        for info in source.infolist():
            target.writestr(f"twitter-2024-03-01/{info.filename}", source.read(info))

    history, posts, _ = read_all(rezipped)

    assert history.account.handle == "InspSamWright"
    assert [p.text for p in posts] == ["hello"]


def test_records_without_id_or_date_are_skipped_counted_and_located(tmp_path):
    good = tweet(0, "fine").as_archive_entry()
    no_id = tweet(1, "no id").as_archive_entry()
    del no_id["tweet"]["id_str"], no_id["tweet"]["id"]
    bad_date = tweet(2, "bad date").as_archive_entry()
    bad_date["tweet"]["created_at"] = "yesterday"
    path = tmp_path / "tweets.js"
    path.write_bytes(ytd_file("tweets", [good, no_id, bad_date]))

    _, posts, report = read_all(path)

    assert [p.text for p in posts] == ["fine"]
    assert report.skipped_count == 2
    assert [(s.location, s.reason) for s in report.skipped_examples] == [
        ("tweets.js, record 2", "no post id"),
        ("tweets.js, record 3", f"post {bad_date['tweet']['id_str']} has an unreadable date 'yesterday'"),
    ]


def test_it_reads_the_first_generation_archive_from_its_month_files(tmp_path):
    tweets = [tweet(0, "January & all"), tweet(60 * 24 * 40, "February"), tweet(60 * 24 * 41, "RT @x: hi")]
    path = write_grailbird_archive(tmp_path / "old.zip", tweets)

    history, posts, report = read_all(path)

    assert history.format == "twitter-grailbird"
    assert report.source_files == ["data/js/tweets/2024_03.js", "data/js/tweets/2024_04.js"]
    assert history.account.handle == "InspSamWright"
    assert sorted(p.text for p in posts) == ["February", "January & all", "RT @x: hi"]
    assert {p.kind for p in posts} == {PostKind.ORIGINAL, PostKind.REPOST}


def test_it_reads_the_first_generation_archive_from_tweets_csv_alone(tmp_path):
    tweets = [tweet(0, "hello @bob #tag"), tweet(1, "reply", reply_to_id="99", reply_to_user_id="5")]
    full = write_grailbird_archive(tmp_path / "full.zip", tweets)
    csv_only = tmp_path / "csv-only.zip"
    with zipfile.ZipFile(full) as source, zipfile.ZipFile(csv_only, "w") as target:
        target.writestr("tweets.csv", source.read("tweets.csv"))

    history, posts, _ = read_all(csv_only)

    assert history.format == "twitter-grailbird"
    hello = next(p for p in posts if p.text.startswith("hello"))
    assert hello.mentions == ("bob",)
    assert hello.hashtags == ("tag",)
    assert hello.created_at == at(0)
    assert next(p for p in posts if p.text == "reply").reply_to_post_id == "99"


LONG_POST = (
    "Today we opened the new community office on Market Street. It took two years of planning, three "
    "public meetings and a great deal of patience from the neighbours, who put up with the builders all "
    "winter. Thank you to everyone who came along this morning, to the volunteers who made the tea, and to "
    "the council team who found the building. Drop in any weekday from nine: the kettle is on. #Community"
)


def note_tweet(created_at, text, note_id="1700000000000000000"):
    """One `note-tweet.js` entry, as X writes the whole text of a long post."""
    stamp = created_at.strftime("%Y-%m-%dT%H:%M:%S.000Z")
    return {
        "noteTweet": {
            "noteTweetId": note_id,
            "updatedAt": stamp,
            "lifecycle": {"value": "Published", "name": "Published", "originalName": "Published", "annotations": {}},
            "createdAt": stamp,
            "core": {"styletags": [], "urls": [], "text": text, "mentions": [], "cashtags": [], "hashtags": []},
        }
    }


def cut(text):
    """A long post as tweets.js holds it: about 275 characters, ending in a t.co link."""
    return text[:251].rstrip() + " https://t.co/Lp4Wq8Zr2x"


def test_a_long_post_gets_its_whole_text_from_note_tweet_js(tmp_path):
    long_one = tweet(0, cut(LONG_POST))
    # A short reply in the same second (a thread sent at once) keeps its own text.
    same_second = Tweet(id=str(int(long_one.id) + 1), created_at=long_one.created_at, text="And more below.")
    no_note = tweet(30, cut("A second long post whose note is missing from the archive. " * 6))
    notes = [note_tweet(at(0), LONG_POST), note_tweet(at(60), "A note matching no post at all " * 12)]
    path = write_twitter_archive(
        tmp_path / "twitter.zip",
        [long_one, same_second, no_note],
        extra_members={"data/note-tweet.js": ytd_file("note_tweet", notes)},
    )

    _, posts, report = read_all(path)

    by_id = {p.external_id: p for p in posts}
    assert by_id[long_one.id].text == LONG_POST
    assert by_id[long_one.id].hashtags == ("Community",)
    assert by_id[same_second.id].text == "And more below."
    assert by_id[no_note.id].text == cut("A second long post whose note is missing from the archive. " * 6)
    assert report.posts_total == 3


def test_the_account_comes_from_manifest_js_when_account_js_is_missing(tmp_path):
    full = write_twitter_archive(tmp_path / "full.zip", [tweet(0, "hello")])
    user = {"accountId": OWN_ID, "userName": "InspSamWright", "displayName": "Sam"}
    manifest = f"window.__THAR_CONFIG = {json.dumps({'userInfo': user})}"
    path = tmp_path / "no-account.zip"
    with zipfile.ZipFile(full) as source, zipfile.ZipFile(path, "w") as target:
        for info in source.infolist():
            if info.filename == "data/manifest.js":
                target.writestr(info.filename, manifest)
            elif info.filename != "data/account.js":
                target.writestr(info.filename, source.read(info))

    history, posts, _ = read_all(path)

    assert (history.account.account_id, history.account.handle) == (OWN_ID, "InspSamWright")
    assert posts[0].url == f"https://x.com/InspSamWright/status/{posts[0].external_id}"


def test_kyiv_is_europe_kyiv(tmp_path):
    path = write_twitter_archive(tmp_path / "twitter.zip", [tweet(0, "hello")], TwitterAccount(timezone="Kyiv"))

    history, _, _ = read_all(path)

    assert history.account.timezone == "Europe/Kyiv"
