"""What routing announces, for the layers above it to act on (chat posts "客服 X 为您服务",
tells the customer and refreshes the consoles; see ``chatbot/receivers.py``). Routing never
imports chat: it only says what happened.

Both signals are sent inside routing's transaction, with ``sender=Conversation``, so a receiver
may write in the same transaction and publish with ``transaction.on_commit``; if routing's
transaction rolls back, so does everything the receivers wrote.
"""

from django.dispatch import Signal

# An agent now has the conversation (automatic assignment, accept or transfer).
# Arguments: conversation, agent, kind (a ``DecisionKind``).
conversation_assigned = Signal()

# The conversation went back to the queue (its agent missed the first-reply SLA). Sent after
# it is saved as waiting, before it gets its new priority and the queue is served again.
# Arguments: conversation, previous_agent (the user who had it, or None).
conversation_requeued = Signal()
