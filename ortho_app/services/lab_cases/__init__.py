"""Lab cases: the data layer of the lab case pipeline (framework-free, database-backed).

Modules: `access` (authorize_case: the guard's record check for cases), `cases` (create,
resubmit, archive), `listing` (paged, sorted, filtered lists for doctors and the lab board),
`moves` (move_case, history), `planning` (blocks: publish, book, done, no show), `shipping`,
`notes` (lab's internal notes), `files`, `rx_script` (PDF job), `notify` (confirmation e-mail),
`turnaround` (turnaround per case type and holidays → ship dates), `board` (the lab's
board), `previews` (STL preview of a case file), `attention` (rank kept with the status),
`teeth` (FDI / Universal numbering).
The pipeline rules themselves are in `ortho_app.services.lab_cases.pipeline`.
"""

from ortho_app.services.lab_cases import attention  # noqa: E402,F401 - registers the rank listener
