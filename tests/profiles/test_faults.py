"""Faults during a run lose nothing and duplicate nothing: a worker killed with SIGKILL in the
middle of an analysis, and the broker (Redis) restarted under a running order. A task whose
worker is killed three times is not run a fourth: its order fails with a reason.

Both need Redis, the broker that redelivers a task whose worker died (the file broker cannot:
docs/operations.md); they skip, saying so, elsewhere. The workers here are their own, on a queue
of their own, started with a short visibility timeout so that redelivery takes seconds.
"""

from __future__ import annotations

import io
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest
from django.conf import settings

from coaching import services, workflow
from coaching.models import Order
from profiles.models import HistoryProfile, Post, TaskDelivery
from samples.archives import TwitterAccount, write_twitter_archive
from samples.histories import varied_history
from tests.conftest import PROJECT_DIR, start_worker, wait_until_worker_answers
from tests.factories import UserFactory
from tests.profiles.waiting import wait_until_settled

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]
FAULT_QUEUE = "voiceprint-faults"
POSTS, CHUNK_POSTS = 40_000, 5_000
VISIBILITY_TIMEOUT_S = 10
REDIS_HOST, REDIS_PORT = "127.0.0.1", 6379


@pytest.fixture(scope="module")
def big_archive(tmp_path_factory) -> bytes:
    path = tmp_path_factory.mktemp("faults") / "twitter-archive.zip"
    write_twitter_archive(path, varied_history(POSTS, seed=11), TwitterAccount(), newest_first=False)
    return path.read_bytes()


@pytest.fixture
def redis_broker() -> None:
    if not settings.CELERY_BROKER_URL.startswith("redis://"):
        pytest.skip(
            f"needs Redis as the broker (CELERY_BROKER_URL is {settings.CELERY_BROKER_URL.split(':', 1)[0]}://): "
            "only a broker with redelivery can survive a killed worker"
        )


@pytest.fixture
def fault_workers(redis_broker, django_db_blocker):
    """Starts workers on FAULT_QUEUE on demand; kills what is left at the end."""
    started: list[subprocess.Popen[bytes]] = []
    log_path = PROJECT_DIR / "var" / "test-fault-worker.log"

    def start() -> subprocess.Popen[bytes]:
        worker = start_worker(log_path, queue=FAULT_QUEUE,
                              environment={"CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT_S),
                                           "CELERY_UNACKED_RESTORE_SECONDS": "2"})  # fmt: skip
        started.append(worker)
        wait_until_worker_answers(worker, log_path, django_db_blocker, queue=FAULT_QUEUE)
        return worker

    yield start
    for worker in started:
        if worker.poll() is None:
            os.killpg(worker.pid, signal.SIGTERM)
            try:
                worker.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(worker.pid, signal.SIGKILL)
                worker.wait()


def new_order(archive: bytes) -> Order:
    return services.order_create(
        client=UserFactory(), upload=io.BytesIO(archive), original_name="twitter-archive.zip",
        product=Order.Product.SELF_SERVE, timezone_name="Europe/London", working_hours="Mon-Fri 09:00-17:00",
        consent=True,
    )  # fmt: skip


UNDISTURBED: dict[str, dict] = {}


def undisturbed_profile(archive: bytes) -> dict:
    """The same upload by another client, run in this process from start to finish (once)."""
    if "profile" not in UNDISTURBED:
        UNDISTURBED["profile"] = _run_in_process(archive)
    return UNDISTURBED["profile"]


def _run_in_process(archive: bytes) -> dict:
    return workflow.order_run_in_process(order_id=new_order(archive).pk).report.profile


def wait_for_analysis_under_way(order: Order, timeout: float = 120) -> HistoryProfile:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        order.refresh_from_db()
        profile = order.profile
        if profile is not None:
            profile.refresh_from_db()
            if 0 < profile.posts_analysed < profile.posts_total:
                return profile
        time.sleep(0.05)
    pytest.fail(f"order {order.pk} never got to analysing (stage {order.stage})")


def test_a_worker_killed_mid_analysis_is_replaced_and_the_order_completes_with_the_same_figures(
    big_archive, fault_workers
):
    expected = undisturbed_profile(big_archive)
    order = new_order(big_archive)
    worker = fault_workers()
    workflow.order_chain(order.pk, chunk_posts=CHUNK_POSTS).apply_async(queue=FAULT_QUEUE)

    in_progress = wait_for_analysis_under_way(order)
    os.killpg(worker.pid, signal.SIGKILL)  # the worker and its pool: no clean-up, no acknowledgement
    worker.wait()
    order.refresh_from_db()
    assert order.stage == Order.Stage.ANALYSING, "the kill came too late to test anything"
    assert in_progress.posts_analysed < POSTS

    fault_workers()
    order = wait_until_settled(Order, order.pk, {"delivered", "failed"}, timeout=240, field="stage")

    assert order.stage == Order.Stage.DELIVERED, order.error_detail
    assert Post.objects.filter(history=order.history).count() == POSTS
    assert order.report.profile == expected


def wait_for_delivery(order: Order, deliveries: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if TaskDelivery.objects.filter(order_id=order.pk, deliveries=deliveries).exists():
            return
        time.sleep(0.05)
    pytest.fail(f"order {order.pk}'s task was not delivered a {deliveries}. time within {timeout} s")


def test_a_task_whose_worker_is_killed_three_times_fails_its_order_with_a_reason(big_archive, fault_workers):
    order = new_order(big_archive)
    worker = fault_workers()
    workflow.order_chain(order.pk, chunk_posts=CHUNK_POSTS).apply_async(queue=FAULT_QUEUE)

    for death in (1, 2, 3):
        wait_for_delivery(order, death)  # the import has started (again): kill its worker under it
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait()
        worker = fault_workers()
    order = wait_until_settled(Order, order.pk, {"delivered", "failed"}, timeout=120, field="stage")

    assert order.stage == Order.Stage.FAILED
    assert order.error_message.startswith("Reading your file stopped the worker processing it three times")
    assert "coaching.import_order stopped its worker 3 times" in order.error_detail
    # Acknowledged, not waiting to run: the refused run's record goes when the task returns, which
    # can come a moment after the error callback has already failed the order.
    deadline = time.monotonic() + 30
    while TaskDelivery.objects.filter(order_id=order.pk).exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not TaskDelivery.objects.filter(order_id=order.pk).exists()
    assert Post.objects.filter(history=order.history).count() == 0
    assert order.requeue_count == 0  # the watchdog had nothing to do with it


def _redis_restart(after_down_s: float) -> None:
    """Shut Redis down (saving its data, as a persistent Redis does) and start it again."""
    subprocess.run(["redis-cli", "-h", REDIS_HOST, "-p", str(REDIS_PORT), "shutdown", "save"], check=False,
                   capture_output=True)  # fmt: skip
    time.sleep(after_down_s)
    data = Path("/var/lib/redis")
    subprocess.run(
        ["redis-server", "--daemonize", "yes", "--bind", REDIS_HOST, "-::1", "--port", str(REDIS_PORT),
         "--save", "", "--appendonly", "no", "--dir", str(data), "--logfile", "/var/log/redis/ci.log"],
        check=True,
    )  # fmt: skip
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        answer = subprocess.run(["redis-cli", "-h", REDIS_HOST, "-p", str(REDIS_PORT), "ping"], capture_output=True,
                                text=True, check=False)  # fmt: skip
        if answer.stdout.strip() == "PONG":
            (data / "dump.rdb").unlink(missing_ok=True)  # loaded; a later restart must not bring it back
            return
        time.sleep(0.2)
    pytest.fail("Redis did not come back within 30 s")


def test_an_order_survives_redis_restarting_under_it(big_archive, fault_workers):
    local = settings.CELERY_BROKER_URL.startswith(f"redis://{REDIS_HOST}:{REDIS_PORT}")
    if not (local and shutil.which("redis-server") and Path("/var/lib/redis").is_dir()):
        pytest.skip("restarting the broker needs the machine's own Redis (redis-server, /var/lib/redis)")
    expected = undisturbed_profile(big_archive)
    order = new_order(big_archive)
    fault_workers()
    workflow.order_chain(order.pk, chunk_posts=CHUNK_POSTS).apply_async(queue=FAULT_QUEUE)

    wait_for_analysis_under_way(order)
    _redis_restart(after_down_s=3)
    order = wait_until_settled(Order, order.pk, {"delivered", "failed"}, timeout=240, field="stage")

    assert order.stage == Order.Stage.DELIVERED, order.error_detail
    assert Post.objects.filter(history=order.history).count() == POSTS
    assert order.report.profile == expected
