"""Demo logins: the documented coach and client accounts `seed_demo` creates or resets.

Writes users and their e-mail addresses directly (allauth's EmailAddress has no service of ours):
this module is the one place that does, and only for the two demo accounts.
"""

from __future__ import annotations

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.db import transaction

from coaching.models import User
from coaching.services.coaches import coaches_group_ensure


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
    coach.first_name, coach.last_name, coach.name = "Casey", "Coach", "Casey Coach"
    coach.is_staff = True
    coach.is_active = True
    coach.set_password(coach_login.password)
    coach.save()
    coach.groups.add(coaches_group_ensure())

    client, _ = User.objects.get_or_create(email=client_login.email)
    # The demo history is Inspector Sam Wright's (samples.demo_history): the demo client is Sam.
    client.first_name, client.last_name, client.name = "Sam", "Wright", "Sam Wright"
    client.is_staff = False
    client.is_active = True
    client.set_password(client_login.password)
    client.save()
    for user in (coach, client):
        # Sign-in requires a verified address; the demo ones are verified from the start.
        EmailAddress.objects.update_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})
    return list(DEMO_LOGINS)
