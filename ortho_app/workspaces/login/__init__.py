"""Sign-in pages (staff and patients). Importing this package registers its pages."""

from ortho_app.workspaces.login.sign_in import page as _sign_in  # noqa: F401
