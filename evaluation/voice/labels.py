"""Join the labelling batches' readings into the corpus's label files, and settle them.

    python -m evaluation.voice.labels --readings <dir>              # -> labels_first.csv
    python -m evaluation.voice.labels --readings <dir> --second     # -> labels_second.csv
    python -m evaluation.voice.labels --readings <dir> --third      # -> labels_third.csv
    python -m evaluation.voice.labels --settle                      # -> labels.csv

Each batch of posts under ``batches/`` (``batch_NN.csv``) is read under docs/voice.md's
definition into a readings file of the same name (``post_id,label,reason``; the second reading's
files are ``batch_S*.csv``, the third's ``batch_T*.csv``). This script checks every reading names a
post of the corpus once, with a known label, and that a batch is read completely before it is used,
then writes one sorted file with each post's account. The rubric's ``unclear`` is stored as the
product's ``unknown``.

Every post is read twice, by two readers who do not see each other's labels. Where they agree, that
is the post's label; where they differ, a third reader, who sees neither label, reads the post and
settles it. ``labels.csv``, the settled labels, is what training and evaluation read.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

CORPUS_DIR = Path(__file__).resolve().parent
POSTS = CORPUS_DIR / "posts.csv"
LABELS = CORPUS_DIR / "labels.csv"  # the settled labels
LABELS_FIRST = CORPUS_DIR / "labels_first.csv"
LABELS_SECOND = CORPUS_DIR / "labels_second.csv"
LABELS_THIRD = CORPUS_DIR / "labels_third.csv"
COLUMNS = ["post_id", "account", "label", "reason"]
# The reading files' words for each label, to the product's.
LABEL_NAMES = {"corporate": "corporate", "personal": "personal", "mixed": "mixed", "unclear": "unknown"}


class ReadingsError(ValueError):
    """A readings file does not fit the corpus; the message names the file and the row."""


def read_posts(path: Path = POSTS) -> dict[str, dict[str, str]]:
    return read_labels(path)


def read_readings(path: Path, posts: dict[str, dict[str, str]]) -> list[dict[str, str]]:
    """One readings file as label rows, checked against the corpus."""
    rows = []
    seen: set[str] = set()
    with path.open(newline="", encoding="utf-8") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            post_id = (row.get("post_id") or "").strip()
            label = LABEL_NAMES.get((row.get("label") or "").strip().lower())
            if post_id not in posts:
                raise ReadingsError(f"{path.name} line {line}: post {post_id!r} is not in posts.csv.")
            if label is None:
                raise ReadingsError(f"{path.name} line {line}: unknown label {row.get('label')!r}.")
            if post_id in seen:
                raise ReadingsError(f"{path.name} line {line}: post {post_id} is read twice.")
            seen.add(post_id)
            reason = " ".join((row.get("reason") or "").split())
            rows.append({"post_id": post_id, "account": posts[post_id]["account"], "label": label, "reason": reason})
    return rows


def batch_post_ids(path: Path) -> set[str]:
    with path.open(newline="", encoding="utf-8") as handle:
        return {row["post_id"] for row in csv.DictReader(handle)}


# Each reading's batch files: the first reading's name the batches they read.
READING_PATTERNS = {"first": "batch_[0-9]*.csv", "second": "batch_S*.csv", "third": "batch_T*.csv"}
READING_FILES = {"first": LABELS_FIRST, "second": LABELS_SECOND, "third": LABELS_THIRD}


def join_readings(readings_dir: Path, *, reading: str = "first", posts_path: Path = POSTS) -> list[dict[str, str]]:
    """Every complete batch's readings (first reading: a batch must be read in full), sorted by post id."""
    posts = read_posts(posts_path)
    rows: list[dict[str, str]] = []
    pattern = READING_PATTERNS[reading]
    # Only the first reading covers every post, so only its batches must be read whole.
    whole_batches = reading == "first"
    files = sorted(readings_dir.glob(pattern))
    if not files:
        raise ReadingsError(f"No readings ({pattern}) in {readings_dir}.")
    for path in files:
        batch_rows = read_readings(path, posts)
        if whole_batches:
            batch = CORPUS_DIR / "batches" / path.name
            missing = batch_post_ids(batch) - {row["post_id"] for row in batch_rows}
            if missing:
                raise ReadingsError(f"{path.name}: {len(missing)} posts of {batch.name} are not read yet.")
        rows.extend(batch_rows)
    ids = [row["post_id"] for row in rows]
    if len(ids) != len(set(ids)):
        raise ReadingsError("A post is read in two batches.")
    return sorted(rows, key=label_order)


def label_order(row: dict[str, str]) -> tuple[str, int, str]:
    """Label files' order: by account, then by post id, numerically for the networks' numeric ids
    (as integers compare) and by text for others (LinkedIn's `urn:li:share:…`)."""
    post_id = row["post_id"]
    return row["account"].lower(), len(post_id) if post_id.isdigit() else 0, post_id


def read_labels(path: Path) -> dict[str, dict[str, str]]:
    """A CSV file of the corpus (posts or labels) as its rows by post id."""
    with path.open(newline="", encoding="utf-8") as handle:
        return {row["post_id"]: row for row in csv.DictReader(handle)}


def settle(
    first: dict[str, dict[str, str]], second: dict[str, dict[str, str]], third: dict[str, dict[str, str]]
) -> list[dict[str, str]]:
    """Each post's label: the first two readings' where they agree, else the third reading's.

    Every post of the first reading must have a second reading, and every disagreement a third.
    """
    settled = []
    for post_id, row in first.items():
        other = second.get(post_id)
        if other is None:
            raise ReadingsError(f"Post {post_id} has no second reading.")
        if other["label"] == row["label"]:
            settled.append(row)
            continue
        decider = third.get(post_id)
        if decider is None:
            raise ReadingsError(
                f"Post {post_id}: the readings differ ({row['label']}, {other['label']}) and it has no third reading."
            )
        settled.append(decider)
    return sorted(settled, key=label_order)


def write_labels(rows: list[dict[str, str]], path: Path) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--readings", type=Path, help="folder of batch_NN.csv readings")
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--second", action="store_true", help="the second, independent reading")
    which.add_argument("--third", action="store_true", help="the third reading, of the posts the first two differ on")
    which.add_argument("--settle", action="store_true", help="write labels.csv from the three readings")
    arguments = parser.parse_args(argv)
    if not arguments.settle and arguments.readings is None:
        parser.error("--readings is needed, unless --settle")
    reading = "second" if arguments.second else "third" if arguments.third else "first"
    try:
        if arguments.settle:
            rows = settle(read_labels(LABELS_FIRST), read_labels(LABELS_SECOND), read_labels(LABELS_THIRD))
        else:
            rows = join_readings(arguments.readings, reading=reading)
    except ReadingsError as error:
        print(error, file=sys.stderr)
        return 1
    target = LABELS if arguments.settle else READING_FILES[reading]
    write_labels(rows, target)
    print(f"{len(rows)} labels written to {target.relative_to(CORPUS_DIR.parent.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
