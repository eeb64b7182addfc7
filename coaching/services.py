"""Coaching services: every write to coaching data goes through a function here."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from coaching.models import User


@dataclass(frozen=True)
class DemoLogin:
    role: str
    email: str
    password: str


# Known passwords are the point of demo accounts, which is why the command that creates
# them refuses to run with DEBUG off.
DEMO_LOGINS = (
    DemoLogin(role="coach (staff, signs in to /admin/)", email="coach@voiceprint.example", password="coach-demo-2026"),  # noqa: S106
    DemoLogin(role="client", email="client@voiceprint.example", password="client-demo-2026"),  # noqa: S106
)


@transaction.atomic
def demo_accounts_ensure() -> list[DemoLogin]:
    """Create the demo coach and client, or reset them to their documented state.

    Idempotent: running it again resets the passwords and flags, and creates nothing twice.
    """
    coach_login, client_login = DEMO_LOGINS
    coach, _ = User.objects.get_or_create(email=coach_login.email)
    coach.first_name, coach.last_name = "Casey", "Coach"
    coach.is_staff = True
    coach.is_active = True
    coach.set_password(coach_login.password)
    coach.save()

    client, _ = User.objects.get_or_create(email=client_login.email)
    client.first_name, client.last_name = "Alex", "Client"
    client.is_staff = False
    client.is_active = True
    client.set_password(client_login.password)
    client.save()
    return list(DEMO_LOGINS)
