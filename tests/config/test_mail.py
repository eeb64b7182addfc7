"""E-mails on the development backend are logged at INFO, not printed (a worker would warn)."""

from __future__ import annotations

import logging

from django.core import mail


def test_it_logs_each_email_at_info_and_prints_nothing(settings, caplog, capsys):
    settings.EMAIL_BACKEND = "config.mail.LoggingEmailBackend"

    with caplog.at_level(logging.INFO, logger="voiceprint.email"):
        sent = mail.send_mail("Your report", "Read it: https://voiceprint.example/orders/1/", None, ["pat@example.org"])

    assert sent == 1
    (record,) = [r for r in caplog.records if r.name == "voiceprint.email"]
    assert record.levelno == logging.INFO
    assert "pat@example.org: Your report" in record.getMessage()
    assert "https://voiceprint.example/orders/1/" in record.getMessage()
    assert capsys.readouterr().out == ""


def test_consolemail_means_the_logging_backend():
    from tests.config.test_settings import run_django  # noqa: PLC0415

    result = run_django("shell", "-c", "from django.conf import settings; print(settings.EMAIL_BACKEND)",
                        EMAIL_URL="consolemail://")  # fmt: skip

    assert result.stdout.strip().splitlines()[-1] == "config.mail.LoggingEmailBackend", result.stderr
