"""`python manage.py voice_train`: rebuild the voice model from the labelled corpus (and corrections)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from profiles.analysis.voice_model import MODEL_DIR
from profiles.analysis.voice_training import VoiceTrainingError
from profiles.voice import VoiceCorrectionError, voice_model_train


class Command(BaseCommand):
    help = (
        "Train the voice classifier on evaluation/voice (posts.csv, labels.csv) and write the base "
        "model file (voice-v5.json), the same bytes every time; --with-corrections adds the coaches' "
        "corrections and writes the next version."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--with-corrections", action="store_true", help="Fold coaches' corrections in.")
        parser.add_argument("--output-dir", type=Path, default=MODEL_DIR, help=f"Where to write (default {MODEL_DIR}).")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            path, model = voice_model_train(
                output_dir=options["output_dir"], with_corrections=options["with_corrections"]
            )
        except (VoiceTrainingError, VoiceCorrectionError) as error:
            raise CommandError(str(error)) from error
        trained = model["trained_on"]
        self.stdout.write(
            f"{model['version']}: {trained['posts']} posts from {trained['accounts']} accounts "
            f"({trained['personal']} personal, {trained['corporate']} corporate"
            + (f", {trained['corrections']} corrections" if "corrections" in trained else "")
            + f"), C={model['c']:g}, written to {path}"
        )
