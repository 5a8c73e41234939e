"""Upload controls over `rx.upload` and reading what they send.

Files reach the handler as Starlette temporary files (never Reflex's public upload folder);
the handler reads them with `upload_chunks` into `storage.save_stream` (size counted while
streaming, kind decided by the bytes). `/_upload` itself is guarded (api/upload_guard.py).
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import reflex as rx
from pydantic import BaseModel, Field

CHUNK = 1024 * 1024
IMAGE_TYPES = {"image/jpeg": [".jpg", ".jpeg"], "image/png": [".png"]}
STL_TYPES = {"model/stl": [".stl"], "application/octet-stream": [".stl"],
             "application/sla": [".stl"]}


class UploadProgress(BaseModel):
    """What the browser reports while a file is sent (`on_upload_progress`)."""

    progress: float = Field(default=0, ge=0, le=1)


async def upload_chunks(file: rx.UploadFile, limit: int | None = None) -> AsyncIterator[bytes]:
    """The bytes of one uploaded file, in blocks (at most `limit` + 1 bytes are read)."""
    read = 0
    while block := await file.read(CHUNK):
        read += len(block)
        yield block
        if limit is not None and read > limit:
            return


async def read_upload(file: rx.UploadFile, limit: int) -> bytes | None:
    """The whole file, or None when it is larger than `limit` bytes."""
    data = bytearray()
    async for block in upload_chunks(file, limit):
        data += block
    return None if len(data) > limit else bytes(data)


def _file_input(component: rx.Component):
    if type(component).__name__ == "Input":
        return component
    for child in getattr(component, "children", ()):
        found = _file_input(child)
        if found is not None:
            return found
    return None


def upload_zone(*children: rx.Component, upload_id: str, on_drop, accept: dict,
                capture: str | None = None, **props) -> rx.Component:
    """A click-to-choose zone for one file that sends it at once (`on_drop`); with
    `capture="environment"` a phone opens its back camera."""
    zone = rx.upload.root(*children, id=upload_id, multiple=False, max_files=1,
                          accept=accept, on_drop=on_drop, **props)
    if capture:
        _file_input(zone).custom_attrs["capture"] = capture
    return zone
