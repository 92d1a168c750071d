"""What an upload costs on the server: content check, Pillow re-encode and thumbnail (images),
encryption and the write to the storage, then reading one back (decryption) and signing URLs.

    DEBUG=1 ENV_FILE= .venv/bin/python benchmarks/attachments_upload.py [--repeat 5]

No database: the pieces of ``attachments.services.create`` are timed without its row insert
(one INSERT). Files go to a temporary FileSystemStorage. Inputs are made with a fixed seed: a
12-megapixel camera JPEG (4000×3000, noise so it does not compress to nothing, with EXIF/GPS), a
1080p PNG screenshot, a 10 MB PDF. Prints one JSON object: median and max milliseconds per step.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from PIL import ExifTags, Image  # noqa: E402

from attachments import images, signing, storage  # noqa: E402
from attachments.sniffing import sniff  # noqa: E402


def camera_jpeg(rng: random.Random) -> bytes:
    noise = Image.frombytes("RGB", (4000, 3000), rng.randbytes(4000 * 3000 * 3))
    exif = Image.Exif()
    exif[0x010F] = "BenchCam"
    exif.get_ifd(ExifTags.IFD.GPSInfo).update({1: "N", 2: (39.0, 54.0, 27.0)})
    out = io.BytesIO()
    noise.resize((4000, 3000)).save(out, "JPEG", quality=85, exif=exif)
    return out.getvalue()


def screenshot_png() -> bytes:
    image = Image.new("RGB", (1920, 1080), "white")
    for y in range(0, 1080, 40):
        image.paste((30, 90, 200), (0, y, 1920, y + 20))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def timed(fn, repeat: int) -> dict[str, float]:
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - started) * 1000)
    return {"median_ms": round(statistics.median(runs), 1), "max_ms": round(max(runs), 1)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    rng = random.Random(0)
    inputs = {
        "camera_jpeg_12mp": camera_jpeg(rng),
        "screenshot_png_1080p": screenshot_png(),
        "pdf_10mb": b"%PDF-1.7\n" + rng.randbytes(10 * 1024 * 1024 - 16),
    }
    results: dict[str, object] = {"sizes_bytes": {k: len(v) for k, v in inputs.items()}}
    with tempfile.TemporaryDirectory() as folder:
        settings.STORAGES = {
            **settings.STORAGES,
            "attachments": {
                "BACKEND": "django.core.files.storage.FileSystemStorage",
                "OPTIONS": {"location": folder},
            },
        }
        from django.core.files.storage import storages

        storages._storages = {}
        storages.backends = settings.STORAGES
        for name, data in inputs.items():
            kind = sniff(data)
            assert kind is not None
            steps: dict[str, object] = {}
            if kind.kind == "image":
                steps["reencode_and_thumbnail"] = timed(
                    lambda data=data, kind=kind: images.reencode(data, kind), args.repeat
                )
                data = images.reencode(data, kind).data
            steps["encrypt_and_store"] = timed(
                lambda data=data: storage.save("bench/file", data), args.repeat
            )
            key = storage.save("bench/read", data)
            steps["read_and_decrypt"] = timed(lambda key=key: storage.read(key), args.repeat)
            results[name] = steps
        started = time.perf_counter()
        for n in range(1000):
            signing.url("00000000-0000-0000-0000-000000000001", f"v:{n:064d}")
        # 1,000 URLs: the total in ms is the time of one in µs.
        results["sign_url_us_each"] = round((time.perf_counter() - started) * 1000, 1)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
