"""STL meshes: binary files are recognised by their exact size, ASCII files are parsed with
limits (line length, triangle count, finite numbers) before they are accepted."""

from __future__ import annotations

import math
import struct
from typing import BinaryIO

from ortho_app.core.storage.file_errors import UnsafeFile

MAX_TRIANGLES = 5_000_000
MAX_ASCII_BYTES = 100 * 1024 * 1024
MAX_LINE = 1024
BINARY_HEADER = 84  # 80-byte header + little-endian uint32 triangle count
TRIANGLE_BYTES = 50  # normal + 3 vertices (12 float32) + uint16 attribute
FACET_STEPS = (b"outer", b"vertex", b"vertex", b"vertex", b"endloop", b"endfacet")


def is_binary_stl(head: bytes, size: int) -> bool:
    """True when the declared triangle count matches the file size exactly.

    Only integers are compared, so a count of 2^32 − 1 costs nothing to refuse.
    """
    if size < BINARY_HEADER or len(head) < BINARY_HEADER:
        return False
    (count,) = struct.unpack_from("<I", head, 80)
    return 0 < count <= MAX_TRIANGLES and size == BINARY_HEADER + TRIANGLE_BYTES * count


def check_ascii_stl(data: BinaryIO, size: int) -> None:
    """Parse `solid … facet normal … outer loop … vertex ×3 … endloop endfacet … endsolid`."""
    if size > MAX_ASCII_BYTES:
        raise UnsafeFile("This ASCII STL file is too large; export it as binary STL")
    data.seek(0)
    step: int | None = None  # None: outside a solid; -1: inside, between facets
    solids = facets = 0
    for words in _lines(data):
        keyword = words[0].lower()
        if step is None:
            _expect(keyword == b"solid")
            step = -1
        elif step == -1:
            if keyword == b"endsolid":
                step, solids = None, solids + 1
                continue
            _expect(keyword == b"facet" and len(words) == 5 and words[1].lower() == b"normal")
            _numbers(words[2:])
            facets += 1
            if facets > MAX_TRIANGLES:
                raise UnsafeFile("This STL file has too many triangles")
            step = 0
        else:
            expected = FACET_STEPS[step]
            _expect(keyword == expected)
            if expected == b"vertex":
                _expect(len(words) == 4)
                _numbers(words[1:])
            elif expected == b"outer":
                _expect(len(words) == 2 and words[1].lower() == b"loop")
            else:
                _expect(len(words) == 1)
            step = step + 1 if step + 1 < len(FACET_STEPS) else -1
    _expect(step is None and solids > 0 and facets > 0)


def _lines(data: BinaryIO):
    """Non-blank lines split into words, each line at most MAX_LINE bytes."""
    while line := data.readline(MAX_LINE + 1):
        if len(line) > MAX_LINE:
            raise UnsafeFile("This STL file could not be read (a line is too long)")
        words = line.split()
        if words:
            yield words


def _numbers(words: list[bytes]) -> None:
    for word in words:
        try:
            value = float(word)
        except ValueError:
            value = math.nan
        _expect(math.isfinite(value))


def _expect(ok: bool) -> None:
    if not ok:
        raise UnsafeFile("This STL file could not be read")
