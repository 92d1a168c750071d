"""Images are re-encoded with Pillow before they are stored: only the pixels survive, so EXIF
(GPS position, camera serial), comments and anything appended to the file (a polyglot that is
also HTML or a ZIP) are gone. HEIC photos become JPEG. A decompression bomb is refused before
it is decoded, and every image gets a small JPEG thumbnail for the transcript."""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

import pillow_heif
from django.conf import settings
from PIL import Image, ImageOps, UnidentifiedImageError

from attachments.sniffing import FileType

pillow_heif.register_heif_opener()

THUMBNAIL_SIZE = (320, 320)
# Pillow's formats for each allowed type: a PNG header on a GIF body is not that PNG.
PILLOW_FORMATS = {"JPEG": {"JPEG", "MPO"}, "PNG": {"PNG"}, "WEBP": {"WEBP"}, "GIF": {"GIF"}}
# What an animated GIF needs to keep playing; everything else in ``info`` is dropped.
GIF_KEEP = ("duration", "loop", "transparency", "background")


class ImageRejected(Exception):
    def __init__(self, code: str, detail: str) -> None:
        super().__init__(detail)
        self.code = code
        self.detail = detail


@dataclass(frozen=True)
class Processed:
    data: bytes
    width: int
    height: int
    thumbnail: bytes


def max_pixels() -> int:
    return int(getattr(settings, "ATTACHMENT_MAX_PIXELS", 40_000_000))


def _open(data: bytes, expected: FileType) -> Image.Image:
    Image.MAX_IMAGE_PIXELS = max_pixels()
    try:
        with warnings.catch_warnings():
            # Pillow only warns between 1× and 2× the limit: refuse those too.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            if expected.content_type != "image/heic" and image.format not in PILLOW_FORMATS.get(
                expected.pillow_format, set()
            ):
                raise ImageRejected("unsupported_type", "The image is not what it claims to be.")
            frames = getattr(image, "n_frames", 1)
            if image.width * image.height * frames > max_pixels():
                raise ImageRejected("too_large", "The image has too many pixels.")
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ImageRejected("too_large", "The image has too many pixels.") from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as exc:
        raise ImageRejected("unsupported_type", "The image could not be read.") from exc
    return image


def reencode(data: bytes, expected: FileType) -> Processed:
    """The image's pixels in a fresh file of the same format (JPEG for HEIC), and a thumbnail."""
    image = _open(data, expected)
    out = io.BytesIO()
    animated = getattr(image, "is_animated", False)
    if expected.pillow_format == "GIF":
        keep = {k: image.info[k] for k in GIF_KEEP if k in image.info}
        image.info = keep
        image.save(
            out, "GIF", save_all=animated, **{k: v for k, v in keep.items() if k != "background"}
        )
        first = image.copy()
    elif animated:  # an animated WebP keeps its frames; their metadata does not survive
        image.info = {k: image.info[k] for k in ("duration", "loop") if k in image.info}
        image.save(out, "WEBP", save_all=True, quality=85)
        first = image.copy()
    else:
        # The photo upright as the camera meant it, since the orientation tag goes with EXIF.
        image = ImageOps.exif_transpose(image)
        image.info = {}
        if expected.pillow_format == "JPEG" and image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        options = {"quality": 88, "optimize": True} if expected.pillow_format == "JPEG" else {}
        if expected.pillow_format == "WEBP":
            options = {"quality": 88}
        image.save(out, expected.pillow_format, **options)
        first = image
    return Processed(out.getvalue(), image.width, image.height, _thumbnail(first))


def _thumbnail(image: Image.Image) -> bytes:
    thumb = image.copy()
    thumb.thumbnail(THUMBNAIL_SIZE)
    if thumb.mode in ("RGBA", "LA", "P"):
        thumb = thumb.convert("RGBA")
        background = Image.new("RGB", thumb.size, "white")
        background.paste(thumb, mask=thumb.getchannel("A"))
        thumb = background
    elif thumb.mode != "RGB":
        thumb = thumb.convert("RGB")
    out = io.BytesIO()
    thumb.save(out, "JPEG", quality=80)
    return out.getvalue()
