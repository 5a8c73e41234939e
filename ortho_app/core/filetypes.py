"""What a file is, from its bytes (never from its name), and the checks each kind needs."""

from __future__ import annotations

import io
import re
import stat
import struct
import zipfile

from PIL import Image

MAX_STL_TRIANGLES = 5_000_000
MAX_ASCII_STL_BYTES = 100 * 1024 * 1024
MAX_PIXELS = 60_000_000
MAX_ZIP_ENTRIES = 5_000
MAX_ZIP_UNCOMPRESSED = 2 * 1024 * 1024 * 1024
MAX_ZIP_RATIO = 200

CONTENT_TYPES = {
    "png": "image/png", "jpeg": "image/jpeg", "pdf": "application/pdf",
    "zip": "application/zip", "dicom": "application/dicom",
    "stl_binary": "model/stl", "stl_ascii": "model/stl",
}


class UnsupportedFileType(ValueError):
    """The bytes are none of the kinds we accept."""


class UnsafeFile(ValueError):
    """An accepted kind whose content is hostile or out of limits."""


def sniff_kind(head: bytes, size: int) -> str:
    """Kind of a file from its first bytes (at least 512 when the file is that long)."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    if len(head) >= 132 and head[128:132] == b"DICM":
        return "dicom"
    if head[:5].lower() == b"solid" and _looks_ascii_stl(head):
        return "stl_ascii"
    if size >= 84 and len(head) >= 84:
        (count,) = struct.unpack_from("<I", head, 80)
        if 0 < count <= MAX_STL_TRIANGLES and size == 84 + 50 * count:
            return "stl_binary"
    raise UnsupportedFileType("This file type is not accepted (PNG, JPEG, PDF, ZIP, DICOM "
                              "or STL only)")


def _looks_ascii_stl(head: bytes) -> bool:
    try:
        text = head[:512].decode("ascii")
    except UnicodeDecodeError:
        return False
    return "facet" in text or len(head) < 512 and "endsolid" in text


_FACET = re.compile(rb"^\s*facet\s+normal", re.MULTILINE)


def check_content(kind: str, data: io.BufferedIOBase, size: int) -> bytes | None:
    """Deeper checks per kind; may return replacement bytes (images re-encoded without EXIF)."""
    data.seek(0)
    if kind in ("png", "jpeg"):
        return _clean_image(data, kind)
    if kind == "zip":
        _check_zip(data, size)
    elif kind == "stl_ascii":
        _check_ascii_stl(data, size)
    return None


def _clean_image(data, kind: str) -> bytes:
    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        with Image.open(data) as image:
            if image.width * image.height > MAX_PIXELS:
                raise UnsafeFile("Image is too large (too many pixels)")
            image.load()
            clean = image.copy()
            clean.info.pop("exif", None)
            out = io.BytesIO()
            save_kind = "PNG" if kind == "png" else "JPEG"
            params = {"quality": 95} if save_kind == "JPEG" else {}
            clean.save(out, save_kind, **params)
            return out.getvalue()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise UnsafeFile("Image is too large (too many pixels)") from exc
    except OSError as exc:
        raise UnsafeFile("Image could not be read") from exc


def _check_zip(data, size: int) -> None:
    try:
        archive = zipfile.ZipFile(data)
    except zipfile.BadZipFile as exc:
        raise UnsafeFile("The ZIP archive is damaged") from exc
    with archive:
        entries = archive.infolist()
        if len(entries) > MAX_ZIP_ENTRIES:
            raise UnsafeFile("The ZIP archive has too many entries")
        total = 0
        for entry in entries:
            name = entry.filename.replace("\\", "/")
            if name.startswith("/") or ".." in name.split("/") or re.match(r"^[A-Za-z]:", name):
                raise UnsafeFile("The ZIP archive has an unsafe path")
            if stat.S_ISLNK(entry.external_attr >> 16):
                raise UnsafeFile("The ZIP archive contains a link")
            total += entry.file_size
            if entry.compress_size and entry.file_size / entry.compress_size > MAX_ZIP_RATIO:
                raise UnsafeFile("The ZIP archive is too highly compressed")
        if total > MAX_ZIP_UNCOMPRESSED:
            raise UnsafeFile("The ZIP archive is too large once extracted")


def _check_ascii_stl(data, size: int) -> None:
    if size > MAX_ASCII_STL_BYTES:
        raise UnsafeFile("ASCII STL is too large")
    facets = 0
    for line in data:
        if _FACET.match(line):
            facets += 1
            if facets > MAX_STL_TRIANGLES:
                raise UnsafeFile("STL has too many triangles")
    if facets == 0:
        raise UnsafeFile("STL has no triangles")
