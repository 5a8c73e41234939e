"""Lab cases: the data layer of the lab case pipeline (framework-free, database-backed).

Modules: `access` (authorize_case: the guard's record check for cases), `cases` (create,
resubmit, archive), `listing` (paged, sorted, filtered lists for doctors and the lab board),
`moves` (move_case, history), `planning` (slots: publish, book, done, no show), `shipping`,
`notes` (lab's internal notes), `files`, `rx_script` (PDF job), `notify` (confirmation e-mail),
`calendar` (turnaround and holidays → ship dates), `teeth` (FDI / Universal numbering).
The pipeline rules themselves are in `ortho_app.services.case_pipeline`.
"""
