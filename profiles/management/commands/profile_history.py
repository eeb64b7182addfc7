"""`python manage.py profile_history PATH`: profile any export in-process, without the database."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from profiles.analysis import AnalysisContext, AnalysisError, WorkingHours, WorkingHoursError, analyse
from profiles.analysis.summary import summary_lines
from profiles.ingest import HistoryFormatError, coverage_lines, open_history
from profiles.services import import_limits


class Command(BaseCommand):
    help = (
        "Profile a post history (any file import_history reads) and print a summary; nothing is "
        "written to the database. --json prints the whole profile, --posts one JSON line per post."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="The export file, exactly as downloaded.")
        parser.add_argument(
            "--timezone", default="", help='IANA time zone, e.g. "Europe/London" (default: the export\'s, else UTC).'
        )
        parser.add_argument(
            "--working-hours", default="Mon-Fri 09:00-17:00", help='Stated working hours, e.g. "Mon-Fri 08:00-18:00".'
        )
        parser.add_argument(
            "--role",
            default="",
            help="The client's role in their words, e.g. \"family lawyer\": it chooses the advice's wording.",
        )
        parser.add_argument(
            "--goals",
            default="",
            help='What the client wants from social media, e.g. "speaking invitations": it ranks the findings.',
        )
        output = parser.add_mutually_exclusive_group()
        output.add_argument("--json", action="store_true", help="Print the whole profile as JSON.")
        output.add_argument("--posts", action="store_true", help="Print one JSON object per post.")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        if not path.is_file():
            raise CommandError(f"{path} is not a file.")
        try:
            working_hours = WorkingHours.parse(options["working_hours"])
            with open_history(path, label=path.name, limits=import_limits()) as history:
                # The same reading as the import: repeats merged, self-replies marked.
                posts = list(history.posts())
                context = AnalysisContext.for_account(
                    history.account,
                    timezone=options["timezone"],
                    working_hours=working_hours,
                    skipped_records=history.report.skipped_count,
                    role=options["role"],
                    goals=options["goals"],
                )
            analysis = analyse(posts, context)
        except (HistoryFormatError, WorkingHoursError, AnalysisError) as error:
            raise CommandError(str(error)) from error

        if options["json"]:
            self.stdout.write(json.dumps(analysis.profile.as_dict(), indent=2, ensure_ascii=False))
        elif options["posts"]:
            for score in analysis.post_scores:
                record = score.as_dict()
                record.pop("voice_features")
                self.stdout.write(json.dumps(record, ensure_ascii=False))
        else:
            self.stdout.write(f"{path.name}: {history.format}")
            for line in coverage_lines(history.report):
                self.stdout.write(line)
            for line in summary_lines(analysis.profile):
                self.stdout.write(line)
