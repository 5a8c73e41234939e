"""The workspaces: one package per kind of user, one sub-package per feature (page.py +
state.py, + parts.py). Importing this package registers every page."""

from ortho_app.workspaces import admin, clinic, lab, login, patient  # noqa: F401
