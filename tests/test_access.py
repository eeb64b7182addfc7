"""Who may open what: every URL pattern the project registers, for every kind of visitor.

The rules, in short: anonymous visitors are sent to sign in; a client sees only their own orders
(another's are 404, as if they did not exist); the client pages are for clients, so staff get 404
there too and work in the admin; in the admin a coach reaches only their queue (their orders and
unassigned coached ones) and nothing of the auth, results or raw post tables; a superuser reaches
everything the admin offers. `test_every_url_pattern_has_a_rule` fails when a URL is added
without a rule here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pytest
from allauth.account.models import EmailAddress
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django_celery_results.models import GroupResult, TaskResult

from coaching import services
from coaching.models import Annotation, Order
from tests.coaching.conftest import make_coached_order
from tests.factories import UserFactory

PERSONAS = ("anonymous", "owner", "other_client", "coach", "other_coach", "superuser")
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


def admin(*, coach: int | str, other_coach: int | str, superuser: int | str = 200) -> dict[str, int | str]:
    """Admin pages: anonymous visitors and clients are sent to the admin's sign-in page."""
    return {"anonymous": SIGN_IN, "owner": SIGN_IN, "other_client": SIGN_IN, "coach": coach,
            "other_coach": other_coach, "superuser": superuser}  # fmt: skip


STAFF_ONLY = admin(coach=200, other_coach=200)
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
    return outcomes


RULES: dict[str, Rule] = {
    # --- The site -------------------------------------------------------------------------------
    "": Rule(lambda o: "/", everyone(200)),
    "healthz": Rule(lambda o: "/healthz", everyone("200 or 503")),
    # --- Accounts (django-allauth) ---------------------------------------------------------------
    "accounts/login/": Rule(lambda o: "/accounts/login/", {**everyone(302), "anonymous": 200}),
    "accounts/signup/": Rule(lambda o: "/accounts/signup/", {**everyone(302), "anonymous": 200}),
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
        {**admin(coach=405, other_coach=405, superuser=405), "anonymous": GONE, "owner": GONE, "other_client": GONE},
    ),
    "admin/password_change/": Rule(lambda o: "/admin/password_change/", STAFF_ONLY),
    "admin/password_change/done/": Rule(lambda o: "/admin/password_change/done/", STAFF_ONLY),
    "admin/autocomplete/": Rule(
        lambda o: "/admin/autocomplete/?app_label=coaching&model_name=order&field_name=coach",
        admin(coach=403, other_coach=403),  # only a superuser reassigns orders
    ),
    "admin/jsi18n/": Rule(lambda o: "/admin/jsi18n/", STAFF_ONLY),
    "admin/r/<path:content_type_id>/<path:object_id>/": Rule(
        lambda o: f"/admin/r/{o['user_type']}/{o['owner']}/", admin(coach=404, other_coach=404, superuser=404)
    ),
    "admin/^(?P<app_label>auth|django_celery_results|account|axes|coaching|profiles)/$": Rule(
        lambda o: "/admin/coaching/", STAFF_ONLY
    ),
    "admin/(?P<url>.*)$": Rule(lambda o: "/admin/no-such-page/", admin(coach=404, other_coach=404, superuser=404)),
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
        folder = tmp_path_factory.mktemp("access")
        mine = make_coached_order(folder, seed=31)
        theirs = make_coached_order(folder, seed=32)
        Order.objects.filter(pk=mine.pk).update(coach=coach)
        Order.objects.filter(pk=theirs.pk).update(coach=other_coach)
        for order, by in ((mine, coach), (theirs, other_coach)):
            Annotation.objects.create(report=order.report, section="summary", text="Well done.", coach=by)
            services.report_publish(order_id=order.pk, by=by, notify_client=False)
        users = {"owner": mine.client, "other_client": theirs.client, "coach": coach,
                 "other_coach": other_coach, "superuser": superuser}  # fmt: skip
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
