"""What the benchmarks share: generated archives, peak memory, and a measurement per process."""

from __future__ import annotations

import json
import resource
import subprocess
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
BENCH_DIR = PROJECT_DIR / "var" / "bench"
if str(PROJECT_DIR) not in sys.path:
    sys.path.insert(0, str(PROJECT_DIR))


def archive_path(name: str, posts: int, history: Callable[[int], Iterable[object]]) -> Path:
    """var/bench/<name>-<posts>.zip: an X archive of `history(posts)`, generated once."""
    from samples.archives import TwitterAccount, write_twitter_archive  # noqa: PLC0415

    path = BENCH_DIR / f"{name}-{posts}.zip"
    if not path.exists():
        BENCH_DIR.mkdir(parents=True, exist_ok=True)
        print(f"generating {path.relative_to(PROJECT_DIR)} ({posts:,} posts)…", flush=True)
        account = TwitterAccount(
            follower_ids=[str(10**9 + n) for n in range(posts // 20)],
            following_ids=[str(10**9 + n) for n in range(0, posts // 20, 3)],
        )
        partial = path.with_suffix(".partial")
        write_twitter_archive(partial, history(posts), account, newest_first=False)
        partial.rename(path)
    return path


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def run_child(script: str, step: str, path: Path) -> dict[str, object]:
    """Run `script --measure step path` in a fresh process and return the JSON it prints last."""
    result = subprocess.run(
        [sys.executable, script, "--measure", step, str(path)],
        capture_output=True,
        text=True,
        check=False,
        cwd=PROJECT_DIR,
    )
    if result.returncode != 0:
        raise SystemExit(f"{step} of {path.name} failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])
