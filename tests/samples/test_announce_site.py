"""`announce_site`: the last lines `make run` prints, the address and the demo logins."""

from __future__ import annotations

import io
import socket

import pytest
from django.core.management import call_command

from coaching.services import DEMO_LOGINS

pytestmark = pytest.mark.django_db


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_it_prints_the_address_and_the_demo_logins_even_when_the_site_is_slow_to_answer():
    port = free_port()  # nothing listens there
    printed = io.StringIO()

    call_command("announce_site", port=port, timeout=0, exit=True, stdout=printed)

    lines = printed.getvalue().strip().splitlines()
    assert f"Voiceprint is starting at http://127.0.0.1:{port}/" in lines[1]  # after the rule
    for login in DEMO_LOGINS:
        assert any(login.email in line and login.password in line for line in lines)
    assert lines[-2] == "Press Ctrl-C to stop the web server, the worker and beat."
