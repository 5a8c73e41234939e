"""One upload's bytes, counted as they arrive: in memory up to 8 MB, then in an unnamed
temporary file that disappears when closed. Past the limit: UploadTooLarge, nothing kept."""

from __future__ import annotations

import tempfile
from typing import BinaryIO, cast

from ortho_app.core.storage.file_errors import UploadTooLarge

IN_MEMORY = 8 * 1024 * 1024


class UploadSpool:
    def __init__(self, limit: int) -> None:
        self.file = cast(BinaryIO, tempfile.SpooledTemporaryFile(max_size=IN_MEMORY))
        self.size = 0
        self.limit = limit

    def add(self, chunk: bytes | bytearray | memoryview) -> None:
        if not isinstance(chunk, bytes | bytearray | memoryview):
            raise TypeError("upload chunks must be bytes")
        self.size += len(chunk)
        if self.size > self.limit:
            self.file.close()
            raise UploadTooLarge(f"This file is larger than the limit of {readable(self.limit)}")
        self.file.write(chunk)


def readable(limit: int) -> str:
    for unit, factor in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if limit >= factor:
            return f"{limit / factor:.3g} {unit}"
    return f"{limit} bytes"
