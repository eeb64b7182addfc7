from __future__ import annotations

from django.urls import path

from coaching import views

urlpatterns = [
    path("", views.orders, name="orders"),
    path("new/", views.order_new, name="order_new"),
    path("<int:order_id>/", views.order, name="order"),
    path("<int:order_id>/progress/", views.order_progress, name="order_progress"),
    path("<int:order_id>/report/", views.report, name="report"),
    path("<int:order_id>/report.pdf", views.report_pdf, name="report_pdf"),
    path("<int:order_id>/delete/", views.order_delete, name="order_delete"),
]
