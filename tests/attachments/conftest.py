import io
import secrets
import uuid

import pytest
from PIL import ExifTags, Image

from tests.chatbot.conftest import agent, shop_data  # noqa: F401 (fixtures for the chat tests)
from tests.factories import SHOP_ORIGIN


def jpeg_with_gps(size=(64, 48)) -> bytes:
    """A camera photo: maker, orientation and a GPS position in its EXIF."""
    image = Image.new("RGB", size, "red")
    exif = Image.Exif()
    exif[0x010F] = "TestCam"
    exif[0x0112] = 6  # rotated 90°: the stored photo is on its side
    exif.get_ifd(ExifTags.IFD.GPSInfo).update(
        {1: "N", 2: (39.0, 54.0, 27.0), 3: "E", 4: (116.0, 23.0, 17.0)}
    )
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def png(size=(40, 30), color="blue") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, "PNG")
    return out.getvalue()


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def shop(db):
    """The shop, in a test rolled back at the end (much faster than the suite's transactional
    one); websocket tests ask for ``live_shop`` instead."""
    from tests.factories import make_shop

    return make_shop(origins=SHOP_ORIGIN)


@pytest.fixture
def live_shop(transactional_db):
    from tests.factories import make_shop

    return make_shop(origins=SHOP_ORIGIN)


@pytest.fixture
def visitor_token() -> str:
    return secrets.token_urlsafe(24)


@pytest.fixture
def upload(client, shop, visitor_token):
    """POST a file to the shop's customer upload endpoint as the widget does."""

    def _upload(data: bytes, name: str = "photo.jpg", token: str | None = None, **headers):
        from django.core.files.uploadedfile import SimpleUploadedFile

        return client.post(
            f"/attachments/{shop.site_key}/upload/",
            {"file": SimpleUploadedFile(name, data, content_type="image/png")},
            HTTP_X_VISITOR_TOKEN=token or visitor_token,
            HTTP_ORIGIN=headers.pop("origin", SHOP_ORIGIN),
            **headers,
        )

    return _upload


@pytest.fixture(autouse=True)
def upload_counters_per_test(settings):
    """Upload rate counters live in the shared Redis for an hour: each test counts from zero."""
    settings.ATTACHMENT_RATE_NAMESPACE = uuid.uuid4().hex


@pytest.fixture(autouse=True)
def attachment_files_in_tmp(settings, tmp_path):
    """Each test stores its files in its own directory, never under the checkout's MEDIA_ROOT."""
    settings.STORAGES = {
        **settings.STORAGES,
        "attachments": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "attachments")},
        },
    }
