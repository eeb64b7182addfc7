"""Records nested or sized beyond any real export are refused at once, in bounded memory.

The bombs run in a child process whose address space is capped (RLIMIT_AS), so an importer
without the limits fails the test with MemoryError or RecursionError instead of taking the
machine's memory with it.
"""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from profiles.ingest import HistoryFormatError, Limits
from profiles.ingest.jsonstream import MAX_JSON_DEPTH, MAX_RECORD_CHARS
from samples.archives import mastodon_note, mastodon_outbox, write_mastodon_export, write_twitter_archive, ytd_file
from tests.profiles.ingest.helpers import BOMB_DEPTH, BOMBS, at, nested_arrays, read_all, tweet

PROJECT_DIR = Path(__file__).resolve().parents[3]
MEMORY_CAP_BYTES = 300 * 1024**2
SECONDS_ALLOWED = 5
# Reads the upload with the real importer and prints what happened, its time and peak RSS.
CHILD = """
import json, resource, sys, time
cap = int(sys.argv[2])
resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
from pathlib import Path
from profiles.ingest import HistoryFormatError, open_history
started = time.perf_counter()
try:
    with open_history(Path(sys.argv[1])) as history:
        outcome = {"posts": sum(1 for _ in history.posts())}
except HistoryFormatError as error:
    outcome = {"refused": error.message}
outcome["seconds"] = time.perf_counter() - started
# VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the forking (pytest) process.
status = Path("/proc/self/status").read_text()
outcome["peak_rss_mb"] = int(status.split("VmHWM:")[1].split()[0]) / 1024
print(json.dumps(outcome))
"""
EXPECTED = {
    "outbox.json": "outbox.json, record 1",
    "tweets.js": "tweets.js, record 1",
    "posts.jsonl": "posts.jsonl, line 2",
}


def too_deep(where: str) -> str:
    return (
        f"{where} is nested more than 64 levels deep, which no post or account record is. Upload the file exactly "
        "as the platform exported it."
    )


def import_under_memory_cap(path: Path) -> dict[str, object]:
    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(path), str(MEMORY_CAP_BYTES)],
        capture_output=True,
        text=True,
        check=False,
        cwd=PROJECT_DIR,
        timeout=60,
    )
    assert result.returncode == 0, (
        f"the importer died under a {MEMORY_CAP_BYTES >> 20} MB cap:\n{result.stderr[-2000:]}"
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("name", sorted(BOMBS))
def test_it_refuses_a_nesting_bomb_at_once_within_a_memory_cap(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(BOMBS[name]())

    outcome = import_under_memory_cap(path)

    assert outcome.get("refused") == too_deep(EXPECTED[name])
    assert outcome["seconds"] < SECONDS_ALLOWED
    assert outcome["peak_rss_mb"] < MEMORY_CAP_BYTES >> 20


def test_the_memory_cap_does_fail_an_import_that_needs_more(tmp_path):
    # The proof that the cap bites: a child that allocates past it dies with MemoryError.
    path = tmp_path / "posts.csv"
    path.write_text("id,created_at,text\n1,2024-03-01T09:00:00Z,x\n")
    allocate = CHILD.replace("started = ", "hoard = bytearray(400 * 1024**2)\nstarted = ")

    result = subprocess.run(
        [sys.executable, "-c", allocate, str(path), str(MEMORY_CAP_BYTES)],
        capture_output=True,
        text=True,
        check=False,
        cwd=PROJECT_DIR,
        timeout=60,
    )

    assert result.returncode != 0
    assert "MemoryError" in result.stderr


def test_a_record_nested_just_past_the_limit_is_refused_and_one_at_it_is_read(tmp_path):
    def outbox(depth: int) -> bytes:
        note = mastodon_note(1, at(0), "<p>hello</p>")
        note["object"]["tag"] = json.loads(nested_arrays(depth - 2))  # activity, object, then the arrays
        return mastodon_outbox([note])

    (tmp_path / "outbox.json").write_bytes(outbox(MAX_JSON_DEPTH))
    _, posts, _ = read_all(tmp_path / "outbox.json")
    assert [post.text for post in posts] == ["hello"]

    (tmp_path / "outbox.json").write_bytes(outbox(MAX_JSON_DEPTH + 1))
    with pytest.raises(HistoryFormatError) as caught:
        read_all(tmp_path / "outbox.json")
    assert caught.value.message == too_deep("outbox.json, record 1")


def test_deeply_nested_objects_are_refused_like_arrays(tmp_path):
    record = b'{"a": ' * 5000 + b"1" + b"}" * 5000
    (tmp_path / "tweets.js").write_bytes(b"window.YTD.tweets.part0 = [" + record + b"]")

    with pytest.raises(HistoryFormatError) as caught:
        read_all(tmp_path / "tweets.js")

    assert caught.value.message == too_deep("tweets.js, record 1")


def test_a_deep_record_after_good_ones_names_its_place(tmp_path):
    entries = [tweet(n, f"post {n}").as_archive_entry() for n in range(3)]
    body = ytd_file("tweets", entries)
    bomb = b'{"tweet": {"id_str": "9", "entities": ' + nested_arrays(200) + b"}}"
    (tmp_path / "tweets.js").write_bytes(body[: body.rindex(b"]")] + b", " + bomb + b"]")

    with pytest.raises(HistoryFormatError) as caught:
        read_all(tmp_path / "tweets.js")

    assert caught.value.message == too_deep("tweets.js, record 4")


def test_an_account_file_nested_too_deep_is_refused(tmp_path):
    path = write_mastodon_export(tmp_path / "archive.zip", [mastodon_note(1, at(0), "<p>hi</p>")])
    actor = b'{"id": "https://mastodon.example/users/sam", "icon": ' + nested_arrays(10_000) + b"}"
    rewritten = tmp_path / "deep.zip"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(rewritten, "w") as target:
        for name in source.namelist():
            target.writestr(name, actor if name.endswith("actor.json") else source.read(name))

    with pytest.raises(HistoryFormatError) as caught:
        read_all(rewritten)

    assert caught.value.message == too_deep("deep.zip: actor.json")


def test_a_record_that_never_ends_is_refused_once_past_the_size_limit(tmp_path):
    # An unterminated string: everything after it would be buffered as one record.
    body = b'window.YTD.tweets.part0 = [{"tweet": {"full_text": "' + b"a" * (3 * MAX_RECORD_CHARS) + b'"}}]'
    (tmp_path / "tweets.js").write_bytes(body[:-4])

    with pytest.raises(HistoryFormatError) as caught:
        read_all(tmp_path / "tweets.js")

    assert caught.value.message == (
        "tweets.js, record 1 runs on past 1 MB without ending: no post is that large, so the file is damaged or "
        "not an export. Download the archive again and upload it unchanged."
    )


def test_a_json_line_over_the_size_limit_is_refused(tmp_path):
    line = json.dumps({"id": "1", "created_at": "2024-03-01T09:00:00Z", "text": "a" * MAX_RECORD_CHARS})
    (tmp_path / "posts.jsonl").write_text(line + "\n")

    with pytest.raises(HistoryFormatError) as caught:
        read_all(tmp_path / "posts.jsonl")

    assert caught.value.message.startswith("posts.jsonl, line 1 is longer than 1,048,576 characters")


def test_a_deep_record_in_an_old_twitter_archive_month_is_refused(tmp_path):
    month = b"Grailbird.data.tweets_2012_01 = [" + nested_arrays(BOMB_DEPTH) + b"]"
    with zipfile.ZipFile(tmp_path / "tweets.zip", "w") as archive:
        archive.writestr("data/js/tweets/2012_01.js", month)

    with pytest.raises(HistoryFormatError) as caught:
        read_all(tmp_path / "tweets.zip")

    assert caught.value.message == too_deep("tweets.zip: data/js/tweets/2012_01.js, record 1")


# These members compress far past Limits.max_compression_ratio, which would refuse them first;
# here the record limits themselves are under test.
UNCHECKED_RATIO = Limits(max_compression_ratio=1_000_000)


def test_a_deep_record_in_an_x_archive_note_tweet_file_is_refused(tmp_path):
    note = b'{"noteTweet": {"createdAt": "2024-03-01T09:00:00.000Z", "core": ' + nested_arrays(BOMB_DEPTH) + b"}}"
    path = write_twitter_archive(
        tmp_path / "twitter.zip",
        [tweet(0, "hello")],
        extra_members={"data/note-tweet.js": b"window.YTD.note_tweet.part0 = [" + note + b"]"},
    )

    with pytest.raises(HistoryFormatError) as caught:
        read_all(path, UNCHECKED_RATIO)

    assert caught.value.message == too_deep("twitter.zip: data/note-tweet.js, record 1")


def test_a_note_tweet_record_that_never_ends_is_refused_once_past_the_size_limit(tmp_path):
    note = b'{"noteTweet": {"core": {"text": "' + b"a" * (3 * MAX_RECORD_CHARS)
    path = write_twitter_archive(
        tmp_path / "twitter.zip",
        [tweet(0, "hello")],
        extra_members={"data/note-tweet.js": b"window.YTD.note_tweet.part0 = [" + note},
    )

    with pytest.raises(HistoryFormatError) as caught:
        read_all(path, UNCHECKED_RATIO)

    assert caught.value.message.startswith("twitter.zip: data/note-tweet.js, record 1 runs on past 1 MB without ending")


def test_a_manifest_nested_too_deep_is_refused_where_it_names_the_account(tmp_path):
    full = write_twitter_archive(tmp_path / "full.zip", [tweet(0, "hello")])
    manifest = b'window.__THAR_CONFIG = {"userInfo": ' + nested_arrays(10_000) + b"}"
    path = tmp_path / "deep.zip"
    with zipfile.ZipFile(full) as source, zipfile.ZipFile(path, "w") as target:
        for info in source.infolist():
            if info.filename == "data/manifest.js":
                target.writestr(info.filename, manifest)
            elif info.filename != "data/account.js":  # the manifest is read only without account.js
                target.writestr(info.filename, source.read(info))

    with pytest.raises(HistoryFormatError) as caught:
        read_all(path)

    assert caught.value.message == too_deep("deep.zip: data/manifest.js")
