"""Data-subject export includes the files; erasure and the retention purges delete them."""

import base64
import datetime as dt

import pytest
from django.utils import timezone

from attachments import storage
from attachments.models import Attachment
from attachments.services import Uploader, create
from attachments.tasks import purge_unattached_uploads
from conversations.models import Conversation, Message
from profiles import privacy
from profiles.models import Customer
from tests.attachments.conftest import PDF, png


@pytest.fixture
def sent(shop):
    """A customer's conversation with a photo they sent and a PDF an agent sent."""
    customer = Customer.objects.create(shop=shop, external_id="c-1", display_name="张三")
    conversation = Conversation.objects.create(
        shop=shop, customer=customer, visitor_token_hash="v" * 64, status="closed"
    )
    files = []
    for seq, (data, name) in enumerate(((png(), "parcel.png"), (PDF, "label.pdf")), start=1):
        item = create(shop, data, name, Uploader("customer", visitor_token_hash="v" * 64))
        message = Message.objects.create(
            conversation=conversation, seq=seq, sender="customer", text="", payload={}
        )
        Attachment.objects.filter(pk=item.pk).update(message=message, conversation=conversation)
        files.append(Attachment.objects.get(pk=item.pk))
    return customer, conversation, files


def stored(files):
    return [storage.exists(f.file_key) for f in files] + [
        storage.exists(f.thumbnail_key) for f in files if f.thumbnail_key
    ]


def test_export_includes_the_files(sent, make_user):
    customer, _conversation, _files = sent
    data = privacy.export_customer(customer, by=make_user("dpo"))
    messages = data["conversations"][0]["messages"]
    exported = [a for m in messages for a in m.get("attachments", [])]
    assert [a["name"] for a in exported] == ["parcel.png", "label.pdf"]
    assert base64.b64decode(exported[1]["content_base64"]) == PDF
    assert base64.b64decode(exported[0]["content_base64"]).startswith(b"\x89PNG")


def test_erasure_deletes_the_files(sent, make_user, django_capture_on_commit_callbacks):
    customer, conversation, files = sent
    assert all(stored(files))
    with django_capture_on_commit_callbacks(execute=True):
        counts = privacy.erase_customer(customer, by=make_user("dpo"), reason="request")
    assert counts["files"] == 2
    assert not any(stored(files))
    assert not Attachment.objects.filter(conversation=conversation).exists()


def test_retention_purge_deletes_the_files(sent, shop, django_capture_on_commit_callbacks):
    _customer, _conversation, files = sent
    shop.message_retention_days = 30
    shop.save()
    with django_capture_on_commit_callbacks(execute=True):
        privacy.purge_expired_messages(now=timezone.now() + dt.timedelta(days=31))
    assert not any(stored(files))
    assert not Attachment.objects.exists()


def test_unattached_uploads_are_purged_after_a_day(shop, django_capture_on_commit_callbacks):
    old = create(shop, PDF, "old.pdf", Uploader("customer", visitor_token_hash="v" * 64))
    fresh = create(shop, PDF, "new.pdf", Uploader("customer", visitor_token_hash="v" * 64))
    Attachment.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - dt.timedelta(days=1, minutes=1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert purge_unattached_uploads.delay().get() == 1
    assert list(Attachment.objects.values_list("pk", flat=True)) == [fresh.pk]
    assert not storage.exists(old.file_key) and storage.exists(fresh.file_key)
