"""Import benchmark: how fast and in how much memory an X archive is parsed and stored.

    .venv/bin/python bench/ingest.py                      # 100,000 posts, and 500,000 for memory
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/voiceprint .venv/bin/python bench/ingest.py
    .venv/bin/python bench/ingest.py --posts 20000 --large 0   # a quick run

Archives are generated once under var/bench/ (a realistic professional's history, written
as X writes it). Every measurement runs in a fresh process so that its peak RSS is its own.
Without DATABASE_URL the store step uses a separate SQLite file, var/bench/bench.sqlite3.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import time
import zipfile
from pathlib import Path

import common  # the sibling bench/common.py: run as a script, bench/ is on sys.path

BENCH_DIR = common.BENCH_DIR
PROJECT_DIR = common.PROJECT_DIR


def archive_path(posts: int) -> Path:
    from samples.histories import professional_history  # noqa: PLC0415

    return common.archive_path("x-archive", posts, professional_history)


def measure_parse(path: Path) -> dict[str, float]:
    from profiles.ingest import open_history  # noqa: PLC0415

    started = time.perf_counter()
    with open_history(path) as history:
        posts = sum(1 for _ in history.posts())
    return {"posts": posts, "seconds": time.perf_counter() - started, "peak_rss_mb": common.peak_rss_mb()}


def measure_store(path: Path) -> dict[str, float | str]:
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{BENCH_DIR / 'bench.sqlite3'}")
    os.environ.setdefault("MEDIA_ROOT", str(BENCH_DIR / "media"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django  # noqa: PLC0415

    django.setup()
    from django.core.management import call_command  # noqa: PLC0415
    from django.db import connection  # noqa: PLC0415

    from profiles.models import PostHistory  # noqa: PLC0415
    from profiles.services import history_create_from_path, history_import  # noqa: PLC0415

    call_command("migrate", verbosity=0)
    PostHistory.objects.filter(owner=None, original_name=path.name).delete()
    started = time.perf_counter()
    history = history_create_from_path(owner=None, path=path)
    outcome = history_import(history_id=history.pk)
    seconds = time.perf_counter() - started
    stored = outcome.history.posts.count()
    outcome.history.upload.delete(save=False)
    outcome.history.delete()
    return {"posts": stored, "seconds": seconds, "peak_rss_mb": common.peak_rss_mb(), "database": connection.vendor}


def run_child(step: str, path: Path) -> dict[str, object]:
    return common.run_child(__file__, step, path)


def unpacked_mb(path: Path) -> float:
    with zipfile.ZipFile(path) as archive:
        return sum(i.file_size for i in archive.infolist() if "tweet" in i.filename) / 1024**2


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--posts", type=int, default=100_000, help="posts in the throughput archive")
    parser.add_argument("--large", type=int, default=500_000, help="posts in the memory archive (0: skip)")
    parser.add_argument("--skip-store", action="store_true", help="measure parsing only")
    parser.add_argument("--measure", choices=["parse", "store"], help=argparse.SUPPRESS)
    parser.add_argument("path", nargs="?", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.measure:
        figures = measure_parse(args.path) if args.measure == "parse" else measure_store(args.path)
        print(json.dumps(figures))
        return

    print(f"Voiceprint ingest benchmark: {os.cpu_count()} cores, Python {platform.python_version()}")
    rows = []
    archive = archive_path(args.posts)
    size = f"{archive.stat().st_size / 1024**2:.0f} MB zip, {unpacked_mb(archive):.0f} MB of posts unpacked"
    rows.append(("parse", args.posts, run_child("parse", archive)))
    if not args.skip_store:
        rows.append(("parse + store", args.posts, run_child("store", archive)))
    if args.large:
        rows.append(("parse (memory)", args.large, run_child("parse", archive_path(args.large))))
    print(f"archive: {archive.name} ({size})")
    print(f"{'step':<16}{'posts':>10}{'seconds':>10}{'posts/s':>12}{'peak RSS':>12}  database")
    for step, _, figures in rows:
        rate = figures["posts"] / figures["seconds"]
        print(
            f"{step:<16}{figures['posts']:>10,}{figures['seconds']:>10.2f}{rate:>12,.0f}"
            f"{figures['peak_rss_mb']:>9.0f} MB  {figures.get('database', '-')}"
        )


if __name__ == "__main__":
    main()
