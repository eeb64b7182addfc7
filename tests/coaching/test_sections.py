"""The registry of report sections drives the web report, the PDF, the review and the notes."""

from __future__ import annotations

import pytest
from django.template.loader import get_template

from coaching import services, workflow
from coaching.models import Annotation, Order
from coaching.sections import SECTIONS
from coaching.stored_profile import REPORTED_PROFILE_VERSION
from tests.coaching.test_views import archive_upload, delivered_order
from tests.factories import UserFactory
from tests.pdf import pdf_text

pytestmark = pytest.mark.django_db


def test_each_registered_section_has_its_template_and_a_note_choice():
    choices = dict(Annotation._meta.get_field("section").choices)

    for section in SECTIONS:
        assert get_template(section.template)
        assert choices[section.key] == section.title
    assert list(choices) == [section.key for section in SECTIONS]


def test_every_registered_section_renders_in_the_web_report_and_the_pdf(client, tmp_path, coached_order):
    order = coached_order(tmp_path, 7)
    reviewer = UserFactory(is_staff=True, is_superuser=True)
    for section in SECTIONS:
        services.annotation_save(
            annotation=Annotation(report=order.report, section=section.key, text=f"Note on {section.key}."),
            by=reviewer,
        )
    services.report_publish(order_id=order.pk, by=reviewer, notify_client=False)
    client.force_login(order.client)

    page = client.get(f"/orders/{order.pk}/report/").content.decode()
    pdf = pdf_text(client.get(f"/orders/{order.pk}/report.pdf").getvalue())

    positions = [page.index(f'<section class="report-section" id="{section.key}">') for section in SECTIONS]
    assert positions == sorted(positions), "the sections are not in the registry's order"
    charts = services.report_context(order.report)["charts"]
    for section in SECTIONS:
        body = page[page.index(f'id="{section.key}"') :].split("</section>", 1)[0]
        assert f"<h2>{section.title}</h2>" in body
        assert f"Note on {section.key}." in body
        if section.chart is not None and charts[section.key] is not None:
            assert "<svg" in body
        assert section.title in pdf
        assert f"Note on {section.key}." in pdf


def test_a_report_of_an_unknown_profile_version_says_so_instead_of_failing(client, tmp_path):
    owner = UserFactory()
    order = delivered_order(owner, tmp_path)
    report = order.report
    report.profile = {**report.profile, "version": REPORTED_PROFILE_VERSION + 1}
    report.save(update_fields=["profile"])
    client.force_login(owner)

    response = client.get(f"/orders/{order.pk}/report/")
    pdf = client.get(f"/orders/{order.pk}/report.pdf")

    assert response.status_code == 200
    assert "This report cannot be shown as it is." in response.content.decode()
    assert f"of version {REPORTED_PROFILE_VERSION + 1}" in response.content.decode()
    assert pdf.status_code == 200
    assert "This report cannot be shown as it is." in pdf_text(pdf.getvalue())


def test_a_report_with_the_clients_role_and_goals_renders_in_the_web_report_and_the_pdf(client, tmp_path):
    owner = UserFactory()
    order = services.order_create(
        client=owner,
        upload=archive_upload(tmp_path),
        original_name="twitter-2024-03-01.zip",
        product=Order.Product.SELF_SERVE,
        timezone_name="Europe/London",
        working_hours="Mon-Fri 09:00-17:00",
        role="family lawyer",
        goals="speaking invitations",
        consent=True,
    )
    order = workflow.order_run_in_process(order_id=order.pk)
    assert order.report.profile["version"] == REPORTED_PROFILE_VERSION
    assert order.report.profile["role"]["text"] == "family lawyer"
    client.force_login(owner)

    page = client.get(f"/orders/{order.pk}/report/")
    pdf = client.get(f"/orders/{order.pk}/report.pdf")

    assert page.status_code == 200
    assert "This report cannot be shown as it is." not in page.content.decode()
    assert all(f'id="{section.key}"' in page.content.decode() for section in SECTIONS)
    assert pdf.status_code == 200
    assert "This report cannot be shown as it is." not in pdf_text(pdf.getvalue())
