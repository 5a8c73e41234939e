"""Uploads: type by magic bytes, limits counted while streaming, hostile content refused."""

from __future__ import annotations

import io
import struct
import zipfile

import pytest
from PIL import Image
from sqlmodel import func, select

from ortho_app.core import storage
from ortho_app.core.filetypes import MAX_STL_TRIANGLES
from ortho_app.models import StoredFile


@pytest.fixture(autouse=True)
def fresh_store(engine):
    storage.reset()
    yield
    storage.reset()


def png_bytes(size=(8, 8), exif: bytes | None = None, fmt="PNG") -> bytes:
    out = io.BytesIO()
    image = Image.new("RGB", size, (200, 30, 30))
    kwargs = {"exif": exif} if exif else {}
    image.save(out, fmt, **kwargs)
    return out.getvalue()


def binary_stl(triangles: int, declared: int | None = None) -> bytes:
    header = b"binary stl".ljust(80, b" ")
    body = struct.pack("<12fH", *([0.0] * 12), 0) * triangles
    return header + struct.pack("<I", triangles if declared is None else declared) + body


def zip_bytes(entries: dict[str, bytes], *, symlink: str | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
        if symlink:
            info = zipfile.ZipInfo(symlink)
            info.external_attr = (0o120777 << 16)
            archive.writestr(info, "/etc/passwd")
    return out.getvalue()


def save(session, data: bytes, name="file.bin", **kwargs):
    chunks = [data[i:i + 4096] for i in range(0, len(data), 4096)] or [b""]
    return storage.save_stream(chunks, original_name=name, session=session, **kwargs)


def stored_count(session) -> int:
    return session.exec(select(func.count()).select_from(StoredFile)).one()


ASCII_STL = b"solid arch\n facet normal 0 0 1\n  outer loop\n   vertex 0 0 0\n   vertex 1 0 0\n" \
            b"   vertex 0 1 0\n  endloop\n endfacet\nendsolid arch\n"
DICOM = b"\0" * 128 + b"DICM" + b"\0" * 200


@pytest.mark.parametrize("data,content_type", [
    (png_bytes(), "image/png"), (png_bytes(fmt="JPEG"), "image/jpeg"),
    (b"%PDF-1.7\n%...\n", "application/pdf"), (zip_bytes({"a.dcm": DICOM}), "application/zip"),
    (DICOM, "application/dicom"), (binary_stl(3), "model/stl"), (ASCII_STL, "model/stl"),
])
def test_accepted_kinds_stored_under_random_key(session, data, content_type):
    row = save(session, data, name="scan")
    assert row.content_type == content_type and row.key != "scan" and len(row.key) == 40
    assert storage.read_bytes(row)[:4] == storage.read_bytes(row)[:4]


@pytest.mark.parametrize("data", [
    b"<html><script>alert(1)</script></html>",
    b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
    b"GIF89a....", b"",
])
def test_other_kinds_refused_even_named_jpg(session, data):
    with pytest.raises(storage.UnsupportedFileType):
        save(session, data, name="photo.jpg")
    assert stored_count(session) == 0


@pytest.mark.parametrize("declared", [5, 2**32 - 1, MAX_STL_TRIANGLES + 1])
def test_stl_whose_count_disagrees_with_size_refused(session, declared):
    with pytest.raises(storage.UnsupportedFileType):
        save(session, binary_stl(3, declared=declared), name="arch.stl")


def test_limit_counted_while_streaming(session):
    data = b"%PDF-" + b"x" * 995
    assert save(session, data, max_bytes=1000).size == 1000
    with pytest.raises(storage.UploadTooLarge):
        save(session, data + b"x", max_bytes=1000)
    assert stored_count(session) == 1


def test_pixel_bomb_refused(session, monkeypatch):
    monkeypatch.setattr("ortho_app.core.filetypes.MAX_PIXELS", 100)
    with pytest.raises(storage.UnsafeFile):
        save(session, png_bytes(size=(20, 20)), name="bomb.png")


@pytest.mark.parametrize("entries,symlink", [
    ({"../../etc/cron.d/x": b"boom"}, None), ({"/abs/path": b"boom"}, None),
    ({"ok.txt": b"fine"}, "link"), ({"bomb.bin": b"\0" * 5_000_000}, None),
])
def test_hostile_zips_refused(session, entries, symlink):
    with pytest.raises(storage.UnsafeFile):
        save(session, zip_bytes(entries, symlink=symlink), name="cbct.zip")
    assert stored_count(session) == 0


def test_exif_stripped_from_photos(session):
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"  # Make
    exif[0x8825] = {1: "N"}  # GPS
    row = save(session, png_bytes(fmt="JPEG", exif=exif.tobytes()), name="photo.jpg")
    with Image.open(io.BytesIO(storage.read_bytes(row))) as image:
        assert not image.getexif()


@pytest.mark.parametrize("name", ["../../etc/passwd", "<script>x</script>.png", "a" * 1000,
                                  "C:\\Windows\\evil.png"])
def test_hostile_names_kept_only_as_safe_metadata(session, name):
    row = save(session, png_bytes(), name=name)
    assert "/" not in row.original_name and "<" not in row.original_name
    assert len(row.original_name) <= 200
    assert row.key.isalnum()
