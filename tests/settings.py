"""Test settings: the real settings, with a few values a test run must not share with `make run`."""

from __future__ import annotations

import os

from config.settings import *  # noqa: F403
from config.settings import CELERY_BROKER_URL, DATABASES, VAR_DIR

# A queue (and, for the file broker, a folder) of its own, so that a worker started by
# `make run` on the same machine never takes a test's task, nor a test worker a real one.
# The fault tests start workers of their own on another queue (VOICEPRINT_TEST_QUEUE).
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("VOICEPRINT_TEST_QUEUE", "voiceprint-tests")
if CELERY_BROKER_URL.startswith("filesystem://"):
    _broker = VAR_DIR / "test-broker"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker / "messages"),
        "data_folder_out": str(_broker / "messages"),
        "control_folder": str(_broker / "control"),
        "store_processed": False,
    }

# The worker process a test starts must use the test database the test run created.
if _worker_database := os.environ.get("VOICEPRINT_TEST_WORKER_DATABASE"):
    DATABASES["default"]["NAME"] = _worker_database

# Hashing with a fast algorithm: password strength is not under test, time is.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

# Uploads written by tests (and read by the test worker) stay apart from the site's own.
MEDIA_ROOT = VAR_DIR / "test-media"

# Sign-in throttling counts every failed sign-in; Django's test client signs in without a request,
# which django-axes refuses. tests/config/test_security.py turns it on to test it.
AXES_ENABLED = False
