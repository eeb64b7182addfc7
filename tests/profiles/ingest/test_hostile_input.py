"""Every kind of bad upload gets one clear error naming the file and what to do instead."""

from __future__ import annotations

import gzip
import io
import json
import stat
import tarfile
import zipfile

import pytest

from profiles import services
from profiles.ingest import HistoryFormatError
from profiles.ingest.containers import Limits
from profiles.models import AccountLink, Post, PostHistory
from samples.archives import write_twitter_archive, ytd_file
from tests.profiles.ingest.helpers import read_all, tweet


def tweets_js(count: int = 3) -> bytes:
    return ytd_file("tweets", [tweet(n, f"post {n}").as_archive_entry() for n in range(count)])


def zip_of(path, members: dict[str, bytes], *, symlinks: tuple[str, ...] = ()):
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            info = zipfile.ZipInfo(name)
            info.compress_type = zipfile.ZIP_DEFLATED
            if name in symlinks:
                info.external_attr = (stat.S_IFLNK | 0o777) << 16
            archive.writestr(info, content)
    return path


def tar_gz_of(path, members: dict[str, bytes], *, symlink: str | None = None):
    with tarfile.open(path, "w:gz") as archive:
        for name, content in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(content)
            archive.addfile(info, io.BytesIO(content))
        if symlink:
            link = tarfile.TarInfo(symlink)
            link.type = tarfile.SYMTYPE
            link.linkname = "/etc/passwd"
            archive.addfile(link)
    return path


@pytest.fixture
def expect_error(db):
    """Check a bad upload twice: the reader's error, and that importing it stores nothing.

    A history already imported beforehand must come through untouched.
    """
    earlier = services.history_create(owner=None, upload=io.BytesIO(GOOD_CSV), original_name="earlier.csv")
    services.history_import(history_id=earlier.pk)
    before = (Post.objects.count(), AccountLink.objects.count())

    def check(path, limits: Limits | None = None) -> str:
        with pytest.raises(HistoryFormatError) as caught:
            read_all(path, limits)
        history = services.history_create_from_path(owner=None, path=path)
        history = services.history_import(history_id=history.pk, limits=limits or Limits()).history
        assert history.status == PostHistory.Status.FAILED
        assert history.error_message == caught.value.message
        assert history.posts.count() == 0
        assert (Post.objects.count(), AccountLink.objects.count()) == before
        assert earlier.posts.count() == 2
        return caught.value.message

    return check


GOOD_CSV = b"id,created_at,text\n1,2024-03-01T09:00:00Z,kept\n2,2024-03-01T09:01:00Z,kept too\n"


def test_an_empty_file(tmp_path, expect_error):
    (tmp_path / "upload.zip").write_bytes(b"")

    assert expect_error(tmp_path / "upload.zip") == (
        "upload.zip is empty. Upload the file your platform's export gave you."
    )


def test_an_upload_over_the_size_limit(tmp_path, expect_error):
    path = write_twitter_archive(tmp_path / "big.zip", [tweet(0, "x")])

    message = expect_error(path, Limits(max_upload_bytes=1024))

    assert message.startswith("big.zip is ")
    assert message.endswith(
        "KB, more than the 1.0 KB limit. Upload only the archive's data (for X: the zip without the media folders)."
    )


def test_a_binary_file(tmp_path, expect_error):
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))

    message = expect_error(tmp_path / "photo.png")

    assert message.startswith("photo.png is a binary file of a kind Voiceprint does not read. Upload the archive X")
    assert "a Bluesky repository export (.car)" in message


def test_a_text_file_in_no_known_format(tmp_path, expect_error):
    (tmp_path / "notes.txt").write_text("Dear diary, today I posted a lot.\n")

    assert expect_error(tmp_path / "notes.txt").startswith("notes.txt is not a format Voiceprint reads. Upload the")


def test_an_empty_zip(tmp_path, expect_error):
    zipfile.ZipFile(tmp_path / "empty.zip", "w").close()

    assert expect_error(tmp_path / "empty.zip").startswith("empty.zip is an empty zip.")


def test_a_zip_cut_short(tmp_path, expect_error):
    full = write_twitter_archive(tmp_path / "full.zip", [tweet(n, "x") for n in range(50)]).read_bytes()
    (tmp_path / "cut.zip").write_bytes(full[: len(full) // 2])

    assert expect_error(tmp_path / "cut.zip").startswith("cut.zip is not a readable zip file (it may be cut short).")


def test_a_zip_bomb_by_compression_ratio(tmp_path, expect_error):
    path = zip_of(tmp_path / "bomb.zip", {"data/tweets.js": b"window.YTD.tweets.part0 = [" + b" " * 5_000_000})

    assert "data/tweets.js unpacks to" in expect_error(path)


def test_a_zip_whose_posts_unpack_beyond_the_total_limit(tmp_path, expect_error):
    path = zip_of(tmp_path / "large.zip", {"data/tweets.js": tweets_js(200)})

    assert "large.zip unpacks to more than" in expect_error(path, Limits(max_uncompressed_bytes=10_000))


def test_a_zip_with_too_many_members(tmp_path, expect_error):
    path = zip_of(tmp_path / "many.zip", {f"data/file{n}.js": b"x" for n in range(20)})

    assert expect_error(path, Limits(max_members=10)).startswith("many.zip holds 20 files, more than the 10")


@pytest.mark.parametrize("name", ["../../etc/cron.d/evil", "/etc/passwd", "data/../../x.js", "C:\\evil.js"])
def test_member_names_that_climb_out_of_the_archive(tmp_path, name, expect_error):
    path = zip_of(tmp_path / "evil.zip", {"data/tweets.js": tweets_js(), name: b"x"})

    assert "points outside the archive" in expect_error(path)


def test_a_symbolic_link_in_a_zip(tmp_path, expect_error):
    path = zip_of(tmp_path / "link.zip", {"data/tweets.js": tweets_js(), "data/secret": b"/etc/passwd"},
                  symlinks=("data/secret",))  # fmt: skip

    assert expect_error(path).startswith("link.zip contains a symbolic link (data/secret)")


def test_a_nested_archive(tmp_path, expect_error):
    inner = write_twitter_archive(tmp_path / "inner.zip", [tweet(0, "x")]).read_bytes()
    path = zip_of(tmp_path / "outer.zip", {"twitter-archive.zip": inner})

    assert expect_error(path).startswith("outer.zip contains another archive (twitter-archive.zip)")


def test_an_x_archive_without_its_tweets_file(tmp_path, expect_error):
    path = zip_of(tmp_path / "twitter.zip", {"data/manifest.js": b"x", "data/account.js": b"x"})

    assert expect_error(path) == (
        "twitter.zip is an X archive with no tweets file (data/tweets.js). Upload the archive X emailed you, "
        "unchanged: it includes your posts."
    )


def test_a_zip_of_unrelated_files(tmp_path, expect_error):
    path = zip_of(tmp_path / "holiday.zip", {"beach.jpg": b"\xff\xd8", "notes.txt": b"hi"})

    assert expect_error(path).startswith("holiday.zip holds none of the files Voiceprint reads.")


def test_an_archive_with_no_posts(tmp_path, expect_error):
    path = zip_of(tmp_path / "twitter.zip", {"data/tweets.js": b"window.YTD.tweets.part0 = []"})

    assert expect_error(path).startswith("twitter.zip holds no posts. Upload the archive X (Twitter) sends")


def test_an_archive_whose_every_record_is_broken(tmp_path, expect_error):
    path = zip_of(tmp_path / "twitter.zip", {"data/tweets.js": b'window.YTD.tweets.part0 = [{"tweet": {}}]'})

    assert expect_error(path).startswith(
        "twitter.zip holds no posts (1 records could not be read, e.g. twitter.zip: data/tweets.js, record 1: "
        "no post id)."
    )


def test_truncated_json(tmp_path, expect_error):
    body = tweets_js(10)
    path = zip_of(tmp_path / "twitter.zip", {"data/tweets.js": body[: int(len(body) * 0.75)]})

    assert expect_error(path) == (
        "twitter.zip: data/tweets.js is cut short or damaged after record 7. Download the archive again and "
        "upload it unchanged."
    )


def test_a_wrong_javascript_prefix(tmp_path, expect_error):
    path = zip_of(tmp_path / "twitter.zip", {"data/tweets.js": b"var tweets = []"})

    assert expect_error(path).startswith(
        "twitter.zip: data/tweets.js does not start the way this export's files do (it starts with 'var tweets = []')"
    )


def test_a_bare_file_of_the_wrong_kind_of_x_data(tmp_path, expect_error):
    (tmp_path / "like.js").write_bytes(ytd_file("like", [{"like": {"tweetId": "1"}}]))

    assert expect_error(tmp_path / "like.js") == (
        "like.js holds 'like' data, not posts. Upload the whole archive, or its data/tweets.js."
    )


def test_invalid_utf8_in_the_posts(tmp_path, expect_error):
    body = tweets_js(3).replace(b"post 1", b"post \xe9\xe9")
    path = zip_of(tmp_path / "twitter.zip", {"data/tweets.js": body})

    assert expect_error(path).startswith("twitter.zip: data/tweets.js is not UTF-8 text (an invalid byte after record")


def test_a_utf16_plain_csv(tmp_path, expect_error):
    # LinkedIn's own UTF-16 Shares.csv is read (test_linkedin_and_plain.py); other CSVs are not.
    (tmp_path / "posts.csv").write_bytes("id,created_at,text\n1,2024-03-01T09:00:00Z,hello\n".encode("utf-16"))

    assert expect_error(tmp_path / "posts.csv") == (
        "posts.csv is saved as UTF-16 text. Save or export it again as UTF-8 and upload that."
    )


def test_a_latin1_csv(tmp_path, expect_error):
    (tmp_path / "posts.csv").write_bytes("id,created_at,text\n1,2024-03-01T09:00:00Z,caf\xe9\n".encode("latin-1"))

    assert expect_error(tmp_path / "posts.csv").startswith("posts.csv is not UTF-8 text (an invalid byte near line")


def test_a_csv_without_the_required_columns(tmp_path, expect_error):
    (tmp_path / "posts.csv").write_text("when,what\n2024-03-01,hello\n")

    assert expect_error(tmp_path / "posts.csv").startswith(
        "posts.csv looks like a CSV file but its first line names no id, created_at and text columns (it names: "
        "what, when)."
    )


def test_a_json_lines_file_cut_mid_line(tmp_path, expect_error):
    (tmp_path / "posts.jsonl").write_text(
        '{"id": "1", "created_at": "2024-03-01T09:00:00Z", "text": "a"}\n{"id": "2", "cre'
    )

    assert expect_error(tmp_path / "posts.jsonl").startswith("posts.jsonl, line 2 is not valid JSON")


def test_a_gzip_that_is_not_a_tar(tmp_path, expect_error):
    (tmp_path / "outbox.json.gz").write_bytes(gzip.compress(b'{"orderedItems": []}'))

    assert "is compressed but is not a readable .tar.gz archive" in expect_error(tmp_path / "outbox.json.gz")


def test_a_tar_with_a_link(tmp_path, expect_error):
    path = tar_gz_of(tmp_path / "archive.tar.gz", {"outbox.json": b"{}"}, symlink="actor.json")

    assert expect_error(path).startswith("archive.tar.gz contains a link (actor.json)")


def test_a_tar_with_a_climbing_name(tmp_path, expect_error):
    path = tar_gz_of(tmp_path / "archive.tar.gz", {"../outbox.json": b"{}"})

    assert "points outside the archive" in expect_error(path)


def test_a_gzip_bomb_is_cut_off_at_the_limit(tmp_path, expect_error):
    path = tar_gz_of(tmp_path / "archive.tar.gz", {"outbox.json": b"{}", "media/zeros.bin": bytes(3_000_000)})

    assert "archive.tar.gz unpacks to more than" in expect_error(path, Limits(max_uncompressed_bytes=1_000_000))


@pytest.mark.django_db
def test_nul_and_lone_surrogate_escapes_in_a_post_are_stored_cleaned_not_refused(tmp_path):
    entries = [tweet(0, "fine").as_archive_entry(), tweet(1, "x").as_archive_entry()]
    entries[1]["tweet"]["full_text"] = "before\u0000after \ud83d broken emoji"
    path = tmp_path / "tweets.js"
    # Written as JSON escapes (\\u0000, \\ud83d), the only way a UTF-8 file can carry them.
    path.write_bytes(b"window.YTD.tweets.part0 = " + json.dumps(entries).encode())

    history = services.history_create_from_path(owner=None, path=path)
    history = services.history_import(history_id=history.pk).history

    assert history.status == PostHistory.Status.IMPORTED
    assert sorted(history.posts.values_list("text", flat=True)) == ["beforeafter \ufffd broken emoji", "fine"]
