"""Fuzzing every importer: whatever the bytes, a clean import or the documented clear error.

Each format's realistic sample (tests/profiles/formats.py) is mutated at two levels: its post
file's bytes (cut, flipped, inserted, repeated), and its records' fields replaced by arbitrary
JSON or text; and each JSON format gets records nested up to 20,000 levels deep. Allowed
outcomes: posts that can be stored (UTF-8, no NUL, an aware time, an id), or a
HistoryFormatError whose message names the file. Never another exception, never more than
MEMORY_BOUND_BYTES of memory, never a slow example (Hypothesis's deadline; pytest-timeout above).

`make test` runs FUZZ_EXAMPLES (default 500) per test, about 5,000 cases in all; a longer run:
    VOICEPRINT_FUZZ_EXAMPLES=20000 .venv/bin/python -m pytest tests/profiles/ingest/test_fuzz.py
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
import tracemalloc
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from profiles.ingest import HistoryFormatError, open_history
from profiles.ingest.jsonstream import MAX_JSON_DEPTH
from samples.archives import TwitterAccount, mastodon_note, mastodon_outbox, write_twitter_archive, ytd_file
from tests.profiles.formats import SAMPLES
from tests.profiles.ingest.bluesky_files import OTHER_DID, Repository, cid_of, post_uri, varint
from tests.profiles.ingest.helpers import at, tweet
from tests.profiles.ingest.linkedin_files import Share, shares_csv_2018, shares_csv_2020

LONG_RUN = "VOICEPRINT_FUZZ_EXAMPLES" in os.environ
FUZZ_EXAMPLES = int(os.environ.get("VOICEPRINT_FUZZ_EXAMPLES", "500"))
MEMORY_BOUND_BYTES = 64 * 1024**2
FUZZ_SETTINGS = settings(
    max_examples=FUZZ_EXAMPLES,
    deadline=timedelta(seconds=10),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    # `make test` explores the same cases on every run (a red CI is never luck); a long run
    # explores new ones each time. Either prints a failing case to replay.
    derandomize=not LONG_RUN,
    database=None,
)
POST_MEMBER_SUFFIXES = (".js", ".json", ".csv", ".jsonl")

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=40),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=6,
)
hostile_text = st.text(
    st.characters(codec="utf-8", exclude_categories=()) | st.sampled_from(["\x00", "\u202e", "\u200b", "\ufeff", "\r"]),
    max_size=60,
)


def import_outcome(path: Path, label: str) -> str:
    """'posts' or 'error', after checking the outcome is one the importer documents."""
    tracemalloc.start()
    try:
        with open_history(path, label=label) as history:
            posts = list(history.posts())
            account = history.account
    except HistoryFormatError as error:
        message = error.message
    else:
        message = None
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        assert peak < MEMORY_BOUND_BYTES, f"{peak / 1024**2:.0f} MB for a {path.stat().st_size:,}-byte upload"
    if message is not None:
        assert label in message, f"the error does not name the file: {message!r}"
        return "error"
    for post in posts:
        assert post.external_id
        assert post.created_at.tzinfo is not None
        for value in (post.text, post.external_id, post.reply_to_post_id, post.reply_to_handle, post.url):
            value.encode("utf-8")  # a lone surrogate would fail to store
            assert "\x00" not in value  # PostgreSQL refuses NUL in text
    for value in (account.account_id, account.handle, account.display_name, *(account.follower_ids or ())):
        value.encode("utf-8")
        assert "\x00" not in value
    return "posts"


@st.composite
def mutated_bytes(draw: st.DrawFn, data: bytes) -> bytes:
    """`data` with a few byte-level edits, as a damaged download or a careless edit makes them."""
    for _ in range(draw(st.integers(0, 4))):
        at_ = draw(st.integers(0, len(data)))
        edit = draw(st.sampled_from(["cut", "flip", "insert", "repeat", "delete"]))
        if edit == "cut":
            data = data[:at_]
        elif edit == "flip" and at_ < len(data):
            data = data[:at_] + bytes([data[at_] ^ draw(st.integers(1, 255))]) + data[at_ + 1 :]
        elif edit == "insert":
            data = data[:at_] + draw(st.binary(min_size=1, max_size=12)) + data[at_:]
        elif edit == "repeat":
            data = data[:at_] + data[at_ : at_ + 64] * draw(st.integers(2, 50)) + data[at_:]
        elif edit == "delete":
            data = data[:at_] + data[at_ + draw(st.integers(1, 40)) :]
    return data


def _sample_bytes(name: str) -> tuple[str, bytes]:
    with tempfile.TemporaryDirectory() as folder:
        path = SAMPLES[name].write(Path(folder))
        return path.name, path.read_bytes()


SAMPLE_BYTES = {name: _sample_bytes(name) for name in SAMPLES}


def _rezip(original: bytes, change: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(original)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, change.get(info.filename, source.read(info.filename)))
    return out.getvalue()


@pytest.mark.parametrize("sample", sorted(SAMPLES))
@FUZZ_SETTINGS
@given(data=st.data())
def test_a_damaged_post_file_imports_cleanly_or_is_refused_with_a_clear_error(sample, data, tmp_path_factory):
    name, original = SAMPLE_BYTES[sample]
    if name.endswith(".zip"):
        with zipfile.ZipFile(io.BytesIO(original)) as archive:
            members = [m for m in archive.namelist() if m.endswith(POST_MEMBER_SUFFIXES)]
            member = data.draw(st.sampled_from(members))
            damaged = data.draw(mutated_bytes(archive.read(member)))
        upload = _rezip(original, {member: damaged})
    else:
        upload = data.draw(mutated_bytes(original))
    path = tmp_path_factory.mktemp("fuzz") / name
    path.write_bytes(upload)

    import_outcome(path, name)


@FUZZ_SETTINGS
@given(container=st.binary(max_size=2048), name=st.sampled_from(["a.zip", "a.tar.gz", "a.js", "a.json", "a.csv"]))
def test_arbitrary_bytes_under_any_name_are_refused_or_read(container, name, tmp_path_factory):
    path = tmp_path_factory.mktemp("fuzz") / name
    path.write_bytes(container)

    import_outcome(path, name)


TWEET_FIELDS = ["id_str", "id", "created_at", "full_text", "favorite_count", "retweet_count", "entities",
                "in_reply_to_status_id_str", "in_reply_to_user_id_str", "in_reply_to_screen_name", "lang",
                "edit_info", "source", "display_text_range"]  # fmt: skip


@FUZZ_SETTINGS
@given(
    edits=st.lists(
        st.tuples(st.integers(0, 2), st.sampled_from(TWEET_FIELDS), json_values | hostile_text | st.just(...)),
        max_size=6,
    ),
    account_name=hostile_text,
    handle=hostile_text,
)
def test_an_x_archive_with_arbitrary_field_values_imports_cleanly_or_is_refused(
    edits, account_name, handle, tmp_path_factory
):
    entries = [tweet(n, f"post {n} &amp; more").as_archive_entry() for n in range(3)]
    for index, field, value in edits:
        if value is ...:
            entries[index]["tweet"].pop(field, None)
        else:
            entries[index]["tweet"][field] = value
    folder = tmp_path_factory.mktemp("fuzz")
    path = write_twitter_archive(
        folder / "twitter-archive.zip",
        [],
        TwitterAccount(display_name=account_name, handle=handle),
        extra_members={"data/tweets-part1.js": ytd_file("tweets", entries, part=1)},
    )

    import_outcome(path, path.name)


NOTE_FIELDS = ["id", "type", "published", "content", "inReplyTo", "url", "tag", "attributedTo", "to", "cc"]


@FUZZ_SETTINGS
@given(
    edits=st.lists(
        st.tuples(st.integers(0, 1), st.sampled_from(NOTE_FIELDS), json_values | hostile_text | st.just(...)),
        max_size=5,
    ),
    activity_type=st.sampled_from(["Create", "Announce", "Delete", "Like", ""]) | st.text(max_size=8),
)
def test_a_mastodon_outbox_with_arbitrary_field_values_imports_cleanly_or_is_refused(
    edits, activity_type, tmp_path_factory
):
    activities = [mastodon_note(n, at(n), f"<p>note {n}</p>") for n in range(2)]
    activities[0]["type"] = activity_type
    for index, field, value in edits:
        note = activities[index]["object"]
        if value is ...:
            note.pop(field, None)
        else:
            note[field] = value
    path = tmp_path_factory.mktemp("fuzz") / "outbox.json"
    path.write_bytes(mastodon_outbox(activities))

    import_outcome(path, path.name)


@FUZZ_SETTINGS
@given(
    header=st.lists(
        st.sampled_from(["id", "created_at", "text", "likes", "reposts", "in_reply_to_id", "url"])
        | st.text(max_size=10),
        min_size=1,
        max_size=7,
    ),
    rows=st.lists(st.lists(hostile_text | st.integers().map(str), max_size=8), max_size=5),
    linkedin=st.booleans(),
)
def test_a_csv_with_arbitrary_columns_and_cells_imports_cleanly_or_is_refused(header, rows, linkedin, tmp_path_factory):
    if linkedin:
        header = ["Date", "ShareLink", "ShareCommentary", "SharedUrl", "MediaUrl", "Visibility"][: len(header)]
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(header)
    writer.writerows(rows)
    name = "Shares.csv" if linkedin else "posts.csv"
    path = tmp_path_factory.mktemp("fuzz") / name
    path.write_text(text.getvalue(), encoding="utf-8", errors="surrogatepass")

    import_outcome(path, name)


@FUZZ_SETTINGS
@given(lines=st.lists(st.dictionaries(st.sampled_from(["id", "created_at", "text", "likes", "in_reply_to_id"])
                                      | st.text(max_size=6), json_values, max_size=6)
                      | json_values, max_size=5))  # fmt: skip
def test_json_lines_with_arbitrary_values_import_cleanly_or_are_refused(lines, tmp_path_factory):
    path = tmp_path_factory.mktemp("fuzz") / "posts.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")

    import_outcome(path, path.name)


POST_RECORD_FIELDS = ["$type", "text", "createdAt", "langs", "reply", "embed", "facets", "subject"]
cbor_values = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-(2**63), max_value=2**64 - 1) | st.text(max_size=30)
    | st.binary(max_size=40),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)  # fmt: skip


@FUZZ_SETTINGS
@given(
    edits=st.lists(
        st.tuples(st.integers(0, 3), st.sampled_from(POST_RECORD_FIELDS), cbor_values | st.just(...)), max_size=6
    ),
    extra_blocks=st.lists(st.binary(max_size=64), max_size=3),
    nesting=st.integers(0, 3000),
)
def test_a_bluesky_repository_with_arbitrary_records_and_blocks_imports_cleanly_or_is_refused(
    edits, extra_blocks, nesting, tmp_path_factory
):
    repo = Repository()
    parent = post_uri(repo.did, repo.post(at(0), "first"))
    repo.reply(at(1), "second", parent)
    repo.quote(at(2), "third", post_uri(OTHER_DID, "3kq2abcdefg2a"))
    repo.repost(at(3), post_uri(OTHER_DID, "3kq2abcdefg3b"))
    records = list(repo.records.values())
    for index, field, value in edits:
        if value is ...:
            records[index].pop(field, None)
        else:
            records[index][field] = value
    car = repo.car()
    nested = b"\x81" * nesting + b"\x00"
    for block in [*extra_blocks, nested]:
        car += varint(len(cid_of(block)) + len(block)) + cid_of(block) + block
    path = tmp_path_factory.mktemp("fuzz") / "repo.car"
    path.write_bytes(car)

    import_outcome(path, path.name)


@FUZZ_SETTINGS
@given(
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "latin-1", "cp1252"]),
    layout=st.sampled_from([shares_csv_2020, shares_csv_2018]),
    rows=st.lists(
        st.tuples(
            st.text(max_size=30) | st.sampled_from(["urn:li:groupPost:1-2", "urn%3Ali%3Ashare%3A9"]),
            st.lists(hostile_text, min_size=1, max_size=3),
        ),
        max_size=4,
    ),
    cut=st.integers(0, 4000),
)
def test_linkedin_shares_in_any_encoding_import_cleanly_or_are_refused(encoding, layout, rows, cut, tmp_path_factory):
    shares = [Share(at(n), urn, tuple(lines)) for n, (urn, lines) in enumerate(rows)]
    text = layout(shares).decode("utf-16" if layout is shares_csv_2018 else "utf-8", errors="surrogatepass")
    body = text.encode(encoding, errors="replace") if "utf" not in encoding else text.encode(encoding, "surrogatepass")
    if encoding == "utf-16-le":
        body = b"\xff\xfe" + body
    elif encoding == "utf-16-be":
        body = b"\xfe\xff" + body
    path = tmp_path_factory.mktemp("fuzz") / "Shares.csv"
    path.write_bytes(body[: max(cut, 1)] if cut < len(body) else body)

    import_outcome(path, path.name)


@st.composite
def deep_nesting(draw: st.DrawFn) -> tuple[str, int]:
    """Arrays and objects nested in a random pattern, closed or cut short: (JSON text, depth)."""
    pattern = draw(st.lists(st.sampled_from(["[", '{"k": ', '{"k": [', "[{}, "]), min_size=1, max_size=3))
    repeats = draw(st.sampled_from([MAX_JSON_DEPTH // 2, MAX_JSON_DEPTH, MAX_JSON_DEPTH + 1]) | st.integers(1, 20_000))
    opening = "".join(pattern) * repeats
    depth = opening.count("[") + opening.count("{") - opening.count("{}")
    closing = "".join({"[": "]", "{": "}"}[c] for c in reversed(opening.replace("{}", "")) if c in "[{")
    if draw(st.booleans()):
        closing = closing[: draw(st.integers(0, len(closing)))]
    return opening + "1" + closing, depth


@FUZZ_SETTINGS
@given(nesting=deep_nesting(), where=st.sampled_from(["tweets.js", "outbox.json", "posts.jsonl"]), whole=st.booleans())
def test_deep_nesting_anywhere_is_read_or_refused_in_bounded_memory(nesting, where, whole, tmp_path_factory):
    value, depth = nesting
    path = tmp_path_factory.mktemp("fuzz") / where
    if where == "tweets.js":
        entry = tweet(0, "fine").as_archive_entry()
        record = value if whole else json.dumps(entry)[:-2] + f', "entities": {value}}}}}'
        path.write_text(f"window.YTD.tweets.part0 = [{json.dumps(entry)}, {record}]")
    elif where == "outbox.json":
        activity = mastodon_note(1, at(0), "<p>fine</p>")
        record = value if whole else json.dumps(activity)[:-1] + f', "tag": {value}}}'
        path.write_text(f'{{"type": "OrderedCollection", "orderedItems": [{json.dumps(activity)}, {record}]}}')
    else:
        fine = {"id": "1", "created_at": "2024-03-01T09:00:00Z", "text": "fine"}
        record = value if whole else json.dumps({**fine, "id": "2"})[:-1] + f', "lang": {value}}}'
        path.write_text(json.dumps(fine) + "\n" + record + "\n")

    outcome = import_outcome(path, where)

    if depth > MAX_JSON_DEPTH:
        assert outcome == "error"
