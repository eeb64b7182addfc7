"""Project package: settings, URLs, WSGI/ASGI entry points and the Celery app."""

from __future__ import annotations

# Importing the Celery app here makes `@shared_task` bind to it in every process
# that loads Django, so tasks queued from web requests use the project's broker.
from config.celery import app as celery_app

__all__ = ["celery_app"]
