"""The client's pages: their orders, a new order, an order's progress and its report."""

from __future__ import annotations

import logging
import tempfile

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_http_methods, require_safe

from coaching import services, workflow
from coaching.forms import AccountCloseForm, AccountForm, OrderForm
from coaching.models import Order, Report
from coaching.services.accounts import user_name_change
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
    """The order form. A file sent with a form that has an error is held, so it is never sent twice."""
    held, held_error = _held_upload(request)
    form = OrderForm(
        request.POST or None,
        request.FILES or None,
        held_file_name=held.original_name if held else "",
        held_file_problem=held_error,
    )
    if refusal := upload_refusal(request):
        # The upload was stopped part-way (coaching/uploads.py): the fields after the file never
        # arrived, so the client gets a fresh form with the reason.
        form = OrderForm()
        form.errors["history"] = form.error_class([refusal])
        return render(request, "coaching/order_new.html", {"form": form})
    if request.method != "POST":
        return render(request, "coaching/order_new.html", {"form": form})
    if form.is_valid():
        try:
            order = _order_place(request, form, held)
        except services.OrderError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            workflow.order_start(order.pk)
            return redirect("order", order_id=order.pk)
    sent = request.FILES.get("history")
    if sent is not None and "history" not in form.errors:
        # Kept for the corrected form: the client confirms the details without choosing the file again.
        held = services.upload_hold(client=request.user, upload=sent, original_name=sent.name)
        form = _with_held_upload(form, held)
    return render(request, "coaching/order_new.html", {"form": form})


def _held_upload(request: HttpRequest) -> tuple[services.HeldUpload | None, str]:
    """The file held from an earlier submission that the form names, or why it cannot be used."""
    token = request.POST.get("upload_token", "")
    if not token or request.FILES.get("history"):
        return None, ""  # a newly chosen file replaces a held one
    try:
        return services.upload_held(client=request.user, token=token), ""
    except services.HeldUploadError as error:
        return None, str(error)


def _with_held_upload(form: OrderForm, held: services.HeldUpload) -> OrderForm:
    data = form.data.copy()
    data["upload_token"] = held.token
    errors = form.errors
    form = OrderForm(data, held_file_name=held.original_name)
    form._errors = errors  # the errors already found, with the token now in the form
    return form


def _order_place(request: HttpRequest, form: OrderForm, held: services.HeldUpload | None) -> Order:
    details = {
        "client": request.user,
        "product": form.cleaned_data["product"],
        "timezone_name": form.cleaned_data["timezone"],
        "working_hours": form.working_hours(),
        "role": form.cleaned_data["role"],
        "goals": form.cleaned_data["goals"],
        "consent": form.cleaned_data["consent"],
    }
    upload = form.cleaned_data["history"]
    if upload is not None:
        return services.order_create(upload=upload, original_name=upload.name, **details)
    assert held is not None  # clean_history requires one or the other  # noqa: S101
    with services.held_upload_open(held) as stored:
        order = services.order_create(upload=stored, original_name=held.original_name, **details)
    services.upload_release(held)
    return order


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


@client_page
@login_required
@require_safe
def account(request: HttpRequest) -> HttpResponse:
    """The client's account: a copy of their data, and closing the account."""
    return render(request, "coaching/account.html", {"close_form": AccountCloseForm()})


@client_page
@login_required
@require_http_methods(["POST"])
def account_download(request: HttpRequest) -> FileResponse:
    """A zip of everything held about the client (POST: it is built afresh, and may take a while)."""
    # Spooled: small accounts stay in memory, a history of 100,000 posts goes to a temporary file.
    copy = tempfile.SpooledTemporaryFile(max_size=16 * 1024**2)  # noqa: SIM115 (FileResponse closes it)
    services.account_export(client=request.user, target=copy)
    copy.seek(0)
    return FileResponse(copy, as_attachment=True, filename="voiceprint-my-data.zip", content_type="application/zip")


@client_page
@login_required
@require_http_methods(["POST"])
def account_close(request: HttpRequest) -> HttpResponse:
    """Closes the account once the password confirms it, then signs the client out."""
    form = AccountCloseForm(request.POST)
    if form.is_valid():
        try:
            services.account_close(client=request.user, password=form.cleaned_data["password"])
        except services.AccountError as error:
            form.add_error("password", error.message)
        else:
            logout(request)
            messages.success(request, "Your account and all your data have been deleted. Goodbye.")
            return redirect("home")
    return render(request, "coaching/account.html", {"close_form": form}, status=400)


@client_page
@login_required
@require_http_methods(["GET", "POST"])
def account_name(request: HttpRequest) -> HttpResponse:
    """The name on the person's reports, which they can change here."""
    form = AccountForm(request.POST or None, initial={"name": request.user.name})
    if request.method == "POST" and form.is_valid():
        user_name_change(user=request.user, name=form.cleaned_data["name"])
        messages.success(request, "Your name is saved: your next reports carry it.")
        return redirect("account_name")
    return render(request, "account/name.html", {"form": form})
