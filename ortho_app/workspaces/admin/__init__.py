"""The practice admin console. Importing this package registers its pages."""

from ortho_app.workspaces.admin.console import page as _console  # noqa: F401
from ortho_app.workspaces.admin.payments import page as _payments  # noqa: F401
