"""Only web addresses become links: post URLs in the report, the review page and the PDF, and
what the PDF renderer may fetch."""

from __future__ import annotations

import io
import re

import pytest
from django.template.loader import get_template
from pypdf import PdfReader

from coaching import services
from coaching.models import Annotation, FindingAdjustment, Order
from coaching.sections import SECTIONS
from coaching.templatetags.coaching_report import safe_url
from profiles.models import Post
from tests.coaching.conftest import make_coached_order
from tests.factories import UserFactory

HOSTILE_URLS = (
    "javascript:alert(document.cookie)",
    "JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    " javascript:alert(1)",
    "file:///etc/passwd",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
    "https:/no-host",
    "http://",
    "//example.org/protocol-relative",
    "/orders/1/report/",
)
SAFE_URL = "https://social.example.org/@inspector/11223344"


@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_it_drops_every_url_that_is_not_http_with_a_host(url):
    assert safe_url(url) == ""


@pytest.mark.parametrize("url", [SAFE_URL, "http://x.example/status/1?lang=en#top", "HTTPS://EXAMPLE.ORG/a"])
def test_it_keeps_web_addresses(url):
    assert safe_url(url) == url


def test_it_drops_what_is_not_text():
    assert safe_url(None) == ""
    assert safe_url(42) == ""


@pytest.mark.parametrize("section", SECTIONS, ids=lambda section: section.key)
def test_every_section_template_links_a_variable_only_through_safe_url(section):
    # The rendered report below exercises the plan's quoted posts; this holds each section's
    # template (and any added later) to the same rule without needing data that reaches it.
    source = get_template(section.template).template.source
    filtered = set(re.findall(r"{%\s*with\s+(\w+)=[^%]*\|safe_url\s*%}", source))
    for expression in re.findall(r'href="{{\s*([^}]+?)\s*}}', source):
        assert "|safe_url" in expression or expression in filtered, f"{section.template}: href={expression}"


@pytest.fixture
def linked_order(tmp_path):
    """A published coached order whose quoted posts carry hostile URLs and one good one, and a
    finding reworded by the coach with right-to-left text."""
    coach = UserFactory(email="coach.links@example.org", is_staff=True, is_superuser=True)
    order = make_coached_order(tmp_path, seed=7)
    Order.objects.filter(pk=order.pk).update(coach=coach)
    findings = order.report.profile["findings"]
    cited = [post_id for finding in findings for post_id in finding["example_post_ids"]]
    urls = (SAFE_URL, "javascript:alert(1)", "file:///etc/passwd", "data:text/html,<script>alert(1)</script>")
    assert len(cited) >= len(urls)
    for post_id, url in zip(cited, urls, strict=False):
        Post.objects.filter(history=order.history, external_id=post_id).update(url=url)
    FindingAdjustment.objects.create(
        report=order.report, finding_code=findings[0]["code"], headline="Reply \u202eto residents", coach=coach
    )
    Annotation.objects.create(report=order.report, section="summary", text="Read these with care.", coach=coach)
    services.report_publish(order_id=order.pk, by=coach, notify_client=False)
    order.refresh_from_db()
    return order, coach


def _hrefs_are_safe(page: str) -> None:
    # Matched whole: the charts carry data: images of their own, which are not links.
    for url in ("javascript:alert(1)", "file:///etc/passwd", "data:text/html"):
        assert f'href="{url}' not in page
    assert "/etc/passwd" not in page
    assert f'href="{SAFE_URL}"' in page


@pytest.mark.django_db
def test_the_report_and_the_review_page_link_only_web_addresses(client, linked_order):
    order, coach = linked_order

    client.force_login(order.client)
    _hrefs_are_safe(client.get(f"/orders/{order.pk}/report/").content.decode())
    client.force_login(coach)
    _hrefs_are_safe(client.get(f"/admin/coaching/report/{order.report.pk}/review/").content.decode())


@pytest.mark.django_db
def test_the_pdf_links_only_web_addresses(client, linked_order):
    order, _ = linked_order
    client.force_login(order.client)

    response = client.get(f"/orders/{order.pk}/report.pdf")

    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(response.getvalue()))
    links = [
        annotation.get_object()["/A"]["/URI"]
        for page in reader.pages
        for annotation in page.get("/Annots", [])
        if "/A" in annotation.get_object() and "/URI" in annotation.get_object()["/A"]
    ]
    assert SAFE_URL in links
    assert all(link.startswith(("http://", "https://")) for link in links), links


@pytest.mark.django_db
def test_a_reworded_headline_is_isolated_from_the_page(client, linked_order):
    order, _ = linked_order
    client.force_login(order.client)

    page = client.get(f"/orders/{order.pk}/report/").content.decode()

    assert "<bdi>Reply \u202eto residents</bdi>" in page
