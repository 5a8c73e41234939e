"""The patient app's options per practice (console "Options" tab), with the spec's defaults."""

from __future__ import annotations

from sqlmodel import Field, SQLModel


class PatientAppOptions(SQLModel, table=True):
    """One row per practice. A module turned off is hidden in the app and its handlers refuse.

    Spec ("Onglet Options"): Rendez-vous, Messagerie, Imagerie, Paiements (Accès pour les
    mineurs, Paiement en ligne, Afficher que les échéances dues), Documents (Accès pour les
    mineurs), Questionnaires (Accès pour les mineurs). Every module is on by default; online
    payment needs the practice's bank set-up, so it is off until the practice turns it on.
    """

    id: int | None = Field(default=None, primary_key=True)
    institution_id: int = Field(foreign_key="institution.id", unique=True, index=True)
    appointments: bool = True
    messaging: bool = True
    imaging: bool = True
    payments: bool = True
    payments_minors: bool = True
    online_payment: bool = False
    only_due_items: bool = False
    documents: bool = True
    documents_minors: bool = True
    questionnaires: bool = True
    questionnaires_minors: bool = True
