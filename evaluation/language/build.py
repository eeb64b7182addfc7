"""Rebuild evaluation/language/posts.csv from the public repositories it was drawn from.

    .venv/bin/python evaluation/language/build.py /path/to/mirrors

Each source is read from a bare git copy of its repository (`<mirrors>/<owner>+<name>/repo`,
or `…/repo/.git`) at the commit named below, so the same commits give the same file. The draw
is deterministic: posts are cleaned of nothing, only de-duplicated and sampled with a fixed seed.
SOURCES.md describes each source and its licence.
"""

from __future__ import annotations

import csv
import html
import io
import json
import random
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NamedTuple

HERE = Path(__file__).resolve().parent
ENGLISH_POSTS = 3000
OTHER_POSTS = 300  # per language
SEED = 15


class Source(NamedTuple):
    repo: str
    commit: str
    path: str
    lang: str
    read: Callable[[str], Iterator[str]]
    count: int


def _umass(english: bool) -> Callable[[str], Iterator[str]]:
    # Columns: index, id, country, date, text, definitely English, ambiguous, definitely not
    # English, code-switched, ambiguous due to names, automatically generated.
    def read(text: str) -> Iterator[str]:
        # One tweet a line; quotes in a tweet are literal, so the lines are split, not csv-parsed.
        for line in text.splitlines()[1:]:
            row = line.split("\t")
            if len(row) != 11:  # the file's column count
                continue
            flags = [int(value or 0) for value in row[5:11]]
            definitely_english, ambiguous, not_english, switched, _, generated = flags
            if ambiguous or switched or generated:
                continue
            if (english and definitely_english) or (not english and not_english):
                yield row[4]

    return read


def _germeval(text: str) -> Iterator[str]:
    for line in text.splitlines():
        yield line.split("\t")[0].replace("|LBR|", "\n")


def _topic_jsonl(text: str) -> Iterator[str]:
    for line in text.splitlines():
        if line.strip():
            yield json.loads(line)["text"]


def _dutch_parties(text: str) -> Iterator[str]:
    # Rows are `index,index,party,year,date,text,…`, some wrapped whole in quotes with `;;`.
    for raw in text.splitlines()[1:]:
        line = raw.rstrip(";")
        if line.startswith('"') and line.endswith('"'):
            line = line[1:-1].replace('""', '"')
        row = next(csv.reader([line]), [])
        if len(row) >= 6:
            yield row[5]


def _sentirueval(text: str) -> Iterator[str]:
    for match in re.finditer(r'<column name="text">(.*?)</column>', text, re.DOTALL):
        yield html.unescape(match.group(1))


def _lines_after_header(text: str) -> Iterator[str]:
    yield from text.splitlines()[1:]


def _weibo_reviews(text: str) -> Iterator[str]:
    for row in list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))[1:]:
        if row:
            yield row[0]


SOURCES = [
    Source("somii-i/Multi-Lang-v02", "b629b12", "data/all_annotated.tsv", "en", _umass(True), ENGLISH_POSTS),
    Source("somii-i/Multi-Lang-v02", "b629b12", "data/all_annotated.tsv", "other", _umass(False), OTHER_POSTS),
    Source("uds-lsv/GermEval-2018-Data", "9877472", "germeval2018.test.txt", "de", _germeval, OTHER_POSTS),
    Source("anon7331/tweet_topicXL", "2b5db0d", "data/es/es_test.jsonl", "es", _topic_jsonl, OTHER_POSTS),
    Source("anon7331/tweet_topicXL", "2b5db0d", "data/ja/ja_test.jsonl", "ja", _topic_jsonl, OTHER_POSTS),
    Source(
        "mrbrandsma/master-thesis-populism", "0b7b4cc", "data/large_data/clean/clean_dev.csv", "nl", _dutch_parties,
        OTHER_POSTS,
    ),
    Source(
        "MickaelDP/OutlierDetection", "e18f9a7", "00Dataset/ImportDatasetfr/dataset_fr.txt", "fr",
        _lines_after_header, OTHER_POSTS,
    ),
    Source("mokoron/sentirueval", "95b24c0", "banks_test_etalon.xml", "ru", _sentirueval, OTHER_POSTS),
    Source(
        "COVID-19-Weibo-data/COVID-19-sentiment-analysis-dataset-Weibo", "c83c628", "labeledData.csv", "zh",
        _weibo_reviews, OTHER_POSTS,
    ),
]  # fmt: skip


def _git_dir(mirrors: Path, repo: str) -> Path:
    base = mirrors / repo.replace("/", "+") / "repo"
    return base / ".git" if (base / ".git").is_dir() else base


def _show(mirrors: Path, source: Source) -> tuple[str, str]:
    git_dir = _git_dir(mirrors, source.repo)
    commit = subprocess.run(  # fixed git arguments, paths from the table above
        ["git", "--git-dir", str(git_dir), "rev-parse", source.commit],
        check=True, capture_output=True, text=True,
    ).stdout.strip()  # fmt: skip
    blob = subprocess.run(
        ["git", "--git-dir", str(git_dir), "show", f"{commit}:{source.path}"],
        check=True, capture_output=True,
    ).stdout  # fmt: skip
    return commit, blob.decode("utf-8")


def build(mirrors: Path) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    seen: set[str] = set()
    for source in SOURCES:
        commit, text = _show(mirrors, source)
        posts = []
        for raw in source.read(text):
            post = raw.strip()
            if post and post not in seen:
                seen.add(post)
                posts.append(post)
        chosen = random.Random(f"{SEED}:{source.repo}:{source.lang}").sample(posts, min(source.count, len(posts)))
        rows.extend(
            {"text": post, "lang": source.lang, "source_repo": source.repo, "commit": commit, "path": source.path}
            for post in chosen
        )
    return rows


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    rows = build(Path(sys.argv[1]))
    with (HERE / "posts.csv").open("w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=["text", "lang", "source_repo", "commit", "path"])
        writer.writeheader()
        writer.writerows(rows)
    counts: dict[str, int] = {}
    for row in rows:
        counts[row["lang"]] = counts.get(row["lang"], 0) + 1
    print(f"{len(rows)} posts written: {counts}")


if __name__ == "__main__":
    main()
