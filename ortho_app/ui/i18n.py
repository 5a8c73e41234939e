"""The one translation table (French and English) and the language state.

Staff pages default to English, the patient app to French; the choice is kept in the
browser (it is a preference, never a credential).
"""

from __future__ import annotations

from typing import ClassVar

import reflex as rx

from ortho_app.core.guard import PUBLIC, Access

TABLE: dict[str, tuple[str, str]] = {  # key: (english, french)
    "app_name": ("ortho_app", "ortho_app"),
    "staff_sign_in": ("Staff sign-in", "Connexion du personnel"),
    "email": ("E-mail", "E-mail"),
    "password": ("Password", "Mot de passe"),
    "sign_in": ("Sign in", "Se connecter"),
    "sign_out": ("Sign out", "Se déconnecter"),
    "invalid_login": ("E-mail or password is incorrect.", "E-mail ou mot de passe incorrect."),
    "throttled": ("Too many attempts. Please wait a few minutes and try again.",
                  "Trop de tentatives. Patientez quelques minutes puis réessayez."),
    "demo_accounts": ("Demo accounts", "Comptes de démonstration"),
    "demo_password": ("Password for every staff account:", "Mot de passe de chaque compte :"),
    "patient_logins": ("Demo patient logins", "Connexions patient de démonstration"),
    "patient_area": ("Patient? Sign in here", "Patient ? Connectez-vous ici"),
    "staff_area": ("Practice or lab staff? Sign in here",
                   "Personnel du cabinet ou du labo ? Connexion"),
    # Patient login (spec words: "Écran d'accueil", "Validation du numéro … par SMS")
    "sms_number": ("Number for the validation SMS", "Numéro pour le SMS de validation"),
    "sms_number_hint": ("must have been given to the practice treating the patient",
                        "doit avoir été fourni au cabinet traitant le patient"),
    "phone": ("Phone number", "Numéro de téléphone"),
    "patient_info": ("Information of the patient to consult",
                     "Informations du patient à consulter"),
    "last_name": ("Last name", "Nom"),
    "first_name": ("First name", "Prénom"),
    "birth": ("Date of birth", "Date de naissance"),
    "connect": ("Sign in", "Connexion"),
    "all_required": ("All fields are required.", "Toutes les informations sont obligatoires."),
    "check_entries": ("We could not find a single patient with these details. Please check "
                      "the phone number, names and date of birth.",
                      "Aucune correspondance unique. Veuillez vérifier le numéro de téléphone, "
                      "le nom, le prénom et la date de naissance."),
    "code_prompt": ("Enter below the code received by SMS",
                    "Renseignez ci-dessous le code reçu par SMS"),
    "code": ("Code", "Code"),
    "validate": ("Validate", "Valider"),
    "no_code": ("Didn't receive the code?", "Vous n'avez pas reçu le code ?"),
    "resend": ("Resend", "Renvoyer"),
    "code_sent_to": ("A 6-digit code was sent by SMS to", "Un code à 6 chiffres a été envoyé au"),
    "code_resent": ("A new code was sent.", "Un nouveau code a été envoyé."),
    "code_wrong": ("This code is not correct.", "Ce code n'est pas correct."),
    "code_locked": ("Too many wrong codes. Ask for a new code.",
                    "Trop de codes erronés. Demandez un nouveau code."),
    "code_expired": ("The code has expired. Please sign in again.",
                     "Le code a expiré. Veuillez recommencer."),
    "demo_code": ("Demo code:", "Code de démo :"),
    "choose_patients": ("Which patients do you want to see?",
                        "Quels patients souhaitez-vous consulter ?"),
    "choose_none": ("Choose at least one patient.", "Choisissez au moins un patient."),
    "continue": ("Continue", "Continuer"),
    # Workspaces
    "clinic": ("Clinic", "Cabinet"),
    "lab": ("Lab", "Laboratoire"),
    "admin": ("Administration", "Administration"),
    "patient_app": ("My orthodontist", "Mon orthodontiste"),
    "home": ("Home", "Accueil"),
    "patients": ("Patients", "Patients"),
    "cases": ("Cases", "Cas"),
    "board": ("Board", "Tableau"),
    "dev_mailbox": ("Dev mailbox", "Boîte de développement"),
    "audit_log": ("Audit log", "Journal d'audit"),
    "signed_in_as": ("Signed in as", "Connecté en tant que"),
    "welcome": ("Welcome", "Bienvenue"),
    "my_patients": ("My patients", "Mes patients"),
    "language": ("Français", "English"),
    "recipient": ("Recipient", "Destinataire"),
    "subject": ("Subject", "Objet"),
    "message": ("Message", "Message"),
    "status": ("Status", "Statut"),
    "sent_at": ("Date", "Date"),
    "channel": ("Channel", "Canal"),
    "nothing_yet": ("Nothing yet.", "Rien pour l'instant."),
    "my_appointments": ("My appointments", "Mes RDV"),
    "my_payments": ("My payments", "Mes Paiements"),
    "messaging": ("Messages", "Messagerie"),
    "documents": ("Documents", "Documents"),
    "menu": ("Menu", "Menu"),
    "patients_seen": ("Patients in this app", "Patients visibles dans l'application"),
    "born": ("born", "né(e) le"),
    "role": ("Role", "Rôle"),
    "institution": ("Institution", "Établissement"),
    "served_practices": ("Practices served", "Cabinets servis"),
    "staff": ("Staff", "Personnel"),
    "previous": ("Previous", "Précédent"),
    "next": ("Next", "Suivant"),
    "search_by_name": ("Search by name", "Rechercher par nom"),
    "treatment": ("Treatment", "Traitement"),
    "send_test_email": ("Send a test e-mail", "Envoyer un e-mail de test"),
    "refresh": ("Refresh", "Actualiser"),
    "payments_console": ("Payments", "Paiements"),
    "monitored_patients": ("Monitored Patients", "Patients suivis"),
    "not_monitored": ("Not Monitored", "Non suivis"),
    "monitoring_state": ("Monitoring", "Suivi"),
    "all_states": ("All states", "Tous les états"),
    "state_active": ("Active", "Actif"),
    "state_paused": ("Paused", "En pause"),
    "awaiting_review": ("Awaiting review", "À examiner"),
    "all_treatments": ("All treatments", "Tous les traitements"),
    "aligner": ("Aligner", "Gouttière"),
    "next_scan_due": ("Next scan due", "Prochain scan"),
    "todo_list": ("To-Do list", "À faire"),
    "scan_review": ("Scan review", "Examen des scans"),
    "activated": ("Your app is activated. Sign in with your phone number and the SMS code.",
                  "Votre application est activée. Connectez-vous avec votre numéro de "
                  "téléphone et le code reçu par SMS."),
    "link_invalid": ("This activation link is not valid any more. Ask your practice for a "
                     "new one.", "Ce lien d'activation n'est plus valable. Demandez-en un "
                     "nouveau à votre cabinet."),
    # Each area keeps its labels in its own section below (append inside your section).

    # ---- clinic monitoring (issue 4) ----
    # ---- (end of clinic monitoring) ----

    # ---- lab cases: doctors' side (issue 5) ----
    # ---- (end of lab cases: doctors' side) ----

    # ---- lab board (issue 5) ----
    # ---- (end of lab board) ----

    # ---- patient app: home, appointments, menu, infos, practice, notifications (issue 6) ----
    "next_appointment": ("Next appointment", "Prochain rendez-vous"),
    "carte_vitale": ("Carte Vitale !", "Carte Vitale !"),
    "no_upcoming": ("No upcoming appointment.", "Aucun rendez-vous à venir."),
    "my_appointments_title": ("My appointments", "Mes Rendez-vous"),
    "show_all": ("Show all", "Tout afficher"),
    "add_to_calendar": ("Add to my calendar", "Ajouter à mon agenda"),
    "go_to_practice": ("Go to the practice", "Me rendre au cabinet"),
    "past_appointment": ("Past", "Passé"),
    "in_my_calendar": ("In my calendar", "Dans mon agenda"),
    "added_to_calendar": ("The appointment was added to your calendar.",
                          "Le rendez-vous a été ajouté à votre agenda."),
    "already_in_calendar": ("This appointment was already added to your calendar.",
                            "Ce rendez-vous a déjà été ajouté à votre agenda."),
    "my_info": ("My details", "Mes infos"),
    "my_imaging": ("My imaging", "Mon imagerie"),
    "my_practice": ("My practice", "Mon cabinet"),
    "notifications": ("Notifications", "Notifications"),
    "manage_patients": ("Manage patients", "Gestion des patients"),
    "address": ("Address", "Adresse"),
    "email_receipts": ("E-mail (required to receive payment receipts)",
                       "E-mail (obligatoire pour recevoir la confirmation des paiements)"),
    "info_hint": ("Your changes are sent to the practice, which updates your record after "
                  "checking them.", "Vos modifications sont transmises au cabinet, qui met à "
                  "jour votre dossier après vérification."),
    "change_pending": ("Changes awaiting the practice's approval.",
                       "Modifications en attente de validation par le cabinet."),
    "change_sent": ("Sent to the practice.", "Transmis au cabinet."),
    "save": ("Save", "Enregistrer"),
    "notifications_hint": ("Set the number of days and the time, then press + Add. The "
                           "reminder is sent 10 minutes after the set time.",
                           "Définissez le délai en jours et l'heure, puis appuyez sur + Ajouter. "
                           "La notification est envoyée 10 min après l'heure paramétrée."),
    "days_before": ("Days before", "Jours avant"),
    "at_time": ("Time", "Heure"),
    "days_before_at": ("day(s) before, at", "jour(s) avant, à"),
    "add_reminder": ("+ Add", "+ Ajouter"),
    "remove": ("Remove", "Supprimer"),
    "no_reminder": ("No reminder.", "Aucune notification."),
    "sent_reminders": ("Reminders sent", "Rappels envoyés"),
    "reminder_for": ("reminder of the appointment on", "rappel du rendez-vous du"),
    "add_patient": ("Add a patient", "Ajouter un patient"),
    "add_patient_hint": ("A patient reachable with this phone number (for example your "
                         "child): enter their last name, first name and date of birth.",
                         "Un patient joignable avec ce numéro de téléphone (par exemple votre "
                         "enfant) : saisissez son nom, son prénom et sa date de naissance."),
    "patient_added": ("The patient was added.", "Le patient a été ajouté."),
    "patient_already_listed": ("This patient is already in the app.",
                               "Ce patient est déjà visible dans l'application."),
    "proposed_changes": ("Proposed changes", "Modifications proposées"),
    "proposed_changes_hint": ("Details patients changed in the app. The record changes only "
                              "when you accept.", "Informations modifiées par les patients "
                              "dans l'application. Le dossier n'est modifié qu'après "
                              "acceptation."),
    "proposed_on": ("proposed on", "proposé le"),
    "field": ("Field", "Champ"),
    "in_record": ("In the record", "Dans le dossier"),
    "proposed": ("Proposed", "Proposé"),
    "accept_change": ("Accept", "Accepter"),
    "reject_change": ("Reject", "Refuser"),
    "change_accepted": ("The record was updated.", "Le dossier a été mis à jour."),
    "change_rejected": ("The change was rejected.", "La modification a été refusée."),
    "no_proposed_changes": ("No change to review.", "Aucune modification à examiner."),
    # ---- (end of patient app: home, appointments, menu, infos, practice, notifications) ----

    # ---- payments (issue 6) ----
    # ---- (end of payments) ----

    # ---- messaging (issue 6) ----
    # ---- (end of messaging) ----

    # ---- documents and imaging (issue 6) ----
    # ---- (end of documents and imaging) ----

    # ---- patient monitoring scans (issue 6) ----
    # ---- (end of patient monitoring scans) ----
}


class LangState(rx.State):
    """The interface language; '' means the workspace default."""

    _access: ClassVar[Access] = PUBLIC
    lang: str = rx.LocalStorage("", name="ortho_lang", sync=True)

    @rx.event
    def choose_language(self, lang: str):
        if lang in ("fr", "en"):
            self.lang = lang


def t(key: str, *, patient: bool = False) -> rx.Var:
    """The label for `key` in the current language (French first on patient pages)."""
    english, french = TABLE[key]
    is_fr = (LangState.lang != "en") if patient else (LangState.lang == "fr")
    return rx.cond(is_fr, french, english)


def language_switch(*, patient: bool = False) -> rx.Component:
    is_fr = (LangState.lang != "en") if patient else (LangState.lang == "fr")
    return rx.button(
        rx.cond(is_fr, "English", "Français"),
        on_click=LangState.choose_language(rx.cond(is_fr, "en", "fr")),
        variant="ghost", size="1",
    )
