"""Sign-in throttling (django-axes) sees both sign-in forms: the site's and the admin's."""

from __future__ import annotations

from django.http import HttpRequest


def attempted_username(request: HttpRequest, credentials: dict | None = None) -> str:
    """The address tried: allauth posts it as `login` and authenticates by `email`, the admin
    posts `username`. Lower-cased, so that changing case does not earn more attempts."""
    credentials = credentials or {}
    post = getattr(request, "POST", {}) if request is not None else {}
    tried = credentials.get("email") or credentials.get("username") or post.get("login") or post.get("username") or ""
    return str(tried).strip().lower()
