from celery import shared_task

from chatbot import live


@shared_task(ignore_result=True)
def broadcast_console_state() -> None:
    """Tell every open console that the queue or the agents changed. The agents panel is the
    same for everyone and goes along; each console reads the queue it may see itself."""
    from chatbot.console import agents_panel

    live.publish_event(
        live.CONSOLE_GROUP,
        {"type": "console.state", "agents": {"type": "agents", "agents": agents_panel()}},
    )
