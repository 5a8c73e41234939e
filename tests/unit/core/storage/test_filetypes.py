"""Uploads are recognised by their bytes and hostile content is refused before it is stored:
STL counts that disagree with the size, pixel bombs, zip bombs and unsafe archive paths."""

from __future__ import annotations

import tracemalloc
import zipfile

import pytest
from sqlmodel import func, select

from ortho_app.core import storage
from ortho_app.core.storage import filetypes
from ortho_app.models import StoredFile
from tests.support import files as samples


@pytest.fixture(autouse=True)
def fresh_store(engine):
    storage.reset()
    yield
    storage.reset()


def save(session, data: bytes, name="upload"):
    return storage.save_stream(samples.chunks(data), original_name=name, session=session)


def nothing_stored(session) -> bool:
    return session.exec(select(func.count()).select_from(StoredFile)).one() == 0


@pytest.mark.parametrize("data,kind", [
    (samples.image_bytes(), "png"), (samples.image_bytes(fmt="JPEG"), "jpeg"),
    (samples.PDF, "pdf"), (samples.zip_bytes({"a": b"b"}), "zip"), (samples.DICOM, "dicom"),
    (samples.binary_stl(2), "stl_binary"), (samples.ASCII_STL, "stl_ascii"),
])
def test_sniff_kind_from_magic_bytes(data, kind):
    assert filetypes.sniff_kind(data[:filetypes.HEAD_BYTES], len(data)) == kind
    assert filetypes.sniff_kind(data) == kind  # the size defaults to the bytes given


@pytest.mark.parametrize("declared", [2, 4, 0, 2**32 - 1, 2**31])
def test_binary_stl_whose_count_disagrees_with_its_size_is_refused(session, declared):
    data = samples.binary_stl(3, declared=declared)
    with pytest.raises(storage.UnsupportedFileType):
        save(session, data, name="arch.stl")
    assert nothing_stored(session)


def test_stl_claiming_four_billion_triangles_is_refused_without_allocating():
    head = samples.binary_stl(0, declared=2**32 - 1)
    claimed_size = 84 + 50 * (2**32 - 1)  # as if the whole file had arrived
    tracemalloc.start()
    try:
        for size in (len(head), claimed_size):
            with pytest.raises(storage.UnsupportedFileType):
                filetypes.sniff_kind(head, size)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 64 * 1024


def test_binary_stl_over_the_triangle_cap_is_refused(monkeypatch):
    monkeypatch.setattr("ortho_app.core.storage.stl_check.MAX_TRIANGLES", 2)
    assert filetypes.sniff_kind(samples.binary_stl(2)) == "stl_binary"
    with pytest.raises(storage.UnsupportedFileType):
        filetypes.sniff_kind(samples.binary_stl(3))


@pytest.mark.parametrize("data", [
    b"solid arch\n facet normal 0 0 1\n  outer loop\n   vertex 0 0 0\n",  # cut short
    samples.ASCII_STL.replace(b"vertex 1 0 0", b"vertex nan 0 0"),
    samples.ASCII_STL.replace(b"vertex 1 0 0", b"vertex 1 0"),
    samples.ASCII_STL.replace(b"outer loop", b"<script>"),
    samples.ASCII_STL.replace(b"arch\n", b"arch" + b" " * 5000 + b"\n", 1),
    b"solid empty\nendsolid empty\n",
    b"solid <html><body>not a mesh</body></html>",
])
def test_malformed_ascii_stl_is_refused(session, data):
    with pytest.raises(storage.UnsafeFile):
        save(session, data, name="arch.stl")
    assert nothing_stored(session)


def test_ascii_stl_over_the_triangle_cap_is_refused(session, monkeypatch):
    monkeypatch.setattr("ortho_app.core.storage.stl_check.MAX_TRIANGLES", 1)
    facet = samples.ASCII_STL.split(b"\n", 1)[1].rsplit(b"endsolid", 1)[0]
    with pytest.raises(storage.UnsafeFile, match="too many triangles"):
        save(session, b"solid arch\n" + facet * 2 + b"endsolid arch\n")


@pytest.mark.parametrize("width,height", [(100_000, 100_000), (10_000, 7_000)])
def test_pixel_bombs_are_refused(session, width, height):
    bomb = samples.png_header_only(width, height)
    assert len(bomb) < 200
    with pytest.raises(storage.UnsafeFile, match="too many pixels"):
        save(session, bomb, name="xray.png")
    assert nothing_stored(session)


def test_pixel_limit_is_an_error_not_a_warning(session, monkeypatch):
    monkeypatch.setattr("ortho_app.core.storage.image_check.MAX_PIXELS", 100)
    assert save(session, samples.image_bytes(size=(10, 10))).size > 0
    with pytest.raises(storage.UnsafeFile, match="too many pixels"):
        save(session, samples.image_bytes(size=(11, 10)))


@pytest.mark.parametrize("data", [
    samples.zip_bytes({"../../etc/cron.d/x": b"boom"}),
    samples.zip_bytes({"cbct/../../x": b"boom"}),
    samples.zip_bytes({"/abs/path": b"boom"}),
    samples.zip_bytes({"C:/Windows/x": b"boom"}),
    samples.zip_bytes({"..\\..\\x": b"boom"}),
    samples.zip_bytes({"ok.txt": b"fine"}, symlink="link"),
    samples.zip_with_duplicate_names(),
    samples.zip_local_name_differs(),
], ids=["dotdot", "inner-dotdot", "absolute", "drive", "backslash", "symlink", "duplicate",
        "local-header"])
def test_hostile_zips_are_refused(session, data):
    with pytest.raises(storage.UnsafeFile):
        save(session, data, name="cbct.zip")
    assert nothing_stored(session)


def test_zip_bomb_is_refused(session):
    bomb = samples.zip_bytes({"bomb.bin": b"\0" * 20_000_000})
    assert len(bomb) < 100_000
    with pytest.raises(storage.UnsafeFile, match="too highly compressed"):
        save(session, bomb, name="cbct.zip")
    assert nothing_stored(session)


def test_zip_whose_total_is_too_large_once_extracted_is_refused(session, monkeypatch):
    monkeypatch.setattr("ortho_app.core.storage.zip_check.MAX_UNCOMPRESSED", 1000)
    data = samples.zip_bytes({"a": b"x" * 600, "b": b"y" * 600}, method=zipfile.ZIP_STORED)
    with pytest.raises(storage.UnsafeFile, match="too large once extracted"):
        save(session, data)


def test_zip_with_too_many_entries_is_refused_before_it_is_parsed(session, monkeypatch):
    monkeypatch.setattr("ortho_app.core.storage.zip_check.MAX_ENTRIES", 3)
    parsed = []
    monkeypatch.setattr(zipfile.ZipFile, "_RealGetContents", lambda self: parsed.append(1))
    data = samples.zip_bytes({f"slice{i}.dcm": samples.DICOM for i in range(4)})
    with pytest.raises(storage.UnsafeFile, match="too many entries"):
        save(session, data)
    assert parsed == []


def test_damaged_zip_is_refused(session):
    data = samples.zip_bytes({"a.txt": b"hello"})
    with pytest.raises(storage.UnsafeFile):
        save(session, data[:-10])
