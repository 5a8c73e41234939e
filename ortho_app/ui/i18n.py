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
    "pay_title": ("My payments", "Mes Paiements"),
    "pay_test_mode": ("TEST MODE — no real payment: no card is charged, payments are "
                      "simulated with signed test events.",
                      "MODE TEST — aucun paiement réel : aucune carte n'est débitée, les "
                      "paiements sont simulés par des événements de test signés."),
    "pay_off": ("Your practice does not offer this section.",
                "Cette rubrique n'est pas proposée par votre cabinet."),
    "pay_balance": ("Amount due", "Somme due"),
    "pay_overdue": ("Overdue fees", "Honoraires en retard"),
    "pay_online": ("Pay online", "Régler en ligne"),
    "pay_details": ("Care details", "Détail des soins"),
    "pay_item_due": ("Amount due", "Somme due"),
    "pay_item_paid": ("Already paid", "Montant déjà réglé"),
    "pay_item_due_date": ("Due date", "Date d'échéance"),
    "pay_item_overdue": ("Overdue", "Échéance dépassée"),
    "pay_no_items": ("No fees.", "Aucun soin à régler."),
    "pay_amount": ("Amount (€)", "Montant (€)"),
    "pay_amount_hint": ("The amount due is filled in. You may lower it; a higher amount is "
                        "refused.", "Le montant dû est renseigné par défaut. Vous pouvez le "
                        "diminuer ; un montant supérieur sera refusé."),
    "pay_email": ("E-mail (required for the payment confirmation)",
                  "E-mail (obligatoire pour recevoir la confirmation du paiement)"),
    "pay_submit": ("Continue to payment", "Continuer vers le paiement"),
    "pay_cancel": ("Cancel", "Annuler"),
    "pay_card_title": ("Card payment", "Paiement par carte"),
    "pay_card_test": ("Test card 4242 4242 4242 4242 — nothing is charged.",
                      "Carte de test 4242 4242 4242 4242 — rien n'est débité."),
    "pay_confirm_test": ("Pay (test mode)", "Payer (mode test)"),
    "pay_decline_test": ("Simulate a declined card", "Simuler un refus de la carte"),
    "pay_done": ("Payment received. A confirmation is sent to your e-mail address.",
                 "Paiement reçu. Une confirmation est envoyée à votre adresse e-mail."),
    "pay_declined": ("The card was declined. Nothing was charged.",
                     "La carte a été refusée. Rien n'a été débité."),
    "pay_history": ("Payment history", "Historique des paiements"),
    "pay_no_history": ("No online payment yet.", "Aucun paiement en ligne pour l'instant."),
    "pay_refunded": ("refunded", "remboursés"),
    "pay_status_succeeded": ("Paid", "Réglé"),
    "pay_status_failed": ("Declined", "Refusé"),
    "pay_status_canceled": ("Cancelled", "Annulé"),
    "pay_status_processing": ("Processing", "En cours"),
    "pay_status_created": ("Waiting for the card", "En attente de la carte"),
    "pay_err_amount": ("Enter an amount such as 120 or 120,50.",
                       "Saisissez un montant comme 120 ou 120,50."),
    "pay_err_above": ("This amount is higher than what is due: it is refused.",
                      "Ce montant est supérieur à la somme due : il est refusé."),
    "pay_err_email": ("An e-mail address is required for the payment confirmation.",
                      "L'adresse e-mail est obligatoire pour recevoir la confirmation."),
    "pay_err_nothing": ("Nothing is due right now.", "Aucune somme n'est due pour l'instant."),
    "pay_err_offline": ("The payment service cannot be reached. Try again later.",
                        "Le service de paiement est injoignable. Réessayez plus tard."),
    "pay_staff_title": ("Payments", "Paiements"),
    "pay_day": ("Day", "Jour"),
    "pay_show": ("Show", "Afficher"),
    "pay_time": ("Date", "Date"),
    "pay_patient": ("Patient", "Patient"),
    "pay_amount_col": ("Amount", "Montant"),
    "pay_status": ("Status", "Statut"),
    "pay_flag": ("Flag", "Alerte"),
    "pay_means": ("Online transfer", "Virement (en ligne)"),
    "pay_means_col": ("Payment method", "Moyen de paiement"),
    "pay_none_that_day": ("No payment that day.", "Aucun paiement ce jour-là."),
    "pay_day_total": ("Total of the day", "Total du jour"),
    "pay_care_items": ("Fees", "Soins et honoraires"),
    "pay_label": ("Care", "Soin"),
    "pay_care_date": ("Date", "Date"),
    "pay_remaining": ("Remaining", "Reste dû"),
    "pay_back_to_card": ("Back to the patient card", "Retour à la fiche patient"),
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
