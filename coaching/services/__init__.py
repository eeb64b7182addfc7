"""Coaching services, one module per concern; every write to coaching data goes through them.

- `orders`: an order's lifecycle, each state change a function (the workflow strings them).
- `failures`: an order's failure, the deletion of its upload, a worker lost under it.
- `reports`: selectors for the report (headline changes, coaching plan, template context).
- `review`: a coach's steps on a coached report and its lock; `turnaround`: when a review is due.
- `coaches`: the Coaches group, who gets a new review, a coach's queue, the coaches' e-mails.
- `accounts`: a client's whole account: the copy of their data, closing it.
- `emails`: the client's e-mails about their orders.
- `held_uploads`: a file kept across a form error, so it is not sent twice.
- `demo`: the demo logins.
- `retention`: removing uploads after the retention period.

The names are re-exported here, so `from coaching import services; services.order_create(...)`
reads the same wherever the function lives.
"""

from __future__ import annotations

from coaching.services.accounts import AccountError, account_close, account_export
from coaching.services.coaches import (
    COACH_PERMISSIONS,
    COACHES_GROUP,
    coach_for_new_review,
    coach_notify_new_review,
    coach_queue,
    coaches_group_ensure,
    order_assign,
    overdue_reviews_digest,
)
from coaching.services.demo import DEMO_LOGINS, DemoLogin, demo_accounts_ensure
from coaching.services.emails import (
    client_display_name,
    client_email_send,
    email_order_failed,
    email_order_received,
    email_report_ready,
    site_link,
)
from coaching.services.failures import (
    WORKING_STAGES,
    order_fail,
    order_fail_after_error,
    order_fail_worker_lost,
    order_worker_stopped_message,
    upload_remove_if_unused,
)
from coaching.services.held_uploads import (
    HeldUpload,
    HeldUploadError,
    held_upload_open,
    upload_held,
    upload_hold,
    upload_release,
    uploads_held_delete,
    uploads_held_expire,
)
from coaching.services.orders import (
    STUCK_MESSAGE,
    OrderError,
    OrderProgress,
    order_create,
    order_delete,
    order_for_user,
    order_import,
    order_progress,
    order_reanalysis_prepare,
    order_start_analysis,
    order_unstick,
    order_write_report,
    orders_stuck,
)
from coaching.services.reports import (
    HEADLINE_FIGURES,
    SEVERITY_ORDER,
    QuotedPost,
    coaching_plan,
    headline_changes,
    report_context,
    report_pdf_stored,
    report_pdfs_remove,
)
from coaching.services.retention import uploads_expire
from coaching.services.review import (
    ReviewError,
    annotation_delete,
    annotation_save,
    order_rerun,
    post_voice_correct,
    report_locked,
    report_publish,
    report_reopen,
    review_due,
    review_overdue,
    working_days_between,
)

__all__ = [
    "COACHES_GROUP",
    "COACH_PERMISSIONS",
    "DEMO_LOGINS",
    "HEADLINE_FIGURES",
    "SEVERITY_ORDER",
    "STUCK_MESSAGE",
    "WORKING_STAGES",
    "AccountError",
    "DemoLogin",
    "HeldUpload",
    "HeldUploadError",
    "OrderError",
    "OrderProgress",
    "QuotedPost",
    "ReviewError",
    "account_close",
    "account_export",
    "annotation_delete",
    "annotation_save",
    "client_display_name",
    "client_email_send",
    "coach_for_new_review",
    "coach_notify_new_review",
    "coach_queue",
    "coaches_group_ensure",
    "coaching_plan",
    "demo_accounts_ensure",
    "email_order_failed",
    "email_order_received",
    "email_report_ready",
    "headline_changes",
    "held_upload_open",
    "order_assign",
    "order_create",
    "order_delete",
    "order_fail",
    "order_fail_after_error",
    "order_fail_worker_lost",
    "order_for_user",
    "order_import",
    "order_progress",
    "order_reanalysis_prepare",
    "order_rerun",
    "order_start_analysis",
    "order_unstick",
    "order_worker_stopped_message",
    "order_write_report",
    "orders_stuck",
    "overdue_reviews_digest",
    "post_voice_correct",
    "report_context",
    "report_locked",
    "report_pdf_stored",
    "report_pdfs_remove",
    "report_publish",
    "report_reopen",
    "review_due",
    "review_overdue",
    "site_link",
    "upload_held",
    "upload_hold",
    "upload_release",
    "upload_remove_if_unused",
    "uploads_expire",
    "uploads_held_delete",
    "uploads_held_expire",
    "working_days_between",
]
