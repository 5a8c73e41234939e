"""The clinic workspace (clinicians and assistants). Importing this package registers its pages."""

from ortho_app.workspaces.clinic.cases import page as _cases  # noqa: F401
from ortho_app.workspaces.clinic.changes import page as _changes  # noqa: F401
from ortho_app.workspaces.clinic.message_templates import page as _message_templates  # noqa: F401
from ortho_app.workspaces.clinic.messages import page as _messages  # noqa: F401
from ortho_app.workspaces.clinic.patient_card import page as _patient_card  # noqa: F401
from ortho_app.workspaces.clinic.patient_documents import page as _patient_documents  # noqa: F401
from ortho_app.workspaces.clinic.patient_imaging import page as _patient_imaging  # noqa: F401
from ortho_app.workspaces.clinic.patient_models import page as _patient_models  # noqa: F401
from ortho_app.workspaces.clinic.patient_payments import page as _patient_payments  # noqa: F401
from ortho_app.workspaces.clinic.patients import page as _patients  # noqa: F401
from ortho_app.workspaces.clinic.review import page as _review  # noqa: F401
from ortho_app.workspaces.clinic.todo import page as _todo  # noqa: F401
