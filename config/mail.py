"""The development e-mail backend (`EMAIL_URL=consolemail://`): e-mails written to the log.

Django's console backend writes to stdout, which a Celery worker redirects to its logger as
`WARNING celery.redirected`, so every e-mail a worker sent looked like a fault. Here each e-mail
goes through logging, at INFO, whole (the links in it are what a developer needs).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend

logger = logging.getLogger("voiceprint.email")


class LoggingEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        for message in email_messages:
            logger.info("e-mail to %s: %s\n%s", ", ".join(message.recipients()), message.subject, message.body.rstrip())
        return len(email_messages)
