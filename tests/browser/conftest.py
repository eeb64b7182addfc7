"""Browser journeys: Debian's Chromium driven by Playwright against a live server and a real worker.

Playwright never downloads a browser here: the system's `chromium` is launched headless with a
fresh profile and no background networking. Where it is not installed the journeys skip, saying
why. Every step's screenshot goes to var/screenshots/<journey>/ (git-ignored) to be looked at.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core import mail
from playwright.sync_api import Browser, Page

from tests.conftest import PROJECT_DIR

SCREENSHOTS = PROJECT_DIR / "var" / "screenshots"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
# The worker analyses the sample history in seconds; the margin is for a loaded CI machine.
WORKER_STEP_TIMEOUT_MS = 120_000


def chromium_executable() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session", autouse=True)
def _chromium_required() -> None:
    """Skips before anything else is started (live server, worker) where there is no browser."""
    if chromium_executable() is None:
        pytest.skip("Chromium is not installed (Debian: apt-get install chromium): browser journeys skipped")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict, _chromium_required: None) -> dict:
    """pytest-playwright's launch options, pointed at the system's Chromium."""
    executable = chromium_executable()
    # Playwright's synchronous API keeps an event loop running in the test thread, and Django
    # refuses ORM calls from a thread with a running loop. The journeys' own ORM calls (setting
    # up users, reading outcomes) are synchronous and safe; the browser journeys run last
    # (tests/conftest.py orders them), so no other test runs with this switch on.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    return {**browser_type_launch_args, "executable_path": executable, "args": CHROMIUM_FLAGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    return {**browser_context_args, "viewport": DESKTOP, "accept_downloads": True}


@pytest.fixture(autouse=True)
def _links_to_the_live_server(request: pytest.FixtureRequest, settings) -> None:
    """E-mails link to SITE_URL, never the request's host: here that is the live server's address."""
    if "live_server" in request.fixturenames:
        settings.SITE_URL = request.getfixturevalue("live_server").url


class Journey:
    """A journey's screenshots, numbered in the order the steps were taken."""

    def __init__(self, name: str) -> None:
        self.folder = SCREENSHOTS / name
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder.mkdir(parents=True)
        self.steps = 0

    def shot(self, page: Page, step: str, *, size: dict[str, int] | None = None) -> Path:
        """A full-page screenshot of `page`, at `size` for this shot only when given."""
        before = page.viewport_size
        if size is not None and size != before:
            page.set_viewport_size(size)
        self.steps += 1
        width = (size or before or DESKTOP)["width"]
        path = self.folder / f"{self.steps:02d}-{step}-{width}.png"
        page.screenshot(path=str(path), full_page=True)
        if size is not None and size != before and before is not None:
            page.set_viewport_size(before)
        return path

    def shot_of(self, page: Page, selector: str, step: str, *, size: dict[str, int]) -> Path:
        """A screenshot of one element (the first matching `selector`) at `size`."""
        before = page.viewport_size
        page.set_viewport_size(size)
        self.steps += 1
        path = self.folder / f"{self.steps:02d}-{step}-{size['width']}.png"
        page.locator(selector).first.screenshot(path=str(path))
        if before is not None:
            page.set_viewport_size(before)
        return path


@pytest.fixture
def journey(request: pytest.FixtureRequest) -> Journey:
    return Journey(re.sub(r"^test_", "", request.node.originalname))


@pytest.fixture
def coach_browser(browser: Browser) -> Iterator[Page]:
    """A second, separate browser session: the coach's, with cookies of its own."""
    context = browser.new_context(viewport=DESKTOP)
    yield context.new_page()
    context.close()


def last_link_in_outbox(to: str, path_part: str) -> str:
    """The link containing `path_part` in the newest e-mail sent to `to`."""
    messages = [message for message in mail.outbox if to in message.to]
    assert messages, f"no e-mail was sent to {to}"
    links = re.findall(r"https?://\S+", messages[-1].body)
    return next(link for link in links if path_part in link)


def policy_violations(page: Page) -> list[str]:
    """Collects what the browser reports blocking under the Content-Security-Policy on `page`."""
    violations: list[str] = []
    page.on("console", lambda message: violations.append(message.text) if "Content Security Policy" in message.text
            else None)  # fmt: skip
    return violations
