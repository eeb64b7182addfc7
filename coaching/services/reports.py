"""Report selectors: the headline changes, the coaching plan and what the report templates read;
and the report's PDF, rendered once per version of the report and stored."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.template.loader import render_to_string

from coaching.models import Annotation, Report
from coaching.sections import SECTION_KEYS, SECTIONS, report_charts
from coaching.stored_profile import ProfileVersionError, StoredProfile
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
    text: str
    url: str
    created_at: Any


SEVERITY_ORDER = ("high", "medium", "low")


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


def report_context(report: Report, *, internal_notes: bool = False) -> dict[str, Any]:
    """What the report template needs: the profile, the changes, and each finding's posts quoted.

    The client's report carries only the notes meant for the client; a coach's review page
    (`internal_notes=True`) shows the internal ones too.
    """
    profile = report.profile
    plan = coaching_plan(report)
    cited = {post_id for finding in plan for post_id in finding["example_post_ids"]}
    posts = selectors.posts_by_external_id(report.order.history_id, cited)
    findings = [
        {
            **finding,
            "quotes": [
                QuotedPost(text=posts[post_id].text, url=posts[post_id].url, created_at=posts[post_id].created_at)
                for post_id in finding["example_post_ids"]
                if post_id in posts
            ],
        }
        for finding in plan
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
    return {
        "order": report.order,
        "report": report,
        "profile": view,
        "profile_problem": problem,
        "findings": findings,
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
