"""Waiting for a real worker to finish with a history or a profile."""

from __future__ import annotations

import time

import pytest
from django.db import models


def wait_until_settled(
    model: type[models.Model], pk: int, done: set[str], timeout: float = 60, *, field: str = "status"
) -> models.Model:
    """The row once its `field` is one of `done`; fails the test after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        row = model.objects.get(pk=pk)
        if getattr(row, field) in done:
            return row
        if time.monotonic() > deadline:
            pytest.fail(f"{model.__name__} {pk} was still {getattr(row, field)} after {timeout} s")
        time.sleep(0.2)
