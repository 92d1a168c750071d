"""Customer and staff uploads: what is accepted, what is refused, and what is stored."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image

from accounts.roles import Role
from attachments import storage
from attachments.models import Attachment, ShopAttachmentPolicy
from audit.models import AuditEvent
from conversations.models import Conversation
from routing.models import AgentProfile, Team
from tests.attachments.conftest import PDF, jpeg_with_gps, png
from tests.factories import SHOP_ORIGIN


def fetch(client, url, **headers):
    response = client.get(url, **headers)
    return response, b"".join(
        response.streaming_content
    ) if response.streaming else response.content


def test_gps_tagged_jpeg_is_stored_without_exif(upload, client):
    original = jpeg_with_gps()
    response = upload(original, "IMG_0001.jpg")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["kind"] == "image" and body["content_type"] == "image/jpeg"
    # The orientation tag was applied to the pixels before it went: 64×48 on its side.
    assert (body["width"], body["height"]) == (48, 64)
    served, data = fetch(client, body["url"])
    assert served.status_code == 200
    image = Image.open(io.BytesIO(data))
    exif = image.getexif()
    assert not exif.get_ifd(ExifTags.IFD.GPSInfo)
    assert len(exif) == 0 and b"TestCam" not in data
    assert served["Content-Type"] == "image/jpeg"
    assert served["X-Content-Type-Options"] == "nosniff"
    assert served["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert served["Content-Disposition"].startswith("inline")
    thumb, thumb_data = fetch(client, body["thumbnail_url"])
    assert thumb.status_code == 200
    assert max(Image.open(io.BytesIO(thumb_data)).size) <= 320


def test_file_is_encrypted_at_rest(upload):
    original = png()
    body = upload(original, "shot.png").json()
    row = Attachment.objects.get(pk=body["id"])
    with storage.store().open(row.file_key, "rb") as handle:
        raw = handle.read()
    assert b"PNG" not in raw and raw.startswith(b"gAAAA")  # a Fernet token
    assert storage.read(row.file_key).startswith(b"\x89PNG")
    assert row.name == "shot.png" and row.message_id is None


def test_html_renamed_png_is_refused(upload):
    response = upload(b"<!doctype html><script>alert(1)</script>", "cat.png")
    assert response.status_code == 415
    assert response.json()["error"] == "unsupported_type"
    assert "PNG" in response.json()["message"]
    assert not Attachment.objects.exists()


def test_svg_is_refused(upload):
    svg = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script/></svg>'
    for name in ("logo.svg", "logo.png"):
        response = upload(svg, name)
        assert response.status_code == 415, name
        assert response.json()["error"] == "unsupported_type"


def test_png_header_on_html_polyglot_is_rewritten(upload, client):
    """A real PNG with HTML appended: stored as the pixels only."""
    polyglot = png() + b"<html><script>alert(document.cookie)</script></html>"
    body = upload(polyglot, "trick.png").json()
    _, data = fetch(client, body["url"])
    assert b"<script>" not in data and data.startswith(b"\x89PNG")


def test_eleven_megabytes_is_refused_with_the_error_json(upload, settings):
    response = upload(
        b"%PDF-1.4\n" + b"0" * (11 * 1024 * 1024), "big.pdf", HTTP_ACCEPT_LANGUAGE="zh-CN"
    )
    assert response.status_code == 413
    assert response.json() == {"error": "too_large", "message": "文件太大了，最大 10 MB。"}
    assert not Attachment.objects.exists()


def test_the_shop_sets_its_own_limit(upload, shop):
    ShopAttachmentPolicy.objects.create(shop=shop, max_file_mb=1)
    response = upload(PDF + b"0" * (1024 * 1024), "a.pdf", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 413
    assert response.json()["message"] == "The file is too large; the limit is 1 MB."
    assert upload(PDF, "small.pdf").status_code == 201


def test_decompression_bomb_is_refused(upload, settings):
    settings.ATTACHMENT_MAX_PIXELS = 1000
    response = upload(png((100, 100)), "bomb.png")
    assert response.status_code == 413
    assert response.json()["error"] == "too_large"


def test_heic_becomes_jpeg(upload, client):
    import pillow_heif

    out = io.BytesIO()
    pillow_heif.from_pillow(Image.new("RGB", (32, 32), "green")).save(out, quality=80)
    body = upload(out.getvalue(), "IMG_0002.HEIC").json()
    assert body["content_type"] == "image/jpeg" and body["name"] == "IMG_0002.jpg"
    _, data = fetch(client, body["url"])
    assert data.startswith(b"\xff\xd8\xff")


def test_pdf_is_served_as_a_download(upload, client):
    body = upload(PDF, "invoice.pdf").json()
    assert body["kind"] == "file" and "thumbnail_url" not in body
    served, data = fetch(client, body["url"])
    assert data == PDF
    assert served["Content-Disposition"].startswith("attachment;")
    assert "invoice.pdf" in served["Content-Disposition"]


def test_mp4_is_accepted_as_video(upload):
    mp4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 64
    body = upload(mp4, "clip.mp4").json()
    assert body["kind"] == "video" and body["content_type"] == "video/mp4"


def test_upload_needs_a_visitor_token_and_an_allowed_origin(upload):
    assert upload(png(), token="short").status_code == 403
    refused = upload(png(), origin="https://evil.example")
    assert refused.status_code == 403 and refused.json()["error"] == "forbidden"
    assert "Access-Control-Allow-Origin" not in refused


def test_preflight_allows_the_shop_origin(client, shop):
    response = client.options(
        f"/attachments/{shop.site_key}/upload/",
        HTTP_ORIGIN=SHOP_ORIGIN,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
    )
    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == SHOP_ORIGIN
    assert "X-Visitor-Token" in response["Access-Control-Allow-Headers"]


def test_missing_file_is_a_bad_request(client, shop, visitor_token):
    response = client.post(
        f"/attachments/{shop.site_key}/upload/",
        {},
        HTTP_X_VISITOR_TOKEN=visitor_token,
        HTTP_ORIGIN=SHOP_ORIGIN,
    )
    assert response.status_code == 400 and response.json()["error"] == "bad_request"


def test_uploads_are_rate_limited_per_visitor(upload, settings):
    settings.ATTACHMENT_UPLOADS_PER_HOUR = 2
    assert upload(PDF, "1.pdf").status_code == 201
    assert upload(PDF, "2.pdf").status_code == 201
    third = upload(PDF, "3.pdf")
    assert third.status_code == 429 and third.json()["error"] == "rate_limited"


@pytest.fixture
def teams(shop, make_user):
    blue, red = Team.objects.create(name="Blue"), Team.objects.create(name="Red")
    mine = make_user("blue-agent", Role.AGENT)
    other = make_user("red-agent", Role.AGENT)
    AgentProfile.objects.get_or_create(user=mine)[0].teams.add(blue)
    AgentProfile.objects.get_or_create(user=other)[0].teams.add(red)
    conversation = Conversation.objects.create(
        shop=shop, visitor_token_hash="x" * 64, team=blue, status="waiting"
    )
    return mine, other, conversation


def staff_upload(client, user, conversation_id, data=PDF, name="guide.pdf"):
    client.force_login(user)
    return client.post(
        "/attachments/upload/",
        {"conversation": conversation_id, "file": SimpleUploadedFile(name, data)},
    )


def test_staff_upload_in_scope_is_audited(client, teams):
    mine, _other, conversation = teams
    response = staff_upload(client, mine, conversation.pk)
    assert response.status_code == 201, response.content
    row = Attachment.objects.get(pk=response.json()["id"])
    assert row.conversation == conversation and row.uploaded_by == mine
    assert AuditEvent.objects.filter(action="attachments.uploaded", object_id=str(row.pk)).exists()
    served, data = fetch(client, response.json()["url"])
    assert served.status_code == 200 and data == PDF
    assert AuditEvent.objects.filter(action="attachments.downloaded").exists()


def test_staff_out_of_scope_may_not_upload_or_download(client, teams):
    mine, other, conversation = teams
    refused = staff_upload(client, other, conversation.pk)
    assert refused.status_code == 403 and refused.json()["error"] == "forbidden"
    url = staff_upload(client, mine, conversation.pk).json()["url"]
    # The other team's agent with the first agent's URL: refused, and audited.
    client.force_login(other)
    assert client.get(url).status_code == 403
    assert AuditEvent.objects.filter(action="attachments.access_refused").exists()


def test_staff_upload_needs_a_session(client, teams):
    _mine, _other, conversation = teams
    response = client.post("/attachments/upload/", {"conversation": conversation.pk})
    assert response.status_code == 401
