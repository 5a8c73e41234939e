"""Photos and X-rays: the pixel count is checked before decoding (an error, not Pillow's
warning), then the image is re-encoded from its pixels alone — EXIF (GPS, device, dates),
XMP, comments and text chunks are dropped; the EXIF orientation is applied first."""

from __future__ import annotations

import io
import struct
import warnings
from typing import BinaryIO

from PIL import Image, ImageOps

from ortho_app.core.storage.file_errors import UnsafeFile

MAX_PIXELS = 60_000_000
FORMATS = {"png": "PNG", "jpeg": "JPEG"}
_UNREADABLE = (OSError, ValueError, SyntaxError, EOFError, struct.error, IndexError,
               KeyError, ZeroDivisionError)


def clean_image(data: BinaryIO, kind: str) -> io.BytesIO:
    """The image re-encoded without metadata; UnsafeFile if too large or unreadable."""
    image_format = FORMATS[kind]
    data.seek(0)
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(data, formats=[image_format]) as image:
                width, height = image.size
                if width <= 0 or height <= 0 or width * height > MAX_PIXELS:
                    raise UnsafeFile("This image has too many pixels")
                image.load()
                clean = ImageOps.exif_transpose(image)
                icc_profile = image.info.get("icc_profile")
                transparency = image.info.get("transparency")
        except UnsafeFile:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise UnsafeFile("This image has too many pixels") from exc
        except _UNREADABLE as exc:
            raise UnsafeFile("This image could not be read") from exc
    clean.info = {} if transparency is None else {"transparency": transparency}
    options: dict[str, object] = {"quality": 95} if image_format == "JPEG" else {}
    if icc_profile:
        options["icc_profile"] = icc_profile  # colour profile only: no personal data
    out = io.BytesIO()
    try:
        clean.save(out, image_format, **options)
    except _UNREADABLE as exc:
        raise UnsafeFile("This image could not be read") from exc
    out.seek(0)
    return out
