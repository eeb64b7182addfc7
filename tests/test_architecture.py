"""The structure docs/architecture.md draws holds: imports point down, modules fit in one read."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import PROJECT_DIR

MAX_MODULE_LINES = 400


def test_the_import_contracts_hold():
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint), "--no-cache"], cwd=PROJECT_DIR, capture_output=True, text=True, check=False)

    assert result.returncode == 0, result.stdout[-3000:]
    assert "0 broken" in result.stdout


def test_no_module_of_the_apps_is_over_four_hundred_lines():
    too_long = {
        str(path.relative_to(PROJECT_DIR)): lines
        for package in ("coaching", "profiles")
        for path in (PROJECT_DIR / package).rglob("*.py")
        if "migrations" not in path.parts and (lines := len(path.read_text().splitlines())) > MAX_MODULE_LINES
    }

    assert too_long == {}
