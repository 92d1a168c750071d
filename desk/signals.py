"""What the desk announces, for automation rules and anything else above it to act on.

Both signals are sent inside the transaction that made the change (``desk.services.labels``),
so a receiver may write in the same transaction; a receiver that does real work should defer it
(``transaction.on_commit`` then a Celery task): labels are applied on agents' clicks and by
rules.
"""

from django.dispatch import Signal

# A label was put on a conversation or a customer.
# sender: the model class labelled (``Conversation`` or ``Customer``).
# Arguments: target (the conversation or customer), label (``desk.models.Label``),
# by (the user who applied it; None when a rule or the system did).
label_added = Signal()

# A label was taken off a conversation or a customer. Same arguments as ``label_added``.
label_removed = Signal()
