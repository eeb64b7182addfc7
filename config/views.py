"""Site-wide views that belong to no domain app: the home page, the trust pages and the health endpoint."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from config.health import system_health
from config.proxy import is_loopback
from samples.demo import home_preview


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "home.html", {"preview": home_preview()})


@require_safe
def privacy(request: HttpRequest) -> HttpResponse:
    """The privacy notice: what is stored, for how long, who sees it and how to delete it."""
    return render(
        request,
        "privacy.html",
        {"retention_days": settings.UPLOAD_RETENTION_DAYS, "turnaround_days": settings.REVIEW_TURNAROUND_WORKING_DAYS},
    )


@require_safe
def terms(request: HttpRequest) -> HttpResponse:
    return render(request, "terms.html", {"turnaround_days": settings.REVIEW_TURNAROUND_WORKING_DAYS})


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    """200 when database, broker and a worker all answer; 503 otherwise.

    Each part's detail (the database vendor, the broker's transport, errors) is for staff and for
    checks run on this machine; anyone else learns only the overall status, which is all a load
    balancer needs and nothing an attacker can use.
    """
    healthy, checks = system_health()
    status = {"status": "ok" if healthy else "error"}
    if request.user.is_staff or is_loopback(request):
        status.update(checks)
    return JsonResponse(status, status=200 if healthy else 503)
