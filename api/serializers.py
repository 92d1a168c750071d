"""Request bodies (validated here) and response shapes (for the OpenAPI schema) of the
conversation API. The conversation and message shapes are those of the event webhooks
(``webhooks.schema``) plus what only the API knows (labels, snooze, private notes)."""

from __future__ import annotations

from rest_framework import serializers

from chatbot.services.validation import MAX_TEXT_CHARS
from conversations.models import ConversationStatus
from webhooks.schema import ConversationData, MessageData


class Problem(serializers.Serializer):
    code = serializers.CharField(help_text="Machine-readable: not_found, invalid_field, …")
    detail = serializers.CharField(help_text="What went wrong, for a person.")


class ApiConversation(ConversationData):
    labels = serializers.ListField(child=serializers.CharField(), help_text="Label names.")
    snoozed = serializers.BooleanField()
    snoozed_until = serializers.DateTimeField(allow_null=True)
    mood = serializers.FloatField(help_text="Smoothed customer mood, -1 (upset) to 1 (happy).")
    csat_score = serializers.IntegerField(allow_null=True, help_text="1-5 once rated.")
    status = serializers.ChoiceField(choices=ConversationStatus.values)


class ConversationPage(serializers.Serializer):
    count = serializers.IntegerField(help_text="Conversations matching the filters.")
    next = serializers.URLField(allow_null=True, help_text="The next page's URL, or null.")
    previous = serializers.URLField(allow_null=True)
    results = ApiConversation(many=True)


class ApiMessage(MessageData):
    private = serializers.BooleanField(help_text="A private note, never shown to the customer.")


class Transcript(serializers.Serializer):
    conversation = ApiConversation()
    messages = ApiMessage(many=True)
    has_more = serializers.BooleanField(help_text="Ask again with after_seq = the last seq.")


class MessageIn(serializers.Serializer):
    text = serializers.CharField(
        max_length=MAX_TEXT_CHARS, help_text="Plain text, up to 2,000 characters."
    )
    sender = serializers.ChoiceField(
        choices=["bot", "agent"],
        help_text=(
            '"bot": an external bot\'s answer, while the conversation is with the bot. '
            '"agent": in the name of the agent who holds the conversation.'
        ),
    )
    client_id = serializers.CharField(
        required=False,
        max_length=32,
        help_text="Your idempotency key (letters, digits, _.:-): a retried POST is stored once.",
    )


class PostedMessage(serializers.Serializer):
    message = ApiMessage()
    duplicate = serializers.BooleanField(help_text="True when client_id was stored already.")


class NoteIn(serializers.Serializer):
    text = serializers.CharField(max_length=MAX_TEXT_CHARS)


class AssignIn(serializers.Serializer):
    agent = serializers.CharField(
        required=False, max_length=150, help_text="The agent's user id or username."
    )
    team = serializers.CharField(required=False, max_length=100, help_text="Team id or name.")


class SnoozeIn(serializers.Serializer):
    until = serializers.DateTimeField(
        required=False, help_text="ISO 8601 with offset, within 90 days."
    )
    minutes = serializers.IntegerField(required=False, min_value=1, max_value=129600)
    until_reply = serializers.BooleanField(
        required=False, default=False, help_text="Wake up when the customer writes."
    )


class LabelsIn(serializers.Serializer):
    labels = serializers.ListField(
        child=serializers.CharField(max_length=40),
        max_length=20,
        help_text="Exactly these labels (names of the shop's labels); [] removes all.",
    )


class LabelsOut(serializers.Serializer):
    labels = serializers.ListField(child=serializers.CharField())


class ActionResult(serializers.Serializer):
    conversation = ApiConversation()
    result = serializers.DictField(help_text="What the action changed.")


class Contact(serializers.Serializer):
    phone = serializers.CharField(help_text='Masked ("+86 138****8000") without contacts:read.')
    email = serializers.CharField(help_text='Masked ("a***@example.com") without contacts:read.')


class CustomerProfile(serializers.Serializer):
    customer_id = serializers.IntegerField()
    external_id = serializers.CharField(help_text="The shop's own id for the customer.")
    display_name = serializers.CharField(help_text="Only its first letter without contacts:read.")
    contact = Contact()
    contact_masked = serializers.BooleanField()
    segments = serializers.ListField(child=serializers.CharField())
    is_vip = serializers.BooleanField()
    orders = serializers.ListField(child=serializers.DictField())
    orders_total = serializers.IntegerField()
    past_conversations = serializers.ListField(child=serializers.DictField())
