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
    "cm_3d_models": ("3D models", "Modèles 3D"),
    "cm_patient_card": ("Patient card", "Fiche patient"),
    "cm_reset_view": ("Reset view", "Réinitialiser la vue"),
    "cm_arch_to_compare": ("Arch to compare", "Arcade à comparer"),
    "cm_heatmap": ("Deviation heat map", "Carte des écarts"),
    "cm_heatmap_caption": (": deviation of the latest model from the one before, in mm (red: "
                           "outside the earlier surface, blue: inside)",
                           " : écart du dernier modèle par rapport au précédent, en mm (rouge : "
                           "hors de la surface précédente, bleu : à l'intérieur)"),
    "cm_no_model": ("No 3D model yet.", "Pas encore de modèle 3D."),
    "cm_models": ("Models", "Modèles"),
    "cm_arch": ("Arch", "Arcade"),
    "cm_date": ("Date", "Date"),
    "cm_upper_arch": ("Upper arch", "Arcade supérieure"),
    "cm_lower_arch": ("Lower arch", "Arcade inférieure"),
    "cm_add_model": ("Add a new 3D model", "Ajouter un nouveau modèle 3D"),
    "cm_occlusion_hint": ("Two STL files, one for each arch, in occlusion (binary or ASCII "
                          "STL). A 3D model is not required in Photo Monitoring.",
                          "Deux fichiers STL, un par arcade, en occlusion (STL binaire ou "
                          "ASCII). Un modèle 3D n'est pas nécessaire en Photo Monitoring."),
    "cm_upper_stl": ("Upper arch (STL)", "Arcade supérieure (STL)"),
    "cm_lower_stl": ("Lower arch (STL)", "Arcade inférieure (STL)"),
    "cm_choose_stl": ("Choose the STL file", "Choisir le fichier STL"),
    "cm_uploading": ("Uploading", "Envoi"),
    "cm_taken_on": ("Date of the 3D scan (today if empty)",
                    "Date de l'empreinte 3D (aujourd'hui si vide)"),
    "cm_process": ("Add the 3D model", "Ajouter le modèle 3D"),
    "cm_processing": ("Processing the 3D model", "Traitement du modèle 3D"),
    "cm_messages": ("Messages", "Messagerie"),
    "cm_documents": ("Documents", "Documents"),
    "cm_imaging": ("Imaging", "Imagerie"),
    "cm_payments": ("Payments", "Paiements"),
    # ---- (end of clinic monitoring) ----

    # ---- lab cases: doctors' side (issue 5) ----
    "lab_status_missing_cbct_models": ("Missing CBCT/Models", "CBCT/modèles manquants"),
    "lab_status_processing": ("Processing", "En traitement"),
    "lab_status_received": ("Received", "Reçu"),
    "lab_status_ready_to_plan": ("Ready to Plan", "Prêt à planifier"),
    "lab_status_planning_scheduled": ("Planning Scheduled", "Planification programmée"),
    "lab_status_planning_no_show": ("Planning No Show", "Planification manquée"),
    "lab_status_manufacturing": ("Manufacturing", "En fabrication"),
    "lab_status_finished": ("Finished", "Terminé"),
    "lab_status_shipped": ("Shipped", "Expédié"),
    "new_case": ("New case", "Nouveau cas"),
    "case_id": ("Case ID", "N° de cas"),
    "case_patient": ("Patient", "Patient"),
    "progress": ("Progress", "Avancement"),
    "last_modified": ("Last modified", "Dernière modification"),
    "ship_date": ("Ship date", "Date d'expédition"),
    "case_type": ("Case type", "Type de cas"),
    "teeth_numbers": ("Teeth numbers", "Numéros des dents"),
    "rx_description": ("RX description", "Description de la prescription (RX)"),
    "attachments": ("Attachments", "Pièces jointes"),
    "attachments_hint": ("STL models, CBCT (DICOM or zip), photos, PDF",
                         "Modèles STL, CBCT (DICOM ou zip), photos, PDF"),
    "choose_files": ("Choose files", "Choisir des fichiers"),
    "files_to_send": ("Files ready to send", "Fichiers prêts à envoyer"),
    "uploading": ("Uploading", "Envoi"),
    "submit": ("Submit", "Envoyer"),
    "archive": ("Archive", "Archiver"),
    "archive_record": ("Archive record", "Archiver le dossier"),
    "restore_record": ("Back to the main list", "Remettre dans la liste"),
    "show_only_archived": ("Show only archived", "Afficher seulement les archivés"),
    "archive_note": ("Archiving does not cancel the case or place it on hold; contact the lab "
                     "for that.", "Archiver n'annule pas le cas et ne le met pas en attente ; "
                     "contactez le laboratoire pour cela."),
    "no_cases": ("No cases.", "Aucun cas."),
    "choose_patient": ("Choose a patient", "Choisir un patient"),
    "choose_case_type": ("Choose a case type", "Choisir un type de cas"),
    "tooth_numbering": ("Tooth numbering", "Numérotation des dents"),
    "upper_arch": ("Upper arch", "Arcade supérieure"),
    "lower_arch": ("Lower arch", "Arcade inférieure"),
    "selected_teeth": ("Selected teeth", "Dents choisies"),
    "case_created": ("Case created", "Cas créé"),
    "print": ("Print", "Imprimer"),
    "confirmation_note": ("We recommend printing this page to be saved in the patient record. "
                          "You may access your case through the link to verify details, and "
                          "upload additional files. You should also receive a confirmation "
                          "e-mail to the address of your account.",
                          "Nous vous conseillons d'imprimer cette page pour le dossier du "
                          "patient. Le lien ouvre le cas pour vérifier les détails et ajouter "
                          "des fichiers. Un e-mail de confirmation est envoyé à l'adresse de "
                          "votre compte."),
    "open_case": ("Open the case", "Ouvrir le cas"),
    "rx_script": ("RX script", "Prescription (RX)"),
    "files": ("Files", "Fichiers"),
    "modify_case": ("Modify the case", "Modifier le cas"),
    "resubmit_notice": ("Submit resets the ship date as for a new case and returns the case "
                        "to \"Processing\".", "Envoyer remet la date d'expédition à zéro comme "
                        "pour un nouveau cas et replace le cas en « En traitement »."),
    "not_modifiable": ("This case can no longer be changed in the portal; contact the lab.",
                       "Ce cas ne peut plus être modifié ici ; contactez le laboratoire."),
    "hold_reason": ("Hold reason", "Motif de l'attente"),
    "planning_session": ("Virtual planning session", "Séance de planification virtuelle"),
    "free_block": ("Free block", "Créneau libre"),
    "go": ("Go", "Go"),
    "no_free_block": ("The lab has no free block published yet; contact the lab.",
                      "Le laboratoire n'a publié aucun créneau libre ; contactez-le."),
    "scheduled_fixed": ("Scheduled. It cannot be changed in the portal; contact the lab to "
                        "pick another date or time.", "Programmée. Elle ne peut pas être "
                        "modifiée ici ; contactez le laboratoire pour changer."),
    "add_to_google_calendar": ("Add to Google Calendar", "Ajouter à Google Agenda"),
    "download_ics": ("Download .ics", "Télécharger .ics"),
    "carrier": ("Carrier", "Transporteur"),
    "tracking_number": ("Tracking number", "Numéro de suivi"),
    "cases_of_practice": ("Cases", "Cas"),
    "history": ("History", "Historique"),
    # ---- (end of lab cases: doctors' side) ----

    # ---- lab board (issue 5) ----
    "lb_board": ("Case board", "Tableau des cas"),
    "lb_planning": ("Planning", "Planification"),
    "lb_practice": ("Practice", "Cabinet"),
    "lb_all_practices": ("All practices", "Tous les cabinets"),
    "lb_case_type": ("Case type", "Type de cas"),
    "lb_all_case_types": ("All case types", "Tous les types de cas"),
    "lb_due_by": ("Due by", "À expédier avant le"),
    "lb_clear_filters": ("Clear filters", "Effacer les filtres"),
    "lb_show_more": ("Show more", "Afficher plus"),
    "lb_move_to": ("Move to…", "Déplacer vers…"),
    "lb_ship_date": ("Ship date", "Date d'expédition"),
    "lb_no_ship_date": ("No ship date", "Pas de date d'expédition"),
    "lb_drag_hint": ("Drag a card to another column, or use “Move to…” on the card.",
                     "Glissez une carte vers une autre colonne, ou utilisez « Déplacer "
                     "vers… » sur la carte."),
    "lb_move_refused": ("Move refused", "Déplacement refusé"),
    "lb_dismiss": ("Dismiss", "Fermer"),
    "lb_put_on_hold": ("Put on hold", "Mettre en attente"),
    "lb_ship_case": ("Ship the case", "Expédier le cas"),
    "lb_schedule_session": ("Schedule a planning session",
                            "Planifier une séance de planification"),
    "lb_hold_reason": ("Hold reason", "Motif de mise en attente"),
    "lb_hold_detail": ("What the doctor must send", "Ce que le praticien doit envoyer"),
    "lb_carrier": ("Carrier", "Transporteur"),
    "lb_tracking_number": ("Tracking number", "Numéro de suivi"),
    "lb_planning_block": ("Planning block", "Créneau de planification"),
    "lb_no_free_block": ("No free planning block: publish one on the Planning page.",
                         "Aucun créneau libre : publiez-en un dans Planification."),
    "lb_confirm": ("Confirm", "Confirmer"),
    "lb_cancel": ("Cancel", "Annuler"),
    "lb_case_id": ("Case ID", "N° de cas"),
    "lb_patient": ("Patient", "Patient"),
    "lb_progress": ("Progress", "Avancement"),
    "lb_teeth": ("Teeth (FDI)", "Dents (FDI)"),
    "lb_rx_description": ("RX description", "Description de la prescription"),
    "lb_files": ("Files", "Fichiers"),
    "lb_file": ("File", "Fichier"),
    "lb_kind": ("Kind", "Type"),
    "lb_size": ("Size", "Taille"),
    "lb_download": ("Download", "Télécharger"),
    "lb_preview_3d": ("Preview in 3D", "Aperçu 3D"),
    "lb_close_preview": ("Close preview", "Fermer l'aperçu"),
    "lb_rx_script": ("Download RX script", "Télécharger la prescription RX"),
    "lb_no_rx_script": ("No RX script yet.", "Pas encore de prescription RX."),
    "lb_history": ("History of moves", "Historique des déplacements"),
    "lb_when": ("When", "Quand"),
    "lb_by": ("By", "Par"),
    "lb_from": ("From", "De"),
    "lb_to": ("To", "Vers"),
    "lb_reason": ("Reason", "Motif"),
    "lb_internal_notes": ("Internal notes", "Notes internes"),
    "lb_internal_hint": ("Seen by the lab only.", "Visibles par le laboratoire uniquement."),
    "lb_note": ("Note", "Note"),
    "lb_add_note": ("Add note", "Ajouter la note"),
    "lb_shipment": ("Shipment", "Expédition"),
    "lb_back_to_board": ("← Board", "← Tableau"),
    "lb_publish_block": ("Publish a free block", "Publier un créneau libre"),
    "lb_date": ("Date", "Date"),
    "lb_start": ("Start", "Début"),
    "lb_end": ("End", "Fin"),
    "lb_publish": ("Publish", "Publier"),
    "lb_blocks": ("Planning blocks (Paris time)", "Créneaux de planification (heure de Paris)"),
    "lb_case": ("Case", "Cas"),
    "lb_free": ("Free", "Libre"),
    "lb_session_done": ("Session done", "Séance faite"),
    "lb_no_show": ("No Show", "No Show"),
    "lb_outcome": ("Outcome", "Issue"),
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
    "pm_title": ("My monitoring", "Mon suivi"),
    "pm_next_scan": ("Next scan due on", "Prochain scan le"),
    "pm_take_scan": ("Take my scan", "Prendre mon scan"),
    "pm_paused": ("Monitoring is paused", "Le suivi est en pause"),
    "pm_resumes_on": ("Monitoring resumes on", "Reprise du suivi le"),
    "pm_stopped": ("Monitoring is stopped: no scan to take.",
                   "Le suivi est arrêté : aucun scan à prendre."),
    "pm_immediate": ("Your practice asks you for a scan now.",
                     "Votre cabinet vous demande un scan maintenant."),
    "pm_instructions": ("Instructions from your practice", "Consignes de votre cabinet"),
    "pm_read_instructions": ("I have read the instructions", "J'ai lu les consignes"),
    "pm_latest_verdict": ("Result of your scan of", "Résultat de votre scan du"),
    "pm_go": ("Change to aligner", "Passez à la gouttière"),
    "pm_no_go": ("Remain on the current aligner", "Restez sur la gouttière actuelle"),
    "pm_see_doctor": ("Please contact the practice: the doctor would like to see you",
                      "Contactez le cabinet : le docteur souhaite vous voir"),
    "pm_awaiting": ("Your latest scan is being reviewed.",
                    "Votre dernier scan est en cours d'examen."),
    "pm_current_aligner": ("Current aligner", "Gouttière actuelle"),
    "pm_scan_title": ("My scan", "Mon scan"),
    "pm_photo": ("Photo", "Photo"),
    "pm_step_smile": ("Face, smiling", "Visage, sourire"),
    "pm_step_front": ("Front teeth, closed", "Dents de face, fermées"),
    "pm_step_left": ("Left side", "Côté gauche"),
    "pm_step_right": ("Right side", "Côté droit"),
    "pm_step_upper": ("Upper teeth", "Dents du haut"),
    "pm_step_lower": ("Lower teeth", "Dents du bas"),
    "pm_hint_smile": ("Hold the phone at arm's length, face the camera and smile.",
                      "Tenez le téléphone à bout de bras, face à vous, et souriez."),
    "pm_hint_front": ("Bite on your back teeth, pull your lips apart, phone straight in "
                      "front.", "Serrez les dents du fond, écartez les lèvres, téléphone bien "
                      "en face."),
    "pm_hint_left": ("Turn your head to the right to show your left side.",
                     "Tournez la tête vers la droite pour montrer votre côté gauche."),
    "pm_hint_right": ("Turn your head to the left to show your right side.",
                      "Tournez la tête vers la gauche pour montrer votre côté droit."),
    "pm_hint_upper": ("Open wide and tilt your head back: all upper teeth in the picture.",
                      "Ouvrez grand, tête en arrière : toutes les dents du haut sur la photo."),
    "pm_hint_lower": ("Open wide and tilt your head forward: all lower teeth in the picture.",
                      "Ouvrez grand, tête en avant : toutes les dents du bas sur la photo."),
    "pm_take_photo": ("Take the photo", "Prendre la photo"),
    "pm_retake": ("Retake the previous photo", "Reprendre la photo précédente"),
    "pm_sending_photo": ("Sending the photo", "Envoi de la photo"),
    "pm_all_taken": ("All photos are taken.", "Toutes les photos sont prises."),
    "pm_send": ("Send my scan", "Envoyer mon scan"),
    "pm_sent": ("Scan sent", "Scan envoyé"),
    "pm_sent_text": ("Your practice will review it and tell you what to do next.",
                     "Votre cabinet va l'examiner et vous dira quoi faire ensuite."),
    "pm_back_home": ("Back to home", "Retour à l'accueil"),
    "pm_error_stopped": ("Monitoring is stopped: scans cannot be sent.",
                         "Le suivi est arrêté : les scans ne peuvent pas être envoyés."),
    "pm_error_file": ("This photo was not accepted (JPEG or PNG image, 15 MB at most). "
                      "Please take it again.", "Cette photo n'a pas été acceptée (image JPEG "
                      "ou PNG, 15 Mo au plus). Reprenez-la."),
    "pm_error_incomplete": ("Take every photo before sending the scan.",
                            "Prenez toutes les photos avant d'envoyer le scan."),
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
