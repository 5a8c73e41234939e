"""What a file is, from its bytes (never from its name), and the checks each kind needs."""

from __future__ import annotations

from typing import BinaryIO

from ortho_app.core.storage.file_errors import UnsafeFile, UnsupportedFileType
from ortho_app.core.storage.image_check import clean_image
from ortho_app.core.storage.stl_check import check_ascii_stl, is_binary_stl
from ortho_app.core.storage.zip_check import check_zip

__all__ = ["CONTENT_TYPES", "HEAD_BYTES", "KINDS", "UnsafeFile", "UnsupportedFileType",
           "check_content", "sniff_kind"]

HEAD_BYTES = 1024  # enough for every signature below (DICOM needs 132)
CONTENT_TYPES = {
    "png": "image/png", "jpeg": "image/jpeg", "pdf": "application/pdf",
    "zip": "application/zip", "dicom": "application/dicom",
    "stl_binary": "model/stl", "stl_ascii": "model/stl",
}
KINDS = frozenset(CONTENT_TYPES)
_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"%PDF-", "pdf"),
    (b"PK\x03\x04", "zip"),
    (b"PK\x05\x06", "zip"),  # an empty archive
)


def sniff_kind(head: bytes, total_size: int | None = None) -> str:
    """The kind of a file from its first bytes (`total_size` defaults to len(head)).

    One of png, jpeg, pdf, zip, dicom, stl_binary, stl_ascii; UnsupportedFileType otherwise.
    """
    size = len(head) if total_size is None else total_size
    for signature, kind in _SIGNATURES:
        if head.startswith(signature):
            return kind
    if head[128:132] == b"DICM":
        return "dicom"
    if is_binary_stl(head, size):  # checked first: binary headers may start with "solid"
        return "stl_binary"
    if head[:5].lower() == b"solid" and head[5:6] in (b" ", b"\t", b"\r", b"\n", b""):
        return "stl_ascii"
    raise UnsupportedFileType("This type of file is not accepted "
                              "(PNG, JPEG, PDF, ZIP, DICOM or STL only)")


def check_content(kind: str, data: BinaryIO, size: int) -> BinaryIO | None:
    """Deeper checks for a sniffed kind; returns replacement content when it must change
    (images re-encoded without metadata), None when the bytes are stored as they are."""
    data.seek(0)
    if kind in ("png", "jpeg"):
        return clean_image(data, kind)
    if kind == "zip":
        check_zip(data, size)
    elif kind == "stl_ascii":
        check_ascii_stl(data, size)
    elif kind not in KINDS:
        raise UnsupportedFileType("This type of file is not accepted")
    return None
