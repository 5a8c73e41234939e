"""Sample files, good and hostile, built in memory for the storage tests."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

from PIL import Image
from PIL.PngImagePlugin import PngInfo

ASCII_STL = (b"solid arch\n facet normal 0 0 1\n  outer loop\n   vertex 0 0 0\n"
             b"   vertex 1 0 0\n   vertex 0 1 0\n  endloop\n endfacet\nendsolid arch\n")
DICOM = b"\0" * 128 + b"DICM" + b"\x02\x00\x00\x00UL\x04\x00" + b"\0" * 200
PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"


def image_bytes(size=(8, 8), fmt="PNG", **save_options) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, fmt, **save_options)
    return out.getvalue()


def png_with_text(text: str) -> bytes:
    info = PngInfo()
    info.add_text("Comment", text)
    return image_bytes(pnginfo=info)


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_header_only(width: int, height: int) -> bytes:
    """A tiny PNG whose header declares width × height pixels (a decompression bomb)."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header)
            + _png_chunk(b"IDAT", zlib.compress(b"\0" * 64)) + _png_chunk(b"IEND", b""))


def binary_stl(triangles: int, declared: int | None = None, header=b"binary stl") -> bytes:
    count = triangles if declared is None else declared
    body = struct.pack("<12fH", *([1.0] * 12), 0) * triangles
    return header.ljust(80, b" ") + struct.pack("<I", count) + body


def zip_bytes(entries: dict[str, bytes], *, symlink: str | None = None,
              method=zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as archive:
        for name, data in entries.items():
            archive.writestr(zipfile.ZipInfo(name), data, compress_type=method)
        if symlink:
            info = zipfile.ZipInfo(symlink)
            info.create_system = 3
            info.external_attr = 0o120777 << 16
            archive.writestr(info, "/etc/passwd")
    return out.getvalue()


def zip_with_duplicate_names() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("scan.dcm", DICOM)
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            archive.writestr("scan.dcm", b"other")
    return out.getvalue()


def zip_local_name_differs() -> bytes:
    """Central directory says `safe.txt`, the local header says `../a.txt` (same length)."""
    data = zip_bytes({"safe.txt": b"hello"})
    return data.replace(b"safe.txt", b"../a.txt", 1)


def chunks(data: bytes, size: int = 4096) -> list[bytes]:
    return [data[i:i + size] for i in range(0, len(data), size)]
