"""Practice admin console page routes (the routes are contracts: keep each path as it is)."""

from __future__ import annotations

from ortho_app.core import urls

CONSOLE = urls.ADMIN_HOME  # the staff list, the console's home
PAYMENTS = "/admin/payments"
MAILBOX = "/admin/mailbox"
