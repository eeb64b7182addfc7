"""Site-wide views that belong to no domain app: the home page and the health endpoint."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from config.health import system_health
from samples.demo import home_preview


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "home.html", {"preview": home_preview()})


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    """200 when database, broker and a worker all answer; 503 with the failing part otherwise."""
    healthy, checks = system_health()
    return JsonResponse({"status": "ok" if healthy else "error", **checks}, status=200 if healthy else 503)
