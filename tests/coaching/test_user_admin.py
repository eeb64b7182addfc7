from __future__ import annotations

import pytest

from coaching.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser():
    return User.objects.create_superuser(email="root@voiceprint.example", password="s3cret-Passw0rd")


def test_users_sign_in_with_their_email_address(client):
    UserFactory(email="alice@example.org")

    assert client.login(email="alice@example.org", password="correct horse battery staple")


def test_the_domain_part_of_an_email_address_is_stored_in_lower_case():
    User.objects.create_user(email="alice@EXAMPLE.org", password="x")

    assert User.objects.filter(email="alice@example.org").exists()


def test_a_superuser_adds_a_user_by_email_in_the_admin(client, superuser):
    client.force_login(superuser)

    response = client.post(
        "/admin/coaching/user/add/",
        {"email": "new.coach@example.org", "password1": "a-Long-pass-phrase-9", "password2": "a-Long-pass-phrase-9"},
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    assert User.objects.filter(email="new.coach@example.org").exists()


def test_the_user_list_and_change_pages_render(client, superuser):
    client.force_login(superuser)
    other = UserFactory()

    assert client.get("/admin/coaching/user/").status_code == 200
    assert client.get(f"/admin/coaching/user/{other.pk}/change/").status_code == 200
