"""`python manage.py import_history PATH [--user EMAIL]`: import an export and print its summary."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from profiles.ingest.records import EARLIEST_POST_AT, merged_duplicates_sentence
from profiles.models import PostHistory
from profiles.services import history_create_from_path, history_import


class Command(BaseCommand):
    help = (
        "Import a post history (X/Twitter archive, Mastodon or LinkedIn export, CSV or JSON Lines) "
        "and print what it held. Importing the same file again for the same user changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="The export file, exactly as downloaded.")
        parser.add_argument("--user", metavar="EMAIL", help="The client the history belongs to.")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        if not path.is_file():
            raise CommandError(f"{path} is not a file.")
        owner = None
        if options["user"]:
            owner = get_user_model().objects.filter(email__iexact=options["user"]).first()
            if owner is None:
                raise CommandError(f"No user has the e-mail address {options['user']}.")

        history = history_create_from_path(owner=owner, path=path)
        outcome = history_import(history_id=history.pk)
        history = outcome.history
        if history.status == PostHistory.Status.FAILED:
            raise CommandError(f"{history.error_message}\n(detail: {history.error_detail})")
        if not outcome.imported_now:
            self.stdout.write(f"{path.name} was already imported as history {history.pk}; nothing changed.")
        self._print_summary(history)

    def _print_summary(self, history: PostHistory) -> None:
        summary = history.summary
        write = self.stdout.write
        write(f"History {history.pk}: {history.original_name}")
        write(f"  format detected   {summary['format']} ({', '.join(summary['source_files'])})")
        if history.handle or history.account_id:
            write(f"  account           @{history.handle or '?'} (id {history.account_id or 'unknown'})")
        if history.archive_timezone:
            write(f"  timezone          {history.archive_timezone}")
        if history.follower_count is not None or history.following_count is not None:
            write(f"  followers         {history.follower_count}, following {history.following_count}")
        by_kind = ", ".join(f"{count:,} {kind}" for kind, count in summary["posts_by_kind"].items())
        write(f"  posts             {summary['posts_stored']:,} ({by_kind})")
        write(f"  date range        {summary['first_post_at']} to {summary['last_post_at']}")
        # Every record of the post files once, so that the figures below add up to this one.
        if "records_total" in summary:
            write(f"  records read      {summary['records_total']:,}")
        merged, shared = summary.get("records_merged", 0), summary.get("shared_ids", 0)
        if merged and shared:
            write(f"  duplicates        {merged_duplicates_sentence(merged + shared, shared)}")
        elif summary["duplicates_merged"]:  # a history imported before ids were counted
            write(f"  duplicates        {summary['duplicates_merged']:,} repeated records merged")
        if summary["superseded_edits"]:
            write(f"  edited posts      {summary['superseded_edits']:,} earlier versions left out")
        if summary.get("private_messages"):
            write(f"  private messages  {summary['private_messages']:,} left out, never read")
        write(f"  skipped records   {summary['skipped_count']:,}")
        if summary.get("implausible_dates"):
            write(
                f"    of which {summary['implausible_dates']:,} dated before {EARLIEST_POST_AT:%Y-%m-%d} (the first "
                "post on Twitter) or in the future"
            )
        for example in summary["skipped_examples"]:
            write(f"    {example['location']}: {example['reason']}")
        for line in summary.get("coverage", []):
            write(f"  {line}")
        write(f"  seconds taken     {summary['seconds']}")
