"""The review form's fields: a report's own findings to choose from, and the client's posts to cite.

A coach names a finding by choosing it (its code and headline) rather than typing its code, and
cites a post by searching the client's posts from inside the form: an autocomplete (the admin's
own select2) fed by the report's post endpoint, which answers only for reports in the coach's
queue and only with that report's posts.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from coaching.models import Report
from profiles import selectors
from profiles.models import Post

# How much of a post the picker shows: enough to recognise it, short enough for a list.
POST_LABEL_CHARS = 120


def finding_choices(report: Report, *, with_strengths: bool) -> list[tuple[str, str]]:
    """The report's findings (and, for notes, its strengths) as (code, "code — headline") choices."""
    items = list(report.profile.get("findings", []))
    if with_strengths:
        items += report.profile.get("strengths", [])
    return [(item["code"], f"{item['code']} — {item['headline']}") for item in items if item.get("code")]


def post_label(post: Post) -> str:
    """A post as the picker lists it: its date in the site's zone and the start of its text."""
    text = " ".join(post.text.split())
    if len(text) > POST_LABEL_CHARS:
        text = text[: POST_LABEL_CHARS - 1] + "…"
    return f"{timezone.localtime(post.created_at):%d %b %Y} · {text}"


class CitedPostsWidget(forms.SelectMultiple):
    """A multiple select the admin's autocomplete script turns into a searchable picker."""

    def __init__(self, url: str, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(
            attrs={
                "class": "admin-autocomplete",
                "data-ajax--url": url,
                "data-ajax--cache": "true",
                "data-ajax--delay": 250,
                "data-ajax--type": "GET",
                "data-theme": "admin-autocomplete",
                "data-allow-clear": "false",
                "data-placeholder": "Type words from the post to find it",
                "style": "width: 32em",
                **(attrs or {}),
            }
        )

    @property
    def media(self) -> forms.Media:
        extra = "" if settings.DEBUG else ".min"
        return forms.Media(
            js=(
                f"admin/js/vendor/jquery/jquery{extra}.js",
                f"admin/js/vendor/select2/select2.full{extra}.js",
                "admin/js/jquery.init.js",
                "admin/js/autocomplete.js",
            ),
            css={"screen": (f"admin/css/vendor/select2/select2{extra}.css", "admin/css/autocomplete.css")},
        )


class CitedPostsField(forms.MultipleChoiceField):
    """The ids of the client's posts a finding quotes, picked from a search of their posts.

    The choices are only the posts already cited (for the widget to show them); a newly picked id
    is accepted here and checked against the client's history by `FindingAdjustment.clean`, which
    names any id that is not one of the client's posts.
    """

    def valid_value(self, value: str) -> bool:
        return bool(str(value).strip())


class ReviewFormBase(forms.ModelForm):
    """A note's or an adjustment's form on one report: its finding chosen, its posts picked."""

    report: ClassVar[Report | None] = None
    with_strengths: ClassVar[bool] = False
    blank_finding: ClassVar[str] = "---------"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        report = self.report
        if report is None:
            return
        current = self.fields.get("finding_code")
        if current is not None:
            self.fields["finding_code"] = forms.ChoiceField(
                label="Finding",
                choices=[("", self.blank_finding), *finding_choices(report, with_strengths=self.with_strengths)],
                required=False,
                help_text=current.help_text,
            )
        if "example_post_ids" in self.fields:
            cited = [str(post_id) for post_id in (self.instance.example_post_ids or [])]
            posts = selectors.posts_by_external_id(report.order.history_id, cited)
            url = reverse("admin:coaching_report_post_choices", args=[report.pk])
            self.fields["example_post_ids"] = CitedPostsField(
                label="Posts to quote",
                choices=[(post_id, post_label(posts[post_id]) if post_id in posts else post_id) for post_id in cited],
                required=False,
                widget=CitedPostsWidget(url),
                help_text="Search the client's posts by their words and pick the ones to quote (up to five are shown).",
            )


def review_form(base: type[ReviewFormBase], report: Report | None) -> type[ReviewFormBase]:
    """`base` bound to one report, for the inline formsets of that report's page."""
    return type(base.__name__, (base,), {"report": report})


class AnnotationForm(ReviewFormBase):
    with_strengths = True
    blank_finding = "— none: a note on the section"


class FindingAdjustmentForm(ReviewFormBase):
    blank_finding = "— none: a finding of your own"
