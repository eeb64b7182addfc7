"""Load test of the busiest pages on the production-like setup, while an import runs.

gunicorn (3 processes of 8 threads), PostgreSQL, Redis and two Celery workers, all on this machine; wrk (on
loopback only, for a bounded time) plays 50 signed-in users: 30 watching an order's progress
(polling every 2 s, as the page does), 10 reading their report and 10 on the home page (a page
every second). Meanwhile the workers import and analyse a 100,000-post archive.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/voiceprint_load \\
    CELERY_BROKER_URL=redis://127.0.0.1:6379/3 .venv/bin/python bench/load.py [--duration 60]

Targets (bench/load.md): no errors; p95 under 150 ms for progress polling, under 400 ms for the report.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import common  # the sibling bench/common.py: run as a script, bench/ is on sys.path

BENCH_DIR, PROJECT_DIR, archive_path = common.BENCH_DIR, common.PROJECT_DIR, common.archive_path

PORT = 8201
QUEUE = "voiceprint-load"
TARGETS_MS = {"progress": 150.0, "report": 400.0}
# name: (users, think time in ms, path template)
PAGES = {
    "progress": (30, 2000, "/orders/{order}/progress/"),
    "report": (10, 1000, "/orders/{order}/report/"),
    "home": (10, 1000, "/"),
}
WRK_SCRIPT = """
wrk.path = "{path}"
wrk.headers["Cookie"] = "sessionid={session}"
function delay() return {think_ms} end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('{{"requests": %d, "p50": %.1f, "p95": %.1f, "p99": %.1f, "max": %.1f, ' ..
    '"socket_errors": %d, "non_2xx": %d}}\\n', summary.requests, latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.connect + e.read + e.write + e.timeout, e.status))
end
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=int, default=60, help="seconds of load (default 60)")
    parser.add_argument("--import-posts", type=int, default=100_000, help="posts in the archive imported meanwhile")
    options = parser.parse_args()
    database, broker = os.environ.get("DATABASE_URL", ""), os.environ.get("CELERY_BROKER_URL", "")
    if not database.startswith("postgres") or not broker.startswith("redis"):
        sys.exit(
            "bench/load.py runs on the production-like setup: "
            "set DATABASE_URL (PostgreSQL) and CELERY_BROKER_URL (Redis)."
        )
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed (Debian: apt-get install wrk).")

    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "0",
        "SECRET_KEY": "load-test-only-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",  # plain HTTP on loopback; everything else as in production
        "CELERY_TASK_DEFAULT_QUEUE": QUEUE,
        "MEDIA_ROOT": str(BENCH_DIR / "load-media"),
        # One cache for all web processes, as in production: charts and the preview drawn once.
        "CACHE_URL": broker.rsplit("/", 1)[0] + "/15",
        "LOG_LEVEL": "WARNING",
    }
    os.environ.update(environment)
    python = sys.executable
    subprocess.run([python, "manage.py", "migrate", "--no-input", "-v0"], cwd=PROJECT_DIR, check=True)
    subprocess.run([python, "manage.py", "collectstatic", "--no-input", "-v0"], cwd=PROJECT_DIR, check=True)
    order_id, session_key = _signed_in_client_with_a_report()
    archive = archive_path("varied", options.import_posts, _varied)

    logs = BENCH_DIR / "load-logs"
    logs.mkdir(parents=True, exist_ok=True)
    # Threads (gthread): a connection that is open but idle does not hold a whole process, as it
    # would a sync worker without a buffering proxy in front.
    # Keep-alive outlives the progress page's two-second poll, as a proxy in front would see to.
    web = [python, "-m", "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{PORT}", "--workers", "3",
           "--threads", "8", "--keep-alive", "10"]  # fmt: skip
    processes = [_start(web, logs / "gunicorn.log")]
    for number in (1, 2):
        # As the Procfile runs them: analysis yields the CPU to the web server (nice 10).
        worker = ["nice", "-n", "10", python, "-m", "celery", "--app", "config", "worker", "--queues", QUEUE,
                  "--concurrency", "1", "--hostname", f"load{number}@%h", "--without-gossip",
                  "--without-mingle"]  # fmt: skip
        processes.append(_start(worker, logs / f"worker{number}.log"))
    try:
        _wait_for_server()
        # One request to each page first, as a deployed site has had: what is drawn once (the
        # preview, a report's charts) is measured as users meet it, not as its first visitor does.
        for _users, _think_ms, template in PAGES.values():
            _get(template.format(order=order_id), session_key)
        importing = _order_of(archive)
        time.sleep(2)  # the import is under way before the users arrive
        results = _run_wrk(order_id, session_key, options.duration)
        progress = _stage_of(importing)
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=60)
    _report(results, progress, options)


def _varied(posts: int):
    from samples.histories import varied_history  # noqa: PLC0415

    return varied_history(posts, seed=3)


def _signed_in_client_with_a_report() -> tuple[int, str]:
    """A client with a delivered report and a signed-in session: (order id, session key)."""
    import django  # noqa: PLC0415

    django.setup()
    from allauth.account.models import EmailAddress  # noqa: PLC0415
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: PLC0415
    from django.contrib.sessions.backends.db import SessionStore  # noqa: PLC0415

    from coaching.models import User  # noqa: PLC0415
    from samples.demo import demo_order_ensure  # noqa: PLC0415

    client, _ = User.objects.get_or_create(email="load.client@voiceprint.example")
    coach, _ = User.objects.get_or_create(email="load.coach@voiceprint.example", defaults={"is_staff": True})
    EmailAddress.objects.get_or_create(user=client, email=client.email, defaults={"verified": True, "primary": True})
    order = demo_order_ensure(client=client, coach=coach)
    session = SessionStore()
    session[SESSION_KEY] = str(client.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = client.get_session_auth_hash()
    session.create()
    return order.pk, session.session_key


def _order_of(archive: Path) -> int:
    """Places a self-serve order of `archive` for the load client; its work starts on the workers."""
    from coaching import services, workflow  # noqa: PLC0415
    from coaching.models import User  # noqa: PLC0415

    client = User.objects.get(email="load.client@voiceprint.example")
    with archive.open("rb") as upload:
        order = services.order_create(
            client=client, upload=upload, original_name=archive.name, product="self_serve",
            timezone_name="Europe/London", working_hours="Mon-Fri 09:00-17:00", consent=True,
        )  # fmt: skip
    workflow.order_start(order.pk)
    return order.pk


def _stage_of(order_id: int) -> str:
    from coaching.models import Order  # noqa: PLC0415

    order = Order.objects.select_related("history").get(pk=order_id)
    return f"{order.get_stage_display()} ({order.history.posts_read:,} posts read)"


def _start(command: list[str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("wb") as output:
        return subprocess.Popen(command, cwd=PROJECT_DIR, stdout=output, stderr=subprocess.STDOUT)


def _get(path: str, session_key: str) -> None:
    request = urllib.request.Request(f"http://127.0.0.1:{PORT}{path}", headers={"Cookie": f"sessionid={session_key}"})
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - http://127.0.0.1 only
        response.read()


def _wait_for_server(timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{PORT}/", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    sys.exit(f"gunicorn did not answer on port {PORT} within {timeout:.0f} s (see var/bench/load-logs/)")


def _run_wrk(order_id: int, session_key: str, duration: int) -> dict[str, dict[str, float]]:
    running = {}
    for name, (users, think_ms, template) in PAGES.items():
        script = BENCH_DIR / f"load-{name}.lua"
        path = template.format(order=order_id)
        script.write_text(WRK_SCRIPT.format(path=path, session=session_key, think_ms=think_ms))
        command = ["wrk", "--threads", "2", "--connections", str(users), "--duration", f"{duration}s",
                   "--timeout", "10s", "--script", str(script), f"http://127.0.0.1:{PORT}{path}"]  # fmt: skip
        running[name] = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    results = {}
    for name, process in running.items():
        output, _ = process.communicate(timeout=duration + 60)
        results[name] = json.loads(output.strip().splitlines()[-1])
    return results


def _report(results: dict[str, dict[str, float]], progress: str, options: argparse.Namespace) -> None:
    users = sum(users for users, _, _ in PAGES.values())
    setup = "gunicorn (3 processes × 8 threads), PostgreSQL, Redis, 2 workers"
    print(f"\n{users} users for {options.duration} s against {setup}")
    print(f"meanwhile: an order of {options.import_posts:,} posts, now {progress}\n")
    print(f"{'page':<10} {'users':>5} {'requests':>9} {'req/s':>6} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} "
          f"{'max ms':>7} {'errors':>6}  target")  # fmt: skip
    failed = False
    for name, result in results.items():
        errors = result["socket_errors"] + result["non_2xx"]
        target = TARGETS_MS.get(name)
        met = errors == 0 and (target is None or result["p95"] < target)
        failed |= not met
        goal = f"p95 < {target:.0f} ms, 0 errors" if target else "0 errors"
        print(f"{name:<10} {PAGES[name][0]:>5} {result['requests']:>9,} {result['requests'] / options.duration:>6.1f} "
              f"{result['p50']:>7.1f} {result['p95']:>7.1f} {result['p99']:>7.1f} {result['max']:>7.1f} "
              f"{errors:>6}  {goal}: {'met' if met else 'NOT MET'}")  # fmt: skip
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
