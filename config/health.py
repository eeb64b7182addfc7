"""Health checks behind /healthz: database, broker and a live worker.

Each check returns a small JSON-ready dict with `status` "ok" or "error" and, on error,
the reason. They never raise: a health endpoint that crashes tells an operator nothing.
"""

from __future__ import annotations

import contextlib
import time
from typing import Any

from celery.exceptions import TimeoutError as CeleryTimeoutError
from django.conf import settings
from django.db import connection

from config.celery import app, ping

Check = dict[str, Any]


def check_database() -> Check:
    """Run `SELECT 1` on the default database."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # noqa: BLE001 - any failure is the answer we report
        return {"status": "error", "vendor": connection.vendor, "error": str(error)}
    return {"status": "ok", "vendor": connection.vendor}


def check_broker() -> Check:
    """Open (and close) a connection to the Celery broker."""
    transport = app.conf.broker_url.split("://", 1)[0]
    try:
        with app.connection_for_write() as broker:
            broker.ensure_connection(max_retries=1, timeout=2)
    except Exception as error:  # noqa: BLE001
        return {"status": "error", "transport": transport, "error": str(error)}
    return {"status": "ok", "transport": transport}


def check_worker(timeout: float | None = None, queue: str | None = None) -> Check:
    """Send a ping task through the broker and wait for a worker's answer.

    This is a real round trip (broker → worker → result backend), so it fails when no
    worker consumes the queue, even if the broker itself is up.
    """
    timeout = settings.HEALTHZ_WORKER_TIMEOUT if timeout is None else timeout
    started = time.monotonic()
    try:
        result = ping.apply_async(expires=timeout + 5, queue=queue)
    except Exception as error:  # noqa: BLE001
        return {"status": "error", "error": f"could not send the ping: {error}"}
    try:
        answer = result.get(timeout=timeout, interval=0.1)
    except CeleryTimeoutError:
        return {"status": "error", "error": f"no worker answered within {timeout:g} s"}
    except Exception as error:  # noqa: BLE001
        return {"status": "error", "error": str(error)}
    finally:
        # Pings are frequent (load balancers call /healthz): keep no result rows behind.
        with contextlib.suppress(Exception):
            result.forget()
    if answer != "pong":
        return {"status": "error", "error": f"unexpected answer {answer!r}"}
    return {"status": "ok", "round_trip_ms": round((time.monotonic() - started) * 1000)}


def system_health() -> tuple[bool, dict[str, Check]]:
    """All checks, and whether every one of them passed."""
    database = check_database()
    broker = check_broker()
    # Without a broker the worker check could only wait out its timeout.
    worker = check_worker() if broker["status"] == "ok" else {"status": "error", "error": "broker unreachable"}
    checks = {"database": database, "broker": broker, "worker": worker}
    return all(check["status"] == "ok" for check in checks.values()), checks
