"""Settings are read from the environment and refuse bad values at start-up."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "k8#v2!m9@x4$q7^w1&z5*r3(t6)y0_u8+i2=o4-p9[a1]s7{d3}f5",
    "ALLOWED_HOSTS": "example.org",
}


def run_django(*args: str, **environment: str) -> subprocess.CompletedProcess[str]:
    clean = {key: value for key, value in os.environ.items() if key not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS"}}
    clean["DJANGO_SETTINGS_MODULE"] = "config.settings"
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT_DIR,
        env={**clean, **environment},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_settings_pass_the_deployment_checks():
    result = run_django("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_it_refuses_to_start_in_production_without_a_secret_key():
    result = run_django("check", DEBUG="0", ALLOWED_HOSTS="example.org")

    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_it_refuses_to_start_in_production_without_allowed_hosts():
    result = run_django("check", DEBUG="0", SECRET_KEY=PRODUCTION["SECRET_KEY"])

    assert result.returncode != 0
    assert "ALLOWED_HOSTS must name the site's host(s)" in result.stderr


def test_it_names_the_variable_holding_a_bad_boolean():
    result = run_django("check", DEBUG="maybe")

    assert result.returncode != 0
    assert "DEBUG='maybe' is not a boolean" in result.stderr


def test_it_names_the_variable_holding_a_bad_number():
    result = run_django("check", CELERY_TASK_TIME_LIMIT="soon")

    assert result.returncode != 0
    assert "CELERY_TASK_TIME_LIMIT must be a whole number" in result.stderr
