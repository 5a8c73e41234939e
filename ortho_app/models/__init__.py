"""All tables; importing this package registers them on SQLModel.metadata."""

from ortho_app.models.auth import AuthSession, CodePurpose, OneTimeCode, SessionKind
from ortho_app.models.institutions import (
    Institution,
    InstitutionKind,
    LabService,
    Membership,
    Role,
    StaffUser,
)
from ortho_app.models.models3d import ArchModel
from ortho_app.models.monitoring import (
    ActivationLink,
    MonitoringEvent,
    MonitoringPlan,
    MonitoringState,
    PauseReason,
    ToDoItem,
)
from ortho_app.models.patients import (
    ContactPerson,
    ContactRelation,
    Gender,
    Patient,
    PatientClinician,
)
from ortho_app.models.records import (
    AuditEvent,
    Channel,
    JobRecord,
    JobStatus,
    OutboxMessage,
    OutboxStatus,
    StoredFile,
)
from ortho_app.models.scans import Scan, ScanPhoto, Verdict

# Domain modules whose names are imported from the module itself (registers their tables);
# last, so they may import the tables above.
# isort: off
from ortho_app.models import appointments as _appointments  # noqa: E402, F401
from ortho_app.models import documents as _documents  # noqa: E402, F401
from ortho_app.models import imaging as _imaging  # noqa: E402, F401
from ortho_app.models import lab_cases as _lab_cases  # noqa: E402, F401
from ortho_app.models import messaging as _messaging  # noqa: E402, F401
from ortho_app.models import patient_app as _patient_app  # noqa: E402, F401
from ortho_app.models import payments as _payments  # noqa: E402, F401
# isort: on

__all__ = [
    "ActivationLink", "ArchModel", "AuditEvent", "AuthSession", "Channel", "CodePurpose",
    "ContactPerson", "ContactRelation",
    "Gender", "Institution", "InstitutionKind", "JobRecord", "JobStatus", "LabService",
    "Membership", "MonitoringEvent", "MonitoringPlan", "MonitoringState", "OneTimeCode",
    "PauseReason", "Scan", "ScanPhoto", "ToDoItem", "Verdict", "OutboxMessage", "OutboxStatus",
    "Patient", "PatientClinician",
    "Role", "SessionKind", "StaffUser", "StoredFile",
]
