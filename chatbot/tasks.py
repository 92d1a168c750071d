from celery import shared_task

from chatbot import events


@shared_task(ignore_result=True)
def broadcast_console_state() -> None:
    """The waiting queue and the agents panel, sent to every open console."""
    from chatbot.console import agents_panel
    from chatbot.services import queue_frame

    events.publish(events.CONSOLE_GROUP, queue_frame())
    events.publish(events.CONSOLE_GROUP, {"type": "agents", "agents": agents_panel()})
