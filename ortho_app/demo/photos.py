"""Generated intraoral-looking photos for demo scans (no real patient images, ever)."""

from __future__ import annotations

import io
import random

from PIL import Image, ImageDraw


def scan_photo(seed: int, view: str) -> bytes:
    rng = random.Random(seed)
    image = Image.new("RGB", (480, 320), (120 + rng.randrange(30), 40, 50))
    draw = ImageDraw.Draw(image)
    draw.ellipse((30, 60, 450, 300), fill=(170, 60, 70))  # lips and gums
    for tooth in range(8):
        x = 70 + tooth * 44
        top = 120 + abs(3.5 - tooth) * 6 + rng.randrange(4)
        draw.rounded_rectangle((x, top, x + 38, top + 70), radius=10,
                               fill=(238, 232, 215), outline=(200, 195, 180))
    draw.text((12, 10), f"{view} view", fill=(255, 255, 255))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80)
    return out.getvalue()
