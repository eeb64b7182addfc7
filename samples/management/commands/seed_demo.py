"""`python manage.py seed_demo`: the demo accounts that `make run` prints, and a delivered demo report."""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.urls import reverse

from coaching.models import User
from coaching.services import DEMO_LOGINS, demo_accounts_ensure
from samples.demo import demo_order_ensure, home_preview


class Command(BaseCommand):
    help = (
        "Create (or reset) the demo coach and client accounts, print their logins, and give the "
        "client a delivered coached report of a sample history (built once, kept afterwards)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Create the accounts even with DEBUG off (their passwords are public).",
        )
        parser.add_argument("--no-report", action="store_true", help="Only the accounts, no demo report.")

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["allow_production"]:
            raise CommandError(
                "Refusing to create demo accounts with DEBUG off: their passwords are published. "
                "Pass --allow-production if this really is a demo site."
            )
        for login in demo_accounts_ensure():
            self.stdout.write(f"  {login.role:<38} {login.email}  /  {login.password}")
        if options["no_report"]:
            return
        coach_login, client_login = DEMO_LOGINS
        started = time.monotonic()
        order = demo_order_ensure(
            client=User.objects.get(email=client_login.email), coach=User.objects.get(email=coach_login.email)
        )
        home_preview()  # made now, from the stored report, so that no visitor waits for it
        elapsed = time.monotonic() - started
        self.stdout.write(
            f"  demo report (sign in as the client)    {settings.SITE_URL}{reverse('report', args=[order.pk])}"
            + (f"  (built in {elapsed:.1f} s)" if elapsed > 0.5 else "")
        )
