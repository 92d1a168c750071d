"""The conversation API, mounted at /api/v1/ (the bulk data endpoints live beside it, in
config/urls.py, from profiles.api)."""

from django.urls import path

from api import views

urlpatterns = [
    path("conversations/", views.ConversationList.as_view(), name="api_conversations"),
    path(
        "conversations/<int:conversation_id>/",
        views.ConversationDetail.as_view(),
        name="api_conversation",
    ),
    path(
        "conversations/<int:conversation_id>/messages/",
        views.ConversationMessages.as_view(),
        name="api_conversation_messages",
    ),
    path(
        "conversations/<int:conversation_id>/notes/",
        views.ConversationNotes.as_view(),
        name="api_conversation_notes",
    ),
    path(
        "conversations/<int:conversation_id>/assign/",
        views.ConversationAssign.as_view(),
        name="api_conversation_assign",
    ),
    path(
        "conversations/<int:conversation_id>/transfer/",
        views.ConversationTransfer.as_view(),
        name="api_conversation_transfer",
    ),
    path(
        "conversations/<int:conversation_id>/handoff/",
        views.ConversationHandoff.as_view(),
        name="api_conversation_handoff",
    ),
    path(
        "conversations/<int:conversation_id>/close/",
        views.ConversationClose.as_view(),
        name="api_conversation_close",
    ),
    path(
        "conversations/<int:conversation_id>/snooze/",
        views.ConversationSnooze.as_view(),
        name="api_conversation_snooze",
    ),
    path(
        "conversations/<int:conversation_id>/labels/",
        views.ConversationLabels.as_view(),
        name="api_conversation_labels",
    ),
    path(
        "conversations/<int:conversation_id>/customer/",
        views.ConversationCustomer.as_view(),
        name="api_conversation_customer",
    ),
]
