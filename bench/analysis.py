"""Analysis benchmark: the profiling engine against a naive per-post NLTK + textstat pipeline.

    .venv/bin/python bench/analysis.py                       # 3,200, 20,000 and 100,000 posts
    .venv/bin/python bench/analysis.py --sizes 3200 20000    # a quicker run
    .venv/bin/python bench/analysis.py --without-language-codes  # the text decides what is English
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/voiceprint .venv/bin/python bench/analysis.py --order

For each size, in fresh processes (so each peak RSS is its own):
- engine, 1 process: `profiles.analysis.analyse`;
- engine, 2 processes: `profiles.analysis.parallel.analyse_in_processes` (chunks mapped on both
  cores, one assembly), the figure the targets are about;
- naive baseline: per post, NLTK's TweetTokenizer, NLTK's VADER `polarity_scores` on the
  emoji-translated text, and textstat's Flesch reading ease and Flesch-Kincaid grade.
The run fails if the engine's sentiment of any post differs from the baseline's.

`--without-language-codes` removes every post's language code after reading, as in a Twitter
archive before 2013 or a LinkedIn export, so that the text decides which posts are English
(the engine and the naive runs; not `--order`, which reads the posts from the database).

`--order` adds the whole order for the largest size: the upload stored, imported into the
database (DATABASE_URL, else a SQLite file under var/bench/), analysed on 2 processes through
the same services the Celery tasks call, and the profile saved.

Histories are generated once under var/bench/ as X archives (`varied_history`: a police
inspector's posts, composed from many parts so that few repeat).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import time
from pathlib import Path

import common  # the sibling bench/common.py: run as a script, bench/ is on sys.path

BENCH_DIR = common.BENCH_DIR
PROJECT_DIR = common.PROJECT_DIR

TARGET_SECONDS_100K = 10.0
TARGET_SPEEDUP = 8.0
TARGET_RSS_MB = 300.0
TARGET_ORDER_SECONDS = 60.0
# Set for the child processes by --without-language-codes (common.run_child passes no flags).
WITHOUT_LANGUAGE_CODES = "VOICEPRINT_BENCH_WITHOUT_LANGUAGE_CODES"


def archive_path(posts: int) -> Path:
    from samples.histories import varied_history  # noqa: PLC0415

    return common.archive_path("x-varied", posts, varied_history)


def _read(path: Path) -> tuple[list, object]:
    from profiles.analysis import AnalysisContext  # noqa: PLC0415
    from profiles.ingest import open_history  # noqa: PLC0415

    with open_history(path) as history:
        posts = list(history.posts())
        if os.environ.get(WITHOUT_LANGUAGE_CODES):
            posts = [post._replace(language="") for post in posts]
        context = AnalysisContext.for_account(history.account, timezone="Europe/London")
    return posts, context


def measure_engine(path: Path, processes: int) -> dict[str, object]:
    from profiles.analysis import analyse  # noqa: PLC0415
    from profiles.analysis.parallel import analyse_in_processes  # noqa: PLC0415

    posts, context = _read(path)
    started = time.perf_counter()
    run = analyse if processes == 1 else lambda p, c: analyse_in_processes(p, c, processes=processes)
    analysis = run(posts, context)
    seconds = time.perf_counter() - started
    sentiments = {score.id: score.sentiment for score in analysis.post_scores if score.sentiment is not None}
    return {"posts": len(posts), "seconds": seconds, "peak_rss_mb": common.peak_rss_mb(), "sentiments": sentiments}


def measure_naive(path: Path) -> dict[str, object]:
    import textstat  # noqa: PLC0415
    from nltk.sentiment.vader import SentimentIntensityAnalyzer  # noqa: PLC0415
    from nltk.tokenize import TweetTokenizer  # noqa: PLC0415

    from profiles.analysis.nltk_data import VADER_LEXICON_RESOURCE, ensure_nltk_data  # noqa: PLC0415
    from profiles.analysis.sentiment import translate_emoji  # noqa: PLC0415

    posts, _ = _read(path)
    started = time.perf_counter()
    ensure_nltk_data()
    tokenizer = TweetTokenizer()
    vader = SentimentIntensityAnalyzer(lexicon_file=VADER_LEXICON_RESOURCE)
    sentiments = {}
    for post in posts:
        tokenizer.tokenize(post.text)
        sentiments[post.external_id] = vader.polarity_scores(translate_emoji(post.text))["compound"]
        textstat.flesch_reading_ease(post.text)
        textstat.flesch_kincaid_grade(post.text)
    seconds = time.perf_counter() - started
    return {"posts": len(posts), "seconds": seconds, "peak_rss_mb": common.peak_rss_mb(), "sentiments": sentiments}


def measure_order(path: Path) -> dict[str, object]:
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{BENCH_DIR / 'bench.sqlite3'}")
    os.environ.setdefault("MEDIA_ROOT", str(BENCH_DIR / "media"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django  # noqa: PLC0415

    django.setup()
    import multiprocessing  # noqa: PLC0415
    from concurrent.futures import ProcessPoolExecutor  # noqa: PLC0415

    from django.core.management import call_command  # noqa: PLC0415
    from django.db import connection, connections  # noqa: PLC0415

    from profiles import services  # noqa: PLC0415
    from profiles.analysis.parallel import _load_lexicons  # noqa: PLC0415
    from profiles.models import PostHistory  # noqa: PLC0415

    call_command("migrate", verbosity=0)
    PostHistory.objects.filter(owner=None, original_name=path.name).delete()
    _load_lexicons()
    steps = {}
    started = time.perf_counter()
    history = services.history_create_from_path(owner=None, path=path)
    steps["upload stored"] = time.perf_counter() - started
    history = services.history_import(history_id=history.pk).history
    steps["imported"] = time.perf_counter() - started
    profile = services.profile_create(history=history, timezone_name="Europe/London")
    chunks = services.profile_start(profile_id=profile.pk, chunk_posts=-(-history.posts.count() // 2))
    connections.close_all()  # each forked worker opens its own connection
    with ProcessPoolExecutor(max_workers=2, mp_context=multiprocessing.get_context("fork")) as pool:
        parts = list(pool.map(_order_chunk, [profile.pk] * len(chunks), *zip(*chunks, strict=True)))
    services.profile_complete(profile_id=profile.pk, features=[f for part in parts for f in part])
    steps["analysed and saved"] = time.perf_counter() - started
    seconds = time.perf_counter() - started
    posts = history.posts.count()
    history.upload.delete(save=False)
    history.delete()
    return {
        "posts": posts,
        "seconds": seconds,
        "peak_rss_mb": common.peak_rss_mb(),
        "database": connection.vendor,
        "steps": {name: round(value, 2) for name, value in steps.items()},
    }


def _order_chunk(profile_id: int, offset: int, limit: int) -> list:
    from django.db import connections  # noqa: PLC0415

    from profiles import services  # noqa: PLC0415

    try:
        return services.profile_features(profile_id=profile_id, offset=offset, limit=limit)
    finally:
        connections.close_all()


def run_child(step: str, path: Path) -> dict[str, object]:
    return common.run_child(__file__, step, path)


def _row(label: str, figures: dict[str, object]) -> str:
    posts, seconds = int(figures["posts"]), float(figures["seconds"])
    return f"{label:<22}{posts:>9,}{seconds:>10.2f}{posts / seconds:>11,.0f}{float(figures['peak_rss_mb']):>9.0f} MB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[3_200, 20_000, 100_000])
    parser.add_argument("--order", action="store_true", help="also time a whole order for the largest size")
    parser.add_argument(
        "--without-language-codes",
        action="store_true",
        help="remove every post's language code, so that the text decides which posts are English",
    )
    parser.add_argument("--measure", choices=["engine-1", "engine-2", "naive", "order"], help=argparse.SUPPRESS)
    parser.add_argument("path", nargs="?", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.measure:
        if args.measure == "naive":
            figures = measure_naive(args.path)
        elif args.measure == "order":
            figures = measure_order(args.path)
        else:
            figures = measure_engine(args.path, processes=int(args.measure[-1]))
        print(json.dumps(figures))
        return

    if args.without_language_codes:
        os.environ[WITHOUT_LANGUAGE_CODES] = "1"  # read by the child processes' _read
    print(f"Voiceprint analysis benchmark: {os.cpu_count()} cores, Python {platform.python_version()}")
    if args.without_language_codes:
        print("posts read without their language codes")
    print(f"{'':<22}{'posts':>9}{'seconds':>10}{'posts/s':>11}{'peak RSS':>12}")
    failures = []
    for size in args.sizes:
        path = archive_path(size)
        one, two, naive = (run_child(step, path) for step in ("engine-1", "engine-2", "naive"))
        print(_row("engine, 1 process", one))
        print(_row("engine, 2 processes", two))
        print(_row("naive per-post", naive))
        speedup = float(naive["seconds"]) / float(two["seconds"])
        differing = [i for i, value in two["sentiments"].items() if naive["sentiments"][i] != value]
        print(
            f"  speed-up over naive: {speedup:.1f}x on 2 processes; sentiment of "
            f"{len(two['sentiments']):,} posts compared, {len(differing)} differ"
        )
        if differing:
            failures.append(f"{size}: sentiment differs for posts {differing[:5]}")
        if size == 100_000:
            verdicts = [
                ("100,000 posts in under 10 s (2 processes)", float(two["seconds"]) < TARGET_SECONDS_100K),
                ("at least 8x the naive baseline", speedup >= TARGET_SPEEDUP),
                ("peak RSS under 300 MB", float(two["peak_rss_mb"]) < TARGET_RSS_MB),
            ]
            for target, met in verdicts:
                print(f"  target {target}: {'met' if met else 'NOT met'}")
    if args.order:
        path = archive_path(max(args.sizes))
        order = run_child("order", path)
        print(_row(f"whole order ({order['database']})", order))
        print(f"  cumulative: {order['steps']}")
        print(f"  target under 60 s: {'met' if float(order['seconds']) < TARGET_ORDER_SECONDS else 'NOT met'}")
    if failures:
        raise SystemExit("\n".join(failures))


if __name__ == "__main__":
    main()
