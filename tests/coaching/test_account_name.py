"""The client's name: asked at sign-up, changed on the account page, on the report's cover
(the e-mail address only when no name was given)."""

from __future__ import annotations

import pytest

from coaching.models import User
from coaching.services.accounts import user_name_change
from tests.coaching.test_views import PASSWORD, delivered_order
from tests.factories import UserFactory
from tests.pdf import pdf_pages_text

pytestmark = pytest.mark.django_db


def test_it_asks_for_the_name_at_sign_up_and_keeps_it(client):
    form = client.get("/accounts/signup/").content.decode()
    assert 'name="name"' in form
    assert 'autocomplete="name"' in form

    client.post(
        "/accounts/signup/",
        {"name": "  Amara   Okafor ", "email": "amara@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )

    assert User.objects.get(email="amara@example.org").name == "Amara Okafor"


def test_a_client_may_sign_up_without_a_name_and_is_then_named_by_address(client):
    client.post("/accounts/signup/", {"email": "lee@example.org", "password1": PASSWORD, "password2": PASSWORD})

    user = User.objects.get(email="lee@example.org")
    assert user.name == ""
    assert user.display_name == "lee@example.org"


def test_the_account_page_changes_the_name(client):
    alice = UserFactory(email="alice@example.org", name="Alice")
    client.force_login(alice)

    page = client.get("/accounts/name/")
    response = client.post("/accounts/name/", {"name": "Dr Alice Moreau"})

    assert 'value="Alice"' in page.content.decode()
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.name == "Dr Alice Moreau"
    assert "Your name is saved" in client.get("/accounts/name/").content.decode()


def test_the_account_page_refuses_a_name_too_long_and_keeps_the_old_one(client):
    alice = UserFactory(name="Alice")
    client.force_login(alice)

    page = client.post("/accounts/name/", {"name": "A" * 151}).content.decode()

    assert "Ensure this value has at most 150 characters" in page
    alice.refresh_from_db()
    assert alice.name == "Alice"
    with pytest.raises(ValueError, match="at most 150 characters"):
        user_name_change(user=alice, name="B" * 151)


def test_strangers_must_sign_in_to_see_the_account_page(client):
    assert client.get("/accounts/name/").status_code == 302


def test_the_pdf_cover_names_the_client_their_role_period_and_coach(client, tmp_path):
    named = UserFactory(name="Amara Okafor", email="amara@example.org")
    order = delivered_order(named, tmp_path)
    order.role = "Family lawyer"
    coach = UserFactory(name="Jo Coach", is_staff=True)
    order.coach = coach
    order.save(update_fields=["role", "coach"])
    client.force_login(named)

    cover = " ".join(pdf_pages_text(client.get(f"/orders/{order.pk}/report.pdf").getvalue())[0].split())

    assert "Amara Okafor" in cover
    assert "amara@example.org" not in cover
    assert "Family lawyer" in cover
    assert "Coach Jo Coach" in cover
    assert "80 posts, 14 February 2023 to 5 May 2026" in cover


def test_the_pdf_cover_falls_back_to_the_email_address(client, tmp_path):
    nameless = UserFactory(name="", first_name="", last_name="", email="lee@example.org")
    order = delivered_order(nameless, tmp_path)
    client.force_login(nameless)

    cover = pdf_pages_text(client.get(f"/orders/{order.pk}/report.pdf").getvalue())[0]

    assert "lee@example.org" in cover
