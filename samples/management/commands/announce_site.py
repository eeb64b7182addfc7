"""`python manage.py announce_site --port N`: once the site answers, print where it is and how to sign in.

`make run` starts it beside the web server, the worker and beat (Procfile), so that the address,
the demo logins and the demo report's address are the last lines printed, after the start-up
messages of the other processes, instead of scrolling away above them. It then waits, as every
Procfile process must (honcho stops them all when one ends).
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.urls import reverse

from coaching.models import Order
from coaching.services import DEMO_LOGINS
from samples.demo_history import DEMO_ARCHIVE_NAME


def site_health(url: str) -> dict[str, Any] | None:
    """/healthz's answer when the site and its worker are up, else None."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (our own http://127.0.0.1 address)
            return json.load(response)
    except (urllib.error.URLError, OSError, ValueError):
        return None


class Command(BaseCommand):
    help = "Wait until the local site answers /healthz, then print its address and the demo logins, and wait."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--port", type=int, default=8000, help="The port the web server listens on.")
        parser.add_argument("--timeout", type=float, default=120.0, help="Seconds to wait for /healthz.")
        parser.add_argument("--exit", action="store_true", help="Exit after printing instead of waiting.")

    def handle(self, *args: Any, **options: Any) -> None:
        site = f"http://127.0.0.1:{options['port']}"
        deadline = time.monotonic() + options["timeout"]
        health = site_health(f"{site}/healthz")
        while (health is None or health.get("status") != "ok") and time.monotonic() < deadline:
            time.sleep(1)
            health = site_health(f"{site}/healthz")
        ready = health is not None and health.get("status") == "ok"
        self.stdout.write(self.banner(site, ready=ready))
        self.stdout.flush()
        while not options["exit"]:
            time.sleep(3600)

    def banner(self, site: str, *, ready: bool) -> str:
        coach, client = DEMO_LOGINS
        demo = Order.objects.filter(
            client__email=client.email, history__original_name=DEMO_ARCHIVE_NAME, stage=Order.Stage.DELIVERED
        ).first()
        lines = [
            "",
            "=" * 78,
            f"Voiceprint is running: open {site}/"
            if ready
            else f"Voiceprint is starting at {site}/ (not all of it answers yet: see {site}/healthz)",
            f"  coaches' workspace  {site}/admin/     health  {site}/healthz",
            f"  demo coach          {coach.email}  /  {coach.password}",
            f"  demo client         {client.email}  /  {client.password}",
        ]
        if demo is not None:
            lines.append(f"  demo report         {site}{reverse('report', args=[demo.pk])}  (sign in as the client)")
        lines += ["Press Ctrl-C to stop the web server, the worker and beat.", "=" * 78]
        return "\n".join(lines)
