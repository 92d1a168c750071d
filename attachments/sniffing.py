"""What a file is, by its content (magic bytes), never by its name or the client's MIME type.

The allow-list (issue 20): JPEG, PNG, WebP, GIF, HEIC (converted to JPEG), PDF and MP4. Anything
else, SVG and HTML included whatever they are called, is refused.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FileType:
    content_type: str
    extension: str
    kind: str  # "image", "video" or "file"
    pillow_format: str = ""  # what Pillow writes for the re-encoded image


JPEG = FileType("image/jpeg", "jpg", "image", "JPEG")
PNG = FileType("image/png", "png", "image", "PNG")
WEBP = FileType("image/webp", "webp", "image", "WEBP")
GIF = FileType("image/gif", "gif", "image", "GIF")
HEIC = FileType("image/heic", "heic", "image", "JPEG")  # re-encoded as JPEG
PDF = FileType("application/pdf", "pdf", "file")
MP4 = FileType("video/mp4", "mp4", "video")

# ISO base media "ftyp" brands: HEIF stills on one side, MP4 video on the other.
HEIF_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1"}
MP4_BRANDS = {
    b"isom",
    b"iso2",
    b"iso3",
    b"iso4",
    b"iso5",
    b"iso6",
    b"mp41",
    b"mp42",
    b"avc1",
    b"M4V ",
    b"mp4v",
    b"dash",
    b"MSNV",
    b"3gp4",
    b"3gp5",
    b"3g2a",
    b"qt  ",
}


def sniff(data: bytes) -> FileType | None:
    """The allowed type ``data`` is, or None."""
    head = data[:64]
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return GIF
    if head.startswith(b"%PDF-"):
        return PDF
    if len(head) >= 12 and head[4:8] == b"ftyp":
        major = head[8:12]
        box_end = min(int.from_bytes(head[:4], "big"), len(head))
        compatible = {head[i : i + 4] for i in range(16, box_end - 3, 4)}
        if major in HEIF_BRANDS or (major not in MP4_BRANDS and compatible & HEIF_BRANDS):
            return HEIC
        if major in MP4_BRANDS or compatible & MP4_BRANDS:
            return MP4
    return None
