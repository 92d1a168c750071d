"""The backfill command: resumable, with a progress bar; a key rotation re-indexes."""

import pytest
from django.core.management import call_command

from conversations.models import Message
from profiles.models import Customer
from search import backfill, keys
from search.models import BackfillState, SearchContact, SearchEntry, SearchKey
from search.services import search
from tests.search.conftest import conversation, say

pytestmark = pytest.mark.django_db(transaction=True)


def found(user, query):
    return [r.conversation.pk for r in search(user, query).results]


@pytest.fixture
def stored(org):
    """Five conversations with one message each, stored before search existed (no rows)."""
    convs = []
    for i in range(5):
        conv = conversation(org["shop"], agent=org["ann"], team=org["presales"])
        say(conv, f"退款 order LM2026100{i}")
        convs.append(conv)
    Customer.objects.create(shop=org["shop"], phone="13800138000")
    SearchEntry.objects.all().delete()
    SearchContact.objects.all().delete()
    return convs


def test_backfill_indexes_what_has_no_row(org, stored, capsys):
    assert found(org["ann"], "退款") == []
    call_command("search_backfill", "--batch-size", "2")
    out = capsys.readouterr()
    assert "Indexed 5 of 5 messages read and 1 customers" in out.out
    assert "messages: 100%" in out.err  # the progress bar
    assert sorted(found(org["ann"], "退款")) == sorted(c.pk for c in stored)
    assert found(org["ann"], "LM20261003") == [stored[3].pk]


def test_an_interrupted_backfill_goes_on_where_it_stopped(org, stored, capsys):
    batches = []

    def stop_after_two(n):
        batches.append(n)
        if len(batches) == 2:
            raise backfill.Interrupted

    with pytest.raises(backfill.Interrupted):
        backfill.run(batch_size=2, on_batch=stop_after_two)
    assert SearchEntry.objects.count() == 4
    checkpoint = BackfillState.objects.get(name="messages").last_id
    assert checkpoint == sorted(Message.objects.values_list("pk", flat=True))[3]
    call_command("search_backfill", "--batch-size", "2", "--no-progress")
    out = capsys.readouterr().out
    assert f"Went on after message {checkpoint}" in out
    assert "Indexed 1 of 1 messages read" in out
    assert SearchEntry.objects.count() == 5
    assert len(found(org["ann"], "退款")) == 5


def test_key_rotation_reindexes_and_search_works_throughout(org, stored, settings):
    call_command("search_backfill", "--no-progress")
    old = keys.current_key()
    before = {e.message_id: e.tokens for e in SearchEntry.objects.all()}
    settings.SEARCH_KEY_VERSION = old.version + 1
    new = keys.current_key()
    assert new.id != old.id
    # A message stored after the switch is hashed with the new key; the old rows are still
    # found through the old key until the backfill is done.
    late = conversation(org["shop"], agent=org["ann"], team=org["presales"])
    say(late, "退款 again")
    assert SearchEntry.objects.get(message__conversation=late).key_id == new.id
    assert len(found(org["ann"], "退款")) == 6
    call_command("search_backfill", "--no-progress")
    assert set(SearchEntry.objects.values_list("key_id", flat=True)) == {new.id}
    assert set(SearchContact.objects.values_list("key_id", flat=True)) == {new.id}
    after = {e.message_id: e.tokens for e in SearchEntry.objects.all()}
    assert all(set(after[m]).isdisjoint(before[m]) for m in before)  # really new hashes
    assert SearchKey.objects.get(pk=old.id).retired_at is not None
    assert len(found(org["ann"], "退款")) == 6
    assert found(org["ann"], "LM20261003") == [stored[3].pk]


def test_a_new_blind_index_key_makes_a_new_search_key(org, stored, settings):
    call_command("search_backfill", "--no-progress")
    old = keys.current_key()
    settings.BLIND_INDEX_KEY = "another-master-key"
    keys.clear_cache()
    assert keys.current_key().id != old.id
    assert found(org["ann"], "退款") == []  # old rows cannot be matched with the new master
    call_command("search_backfill", "--no-progress")
    assert len(found(org["ann"], "退款")) == 5
