"""`python manage.py seed_demo`: create the demo accounts that `make run` prints."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from coaching.services import demo_accounts_ensure


class Command(BaseCommand):
    help = "Create (or reset) the demo coach and client accounts and print their logins."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Create the accounts even with DEBUG off (their passwords are public).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["allow_production"]:
            raise CommandError(
                "Refusing to create demo accounts with DEBUG off: their passwords are published. "
                "Pass --allow-production if this really is a demo site."
            )
        for login in demo_accounts_ensure():
            self.stdout.write(f"  {login.role:<38} {login.email}  /  {login.password}")
