"""The client's pages: their orders, a new order, an order's progress and its report."""

from __future__ import annotations

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_http_methods, require_safe

from coaching import services, workflow
from coaching.forms import OrderForm
from coaching.models import Order, Report
from coaching.uploads import upload_refusal

logger = logging.getLogger(__name__)

# A client's pages carry their posts and their coach's notes: no shared cache (a proxy, a CDN)
# may keep a copy, nor the browser on disk (a shared computer).
client_page = cache_control(private=True, no_store=True)


@client_page
@login_required
@require_safe
def orders(request: HttpRequest) -> HttpResponse:
    mine = Order.objects.filter(client=request.user).select_related("history")
    return render(request, "coaching/orders.html", {"orders": mine})


@client_page
@login_required
@require_http_methods(["GET", "POST"])
def order_new(request: HttpRequest) -> HttpResponse:
    form = OrderForm(request.POST or None, request.FILES or None)
    if refusal := upload_refusal(request):
        # The upload was stopped part-way (coaching/uploads.py): the fields after the file never
        # arrived, so the client gets a fresh form with the reason.
        form = OrderForm()
        form.errors["history"] = form.error_class([refusal])
    elif request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["history"]
        try:
            order = services.order_create(
                client=request.user,
                upload=upload,
                original_name=upload.name,
                product=form.cleaned_data["product"],
                timezone_name=form.cleaned_data["timezone"],
                working_hours=form.working_hours(),
                role=form.cleaned_data["role"],
                goals=form.cleaned_data["goals"],
                consent=form.cleaned_data["consent"],
            )
        except services.OrderError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            workflow.order_start(order.pk)
            return redirect("order", order_id=order.pk)
    return render(request, "coaching/order_new.html", {"form": form})


@client_page
@login_required
@require_safe
def order(request: HttpRequest, order_id: int) -> HttpResponse:
    placed = services.order_for_user(request.user, order_id)
    return render(request, "coaching/order.html", {"order": placed, "progress": services.order_progress(placed)})


@client_page
@login_required
@require_safe
def order_progress(request: HttpRequest, order_id: int) -> JsonResponse:
    """Polled by the order page every two seconds."""
    placed = services.order_for_user(request.user, order_id)
    return JsonResponse(services.order_progress(placed).as_dict())


@client_page
@login_required
@require_http_methods(["GET", "POST"])
def order_delete(request: HttpRequest, order_id: int) -> HttpResponse:
    """Asks first; on POST removes the order and all its data."""
    placed = services.order_for_user(request.user, order_id)
    if request.method == "POST":
        name = placed.history.original_name
        services.order_delete(placed)
        messages.success(request, f"Your order of {name} and all its data have been deleted.")
        return redirect("orders")
    return render(request, "coaching/order_delete.html", {"order": placed})


@client_page
@login_required
@require_safe
def report(request: HttpRequest, order_id: int) -> HttpResponse:
    written = _published_report(request, order_id)
    return render(request, "coaching/report.html", services.report_context(written))


@client_page
@login_required
@require_safe
def report_pdf(request: HttpRequest, order_id: int) -> HttpResponse:
    """The same report, as an A4 PDF with a cover and page numbers.

    Served from the file the worker stored when it wrote or published the report; rendered here
    (once, then kept) only when the report changed since, e.g. a coach's edit.
    """
    written = _published_report(request, order_id)
    try:
        stored = services.report_pdf_stored(written)
    except OSError:
        logger.exception("WeasyPrint cannot load its system libraries")
        return HttpResponse(
            "The PDF cannot be made on this server right now; the report itself is on the previous page.",
            status=503,
            content_type="text/plain",
        )
    return FileResponse(
        default_storage.open(stored, "rb"),
        as_attachment=True,
        filename=f"voiceprint-report-{order_id}.pdf",
        content_type="application/pdf",
    )


def _published_report(request: HttpRequest, order_id: int) -> Report:
    placed = services.order_for_user(request.user, order_id)
    written = getattr(placed, "report", None)
    if written is None or written.published_at is None:
        raise Http404("This report is not ready yet.")
    return written
