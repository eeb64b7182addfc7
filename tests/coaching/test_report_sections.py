"""What a paying client reads: strengths before the plan, evidence they can check, activity over
time, what works (or one line when the export has no counts), the previous report named, and
reports written before these sections existed still readable."""

from __future__ import annotations

import copy
import re
from datetime import UTC, datetime, timedelta

import pytest

from coaching import services
from coaching.charts import posts_by_month, sentiment_by_month
from coaching.models import Report
from coaching.templatetags.coaching_report import local_time
from tests.coaching.test_views import delivered_order
from tests.factories import UserFactory
from tests.pdf import pdf_text

pytestmark = pytest.mark.django_db


def _section(page: str, key: str) -> str:
    return page[page.index(f'<section class="report-section" id="{key}">') :].split("</section>", 1)[0]


@pytest.fixture
def delivered(client, tmp_path):
    owner = UserFactory(name="Sam Wright")
    order = delivered_order(owner, tmp_path)
    client.force_login(owner)
    return order


def test_it_shows_strengths_before_the_plan_each_cited_post_with_its_local_time(client, delivered):
    profile = delivered.report.profile
    assert profile["strengths"], "the sample history should show at least one strength"

    page = client.get(f"/orders/{delivered.pk}/report/").content.decode()

    assert page.index('id="strengths"') < page.index('id="plan"')
    strengths = _section(page, "strengths")
    for strength in profile["strengths"]:
        assert strength["headline"] in strengths
        for example in strength["examples"]:
            assert local_time(example["local_time"]) in strengths
    # Every cited reply says how long it took, every cited post its likes (the archive has counts).
    cited = [example for item in [*profile["strengths"], *profile["findings"]] for example in item["examples"]]
    if any(example["kind"] == "reply" for example in cited):
        assert "answered after" in page
    assert re.search(r"· \d[\d,]* likes?", page)
    assert "healthy at most" not in page
    assert "healthy at least" not in page


def test_it_shows_activity_with_a_chart_of_every_month(client, delivered):
    page = client.get(f"/orders/{delivered.pk}/report/").content.decode()

    activity = _section(page, "activity")
    assert "In the last 12 months of your history you wrote" in activity
    assert "<svg" in activity
    months = len(delivered.report.profile["activity"]["by_month"])
    assert f"posts in each of {months} months" in activity


def test_what_works_quotes_the_best_posts_against_the_accounts_median(client, delivered):
    engagement = delivered.report.profile["engagement"]
    assert engagement["counts_available"]

    section = _section(client.get(f"/orders/{delivered.pk}/report/").content.decode(), "engagement")

    assert "Measured against your own median of" in section
    assert section.count('class="best-post"') == min(3, len(engagement["best_posts"]))
    for trait in engagement["what_works"]:
        assert trait["description"][1:] in section


def test_an_export_without_counts_gets_one_line_instead_of_a_table_of_zeros(client, delivered):
    report = delivered.report
    profile = copy.deepcopy(report.profile)
    profile["engagement"]["counts_available"] = False
    report.profile = profile
    report.save(update_fields=["profile"])

    page = client.get(f"/orders/{delivered.pk}/report/").content.decode()
    pdf = pdf_text(client.get(f"/orders/{delivered.pk}/report.pdf").getvalue())

    section = _section(page, "engagement")
    assert "This export carries no like counts" in section
    assert "<table" not in section
    assert "<svg" not in section
    assert "Median likes" not in section
    assert "This export carries no like counts" in " ".join(pdf.split())


def _as_version_1(profile: dict) -> dict:
    """A profile as version 1 stored it: no strengths, activity, role, examples or what works."""
    old = copy.deepcopy(profile)
    old["version"] = 1
    for name in ("strengths", "activity", "role", "account"):
        old.pop(name, None)
    for finding in old["findings"]:
        for name in ("examples", "merged", "goals"):
            finding.pop(name, None)
    for name in ("counts_available", "posts_counted", "median_engagement", "best_posts", "what_works"):
        old["engagement"].pop(name, None)
    return old


def test_a_report_written_at_profile_version_1_still_renders_and_says_what_it_lacks(client, delivered):
    report = delivered.report
    report.profile = _as_version_1(report.profile)
    report.save(update_fields=["profile"])

    response = client.get(f"/orders/{delivered.pk}/report/")
    pdf = client.get(f"/orders/{delivered.pk}/report.pdf")

    page = response.content.decode()
    assert response.status_code == 200
    assert "This report cannot be shown as it is." not in page
    assert "re-run the analysis to see your activity" in _section(page, "activity")
    assert "re-run the analysis to see what you do well" in _section(page, "strengths")
    # Its engagement table is shown as it always was, and its plan still quotes its posts.
    assert "<table" in _section(page, "engagement")
    if report.profile["findings"] and report.profile["findings"][0]["example_post_ids"]:
        assert 'class="cited-post"' in _section(page, "plan")
    assert pdf.status_code == 200
    assert "re-run the analysis to see your activity" in " ".join(pdf_text(pdf.getvalue()).split())


def test_the_summary_names_the_previous_report_it_compares_with(client, delivered, tmp_path):
    first = delivered
    Report.objects.filter(pk=first.report.pk).update(published_at=datetime(2026, 3, 4, 10, tzinfo=UTC))
    first.report.refresh_from_db()
    second = delivered_order(first.client, tmp_path)
    assert second.report.changes["reply_share"]["before_order"] == first.pk

    summary = _section(client.get(f"/orders/{second.pk}/report/").content.decode(), "summary")
    alone = _section(client.get(f"/orders/{first.pk}/report/").content.decode(), "summary")

    assert f"your previous report on the same account: order {first.pk}, published on 4 March 2026" in summary
    assert "In your previous report" in summary
    assert "previous report" not in alone


def _profile_with_months(counts: list[int]) -> dict:
    start = datetime(2024, 1, 1, tzinfo=UTC)
    months = [f"{(start + timedelta(days=31 * index)):%Y-%m}" for index in range(len(counts))]
    return {
        "activity": {"by_month": [{"period": m, "posts": n} for m, n in zip(months, counts, strict=True)],
                     "last_12_months_posts": sum(counts[-12:])},
        "tone": {"by_month": [{"month": m, "posts": n, "sentiment_mean": 0.1, "positive_share": 0.5,
                               "negative_share": 0.1} for m, n in zip(months, counts, strict=True) if n]},
    }  # fmt: skip


def test_the_activity_chart_shows_empty_months_and_picks_out_the_last_12():
    chart = posts_by_month(_profile_with_months([40, 0, 0, 12, 30, 25, 20, 18, 15, 14, 13, 12, 10, 9]))

    assert "posts in each of 14 months" in chart.alt
    assert "2 months have none" in chart.alt
    assert "the last 12 months hold 178 posts" in chart.alt
    assert "last 12 months" in chart.svg
    assert "no posts" in chart.svg


def test_months_with_few_posts_are_shaded_and_named_in_the_caption():
    thin = sentiment_by_month(_profile_with_months([40, 1, 30]))
    full = sentiment_by_month(_profile_with_months([40, 35, 30]))

    assert "under 5 posts" in thin.caption
    assert "under 5 posts" in thin.svg
    assert "under 5 posts" not in full.caption


def test_report_context_quotes_strengths_with_their_examples(delivered):
    context = services.report_context(delivered.report)

    strength = context["strengths"][0]
    assert [quote.local_time for quote in strength["quotes"]] == [
        example["local_time"] for example in strength["examples"]
    ]


def test_what_works_says_which_posts_its_shares_are_of(client, delivered):
    engagement = delivered.report.profile["engagement"]
    section = _section(client.get(f"/orders/{delivered.pk}/report/").content.decode(), "engagement")

    # The shares are over posts to the whole audience, not over every post the voice section reads.
    assert "replies are left out" in section
    assert "of all your posts" not in section
    assert section.count("posts counted.") == len(engagement["what_works"])
