"""The patient app (phone first). Importing this package registers its pages."""

from ortho_app.workspaces.patient.appointments import page as _appointments  # noqa: F401
from ortho_app.workspaces.patient.documents import page as _documents  # noqa: F401
from ortho_app.workspaces.patient.home import page as _home  # noqa: F401
from ortho_app.workspaces.patient.imaging import page as _imaging  # noqa: F401
from ortho_app.workspaces.patient.info import page as _info  # noqa: F401
from ortho_app.workspaces.patient.menu import page as _menu  # noqa: F401
from ortho_app.workspaces.patient.messages import page as _messages  # noqa: F401
from ortho_app.workspaces.patient.monitoring import page as _monitoring  # noqa: F401
from ortho_app.workspaces.patient.notifications import page as _notifications  # noqa: F401
from ortho_app.workspaces.patient.patients import page as _patients  # noqa: F401
from ortho_app.workspaces.patient.payments import page as _payments  # noqa: F401
