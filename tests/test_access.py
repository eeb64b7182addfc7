"""Who may open what: every URL pattern the project registers, for every kind of visitor.

The rules, in short: anonymous visitors are sent to sign in; a client sees only their own orders
(another's are 404, as if they did not exist); the client pages are for clients, so staff get 404
there too and work in the admin; in the admin a coach reaches only their queue (their orders and
unassigned coached ones) and nothing of the auth, results or raw post tables; staff outside the
Coaches group reach no coaching page at all (403, or 404 where the admin hides an app); a
superuser reaches everything the admin offers. A published report is locked: its notes cannot
be deleted, and no version of it or of them can be restored from the history pages (tested at
the end, by POST). `test_every_url_pattern_has_a_rule` fails when a URL is added
without a rule here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pytest
from allauth.account.models import EmailAddress
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django_celery_results.models import GroupResult, TaskResult

from coaching import services
from coaching.models import Annotation, NoteSnippet, Order, User
from tests.coaching.conftest import make_coached_order
from tests.factories import UserFactory

PERSONAS = ("anonymous", "owner", "other_client", "coach", "other_coach", "staff", "superuser")
SIGN_IN = "sign in"  # a redirect to the site's (or the admin's) sign-in page
GONE = "302 away"
ACCESS_USERNAME = (
    "access-test@example.org"  # the admin's answer for an object outside the user's queryset: back to the index
)


def all_patterns(patterns=None, prefix: str = "") -> Iterator[str]:
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            yield from all_patterns(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern)


@dataclass(frozen=True)
class Rule:
    """How to make a URL of the pattern, and what each persona gets there (status or outcome)."""

    url: Callable[[dict], str]
    outcomes: dict[str, int | str] = field(default_factory=dict)


def everyone(status: int | str) -> dict[str, int | str]:
    return dict.fromkeys(PERSONAS, status)


def signed_in(status: int | str, *, anonymous: int | str = SIGN_IN) -> dict[str, int | str]:
    return {**everyone(status), "anonymous": anonymous}


def own_order_only(status: int = 200) -> dict[str, int | str]:
    """The client pages of one order: its owner only; everybody else 404 or sent to sign in."""
    return {**everyone(404), "anonymous": SIGN_IN, "owner": status}


def admin(
    *, coach: int | str, other_coach: int | str, staff: int | str = 403, superuser: int | str = 200
) -> dict[str, int | str]:
    """Admin pages: anonymous visitors and clients are sent to the admin's sign-in page; staff
    outside the Coaches group are refused unless said otherwise."""
    return {"anonymous": SIGN_IN, "owner": SIGN_IN, "other_client": SIGN_IN, "coach": coach,
            "other_coach": other_coach, "staff": staff, "superuser": superuser}  # fmt: skip


STAFF_ONLY = admin(coach=200, other_coach=200, staff=200)
SUPERUSER_ONLY = admin(coach=403, other_coach=403)
NOBODY_ADDS = admin(coach=403, other_coach=403, superuser=403)  # made by the pipeline, never by hand
# An object in the coach's queue: the coach reaches it, another coach is sent back to the index.
IN_QUEUE = admin(coach=200, other_coach=GONE)


def _object_urls(model: str, key: str, *, outcomes: dict, add: dict) -> dict:
    """The five URLs the admin registers for a model, and the bare `<id>/` that redirects to change."""
    base = f"admin/{model}/"
    # The bare `<id>/` sends staff on to `<id>/change/`, which decides.
    change_redirect = {**outcomes, **{p: 302 for p, o in outcomes.items() if o != SIGN_IN}}
    return {
        base: Rule(lambda o: f"/{base}", {**outcomes, **{p: 200 for p, o in outcomes.items() if o == GONE}}),
        f"{base}add/": Rule(lambda o: f"/{base}add/", add),
        f"{base}<path:object_id>/history/": Rule(lambda o: f"/{base}{o[key]}/history/", outcomes),
        f"{base}<path:object_id>/delete/": Rule(lambda o: f"/{base}{o[key]}/delete/", _no_delete(outcomes, model)),
        f"{base}<path:object_id>/change/": Rule(lambda o: f"/{base}{o[key]}/change/", outcomes),
        f"{base}<path:object_id>/": Rule(lambda o: f"/{base}{o[key]}/", change_redirect),
    }


def _no_delete(outcomes: dict, model: str) -> dict:
    # Coaches delete nothing but their notes; a superuser may delete an order (clients delete
    # their own on the site), a report nobody (it goes with its order).
    if model == "coaching/order":
        return {**outcomes, "coach": 403, "other_coach": 403}
    if model == "coaching/report":
        return {**outcomes, "coach": 403, "other_coach": 403, "superuser": 403}
    if model == "coaching/annotation":  # the world's reports are published, so their notes are locked
        return {**outcomes, "coach": 403, "superuser": 403}
    return outcomes


RULES: dict[str, Rule] = {
    # --- The site -------------------------------------------------------------------------------
    "": Rule(lambda o: "/", everyone(200)),
    "healthz": Rule(lambda o: "/healthz", everyone("200 or 503")),
    "privacy/": Rule(lambda o: "/privacy/", everyone(200)),
    "terms/": Rule(lambda o: "/terms/", everyone(200)),
    # --- A client's account: their own only, by construction (no id in the URL) ------------------
    "my-account/": Rule(lambda o: "/my-account/", signed_in(200)),
    # Both act by POST only (a copy is built afresh; closing deletes everything).
    "my-account/download/": Rule(lambda o: "/my-account/download/", signed_in(405)),
    "my-account/close/": Rule(lambda o: "/my-account/close/", signed_in(405)),
    # --- Accounts (django-allauth) ---------------------------------------------------------------
    "accounts/login/": Rule(lambda o: "/accounts/login/", {**everyone(302), "anonymous": 200}),
    "accounts/signup/": Rule(lambda o: "/accounts/signup/", {**everyone(302), "anonymous": 200}),
    "accounts/name/": Rule(lambda o: "/accounts/name/", signed_in(200)),
    "accounts/logout/": Rule(lambda o: "/accounts/logout/", {**everyone(200), "anonymous": 302}),
    "accounts/inactive/": Rule(lambda o: "/accounts/inactive/", everyone(200)),
    "accounts/reauthenticate/": Rule(lambda o: "/accounts/reauthenticate/", signed_in(200)),
    "accounts/email/": Rule(lambda o: "/accounts/email/", signed_in(200)),
    "accounts/confirm-email/": Rule(lambda o: "/accounts/confirm-email/", everyone(200)),
    "accounts/^confirm-email/(?P<key>[-:\\w]+)/$": Rule(lambda o: "/accounts/confirm-email/not-a-key/", everyone(200)),
    "accounts/password/change/": Rule(lambda o: "/accounts/password/change/", signed_in(200)),
    "accounts/password/set/": Rule(lambda o: "/accounts/password/set/", signed_in(302)),
    "accounts/password/reset/": Rule(lambda o: "/accounts/password/reset/", everyone(200)),
    "accounts/password/reset/done/": Rule(lambda o: "/accounts/password/reset/done/", everyone(200)),
    "accounts/^password/reset/key/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$": Rule(
        lambda o: "/accounts/password/reset/key/1-not-a-key/", everyone(200)
    ),
    "accounts/password/reset/key/done/": Rule(lambda o: "/accounts/password/reset/key/done/", everyone(200)),
    "accounts/login/code/confirm/": Rule(lambda o: "/accounts/login/code/confirm/", everyone(302)),
    # --- A client's orders -----------------------------------------------------------------------
    "orders/": Rule(lambda o: "/orders/", signed_in(200)),
    "orders/new/": Rule(lambda o: "/orders/new/", signed_in(200)),
    "orders/<int:order_id>/": Rule(lambda o: f"/orders/{o['order']}/", own_order_only()),
    "orders/<int:order_id>/progress/": Rule(lambda o: f"/orders/{o['order']}/progress/", own_order_only()),
    "orders/<int:order_id>/report/": Rule(lambda o: f"/orders/{o['order']}/report/", own_order_only()),
    "orders/<int:order_id>/report.pdf": Rule(lambda o: f"/orders/{o['order']}/report.pdf", own_order_only()),
    "orders/<int:order_id>/delete/": Rule(lambda o: f"/orders/{o['order']}/delete/", own_order_only()),
    # --- The admin: the frame --------------------------------------------------------------------
    "admin/": Rule(lambda o: "/admin/", STAFF_ONLY),
    "admin/login/": Rule(
        lambda o: "/admin/login/", {**everyone(302), "anonymous": 200, "owner": 200, "other_client": 200}
    ),
    # Signing out is a POST; a GET from someone not signed in to the admin goes to its index.
    "admin/logout/": Rule(
        lambda o: "/admin/logout/",
        {
            **admin(coach=405, other_coach=405, staff=405, superuser=405),
            "anonymous": GONE,
            "owner": GONE,
            "other_client": GONE,
        },
    ),
    "admin/password_change/": Rule(lambda o: "/admin/password_change/", STAFF_ONLY),
    "admin/password_change/done/": Rule(lambda o: "/admin/password_change/done/", STAFF_ONLY),
    "admin/autocomplete/": Rule(
        lambda o: "/admin/autocomplete/?app_label=coaching&model_name=order&field_name=coach",
        admin(coach=403, other_coach=403),  # only a superuser reassigns orders
    ),
    "admin/jsi18n/": Rule(lambda o: "/admin/jsi18n/", STAFF_ONLY),
    "admin/r/<path:content_type_id>/<path:object_id>/": Rule(
        lambda o: f"/admin/r/{o['user_type']}/{o['owner']}/",
        admin(coach=404, other_coach=404, staff=404, superuser=404),
    ),
    # An app with nothing the user may see does not exist for them.
    "admin/^(?P<app_label>auth|django_celery_results|account|axes|coaching|profiles)/$": Rule(
        lambda o: "/admin/coaching/", admin(coach=200, other_coach=200, staff=404)
    ),
    "admin/(?P<url>.*)$": Rule(
        lambda o: "/admin/no-such-page/", admin(coach=404, other_coach=404, staff=404, superuser=404)
    ),
    # --- The admin: the coach's work -------------------------------------------------------------
    **_object_urls("coaching/order", "order", outcomes=IN_QUEUE, add=NOBODY_ADDS),
    **_object_urls("coaching/report", "report", outcomes=IN_QUEUE, add=NOBODY_ADDS),
    **_object_urls("coaching/annotation", "annotation", outcomes=IN_QUEUE, add=NOBODY_ADDS),
    "admin/coaching/report/<int:report_id>/review/": Rule(
        lambda o: f"/admin/coaching/report/{o['report']}/review/", admin(coach=200, other_coach=404)
    ),
    "admin/coaching/report/<int:report_id>/posts/": Rule(
        lambda o: f"/admin/coaching/report/{o['report']}/posts/?q=the", admin(coach=200, other_coach=404)
    ),
    # A coach's note snippets are theirs alone: nobody else, a superuser included, reaches them.
    **_object_urls(
        "coaching/notesnippet",
        "snippet",
        outcomes=admin(coach=200, other_coach=GONE, superuser=GONE),
        add=admin(coach=200, other_coach=200),
    ),
    # The post picker's answers: the report's posts, to its coach only (JSON).
    "admin/coaching/report/<int:report_id>/post-choices/": Rule(
        lambda o: f"/admin/coaching/report/{o['report']}/post-choices/?term=the", admin(coach=200, other_coach=404)
    ),
    # A quoted post's voice corrected from the review page: POST only, the report's coach only.
    "admin/coaching/report/<int:report_id>/voice/": Rule(
        lambda o: f"/admin/coaching/report/{o['report']}/voice/", admin(coach=405, other_coach=404, superuser=405)
    ),
    "admin/coaching/report/^([^/]+)/history/([^/]+)/$": Rule(
        lambda o: f"/admin/coaching/report/{o['report']}/history/{o['report_history']}/", IN_QUEUE
    ),
    "admin/coaching/annotation/^([^/]+)/history/([^/]+)/$": Rule(
        lambda o: f"/admin/coaching/annotation/{o['annotation']}/history/{o['annotation_history']}/", IN_QUEUE
    ),
    # --- The admin: superusers only ----------------------------------------------------------------
    **_object_urls("coaching/user", "owner", outcomes=SUPERUSER_ONLY, add=SUPERUSER_ONLY),
    "admin/coaching/user/<id>/password/": Rule(
        lambda o: f"/admin/coaching/user/{o['owner']}/password/", SUPERUSER_ONLY
    ),
    **_object_urls("auth/group", "group", outcomes=SUPERUSER_ONLY, add=SUPERUSER_ONLY),
    **_object_urls("account/emailaddress", "email", outcomes=SUPERUSER_ONLY, add=SUPERUSER_ONLY),
    **_object_urls("django_celery_results/taskresult", "task", outcomes=SUPERUSER_ONLY, add=SUPERUSER_ONLY),
    **_object_urls("django_celery_results/groupresult", "group_result", outcomes=SUPERUSER_ONLY, add=SUPERUSER_ONLY),
    # Sign-in throttling's records (django-axes): attempts, failures and sign-ins.
    **_object_urls("axes/accessattempt", "access_attempt", outcomes=SUPERUSER_ONLY, add=NOBODY_ADDS),
    **_object_urls("axes/accessfailurelog", "access_failure", outcomes=SUPERUSER_ONLY, add=NOBODY_ADDS),
    **_object_urls("axes/accesslog", "access_log", outcomes=SUPERUSER_ONLY, add=NOBODY_ADDS),
    **_object_urls("profiles/posthistory", "history", outcomes=SUPERUSER_ONLY, add=NOBODY_ADDS),
    **_object_urls("profiles/post", "post", outcomes=SUPERUSER_ONLY, add=NOBODY_ADDS),
    **_object_urls("profiles/historyprofile", "profile", outcomes=SUPERUSER_ONLY, add=NOBODY_ADDS),
}


def test_every_url_pattern_has_a_rule():
    patterns = set(all_patterns())

    assert sorted(patterns - set(RULES)) == [], "a URL without an access rule: add it to RULES"
    assert sorted(set(RULES) - patterns) == [], "a rule for a URL that no longer exists"


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[dict]:
    """One coached, published order in `coach`'s queue and one in `other_coach`'s, built once."""
    with django_db_blocker.unblock():
        group = services.coaches_group_ensure()
        coach = UserFactory(email="coach.access@example.org", is_staff=True)
        other_coach = UserFactory(email="other.coach.access@example.org", is_staff=True)
        for each in (coach, other_coach):
            each.groups.add(group)
        superuser = UserFactory(email="root.access@example.org", is_staff=True, is_superuser=True)
        # Staff, but not a coach: an operator, or a coach since removed from the group.
        staff = UserFactory(email="staff.access@example.org", is_staff=True)
        folder = tmp_path_factory.mktemp("access")
        mine = make_coached_order(folder, seed=31)
        theirs = make_coached_order(folder, seed=32)
        Order.objects.filter(pk=mine.pk).update(coach=coach)
        Order.objects.filter(pk=theirs.pk).update(coach=other_coach)
        for order, by in ((mine, coach), (theirs, other_coach)):
            Annotation.objects.create(report=order.report, section="summary", text="Well done.", coach=by)
            services.report_publish(order_id=order.pk, by=by, notify_client=False)
        users = {"owner": mine.client, "other_client": theirs.client, "coach": coach,
                 "other_coach": other_coach, "staff": staff, "superuser": superuser}  # fmt: skip
        for user in users.values():
            EmailAddress.objects.get_or_create(
                user=user, email=user.email, defaults={"verified": True, "primary": True}
            )
        report = mine.report
        annotation = report.annotations.get()
        objects = {
            "users": users,
            "order": mine.pk,
            "report": report.pk,
            "report_history": report.history.latest().history_id,
            "annotation": annotation.pk,
            "snippet": NoteSnippet.objects.create(coach=coach, title="Thanks", text="Thank you for this.").pk,
            "annotation_history": annotation.history.latest().history_id,
            "owner": mine.client.pk,
            "user_type": ContentType.objects.get_for_model(mine.client).pk,
            "group": Group.objects.get(name=services.COACHES_GROUP).pk,
            "email": EmailAddress.objects.get(user=mine.client).pk,
            "task": TaskResult.objects.create(task_id="access-test-task").pk,
            "group_result": GroupResult.objects.create(group_id="access-test-group").pk,
            **_axes_records(),
            "history": mine.history_id,
            "post": mine.history.posts.first().pk,
            "profile": mine.profile_id,
        }
    yield objects
    with django_db_blocker.unblock():
        for order in (mine, theirs):
            services.order_delete(order)
        for user in users.values():
            user.delete()
        TaskResult.objects.filter(task_id="access-test-task").delete()
        for model in (AccessAttempt, AccessFailureLog, AccessLog):
            model.objects.filter(username=ACCESS_USERNAME).delete()
        GroupResult.objects.filter(group_id="access-test-group").delete()


def _axes_records() -> dict[str, int]:
    seen = {"ip_address": "127.0.0.1", "username": ACCESS_USERNAME, "path_info": "/accounts/login/"}
    return {
        "access_attempt": AccessAttempt.objects.create(**seen, failures_since_start=1).pk,
        "access_failure": AccessFailureLog.objects.create(**seen, locked_out=False).pk,
        "access_log": AccessLog.objects.create(**seen).pk,
    }


def _outcome(response, expected: int | str) -> int | str:
    """The response in the terms of the rules."""
    location = response.get("Location", "")
    if response.status_code == 302 and expected == SIGN_IN:
        return SIGN_IN if re.search(r"/(accounts|admin)/login/", location) else location
    if response.status_code == 302 and expected == GONE:
        return GONE if location.rstrip("/").endswith("/admin") else location
    if expected == "200 or 503" and response.status_code in (200, 503):
        return expected
    return response.status_code


@pytest.mark.django_db
@pytest.mark.parametrize("pattern", sorted(RULES))
def test_each_url_answers_each_persona_as_its_rule_says(pattern, world):
    rule = RULES[pattern]
    url = rule.url(world)
    answers = {}
    for persona in PERSONAS:
        browser = Client()
        if persona != "anonymous":
            browser.force_login(world["users"][persona])
        expected = rule.outcomes[persona]
        answers[persona] = _outcome(browser.get(url), expected)

    assert answers == rule.outcomes, url


# --- A published report's lock, through the history pages ---------------------------------------


@pytest.fixture
def published(tmp_path) -> tuple[Order, User, Annotation]:
    """A coached order in `coach`'s queue, its summary note rewritten once, then published."""
    coach = UserFactory(email="coach.lock@example.org", is_staff=True)
    coach.groups.add(services.coaches_group_ensure())
    order = make_coached_order(tmp_path, seed=41)
    Order.objects.filter(pk=order.pk).update(coach=coach)
    note = Annotation.objects.create(report=order.report, section="summary", text="A first draft.", coach=coach)
    note.text = "Well done: keep replying."
    note.save()
    services.report_publish(order_id=order.pk, by=coach, notify_client=False)
    order.refresh_from_db()
    return order, coach, note


def _signed_in(user: User) -> Client:
    browser = Client()
    browser.force_login(user)
    return browser


def _client_report(order: Order) -> str:
    response = _signed_in(order.client).get(f"/orders/{order.pk}/report/")
    assert response.status_code == 200
    return response.content.decode()


def _note_revert(note: Annotation, text: str) -> dict[str, str]:
    """The note's history form, as a coach restoring an older text would send it."""
    return {"section": note.section, "finding_code": "", "visibility": note.visibility, "text": text, "_save": "Revert"}


@pytest.mark.django_db
def test_it_refuses_to_revert_a_note_of_a_published_report(published):
    order, coach, note = published
    draft = note.history.earliest()
    superuser = UserFactory(is_staff=True, is_superuser=True)

    for user in (coach, superuser):
        response = _signed_in(user).post(
            f"/admin/coaching/annotation/{note.pk}/history/{draft.history_id}/", _note_revert(note, draft.text)
        )
        assert response.status_code == 403

    note.refresh_from_db()
    assert note.text == "Well done: keep replying."
    assert "Well done: keep replying." in _client_report(order)
    assert "A first draft." not in _client_report(order)


@pytest.mark.django_db
def test_it_reverts_a_note_once_the_report_is_reopened(published):
    order, coach, note = published
    services.report_reopen(order_id=order.pk, by=coach, reason="the client asked for a clearer summary")
    draft = note.history.earliest()

    response = _signed_in(coach).post(
        f"/admin/coaching/annotation/{note.pk}/history/{draft.history_id}/", _note_revert(note, draft.text)
    )

    assert response.status_code == 302
    note.refresh_from_db()
    assert note.text == "A first draft."


@pytest.mark.django_db
def test_it_refuses_to_revert_a_published_report_to_its_unpublished_version(published):
    order, coach, _ = published
    unpublished = order.report.history.filter(published_at__isnull=True).earliest()
    superuser = UserFactory(is_staff=True, is_superuser=True)

    for user in (coach, superuser):
        response = _signed_in(user).post(
            f"/admin/coaching/report/{order.report.pk}/history/{unpublished.history_id}/", {"_save": "Revert"}
        )
        assert response.status_code == 403

    order.report.refresh_from_db()
    assert order.report.published_at is not None
    assert "Well done: keep replying." in _client_report(order)


@pytest.mark.django_db
def test_it_refuses_to_delete_a_note_of_a_published_report(published):
    order, coach, note = published
    superuser = UserFactory(is_staff=True, is_superuser=True)

    for user in (coach, superuser):
        response = _signed_in(user).post(f"/admin/coaching/annotation/{note.pk}/delete/", {"post": "yes"})
        assert response.status_code == 403

    assert Annotation.objects.filter(pk=note.pk).exists()
    assert "Well done: keep replying." in _client_report(order)


@pytest.mark.django_db
def test_it_shows_a_locked_reports_history_without_a_revert_button(published):
    order, coach, note = published
    browser = _signed_in(coach)

    for url in (
        f"/admin/coaching/report/{order.report.pk}/history/",
        f"/admin/coaching/report/{order.report.pk}/history/{order.report.history.earliest().history_id}/",
        f"/admin/coaching/annotation/{note.pk}/history/",
        f"/admin/coaching/annotation/{note.pk}/history/{note.history.earliest().history_id}/",
    ):
        response = browser.get(url)
        assert response.status_code == 200, url
        assert 'value="Revert"' not in response.content.decode(), url
        assert "to revert to" not in response.content.decode(), url


@pytest.mark.django_db
def test_it_takes_every_coaching_page_from_a_coach_removed_from_the_group(published):
    order, coach, note = published
    urls = (
        f"/admin/coaching/report/{order.report.pk}/review/",
        f"/admin/coaching/report/{order.report.pk}/posts/?q=the",
        f"/admin/coaching/report/{order.report.pk}/post-choices/?term=the",
        f"/admin/coaching/report/{order.report.pk}/change/",
        f"/admin/coaching/report/{order.report.pk}/history/",
        f"/admin/coaching/annotation/{note.pk}/history/{note.history.earliest().history_id}/",
        "/admin/coaching/order/",
    )
    assert [_signed_in(coach).get(url).status_code for url in urls] == [200] * len(urls)

    coach.groups.clear()

    assert [_signed_in(coach).get(url).status_code for url in urls] == [403] * len(urls)


@pytest.mark.django_db
def test_it_refuses_staff_outside_the_group_even_with_the_permission_given_by_hand(published):
    order, _, _ = published
    Order.objects.filter(pk=order.pk).update(coach=None)  # unassigned: in every coach's queue
    operator = UserFactory(email="operator@example.org", is_staff=True)
    operator.user_permissions.add(Permission.objects.get(codename="view_report"))

    browser = _signed_in(operator)

    assert browser.get(f"/admin/coaching/report/{order.report.pk}/review/").status_code == 404
    assert browser.get(f"/admin/coaching/report/{order.report.pk}/posts/?q=the").status_code == 404
    assert browser.get(f"/admin/coaching/report/{order.report.pk}/post-choices/?term=the").status_code == 404


@pytest.mark.django_db
def test_it_lists_only_coaches_in_the_coach_filters(published):
    _, coach, _ = published
    superuser = UserFactory(email="root.filter@example.org", is_staff=True, is_superuser=True)
    operator = UserFactory(email="operator.filter@example.org", is_staff=True)
    browser = _signed_in(superuser)

    for url in ("/admin/coaching/order/", "/admin/coaching/annotation/"):
        page = browser.get(url).content.decode()
        assert f"coach__id__exact={coach.pk}" in page, url
        assert f"coach__id__exact={superuser.pk}" in page, url
        assert f"coach__id__exact={operator.pk}" not in page, url
        assert f"coach__id__exact={published[0].client.pk}" not in page, url


@pytest.mark.django_db
def test_it_refuses_the_publish_and_reopen_steps_to_a_coach_removed_from_the_group(published):
    order, coach, _ = published
    coach.groups.clear()
    browser = _signed_in(coach)

    for action in ("reopen", "publish"):
        response = browser.post(
            "/admin/coaching/order/",
            {"action": action, "_selected_action": [order.pk], "confirmed": "yes", "reason": "curious"},
        )
        assert response.status_code == 403, action

    order.refresh_from_db()
    assert order.stage == Order.Stage.DELIVERED
    assert "Well done: keep replying." in _client_report(order)
