from django.urls import path

from desk import views

urlpatterns = [
    path("conversations/", views.conversation_list, name="desk_list"),
    path("labels/", views.label_list, name="desk_labels"),
    path(
        "conversations/<int:pk>/labels/", views.conversation_labels, name="desk_conversation_labels"
    ),
    path("conversations/<int:pk>/actions/", views.conversation_action, name="desk_action"),
    path("conversations/<int:pk>/unsnooze/", views.unsnooze, name="desk_unsnooze"),
    path(
        "conversations/<int:pk>/mentioned/",
        views.mentioned_conversation,
        name="desk_mentioned",
    ),
    path("macros/", views.macro_list, name="desk_macros"),
    path("macros/<int:pk>/", views.macro_detail, name="desk_macro"),
    path("macros/<int:pk>/run/", views.macro_run, name="desk_macro_run"),
    path("mentions/", views.mention_list, name="desk_mentions"),
]
