"""URL configuration."""

from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

from coaching import views as client_views
from config import views

admin.site.site_header = "Voiceprint coaching"
admin.site.site_title = "Voiceprint admin"
admin.site.index_title = "Coaching workspace"

urlpatterns = [
    path("", views.home, name="home"),
    path("privacy/", views.privacy, name="privacy"),
    path("terms/", views.terms, name="terms"),
    path("healthz", views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("accounts/name/", client_views.account_name, name="account_name"),
    path("accounts/", include("allauth.urls")),
    path("orders/", include("coaching.urls")),
    path("my-account/", client_views.account, name="account"),
    path("my-account/download/", client_views.account_download, name="account_download"),
    path("my-account/close/", client_views.account_close, name="account_close"),
]
