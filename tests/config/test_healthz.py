from __future__ import annotations

import pytest

from config.celery import app
from config.health import check_worker
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.worker
def test_it_reports_database_broker_and_worker_ok(client, celery_worker_process):
    response = client.get("/healthz")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"]["status"] == "ok"
    assert body["broker"]["status"] == "ok"
    assert body["worker"]["status"] == "ok"
    assert body["worker"]["round_trip_ms"] >= 0


def test_it_names_the_database_vendor_and_broker_transport(client, settings):
    settings.HEALTHZ_WORKER_TIMEOUT = 0.5
    body = client.get("/healthz").json()

    assert body["database"]["vendor"] in {"sqlite", "postgresql"}
    assert body["broker"]["transport"] == settings.CELERY_BROKER_URL.split("://")[0]


def test_worker_check_fails_when_no_worker_consumes_the_queue():
    # A queue no worker listens to stands for "every worker is down".
    queue = "voiceprint-tests-nobody-listens"
    result = check_worker(timeout=0.5, queue=queue)
    with app.connection_for_write() as broker:
        broker.default_channel.queue_purge(queue)

    assert result == {"status": "error", "error": "no worker answered within 0.5 s"}


def test_it_answers_503_when_the_worker_check_fails(client, monkeypatch):
    monkeypatch.setattr(
        "config.health.check_worker", lambda: {"status": "error", "error": "no worker answered within 3 s"}
    )

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["status"] == "error"
    assert response.json()["worker"]["error"] == "no worker answered within 3 s"


def test_it_is_never_cached(client, monkeypatch):
    monkeypatch.setattr("config.health.check_worker", lambda: {"status": "ok", "round_trip_ms": 1})

    response = client.get("/healthz")

    assert "no-cache" in response["Cache-Control"]


def test_strangers_learn_only_the_status(client, settings):
    settings.HEALTHZ_WORKER_TIMEOUT = 0.5

    body = client.get("/healthz", REMOTE_ADDR="203.0.113.9").json()

    assert body == {"status": body["status"]}
    assert body["status"] in {"ok", "error"}


def test_staff_and_this_machine_see_each_part(client, settings):
    settings.HEALTHZ_WORKER_TIMEOUT = 0.5
    client.force_login(UserFactory(is_staff=True))

    staff = client.get("/healthz", REMOTE_ADDR="203.0.113.9").json()
    client.logout()
    local = client.get("/healthz", REMOTE_ADDR="::1").json()

    for body in (staff, local):
        assert body["database"]["vendor"] in {"sqlite", "postgresql"}
        assert "transport" in body["broker"]


def test_a_visitor_forwarded_by_a_local_proxy_is_not_this_machine(client, settings):
    settings.HEALTHZ_WORKER_TIMEOUT = 0.5
    settings.TRUSTED_PROXY_COUNT = 1

    body = client.get("/healthz", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9").json()

    assert set(body) == {"status"}
