"""Fixtures shared by the whole suite: personas and a real Celery worker process."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import nltk
import nltk.downloader
import pytest
from django.conf import settings
from django.db import connection

from config.celery import app, ping

PROJECT_DIR = Path(__file__).resolve().parent.parent
WORKER_START_TIMEOUT_S = 60
WORKER_COMMAND = (
    *(sys.executable, "-m", "celery", "--app", "config", "worker"),
    *("--loglevel=INFO", "--concurrency=2", "--without-gossip", "--without-mingle"),
)


class DownloadAttempted(AssertionError):
    """Code tried to fetch NLTK data: nothing may be downloaded at run time."""


def _refuse_download(*args: object, **kwargs: object) -> bool:
    raise DownloadAttempted(f"nltk.download{args!r} was called: NLTK data must come from profiles.analysis.nltk_data")


# Replaced for the whole session, before any test module imports the engine, so that no hidden
# download (textstat fetches cmudict when it is missing) can pass unnoticed.
nltk.download = _refuse_download
nltk.downloader.download = _refuse_download


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The browser journeys run last: their Playwright session changes how Django guards
    the ORM in the test thread (tests/browser/conftest.py), which no other test should see."""
    items.sort(key=lambda item: item.nodeid.startswith("tests/browser/"))


def pytest_report_header(config: pytest.Config) -> list[str]:
    database = settings.DATABASES["default"]
    vendor = database["ENGINE"].rsplit(".", 1)[-1]
    vendor = {"postgresql": "postgresql", "sqlite3": "sqlite"}.get(vendor, vendor)
    where = f"{database.get('HOST') or 'local'}:{database.get('PORT') or '-'}" if vendor != "sqlite" else "file"
    transport = settings.CELERY_BROKER_URL.split("://", 1)[0]
    broker = f"{transport} ({_redacted(settings.CELERY_BROKER_URL)})"
    return [
        f"voiceprint database: {vendor} ({where})",
        f"voiceprint broker: {broker}, result backend: {settings.CELERY_RESULT_BACKEND}",
    ]


def _redacted(url: str) -> str:
    scheme, _, rest = url.partition("://")
    if "@" in rest:
        rest = "***@" + rest.split("@", 1)[1]
    return f"{scheme}://{rest}"


@pytest.fixture(scope="session")
def celery_worker_process(
    django_db_setup: None, django_db_blocker: pytest.FixtureRequest
) -> Iterator[subprocess.Popen[bytes]]:
    """A real `celery worker` process on the configured broker and the test database.

    Tests that use it must be `django_db(transaction=True)`: the worker is another process
    and sees only committed rows. It is skipped, with the reason, when the broker is down.
    """
    try:
        with app.connection_for_write() as broker:
            broker.ensure_connection(max_retries=1, timeout=3)
    except Exception as error:  # noqa: BLE001
        pytest.skip(f"Celery broker {_redacted(settings.CELERY_BROKER_URL)} is unreachable: {error}")

    app.control.purge()  # messages left by an interrupted earlier run
    log_path = PROJECT_DIR / "var" / "test-worker.log"
    worker = start_worker(log_path, queue=settings.CELERY_TASK_DEFAULT_QUEUE)
    try:
        wait_until_worker_answers(worker, log_path, django_db_blocker)
        yield worker
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()


def start_worker(log_path: Path, *, queue: str, environment: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    """A `celery worker` process on the test database, reading `queue`, in a process group of
    its own (so that a test can kill it and its pool children at once)."""
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "VOICEPRINT_TEST_WORKER_DATABASE": str(connection.settings_dict["NAME"]),
        "VOICEPRINT_TEST_QUEUE": queue,
        **(environment or {}),
    }
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with log_path.open("ab") as log:
        return subprocess.Popen(
            [*WORKER_COMMAND, "--queues", queue],
            cwd=PROJECT_DIR,
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def wait_until_worker_answers(
    worker: subprocess.Popen[bytes], log_path: Path, django_db_blocker, *, queue: str | None = None
) -> None:
    deadline = time.monotonic() + WORKER_START_TIMEOUT_S
    with django_db_blocker.unblock():
        while time.monotonic() < deadline:
            if worker.poll() is not None:
                pytest.fail(f"the Celery worker exited with {worker.returncode}:\n{log_path.read_text()[-3000:]}")
            try:
                if ping.apply_async(expires=10, queue=queue).get(timeout=2) == "pong":
                    return
            except Exception:  # noqa: BLE001, S112 - not up yet: ask again until the deadline
                continue
    pytest.fail(f"the Celery worker did not answer within {WORKER_START_TIMEOUT_S} s:\n{log_path.read_text()[-3000:]}")
