"""Report selectors: the headline changes, the coaching plan and what the report templates read;
and the report's PDF, rendered once per version of the report and stored."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.template.loader import render_to_string

from coaching.models import Annotation, Report
from coaching.sections import SECTION_KEYS, SECTIONS, report_charts
from coaching.stored_profile import ProfileVersionError, StoredProfile
from coaching.voice_shares import VoiceShares, voice_moves, voice_shares
from profiles import selectors

# The figures each report leads with, and how they changed since the client's previous report.
HEADLINE_FIGURES = (
    ("reply_share", "responsiveness", "Share of your posts that are replies"),
    ("replied_within_24h_share", "responsiveness", "Replies within a day"),
    ("personal_share", "voice", "Posts in a personal voice"),
    ("templated_share", "voice", "Posts that repeat a template"),
    ("out_of_hours_share", "rhythm", "Posts outside your working hours"),
)


def headline_changes(profile: dict[str, Any], previous: Report | None) -> dict[str, dict[str, Any]]:
    """Each headline figure now and, when the client had an earlier report on the same account,
    then, with which report that was (`before_order`) and when it was published."""
    return {
        name: {
            "label": label,
            "now": profile.get(section, {}).get(name),
            "before": previous.profile.get(section, {}).get(name) if previous else None,
            "before_order": previous.order_id if previous else None,
            "before_published_at": previous.published_at.isoformat() if previous and previous.published_at else None,
        }
        for name, section, label in HEADLINE_FIGURES
    }


@dataclass(frozen=True)
class QuotedPost:
    """A cited post with what a reader needs to check it: when (in the client's zone), what kind,
    how long the reply took, and its likes and reposts where the export has them."""

    text: str
    url: str
    created_at: Any
    urls: list[str] = field(default_factory=list)
    local_time: str = ""
    kind: str = ""
    reply_delay_s: float | None = None
    likes: int | None = None
    reposts: int | None = None
    external_id: str = ""
    # The voice the coach gave the post, in place of the analysis's; empty when not corrected.
    corrected_voice: str = ""


def _quotes(
    cited: dict[str, Any],
    posts: dict[str, Any],
    zone: ZoneInfo | None = None,
    corrected: dict[int, str] | None = None,
) -> list[QuotedPost]:
    """The posts a finding, a strength or the best posts cite, in the order cited.

    `examples` (profile version 2) carries each post's local time and figures; a version 1
    finding only names `example_post_ids`, and its posts show their date alone.
    """
    examples = {example["id"]: example for example in cited.get("examples") or [] if "id" in example}
    ids = cited.get("example_post_ids") or list(examples)
    quotes = []
    for post_id in ids:
        post = posts.get(post_id)
        if post is None:
            continue
        example = examples.get(post_id, {})
        quotes.append(
            QuotedPost(
                text=post.text,
                url=post.url,
                created_at=post.created_at,
                urls=[str(url) for url in post.urls or []],
                # The best posts carry no example: their local time is the post's own, in the client's zone.
                local_time=example.get("local_time")
                or (post.created_at.astimezone(zone).isoformat() if zone is not None else ""),
                kind=example.get("kind") or post.kind,
                reply_delay_s=example.get("reply_delay_s"),
                likes=example.get("likes", post.likes),
                reposts=example.get("reposts", post.reposts),
                external_id=post_id,
                corrected_voice=(corrected or {}).get(post.pk, ""),
            )
        )
    return quotes


SEVERITY_ORDER = ("high", "medium", "low")
# The best posts the "What works" section quotes in full; the rest are summed up in what they share.
BEST_POSTS_QUOTED = 3


def coaching_plan(report: Report) -> list[dict[str, Any]]:
    """The automated findings with the coach's adjustments applied, most severe first.

    A reworded or re-prioritised finding names the coach (`adjusted_by`); hidden ones are left
    out; the coach's own findings join the plan.
    """
    adjustments = list(report.finding_adjustments.select_related("coach"))
    by_code = {adjustment.finding_code: adjustment for adjustment in adjustments if adjustment.finding_code}
    plan = []
    for finding in report.profile.get("findings", []):
        adjustment = by_code.get(finding["code"])
        if adjustment is None:
            plan.append({**finding, "adjusted_by": None})
        elif not adjustment.hidden:
            plan.append(
                {
                    **finding,
                    "headline": adjustment.headline or finding["headline"],
                    "recommendation": adjustment.recommendation or finding["recommendation"],
                    "severity": adjustment.severity or finding["severity"],
                    "adjusted_by": adjustment.coach,
                }
            )
    for own in (adjustment for adjustment in adjustments if not adjustment.finding_code and not adjustment.hidden):
        plan.append(
            {
                "code": "coach",
                "area": "coach",
                "severity": own.severity or "medium",
                "headline": own.headline,
                "measured": "",
                "healthy": "",
                "recommendation": own.recommendation,
                "example_post_ids": [str(post_id) for post_id in own.example_post_ids][:5],
                "low_confidence": False,
                "adjusted_by": own.coach,
            }
        )
    # Stable: equal severities keep the rule set's order, the coach's own findings last.
    return sorted(plan, key=lambda finding: SEVERITY_ORDER.index(finding["severity"]))


def _client_zone(profile: dict[str, Any]) -> ZoneInfo | None:
    """The zone the profile's local times are in (`rhythm.timezone`), or None if unreadable."""
    try:
        return ZoneInfo(str((profile.get("rhythm") or {}).get("timezone") or ""))
    except (ValueError, ZoneInfoNotFoundError):
        return None


@dataclass(frozen=True)
class PreviousReport:
    order_id: int
    published_at: datetime | None


def _previous_report(changes: dict[str, dict[str, Any]]) -> PreviousReport | None:
    """Which earlier report of the same account the summary compares with, and when it was published."""
    figure = next(iter(changes.values()), {})
    if not figure.get("before_order"):
        return None
    published = figure.get("before_published_at")
    return PreviousReport(figure["before_order"], datetime.fromisoformat(published) if published else None)


def report_context(report: Report, *, internal_notes: bool = False) -> dict[str, Any]:
    """What the report template needs: the profile, the changes, and each finding's posts quoted.

    The client's report carries only the notes meant for the client; a coach's review page
    (`internal_notes=True`) shows the internal ones too.
    """
    profile = report.profile
    plan = coaching_plan(report)
    strengths = list(profile.get("strengths") or [])
    best_posts = list((profile.get("engagement") or {}).get("best_posts") or [])[:BEST_POSTS_QUOTED]
    cited = {post_id for finding in [*plan, *strengths] for post_id in finding["example_post_ids"]}
    cited |= {best["id"] for best in best_posts}
    posts = selectors.posts_by_external_id(report.order.history_id, cited)
    corrected = selectors.voice_corrections(post.pk for post in posts.values())
    findings = [{**finding, "quotes": _quotes(finding, posts, corrected=corrected)} for finding in plan]
    strengths = [{**strength, "quotes": _quotes(strength, posts, corrected=corrected)} for strength in strengths]
    zone = _client_zone(profile)
    best_quoted = [
        {**best, "quote": quote}
        for best in best_posts
        for quote in _quotes({"example_post_ids": [best["id"]]}, posts, zone, corrected)
    ]
    notes: dict[str, list[Annotation]] = {}
    annotations = report.annotations.select_related("coach")
    if not internal_notes:
        annotations = annotations.filter(visibility=Annotation.Visibility.CLIENT)
    finding_notes: dict[str, list[Annotation]] = {}
    for annotation in annotations:
        if annotation.finding_code:
            finding_notes.setdefault(annotation.finding_code, []).append(annotation)
        else:
            notes.setdefault(annotation.section, []).append(annotation)
    for finding in findings:
        finding["notes"] = finding_notes.get(finding["code"], [])
    try:
        view: StoredProfile | None = StoredProfile.read(profile)
    except ProfileVersionError as error:
        view, problem = None, str(error)
    else:
        problem = None
    charts = report_charts(profile) if view is not None else {}
    shares = report_voice_shares(report)
    return {
        "order": report.order,
        "report": report,
        "profile": view,
        "profile_problem": problem,
        "findings": findings,
        "strengths": strengths,
        "previous": _previous_report(report.changes or {}),
        "changes": _changes_with_voice(report.changes or {}, shares),
        "voice_shares": shares,
        "best_posts": best_quoted,
        "charts": charts,
        # The registry's sections in order, each with its chart and its notes (report.html).
        "sections": [
            {"section": section, "chart": charts.get(section.key), "notes": notes.get(section.key, [])}
            for section in SECTIONS
        ],
        "notes": notes,
        "all_notes": [
            *(note for section in SECTION_KEYS for note in notes.get(section, [])),
            *(note for finding_group in finding_notes.values() for note in finding_group),
        ],
    }


def report_voice_shares(report: Report) -> VoiceShares:
    """The report's voice shares, counting each post a coach re-read under the coach's label
    where the analysis's label of it is known (`coaching.voice_shares`)."""
    corrections = selectors.history_voice_corrections(report.order.history_id)
    return voice_shares(report.profile.get("voice") or {}, voice_moves(corrections, report.profile))


def _changes_with_voice(changes: dict[str, dict[str, Any]], shares: VoiceShares) -> dict[str, dict[str, Any]]:
    """The summary's figures, its personal share the one the voice section shows."""
    if "personal_share" not in changes or not shares.posts_reread:
        return changes
    return {**changes, "personal_share": {**changes["personal_share"], "now": shares.personal_share}}


# --- The report as a PDF, stored ----------------------------------------------------------------

REPORT_PDF_FOLDER = "reports"


def report_pdf_html(report: Report) -> str:
    """The report page as the PDF prints it, rendered without a request.

    No request means no signed-in user and no CSRF token in the (hidden) site header: the same
    report renders to the same HTML in the worker and in the web process, so its digest says
    whether a stored PDF is still the report as it reads now.
    """
    return render_to_string("coaching/report.html", {**report_context(report), "pdf": True})


def report_pdf_stored(report: Report) -> str:
    """The storage name of the report's PDF as the report reads now, rendered once and kept.

    The file is named by the digest of the HTML it was made from, so a coach's note, a reworded
    finding, publication or a re-run analysis (anything the client would see) makes a new one on
    the next call; older renderings of the report are deleted then. WeasyPrint is imported here:
    it needs the system's Pango library (OSError without it), which the rest of the site does not.
    """
    html = report_pdf_html(report)
    folder = f"{REPORT_PDF_FOLDER}/{report.order_id}"
    name = f"{folder}/{hashlib.sha256(html.encode()).hexdigest()[:32]}.pdf"
    if default_storage.exists(name):
        return name
    from coaching.pdf import pdf_from_html  # noqa: PLC0415 - see the docstring

    # The storage writes under a temporary name and links it into place (profiles.storage): a
    # concurrent rendering of the same report cannot leave a half-written file under this name.
    stored = default_storage.save(name, ContentFile(pdf_from_html(html, base_url=settings.SITE_URL + "/")))
    for older in default_storage.listdir(folder)[1]:
        if f"{folder}/{older}" != stored:
            default_storage.delete(f"{folder}/{older}")
    return stored


def report_pdfs_remove(order_id: int) -> None:
    """Delete every stored PDF of an order's report (the order is being deleted)."""
    folder = f"{REPORT_PDF_FOLDER}/{order_id}"
    if default_storage.exists(folder):
        for name in default_storage.listdir(folder)[1]:
            default_storage.delete(f"{folder}/{name}")
