"""Why an uploaded file was refused. Every message is safe to show to the person uploading."""

from __future__ import annotations


class FileRefused(ValueError):
    """Base of all upload refusals; `str(exc)` is meant for the user."""


class UploadTooLarge(FileRefused):
    """More bytes arrived than the limit allows (counted while streaming)."""


class UnsupportedFileType(FileRefused):
    """The bytes are none of the kinds accepted (decided by content, never by name)."""


class UnsafeFile(FileRefused):
    """An accepted kind whose content is damaged, hostile or past a limit."""
