"""The coaches' workspace in Django's admin, one module per part of it.

- `users`: the site's users, and the coach filter the other lists share.
- `orders`: the coaches' queue and its actions (assign, publish, reopen, re-run).
- `history`: django-simple-history's pages, kept to the coach's queue.
- `reports`: a report under review, its notes and adjustments, the review page and its endpoints.
- `fields`: the review form's fields (a report's findings, the picker of the client's posts).
- `snippets`: each coach's saved note snippets.
"""

from __future__ import annotations

from coaching.admin import orders, reports, snippets, users

__all__ = ["orders", "reports", "snippets", "users"]
