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

__all__ = [
    "ActivationLink", "ArchModel", "AuditEvent", "AuthSession", "Channel", "CodePurpose",
    "ContactPerson", "ContactRelation",
    "Gender", "Institution", "InstitutionKind", "JobRecord", "JobStatus", "LabService",
    "Membership", "MonitoringEvent", "MonitoringPlan", "MonitoringState", "OneTimeCode",
    "PauseReason", "Scan", "ScanPhoto", "ToDoItem", "Verdict", "OutboxMessage", "OutboxStatus",
    "Patient", "PatientClinician",
    "Role", "SessionKind", "StaffUser", "StoredFile",
]
