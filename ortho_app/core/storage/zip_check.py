"""ZIP archives (e.g. CBCT exports): the directory is sized before it is parsed, then every
entry is checked — count, declared sizes, compression ratio, names, links, overlaps — without
extracting anything. Whoever extracts later must still stream with these limits."""

from __future__ import annotations

import re
import stat
import struct
import zipfile
from typing import BinaryIO

from ortho_app.core.storage.file_errors import UnsafeFile

MAX_ENTRIES = 5_000
MAX_DIRECTORY_BYTES = MAX_ENTRIES * 512
MAX_UNCOMPRESSED = 2 * 1024 * 1024 * 1024
MAX_RATIO = 200  # applies to entries larger than RATIO_FLOOR once extracted
RATIO_FLOOR = 1024 * 1024
END_RECORD = b"PK\x05\x06"
ZIP64_LOCATOR = b"PK\x06\x07"
ZIP64_END_RECORD = b"PK\x06\x06"
LOCAL_HEADER = struct.Struct("<4s22xHH")  # signature … name length, extra length
_DRIVE = re.compile(r"^[A-Za-z]:")


def check_zip(data: BinaryIO, size: int) -> None:
    entries, directory_bytes = _directory_extent(data, size)
    if entries > MAX_ENTRIES or directory_bytes > MAX_DIRECTORY_BYTES:
        raise UnsafeFile("This ZIP archive has too many entries")
    data.seek(0)
    try:
        archive = zipfile.ZipFile(data)
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as exc:
        raise UnsafeFile("This ZIP archive is damaged") from exc
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_ENTRIES:
            raise UnsafeFile("This ZIP archive has too many entries")
        seen: set[str] = set()
        total = 0
        for info in infos:
            _check_entry(info, seen)
            total += info.file_size
        if total > MAX_UNCOMPRESSED:
            raise UnsafeFile("This ZIP archive is too large once extracted")
        _check_layout(data, size, infos)


def _directory_extent(data: BinaryIO, size: int) -> tuple[int, int]:
    """Entry count and central-directory size as declared by the end record(s)."""
    tail_length = min(size, 22 + 65_535)
    data.seek(size - tail_length)
    tail = data.read(tail_length)
    at = tail.rfind(END_RECORD)
    if at < 0 or at + 22 > len(tail):
        raise UnsafeFile("This ZIP archive is damaged")
    entries, directory_bytes = struct.unpack_from("<HI", tail, at + 10)
    if (entries == 0xFFFF or directory_bytes == 0xFFFFFFFF) and at >= 20 \
            and tail[at - 20:at - 16] == ZIP64_LOCATOR:
        (offset,) = struct.unpack_from("<Q", tail, at - 20 + 8)
        if offset > size - 56:
            raise UnsafeFile("This ZIP archive is damaged")
        data.seek(offset)
        record = data.read(56)
        if record[:4] != ZIP64_END_RECORD:
            raise UnsafeFile("This ZIP archive is damaged")
        entries, directory_bytes = struct.unpack_from("<QQ", record, 32)
    return entries, directory_bytes


def _check_entry(info: zipfile.ZipInfo, seen: set[str]) -> None:
    name = info.filename.replace("\\", "/")
    parts = name.split("/")
    if not name or name.startswith("/") or _DRIVE.match(name) or ".." in parts or "\0" in name:
        raise UnsafeFile("This ZIP archive contains an unsafe file path")
    if name in seen:
        raise UnsafeFile("This ZIP archive contains the same path twice")
    seen.add(name)
    mode = info.external_attr >> 16
    if stat.S_ISLNK(mode) or (stat.S_IFMT(mode) not in (0, stat.S_IFREG, stat.S_IFDIR)):
        raise UnsafeFile("This ZIP archive contains links or special files")
    if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
        raise UnsafeFile("This ZIP archive is too highly compressed")


def _check_layout(data: BinaryIO, size: int, infos: list[zipfile.ZipInfo]) -> None:
    """Each entry's local header carries the same name, and no two entries share bytes."""
    end = 0
    for info in sorted(infos, key=lambda i: i.header_offset):
        if info.header_offset < end or info.header_offset + LOCAL_HEADER.size > size:
            raise UnsafeFile("This ZIP archive has overlapping entries")
        data.seek(info.header_offset)
        signature, name_length, extra_length = LOCAL_HEADER.unpack(data.read(LOCAL_HEADER.size))
        raw_name = data.read(name_length)
        encoding = "utf-8" if info.flag_bits & 0x800 else "cp437"
        if signature != b"PK\x03\x04" or raw_name.decode(encoding, "replace") != info.orig_filename:
            raise UnsafeFile("This ZIP archive is inconsistent")
        end = info.header_offset + LOCAL_HEADER.size + name_length + extra_length \
            + info.compress_size
        if end > size:
            raise UnsafeFile("This ZIP archive is damaged")
