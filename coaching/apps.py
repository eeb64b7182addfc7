from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CoachingConfig(AppConfig):
    name = "coaching"
    verbose_name = "Coaching"

    def ready(self) -> None:
        # Permissions exist only once every app has migrated, so the Coaches group is kept in
        # line after each migrate rather than in a data migration.
        post_migrate.connect(_ensure_coaches_group, sender=self)


def _ensure_coaches_group(**kwargs: Any) -> None:
    from coaching.services import coaches_group_ensure  # noqa: PLC0415 - models are not ready at import

    coaches_group_ensure()
