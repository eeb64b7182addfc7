"""URL configuration."""

from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

from coaching import views as coaching_views
from config import views

admin.site.site_header = "Voiceprint coaching"
admin.site.site_title = "Voiceprint admin"
admin.site.index_title = "Coaching workspace"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("accounts/name/", coaching_views.account, name="account"),
    path("accounts/", include("allauth.urls")),
    path("orders/", include("coaching.urls")),
]
