from __future__ import annotations

import pytest

from coaching.models import User
from profiles import services, workflow
from profiles.models import PostHistory
from tests.profiles.formats import SAMPLES

pytestmark = pytest.mark.django_db


def test_staff_see_a_failed_import_with_its_technical_detail(client, tmp_path):
    client.force_login(User.objects.create_superuser(email="root@example.org", password="x"))
    (tmp_path / "bad.zip").write_bytes(b"PK\x03\x04broken")
    history = services.history_create_from_path(owner=None, path=tmp_path / "bad.zip")
    services.history_import(history_id=history.pk)

    listing = client.get("/admin/profiles/posthistory/?status=failed")
    detail = client.get(f"/admin/profiles/posthistory/{history.pk}/change/")

    assert "bad.zip" in listing.content.decode()
    assert PostHistory.objects.get().error_detail in detail.content.decode()


def test_the_post_list_renders(client, tmp_path):
    client.force_login(User.objects.create_superuser(email="root@example.org", password="x"))
    history = services.history_create_from_path(owner=None, path=SAMPLES["x-archive"].write(tmp_path))
    services.history_import(history_id=history.pk)

    response = client.get("/admin/profiles/post/?q=thread")

    assert response.status_code == 200
    assert "thread 2/2" in response.content.decode()


def test_staff_see_a_profiles_progress_and_result(client, tmp_path):
    client.force_login(User.objects.create_superuser(email="root@example.org", password="x"))
    history = services.history_create_from_path(owner=None, path=SAMPLES["x-archive"].write(tmp_path))
    history = services.history_import(history_id=history.pk).history
    profile = services.profile_create(history=history, timezone_name="Europe/Berlin")
    workflow.profile_run(profile_id=profile.pk)

    listing = client.get("/admin/profiles/historyprofile/?status=ready")
    detail = client.get(f"/admin/profiles/historyprofile/{profile.pk}/change/")

    assert "twitter-2024-03-01.zip" in listing.content.decode()
    assert "Europe/Berlin" in detail.content.decode()
