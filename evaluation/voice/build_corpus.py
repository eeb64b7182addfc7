"""Rebuild the raw voice corpus, ``evaluation/voice/posts.csv``, from public repositories' files.

    python -m evaluation.voice.build_corpus --mirror /work/.mirror

Every source in ``SOURCES`` (``evaluation/voice/sources.py``) names a repository, the exact commit
read and which accounts are taken. The repositories are read as bare git directories under
``--mirror`` (``<owner>+<name>/repo``), always at the pinned commit, so a later push to a source
changes nothing here. The run is deterministic: same mirror, same bytes.

Kept: the account's own English posts — no retweets or manual "RT @" copies, nothing the source cut
short, nothing without at least two words of its own once links and @names are removed, no exact
repeats within an account. Then at most ``per_account`` posts per account are drawn with a fixed
seed, replies and the rest drawn in proportion (each side keeps a floor) so that conversation and
broadcast are both present for every account that has both.

Sources come in waves (``Source.wave``). Labels name rows of ``posts.csv`` and batches already read,
so a later wave's posts are written after every earlier wave's rows and into batches of their own,
numbered on from the last one; adding a wave leaves the earlier rows and batches byte for byte alone.
A later wave may draw again from an earlier wave's archive: it draws among the posts not yet taken.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

from evaluation.voice.archive_formats import (
    ArchivedPost,
    UnreadableArchive,
    read_api_timeline,
    read_customer_support_csv,
    read_getoldtweets_csv,
    read_grailbird_month,
    read_id_date_text_lines,
)
from evaluation.voice.export_formats import read_export_file
from evaluation.voice.git_files import CorpusError, git, git_dir_for, read_blobs
from evaluation.voice.sources import SOURCES, Source

CORPUS_DIR = Path(__file__).resolve().parent
COLUMNS = [
    "post_id",
    "account",
    "account_kind",
    "source_repo",
    "source_commit",
    "source_path",
    "created_at",
    "kind",
    "text",
]
SEED = "voiceprint-voice-corpus-1"
BATCH_SIZE = 400
# A reply side smaller than this is kept whole (when the account has it): a floor so that a
# broadcast-heavy account still shows how it talks to people, and the reverse.
STRATUM_FLOOR = 10

_LINK = re.compile(r"https?://\S+|www\.\S+", re.IGNORECASE)
_MENTION = re.compile(r"@\w+")
_WORD = re.compile(r"[^\W\d_]{2,}")
# Common English function words: a post with none of them is, in these sources, almost always in
# another language or a bare list of names and tags.
_ENGLISH_WORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "and",
        "to",
        "of",
        "in",
        "is",
        "it",
        "i",
        "you",
        "for",
        "on",
        "with",
        "my",
        "me",
        "this",
        "that",
        "at",
        "be",
        "are",
        "was",
        "we",
        "so",
        "but",
        "not",
        "just",
        "have",
        "your",
        "what",
        "it's",
        "i'm",
        "do",
        "can",
        "will",
        "our",
        "they",
        "about",
        "from",
        "like",
        "no",
        "yes",
        "all",
        "if",
        "get",
        "now",
        "out",
        "up",
        "thanks",
        "thank",
        "great",
        "good",
        "love",
        "new",
        "how",
        "who",
        "when",
        "why",
        "here",
        "there",
        "been",
        "has",
        "had",
        "he",
        "she",
        "his",
        "her",
        "them",
        "their",
        "its",
        "one",
        "more",
        "very",
        "really",
        "today",
        "tonight",
        "tomorrow",
        "by",
        "or",
        "as",
        "an",
        "off",
        "too",
        "got",
        "see",
        "did",
        "does",
        "don't",
        "can't",
    ]
)


def _texts(git_dir: Path, source: Source, paths: list[str]) -> Iterable[tuple[str, str]]:
    for path, blob in read_blobs(git_dir, source.commit, paths).items():
        if blob is None:
            if path in source.absent_paths:
                continue  # known to be absent from the published snapshot; listed in the table
            raise CorpusError(f"{source.repo}@{source.commit}: {path} is missing from the copy")
        yield path, blob.decode("utf-8")


def own_words(text: str) -> list[str]:
    """The words a post says itself: links and @names removed, hashtags kept as words."""
    return _WORD.findall(_MENTION.sub(" ", _LINK.sub(" ", text)))


def looks_english(post: ArchivedPost) -> bool:
    """The source's language tag when it has one, else a function-word and script check."""
    if post.language:
        return post.language == "en"
    words = [word.lower() for word in own_words(post.text)]
    if not words:
        return False
    letters = list("".join(words))
    non_latin = sum(1 for ch in letters if ord(ch) > 0x24F)
    accented = sum(1 for ch in letters if 0x7F < ord(ch) <= 0x24F)
    if non_latin or accented / len(letters) > 0.05:
        return False
    tokens = {token.lower() for token in re.findall(r"[\w']+", post.text)}
    return bool(tokens & _ENGLISH_WORDS)


def is_authored(post: ArchivedPost) -> bool:
    """A post the account wrote itself, whole, in English, with at least two words of its own."""
    return not post.is_repost and not post.truncated and len(own_words(post.text)) >= 2 and looks_english(post)


def _dedupe_key(text: str) -> str:
    return " ".join(_LINK.sub("", text).lower().split())


def sample_account(posts: list[tuple[str, ArchivedPost]], limit: int, account: str) -> list[tuple[str, ArchivedPost]]:
    """At most ``limit`` posts of one account, replies and the rest drawn in proportion.

    Each side gets ``round(limit * share)`` posts but at least ``STRATUM_FLOOR`` when it has that
    many; whatever one side cannot fill goes to the other. The draw is seeded by the account name.
    """
    ordered = sorted(posts, key=lambda item: (item[1].created_at, item[1].post_id))
    if len(ordered) <= limit:
        return ordered
    rng = random.Random(f"{SEED}:{account}")
    replies = [item for item in ordered if item[1].kind == "reply"]
    others = [item for item in ordered if item[1].kind != "reply"]
    reply_quota = round(limit * len(replies) / len(ordered))
    reply_quota = max(reply_quota, min(STRATUM_FLOOR, len(replies)))
    reply_quota = min(reply_quota, limit - min(STRATUM_FLOOR, len(others)), len(replies))
    other_quota = min(limit - reply_quota, len(others))
    reply_quota = min(limit - other_quota, len(replies))
    chosen = rng.sample(replies, reply_quota) + rng.sample(others, other_quota)
    return sorted(chosen, key=lambda item: (item[1].created_at, item[1].post_id))


# Shapes held in one file, read whole. A file of one account's lines does not name the account: the
# source's single account is it.
_SINGLE_FILE_READERS: dict[str, Callable[[str, Source], list[ArchivedPost]]] = {
    "customer_support_csv": lambda content, _source: read_customer_support_csv(content),
    "id_date_text_lines": lambda content, source: read_id_date_text_lines(content, next(iter(source.accounts))),
    "getoldtweets_csv": lambda content, _source: read_getoldtweets_csv(content),
    "export_file": lambda content, source: read_export_file(content, source.path, next(iter(source.accounts))),
}


def _read_source(source: Source, mirror: Path) -> Iterable[tuple[str, ArchivedPost]]:
    git_dir = git_dir_for(mirror, source.repo)
    listing = git(git_dir, "ls-tree", "-r", "--name-only", source.commit).splitlines()
    if source.shape == "grailbird":
        paths = [p for p in listing if re.fullmatch(r"data/js/tweets/\d{4}_\d{2}\.js", p)]
        for path, content in _texts(git_dir, source, paths):
            for post in read_grailbird_month(content):
                yield path, post
    elif source.shape == "api_timelines":
        # File names are account ids; the screen names are in the saved profiles beside them.
        wanted = {name.lower() for name in source.accounts}
        profiles = [p for p in listing if p.startswith(f"{source.profiles_dir}/") and p.endswith(".json")]
        timelines = []
        for _, content in _texts(git_dir, source, profiles):
            profile = json.loads(content)
            if profile["screen_name"].lower() in wanted:
                timelines.append((f"{source.path}/{profile['id_str']}.json", profile["screen_name"]))
        names = dict(timelines)
        for path, content in _texts(git_dir, source, sorted(names)):
            for post in read_api_timeline(content, names[path]):
                yield path, post
    elif source.shape in _SINGLE_FILE_READERS:
        for path, content in _texts(git_dir, source, [source.path]):
            for post in _SINGLE_FILE_READERS[source.shape](content, source):
                yield path, post
    else:
        raise CorpusError(f"{source.repo}: unknown shape {source.shape!r}")


def build_waves(mirror: Path, sources: Iterable[Source] = SOURCES) -> dict[int, list[dict[str, str]]]:
    """Every kept post of every source as CSV rows, by wave, each wave in account then time order."""
    waves: dict[int, list[dict[str, str]]] = {}
    # A later wave may draw again from an earlier wave's archive: it draws among the posts not yet taken.
    taken: set[str] = set()
    for source in sorted(sources, key=lambda source: source.wave):
        rows = waves.setdefault(source.wave, [])
        kinds = {name.lower(): kind for name, kind in source.accounts.items()}
        names = {name.lower(): name for name in source.accounts}
        by_account: dict[str, list[tuple[str, ArchivedPost]]] = {}
        seen: dict[str, set[str]] = {}
        try:
            for path, post in _read_source(source, mirror):
                key = post.account.lower()
                if key not in kinds or post.post_id in taken or not is_authored(post):
                    continue
                text_key = _dedupe_key(post.text)
                if text_key in seen.setdefault(key, set()):
                    continue
                seen[key].add(text_key)
                by_account.setdefault(key, []).append((path, post))
        except UnreadableArchive as error:
            raise CorpusError(f"{source.repo}@{source.commit}: {error}") from error
        for key in sorted(by_account):
            for path, post in sample_account(by_account[key], source.per_account, key):
                taken.add(post.post_id)
                rows.append(
                    {
                        "post_id": post.post_id,
                        "account": names[key],
                        "account_kind": kinds[key],
                        "source_repo": source.repo,
                        "source_commit": source.commit,
                        "source_path": path,
                        "created_at": post.created_at,
                        "kind": post.kind,
                        "text": post.text,
                    }
                )
    for rows in waves.values():
        rows.sort(key=lambda row: (row["account"].lower(), row["created_at"], row["post_id"]))
    return dict(sorted(waves.items()))


def build_rows(mirror: Path, sources: Iterable[Source] = SOURCES) -> list[dict[str, str]]:
    """Every kept post of every source, as CSV rows: wave after wave, each in account then time order."""
    return corpus_rows(build_waves(mirror, sources))


def corpus_rows(waves: dict[int, list[dict[str, str]]]) -> list[dict[str, str]]:
    """The rows of ``posts.csv``: the waves one after another, each post id once."""
    rows = [row for _, wave_rows in sorted(waves.items()) for row in wave_rows]
    seen: set[str] = set()
    for row in rows:
        # Labels are joined to posts on the post id, so one id must name one row.
        if row["post_id"] in seen:
            raise CorpusError(f"post {row['post_id']} ({row['account']}) is in the corpus twice")
        seen.add(row["post_id"])
    return rows


def write_csv(path: Path, rows: list[dict[str, str]]) -> None:
    """UTF-8, ``\\n`` line ends, every field quoted only when it must be: stable bytes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def write_batches(
    directory: Path, rows: list[dict[str, str]], size: int = BATCH_SIZE, *, wave: int = 1, first_number: int = 1
) -> list[Path]:
    """Labelling batches of about ``size`` posts, accounts shuffled together with a fixed seed.

    The first wave keeps the seed its batches were drawn with; each later wave has a seed of its own
    and its batches are numbered from ``first_number``.
    """
    shuffled = list(rows)
    random.Random(f"{SEED}:batches" if wave == 1 else f"{SEED}:batches:wave{wave}").shuffle(shuffled)
    count = max(1, round(len(shuffled) / size))
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for number in range(count):
        chunk = shuffled[number * len(shuffled) // count : (number + 1) * len(shuffled) // count]
        path = directory / f"batch_{first_number + number:02d}.csv"
        write_csv(path, chunk)
        written.append(path)
    return written


def write_wave_batches(directory: Path, waves: dict[int, list[dict[str, str]]]) -> list[Path]:
    """Every wave's batches, wave after wave, numbered on: earlier waves' files come out unchanged."""
    directory.mkdir(parents=True, exist_ok=True)
    for old in directory.glob("batch_[0-9]*.csv"):
        old.unlink()
    written: list[Path] = []
    for wave, rows in sorted(waves.items()):
        written += write_batches(directory, rows, wave=wave, first_number=len(written) + 1)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mirror", type=Path, required=True, help="directory holding <owner>+<name>/repo git dirs")
    parser.add_argument("--out", type=Path, default=CORPUS_DIR, help="where posts.csv and batches/ are written")
    args = parser.parse_args(argv)
    try:
        waves = build_waves(args.mirror)
        rows = corpus_rows(waves)
    except CorpusError as error:
        print(f"build_corpus: {error}", file=sys.stderr)
        return 1
    write_csv(args.out / "posts.csv", rows)
    batches = write_wave_batches(args.out / "batches", waves)
    accounts = {row["account"] for row in rows}
    print(f"{len(rows)} posts from {len(accounts)} accounts; {len(batches)} batches")
    return 0


if __name__ == "__main__":
    sys.exit(main())
