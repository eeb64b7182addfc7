from __future__ import annotations

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command

from coaching.models import Order, User
from profiles.models import Post
from samples import demo

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def development_site(settings):
    settings.DEBUG = True


def test_seed_demo_creates_a_staff_coach_and_a_client_who_can_sign_in(client, capsys):
    call_command("seed_demo")

    printed = capsys.readouterr().out
    assert "coach@voiceprint.example  /  coach-demo-2026" in printed
    assert "client@voiceprint.example  /  client-demo-2026" in printed
    assert User.objects.get(email="coach@voiceprint.example").is_staff
    assert not User.objects.get(email="client@voiceprint.example").is_staff
    assert client.login(email="coach@voiceprint.example", password="coach-demo-2026")
    assert client.get("/admin/").status_code == 200
    assert User.objects.get(email="coach@voiceprint.example").groups.filter(name="Coaches").exists()


def test_the_demo_client_signs_in_on_the_site_without_verifying_again(client):
    call_command("seed_demo")

    response = client.post("/accounts/login/", {"login": "client@voiceprint.example", "password": "client-demo-2026"})

    assert response["Location"] == "/orders/"
    assert client.get("/orders/").status_code == 200


def test_seed_demo_run_twice_creates_nothing_twice_and_resets_passwords():
    call_command("seed_demo")
    coach = User.objects.get(email="coach@voiceprint.example")
    coach.set_password("changed")
    coach.save()

    call_command("seed_demo")

    assert User.objects.count() == 2
    assert User.objects.get(email="coach@voiceprint.example").check_password("coach-demo-2026")


def test_seed_demo_refuses_to_publish_passwords_on_a_production_site(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="Refusing to create demo accounts with DEBUG off"):
        call_command("seed_demo")
    assert User.objects.count() == 0


# --- The demo report ------------------------------------------------------------------------


def test_seed_demo_gives_the_client_a_delivered_coached_report_with_the_coachs_note(client, mailoutbox):
    call_command("seed_demo")

    order = Order.objects.get(client__email="client@voiceprint.example")
    assert order.stage == Order.Stage.DELIVERED
    assert order.product == Order.Product.COACHED
    assert order.coach.email == "coach@voiceprint.example"
    client.login(email="client@voiceprint.example", password="client-demo-2026")
    page = client.get(f"/orders/{order.pk}/report/").content.decode()
    assert "Your coach, Casey Coach:" in page
    assert page.count("<svg") == 6
    for section in ("Summary", "What you do well", "Your activity over time", "Tone", "Voice balance",
                    "Responsiveness", "Rhythm", "What works"):  # fmt: skip
        assert f"<h2>{section}</h2>" in page
    assert f"Coached profile for Sam Wright: {order.report.profile['posts']['total']:,} posts" in page
    # The coach's note speaks to the demo client by name, and what it says of the history is true.
    assert "Sam, your residents in Ashcombe" in page
    best_ids = [best["id"] for best in order.report.profile["engagement"]["best_posts"]]
    best = list(Post.objects.filter(history=order.history, external_id__in=best_ids).values_list("text", flat=True))
    assert any("Bike marking day" in text for text in best)
    assert any("carnival" in text for text in best)
    assert mailoutbox == []  # nobody is e-mailed about the demo
    assert order.report.profile["role"]["text"] == demo.DEMO_ROLE
    assert order.report.profile["role"]["goals_text"] == demo.DEMO_GOALS


def test_the_home_preview_without_a_demo_report_reads_the_demo_orders_role_and_goals():
    profile = demo._analyse_sample_history()

    assert profile["role"]["text"] == demo.DEMO_ROLE
    assert profile["role"]["goals_text"] == demo.DEMO_GOALS


def test_the_home_preview_is_the_same_with_or_without_the_stored_demo_report():
    cache.delete(demo.PREVIEW_CACHE_KEY)
    computed = demo.home_preview()  # no demo report yet: analysed from the sample history
    call_command("seed_demo")
    stored = demo.home_preview()

    assert stored.first_finding == computed.first_finding
    assert stored.figures == computed.figures


def test_seed_demo_keeps_the_delivered_demo_report_on_later_runs():
    call_command("seed_demo")
    first = Order.objects.get()

    call_command("seed_demo")

    assert Order.objects.get().pk == first.pk


def test_seed_demo_rebuilds_a_demo_order_an_interrupted_run_left_unfinished():
    call_command("seed_demo", "--no-report")
    client_user = User.objects.get(email="client@voiceprint.example")
    call_command("seed_demo")
    Order.objects.filter(client=client_user).update(stage=Order.Stage.ANALYSING)

    call_command("seed_demo")

    order = Order.objects.get(client=client_user)
    assert order.stage == Order.Stage.DELIVERED
    assert order.report.annotations.count() == 1


def test_seed_demo_no_report_creates_only_the_accounts():
    call_command("seed_demo", "--no-report")

    assert Order.objects.count() == 0
