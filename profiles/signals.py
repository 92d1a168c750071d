"""What happened to a customer record, for the layers above (automation rules, outgoing event
webhooks). Sent once, after the change commits (``conversations.signals.send_on_commit``), with
``sender=Customer``.

- ``customer_merged``: ``customer`` (the record that remains), ``merged_id`` (the primary key
  of the record merged into it, which no longer exists), ``reason`` (what proved they are one
  person: ``code``, ``signed``, ...).
- ``customer_erased``: ``customer_id``, ``shop_id`` (the record is deleted by then; only its
  ids remain), ``reason``.
"""

from django.dispatch import Signal

customer_merged = Signal()
customer_erased = Signal()
