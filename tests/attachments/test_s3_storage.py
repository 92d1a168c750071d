"""The S3 path: the same uploads, stored in an S3-compatible bucket through django-storages,
against moto's server mode on loopback (a real HTTP S3 API, no network)."""

import boto3
import pytest
from moto.server import ThreadedMotoServer

from attachments.models import Attachment
from tests.attachments.conftest import PDF, jpeg_with_gps

BUCKET = "cs-attachments-test"


@pytest.fixture
def s3(settings, monkeypatch):
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    for name, value in (
        ("AWS_ACCESS_KEY_ID", "testing"),
        ("AWS_SECRET_ACCESS_KEY", "testing"),
        ("AWS_DEFAULT_REGION", "us-east-1"),
    ):
        monkeypatch.setenv(name, value)
    client = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1")
    client.create_bucket(Bucket=BUCKET)
    # What config/settings.py builds when AWS_STORAGE_BUCKET_NAME is set.
    settings.STORAGES = {
        **settings.STORAGES,
        "attachments": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": endpoint,
                "region_name": "us-east-1",
                "access_key": "testing",
                "secret_key": "testing",
                "location": "attachments",
                "default_acl": "private",
                "file_overwrite": False,
            },
        },
    }
    yield client
    server.stop()


def test_upload_serve_and_erase_through_an_s3_bucket(
    s3, upload, client, visitor_token, django_capture_on_commit_callbacks
):
    body = upload(jpeg_with_gps(), "photo.jpg").json()
    row = Attachment.objects.get(pk=body["id"])
    keys = {o["Key"] for o in s3.list_objects_v2(Bucket=BUCKET)["Contents"]}
    assert keys == {f"attachments/{row.file_key}", f"attachments/{row.thumbnail_key}"}
    stored = s3.get_object(Bucket=BUCKET, Key=f"attachments/{row.file_key}")["Body"].read()
    assert stored.startswith(b"gAAAA") and b"JFIF" not in stored  # ciphertext only
    served = client.get(body["url"], HTTP_X_VISITOR_TOKEN=visitor_token)
    assert served.status_code == 200 and served.content.startswith(b"\xff\xd8\xff")

    pdf = upload(PDF, "a.pdf").json()
    assert client.get(pdf["url"]).content == PDF
    with django_capture_on_commit_callbacks(execute=True):
        Attachment.objects.filter(pk=pdf["id"]).delete()
    keys = {o["Key"] for o in s3.list_objects_v2(Bucket=BUCKET).get("Contents", [])}
    assert len(keys) == 2  # the photo and its thumbnail; the PDF is gone
