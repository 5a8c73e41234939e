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
    # ---- (end of patient app: home, appointments, menu, infos, practice, notifications) ----

    # ---- payments (issue 6) ----
    # ---- (end of payments) ----

    # ---- messaging (issue 6) ----
    # ---- (end of messaging) ----

    # ---- documents and imaging (issue 6) ----
    "doc_to_sign": ("To sign", "À signer"),
    "doc_signed": ("Signed", "Signés"),
    "doc_no_signature": ("No signature", "Sans signature"),
    "doc_shared_intro": ("Documents shared by your practice.",
                         "Les documents mis à disposition par le cabinet."),
    "doc_none": ("No document here.", "Aucun document ici."),
    "doc_view": ("View", "Voir"),
    "doc_sign": ("Sign", "Signer"),
    "doc_version": ("version", "version"),
    "doc_changed": ("Changed since it was signed: to sign again",
                    "Modifié depuis la signature : à signer de nouveau"),
    "doc_signed_by": ("Signed by", "Signé par"),
    "doc_signed_on": ("on", "le"),
    "doc_download_signed": ("Download the signed PDF", "Télécharger le PDF signé"),
    "doc_sign_title": ("Sign the document", "Signer le document"),
    "doc_code_label": ("Code received by SMS", "Code reçu par SMS"),
    "doc_confirm": ("Confirm the signature", "Confirmer la signature"),
    "doc_resend": ("Resend the code", "Renvoyer le code"),
    "doc_cancel": ("Cancel", "Annuler"),
    "doc_signed_ok": ("Signed:", "Document signé :"),
    "sign_code_expired": ("The code has expired. Ask for a new code.",
                          "Le code a expiré. Demandez un nouveau code."),
    "section_off": ("Your practice does not offer this section.",
                    "Votre cabinet ne propose pas cette rubrique."),
    "my_imaging": ("My imaging", "Mon imagerie"),
    "img_type": ("Image type", "Type d'image"),
    "img_all_types": ("All types", "Tous les types"),
    "img_none": ("No image shared yet.", "Aucune image partagée pour l'instant."),
    "img_previous": ("Previous image", "Image précédente"),
    "img_next": ("Next image", "Image suivante"),
    "img_download": ("Download this image", "Télécharger l'image"),
    "img_download_all": ("Download all (zip)", "Tout télécharger (zip)"),
    "img_close": ("Close", "Fermer"),
    "img_open": ("Open image", "Ouvrir l'image"),
    # staff side
    "doc_share_title": ("Share a document", "Partager un document"),
    "doc_title": ("Title", "Titre"),
    "doc_kind": ("Document type", "Type de document"),
    "doc_needs_signature": ("To sign by the patient", "À signer par le patient"),
    "doc_visible_patient": ("Visible to the patient", "Visible par le patient"),
    "doc_visible_responsible": ("Visible to responsible persons",
                                "Visible par les responsables"),
    "doc_new_version_of": ("New version of", "Nouvelle version de"),
    "doc_new_document": ("(a new document)", "(un nouveau document)"),
    "doc_choose_pdf": ("Choose a PDF", "Choisir un PDF"),
    "doc_share": ("Share the document", "Partager le document"),
    "doc_state": ("State", "État"),
    "doc_signatures": ("Signature", "Signature"),
    "img_add_title": ("Add images", "Ajouter des images"),
    "img_stage": ("Treatment stage", "Étape de traitement"),
    "img_taken_on": ("Taken on", "Date de prise"),
    "img_shared": ("Shared with the patient", "Partagée avec le patient"),
    "img_choose": ("Choose JPEG or PNG images", "Choisir des images JPEG ou PNG"),
    "img_add": ("Add the images", "Ajouter les images"),
    "patient_card": ("Patient card", "Fiche patient"),
    "imaging": ("Imaging", "Imagerie"),
    "doc_version_col": ("Version", "Version"),
    "selected_files": ("Selected:", "Sélection :"),
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
