"""Coaching services, one module per concern; every write to coaching data goes through them.

- `orders`: an order's lifecycle, each state change a function (the workflow strings them).
- `failures`: an order's failure, the deletion of its upload, a worker lost under it.
- `reports`: selectors for the report (headline changes, coaching plan, template context).
- `review`: a coach's steps on a coached report, its lock and the review turnaround.
- `coaches`: the Coaches group, who gets a new review, a coach's queue.
- `demo`: the demo logins.
- `retention`: removing uploads after the retention period.

The names are re-exported here, so `from coaching import services; services.order_create(...)`
reads the same wherever the function lives.
"""

from __future__ import annotations

from coaching.services.coaches import (
    COACH_PERMISSIONS,
    COACHES_GROUP,
    coach_for_new_review,
    coach_queue,
    coaches_group_ensure,
    order_assign,
)
from coaching.services.demo import DEMO_LOGINS, DemoLogin, demo_accounts_ensure
from coaching.services.failures import (
    WORKING_STAGES,
    order_fail,
    order_fail_after_error,
    order_fail_worker_lost,
    order_worker_stopped_message,
    upload_remove_if_unused,
)
from coaching.services.orders import (
    STUCK_MESSAGE,
    OrderError,
    OrderProgress,
    email_report_ready,
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
    report_locked,
    report_publish,
    report_reopen,
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
    "DemoLogin",
    "OrderError",
    "OrderProgress",
    "QuotedPost",
    "ReviewError",
    "annotation_delete",
    "annotation_save",
    "coach_for_new_review",
    "coach_queue",
    "coaches_group_ensure",
    "coaching_plan",
    "demo_accounts_ensure",
    "email_report_ready",
    "headline_changes",
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
    "report_context",
    "report_locked",
    "report_pdf_stored",
    "report_pdfs_remove",
    "report_publish",
    "report_reopen",
    "review_overdue",
    "upload_remove_if_unused",
    "uploads_expire",
    "working_days_between",
]
