"""What routing announces, for the layers above it to act on (chat posts "客服 X 为您服务",
tells the customer and refreshes the consoles; see ``chatbot/receivers.py``). Routing never
imports chat: it only says what happened.

Both signals are sent inside routing's transaction, with ``sender=Conversation``, so a receiver
may write in the same transaction and publish with ``transaction.on_commit``; if routing's
transaction rolls back, so does everything the receivers wrote.
"""

from django.dispatch import Signal

# An agent now has the conversation (automatic assignment, accept, transfer, or an SLA
# re-route straight to the next best agent).
# Arguments: conversation, agent, kind (a ``DecisionKind``), previous_agent (the user who had
# it when it moved from one agent to another without waiting in between, else None),
# previous_team_id (the conversation's team before, which may differ from its team now).
conversation_assigned = Signal()

# The conversation went back to the queue (its agent missed the first-reply SLA and nobody
# else, not even they, can take it now). Sent after it is saved as waiting, before it gets its
# new priority and the queue is served again.
# Arguments: conversation, previous_agent (the user who had it, or None).
conversation_requeued = Signal()

# An agent missed the first-reply SLA and nobody else can take the conversation, so it stays
# with them, flagged (``assignment_reason["sla_breached"]``): supervisors are to be alerted.
# Sent once per breach. Arguments: conversation, agent, limit_seconds.
conversation_sla_kept = Signal()
