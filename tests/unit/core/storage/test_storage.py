"""The private file store: limits counted while streaming, random keys, nothing left behind
when a check fails, names kept only as metadata."""

from __future__ import annotations

import asyncio
import hashlib
import io
import threading
from pathlib import Path

import pytest
from PIL import Image
from sqlmodel import func, select

from ortho_app.core import storage
from ortho_app.core.settings import get_settings
from ortho_app.models import StoredFile
from tests.support import files as samples


@pytest.fixture(autouse=True)
def fresh_store(engine):
    storage.reset()
    yield
    storage.reset()


def save(session, data: bytes, name="file.bin", **kwargs) -> StoredFile:
    return storage.save_stream(samples.chunks(data), original_name=name, session=session,
                               **kwargs)


def stored_count(session) -> int:
    return session.exec(select(func.count()).select_from(StoredFile)).one()


def files_on_disk() -> list[Path]:
    return [p for p in Path(get_settings().storage_url).rglob("*") if p.is_file()]


ACCEPTED = [
    (samples.image_bytes(), "image/png"),
    (samples.image_bytes(fmt="JPEG"), "image/jpeg"),
    (samples.PDF, "application/pdf"),
    (samples.zip_bytes({"cbct/slice1.dcm": samples.DICOM, "cbct/slice2.dcm": samples.DICOM}),
     "application/zip"),
    (samples.DICOM, "application/dicom"),
    (samples.binary_stl(3), "model/stl"),
    (samples.binary_stl(3, header=b"solid exported by a scanner"), "model/stl"),
    (samples.ASCII_STL, "model/stl"),
]


@pytest.mark.parametrize("data,content_type", ACCEPTED)
def test_accepted_kinds_are_stored_under_a_random_key(session, data, content_type):
    row = save(session, data, name="scan")
    stored = storage.read_bytes(row)
    assert row.id is not None and session.get(StoredFile, row.id) is row
    assert row.content_type == content_type
    assert len(row.key) == 40 and int(row.key, 16) >= 0
    assert row.size == len(stored) and row.sha256 == hashlib.sha256(stored).hexdigest()
    if not content_type.startswith("image/"):
        assert stored == data
    assert [p.name for p in files_on_disk()] == [row.key]


@pytest.mark.parametrize("data", [
    b"<html><script>alert(1)</script></html>",
    b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>',
    b"GIF89a\x01\x00\x01\x00", b"MZ\x90\x00 executable", b"solidarity is not a mesh",
])
def test_other_kinds_are_refused_whatever_their_name(session, data):
    with pytest.raises(storage.UnsupportedFileType):
        save(session, data, name="photo.jpg")
    assert stored_count(session) == 0 and files_on_disk() == []


def test_an_empty_file_is_refused(session):
    with pytest.raises(storage.UnsupportedFileType):
        storage.save_stream([], original_name="x.png", session=session)


def test_html_behind_a_jpeg_signature_is_refused(session):
    with pytest.raises(storage.UnsafeFile):
        save(session, b"\xff\xd8\xff\xe0<html><script>alert(1)</script></html>", name="a.jpg")
    assert stored_count(session) == 0 and files_on_disk() == []


def test_allowed_kinds_narrow_what_is_accepted(session):
    with pytest.raises(storage.UnsupportedFileType, match="not accepted here"):
        save(session, samples.PDF, allowed_kinds={"png", "jpeg"})
    assert save(session, samples.PDF, allowed_kinds={"pdf"}).content_type == "application/pdf"


def test_limit_and_limit_plus_one_byte(session):
    data = samples.PDF.ljust(1000, b" ")
    assert save(session, data, max_bytes=1000).size == 1000
    with pytest.raises(storage.UploadTooLarge, match="larger than"):
        save(session, data + b" ", max_bytes=1000)
    assert stored_count(session) == 1 and len(files_on_disk()) == 1


def test_limit_defaults_to_settings(session, settings_env):
    settings_env(max_upload_bytes="2000")
    with pytest.raises(storage.UploadTooLarge):
        save(session, samples.PDF.ljust(2001, b" "))


def test_limit_is_counted_while_streaming(session):
    consumed = []

    def endless():
        while True:
            consumed.append(1)
            yield b"%PDF-" + b"x" * 1019

    with pytest.raises(storage.UploadTooLarge):
        storage.save_stream(endless(), original_name="a.pdf", session=session, max_bytes=10_240)
    assert len(consumed) == 11  # stopped at the first chunk past the cap


async def test_async_sources_are_counted_the_same_way(session):
    async def parts(data: bytes):
        for chunk in samples.chunks(data, 100):
            yield chunk

    row = await storage.save_stream(parts(samples.PDF), original_name="consent.pdf",
                                    session=session)
    assert storage.read_bytes(row) == samples.PDF
    with pytest.raises(storage.UploadTooLarge):
        await storage.save_stream(parts(samples.PDF), original_name="c.pdf", session=session,
                                  max_bytes=len(samples.PDF) - 1)
    assert stored_count(session) == 1


async def test_a_cancelled_async_upload_leaves_nothing(session, monkeypatch):
    started, release, removed = threading.Event(), threading.Event(), asyncio.Event()
    check_and_put, remove_orphan = storage._check_and_put, storage._remove_orphan

    def held(spool, kinds):
        started.set()
        release.wait(10)
        return check_and_put(spool, kinds)

    def tracked(work):
        remove_orphan(work)
        removed.set()

    monkeypatch.setattr(storage, "_check_and_put", held)
    monkeypatch.setattr(storage, "_remove_orphan", tracked)

    async def parts():
        yield samples.PDF

    task = asyncio.create_task(storage.save_stream(parts(), original_name="a.pdf",
                                                   session=session))
    await asyncio.to_thread(started.wait, 10)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    release.set()
    await asyncio.wait_for(removed.wait(), 10)
    assert files_on_disk() == [] and stored_count(session) == 0


def test_exif_comments_and_text_are_stripped(session):
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"  # Make
    exif[0x8825] = {1: "N", 2: (48.0, 51.0, 24.0)}  # GPS
    jpeg = samples.image_bytes(fmt="JPEG", exif=exif.tobytes(), comment=b"Patient Alice Durand")
    png = samples.png_with_text("Patient Alice Durand")
    for data in (jpeg, png):
        assert b"Alice" in data
        stored = storage.read_bytes(save(session, data, name="photo"))
        assert b"Alice" not in stored and b"SecretCam" not in stored
        with Image.open(io.BytesIO(stored)) as image:
            assert not image.getexif() and "comment" not in image.info
            assert "Comment" not in image.info


def test_exif_orientation_is_applied_before_it_is_dropped(session):
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise to display
    row = save(session, samples.image_bytes(size=(40, 20), fmt="JPEG", exif=exif.tobytes()))
    with Image.open(io.BytesIO(storage.read_bytes(row))) as image:
        assert image.size == (20, 40) and not image.getexif()


@pytest.mark.parametrize("name,shown", [
    ("../../etc/passwd", "passwd"),
    ("<script>alert(1)</script>.png", "script.png"),
    ("<img src=x onerror=alert(1)>.jpg", "img src=x onerror=alert(1).jpg"),
    ("C:\\Windows\\evil.png", "evil.png"),
    ("photo\u202egnp.exe", "photognp.exe"),
    ("..", "file"),
])
def test_hostile_names_are_kept_only_as_safe_metadata(session, name, shown):
    row = save(session, samples.image_bytes(), name=name)
    assert row.original_name == shown
    assert [p.relative_to(get_settings().storage_url).as_posix() for p in files_on_disk()] \
        == [f"{row.key[:2]}/{row.key}"]


def test_a_long_name_is_capped_and_keeps_its_extension(session):
    row = save(session, samples.image_bytes(), name="a" * 1000 + ".png")
    assert len(row.original_name) == 200 and row.original_name.endswith("a.png")
    assert "a" * 5 not in row.key


def test_keys_are_random_even_for_the_same_bytes_and_name(session):
    first, second = (save(session, samples.PDF, name="same.pdf") for _ in range(2))
    assert first.key != second.key and first.sha256 == second.sha256


def test_nothing_is_left_when_the_row_cannot_be_written(session):
    with pytest.raises(Exception, match="FOREIGN KEY|foreign key"):
        save(session, samples.PDF, patient_id=424242)
    assert files_on_disk() == []


def test_open_delete_and_delete_again(session):
    row = save(session, samples.PDF)
    with storage.open_file(row) as handle:
        assert handle.read(5) == b"%PDF-"
    storage.delete_file(row)
    assert files_on_disk() == []
    storage.delete_file(row)  # idempotent
    with pytest.raises(FileNotFoundError):
        storage.open_file(row)


def test_store_refuses_public_folders(session, settings_env):
    from ortho_app.core.settings import ROOT

    settings_env(storage_url=str(ROOT / "assets" / "files"))
    with pytest.raises(ValueError, match="public folder"):
        save(session, samples.PDF)


def test_chunks_must_be_bytes(session):
    with pytest.raises(TypeError):
        storage.save_stream(samples.PDF, original_name="a.pdf", session=session)
