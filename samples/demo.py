"""The sample report: the demo client's delivered order, and the preview on the home page.

Both come from the same generated history (`samples.demo_history.write_demo_archive`), read by the
real importer and analysed by the real engine: what a newcomer sees is what a client gets. Every
write goes through coaching's services and workflow, as a client's and a coach's would.
"""

from __future__ import annotations

import logging
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.cache import cache
from django.db import transaction

from coaching import sections, services, workflow
from coaching.charts import Chart, hour_of_week_heatmap
from coaching.models import Annotation, Order, Report, User
from profiles import services as profile_services
from profiles.analysis import AnalysisContext, WorkingHours, analyse
from profiles.ingest import open_history
from samples.demo_history import DEMO_ARCHIVE_NAME, DEMO_POSTS, write_demo_archive

logger = logging.getLogger(__name__)

DEMO_TIMEZONE = "Europe/London"
DEMO_WORKING_HOURS = "Mon-Fri 08:00-18:00"
DEMO_ROLE = "Police inspector, neighbourhood policing"
DEMO_GOALS = "Be more approachable online, and stop answering residents at midnight."
# What the demo coach wrote on the summary: a coach's note is required to publish.
DEMO_SUMMARY_NOTE = (
    "Sam, your residents in Ashcombe clearly like hearing from *you*: your personal posts earn more than "
    "three times the likes of the force's announcements, and the bike marking day and the carnival are among "
    "your best-received posts.\n\n"
    "Two things to work on first:\n\n"
    "1. Rewrite the repeated announcements in your own words, or leave them to the force account.\n"
    "2. Answer the same day where you can: a short reply now beats a perfect one tomorrow."
)


def demo_order_ensure(*, client: User, coach: User) -> Order:
    """The demo client's coached order of the sample history, reviewed and delivered.

    Idempotent: a delivered demo order is returned as it is; one left unfinished by an
    interrupted run is deleted and built again. Runs in-process (no worker needed), so the
    report is there as soon as the site starts.
    """
    existing = Order.objects.filter(client=client, history__original_name=DEMO_ARCHIVE_NAME)
    delivered = existing.filter(stage=Order.Stage.DELIVERED).first()
    if delivered is not None:
        return delivered
    for unfinished in existing:
        services.order_delete(unfinished)

    with tempfile.TemporaryDirectory() as folder:
        archive = write_demo_archive(Path(folder) / DEMO_ARCHIVE_NAME)
        with archive.open("rb") as upload:
            order = services.order_create(
                client=client,
                upload=upload,
                original_name=DEMO_ARCHIVE_NAME,
                product=Order.Product.COACHED,
                timezone_name=DEMO_TIMEZONE,
                working_hours=DEMO_WORKING_HOURS,
                role=DEMO_ROLE,
                goals=DEMO_GOALS,
                consent=True,
                notify_client=False,  # nobody reads the demo client's mail
            )
    order = workflow.order_run_in_process(order_id=order.pk, notify_coach=False)
    if order.stage != Order.Stage.IN_REVIEW:
        raise RuntimeError(f"the sample history was not analysed: {order.error_detail or order.get_stage_display()}")
    with transaction.atomic():
        services.order_assign(order=order, coach=coach, by=coach)  # the demo's coach needs no e-mail
        services.annotation_save(
            annotation=Annotation(
                report=order.report,
                section=sections.SUMMARY,
                visibility=Annotation.Visibility.CLIENT,
                text=DEMO_SUMMARY_NOTE,
            ),
            by=coach,
        )
    delivered = services.report_publish(order_id=order.pk, by=coach, notify_client=False)
    cache.delete(PREVIEW_CACHE_KEY)  # the next home page reads the preview from this report
    return delivered


@dataclass(frozen=True)
class ReportPreview:
    """A few figures and one chart of the sample report, for the home page."""

    posts: int
    figures: list[tuple[str, float]]
    first_finding: str
    chart: Chart


PREVIEW_CACHE_KEY = f"home-preview:v1:{DEMO_POSTS}"


def home_preview() -> ReportPreview:
    """Kept in the cache once made: from the demo report `seed_demo` stored (one query), or, on a
    site without it, computed once (under a second) from the sample history."""
    preview = cache.get(PREVIEW_CACHE_KEY)
    if preview is None:
        stored = (
            Report.objects.filter(order__history__original_name=DEMO_ARCHIVE_NAME, order__stage=Order.Stage.DELIVERED)
            .order_by("-published_at")
            .values_list("profile", flat=True)
            .first()
        )
        preview = _preview_of(stored if stored else _analyse_sample_history())
        cache.set(PREVIEW_CACHE_KEY, preview, timeout=None)
    return preview


def _analyse_sample_history() -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        archive = write_demo_archive(Path(folder) / DEMO_ARCHIVE_NAME)
        with open_history(archive, limits=profile_services.import_limits()) as history:
            posts = list(history.posts())
            # The demo order's own settings, so that this preview matches the report it stands for.
            context = AnalysisContext.for_account(
                history.account,
                timezone=DEMO_TIMEZONE,
                working_hours=WorkingHours.parse(DEMO_WORKING_HOURS),
                role=DEMO_ROLE,
                goals=DEMO_GOALS,
            )
    return analyse(posts, context).profile.as_dict()


def _preview_of(profile: dict[str, Any]) -> ReportPreview:
    return ReportPreview(
        posts=DEMO_POSTS,
        figures=[
            ("posts in a personal voice", profile["voice"]["personal_share"]),
            ("of posts are replies to people", profile["responsiveness"]["reply_share"]),
            ("of replies within a day", profile["responsiveness"]["replied_within_24h_share"]),
            ("posted outside working hours", profile["rhythm"]["out_of_hours_share"]),
        ],
        first_finding=profile["findings"][0]["headline"] if profile["findings"] else "",
        chart=hour_of_week_heatmap(profile),
    )
