"""Clinic labels: monitored patients, scan review, to-do list, patient card, 3D models."""

LABELS: dict[str, tuple[str, str]] = {  # key: (english, french)
    # ---- patient list, scan review, to-do list ----
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

    # ---- patient card and 3D models (issue 4) ----
    "models3d_title": ("3D models", "Modèles 3D"),
    "patient_card_title": ("Patient card", "Fiche patient"),
    "models3d_reset_view": ("Reset view", "Réinitialiser la vue"),
    "models3d_arch_to_compare": ("Arch to compare", "Arcade à comparer"),
    "models3d_heatmap": ("Deviation heat map", "Carte des écarts"),
    "models3d_heatmap_caption": (": deviation of the latest model from the one before, in mm (red: "
                                 "outside the earlier surface, blue: inside)",
                                 " : écart du dernier modèle par rapport au précédent, en mm "
                                 "(rouge : hors de la surface précédente, bleu : à l'intérieur)"),
    "models3d_no_model": ("No 3D model yet.", "Pas encore de modèle 3D."),
    "models3d_models": ("Models", "Modèles"),
    "models3d_arch": ("Arch", "Arcade"),
    "models3d_date": ("Date", "Date"),
    "models3d_upper_arch": ("Upper arch", "Arcade supérieure"),
    "models3d_lower_arch": ("Lower arch", "Arcade inférieure"),
    "models3d_add_model": ("Add a new 3D model", "Ajouter un nouveau modèle 3D"),
    "models3d_occlusion_hint": ("Two STL files, one for each arch, in occlusion (binary or ASCII "
                                "STL). A 3D model is not required in Photo Monitoring.",
                                "Deux fichiers STL, un par arcade, en occlusion (STL binaire ou "
                                "ASCII). Un modèle 3D n'est pas nécessaire en Photo Monitoring."),
    "models3d_upper_stl": ("Upper arch (STL)", "Arcade supérieure (STL)"),
    "models3d_lower_stl": ("Lower arch (STL)", "Arcade inférieure (STL)"),
    "models3d_choose_stl": ("Choose the STL file", "Choisir le fichier STL"),
    "models3d_uploading": ("Uploading", "Envoi"),
    "models3d_taken_on": ("Date of the 3D scan (today if empty)",
                          "Date de l'empreinte 3D (aujourd'hui si vide)"),
    "models3d_process": ("Add the 3D model", "Ajouter le modèle 3D"),
    "models3d_processing": ("Processing the 3D model", "Traitement du modèle 3D"),
    "patient_card_messages": ("Messages", "Messagerie"),
    "patient_card_documents": ("Documents", "Documents"),
    "patient_card_imaging": ("Imaging", "Imagerie"),
    "patient_card_payments": ("Payments", "Paiements"),
}
