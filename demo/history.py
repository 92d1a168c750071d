"""Twelve weeks of past conversations for the demo shop, so the supervisor's reports, the
forecast and the unanswered-question topics have something to show on a fresh install."""

from __future__ import annotations

import contextlib
import datetime as dt
import random
from collections.abc import Iterator

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from analytics.rollups import rollup_days
from conversations.models import Conversation, ConversationStatus, Message
from knowledge.models import AnswerLog, Entry
from profiles.models import Customer
from routing.models import Team
from shops.models import Shop

HISTORY_TOKEN = "demo-history"
DAYS = 84
PER_WEEKDAY = [34, 38, 40, 37, 42, 22, 16]  # Monday … Sunday
HOURS = [0, 0, 0, 0, 0, 0, 1, 2, 4, 7, 9, 9, 7, 6, 7, 8, 8, 7, 6, 7, 9, 8, 5, 2]
CHANNELS = ["web"] * 12 + ["wechat"] * 5 + ["sms"] * 2 + ["email"]
UNANSWERED = [
    "可以开增值税专用发票吗",
    "专票怎么开",
    "发票抬头写错了能改吗",
    "下单后还能改收货地址吗",
    "地址填错了怎么办",
    "can I change my delivery address",
    "有礼品包装吗",
    "可以帮忙包装成礼物吗",
    "do you offer gift wrapping",
    "灯泡坏了保修吗",
    "保修期多久",
]


@contextlib.contextmanager
def _keep_given_times() -> Iterator[None]:
    """Let bulk_create store the historical created_at we give instead of "now"."""
    fields = [Conversation._meta.get_field("created_at"), Message._meta.get_field("created_at")]
    fields.append(AnswerLog._meta.get_field("created_at"))
    for field in fields:
        field.auto_now_add = False
    try:
        yield
    finally:
        for field in fields:
            field.auto_now_add = True


FOLLOW_UPS = {
    "zh": ["好的，谢谢", "还有别的办法吗？", "明白了", "那大概要多久？"],
    "en": ["OK, thanks", "Is there another way?", "Got it", "How long will that take?"],
}
AGENT_LINES = {
    "zh": [
        "您好，我来帮您看一下。",
        "已经帮您处理好了，还有其他问题吗？",
        "不客气，祝您购物愉快！",
    ],
    "en": [
        "Hello, let me look into this for you.",
        "That's done. Anything else I can help with?",
        "You're welcome, have a nice day!",
    ],
}
NO_ANSWER = {
    "zh": "抱歉，这个问题我暂时回答不了，我请人工客服来帮您。",
    "en": "Sorry, I can't answer that one myself, so I'm asking a colleague to help you.",
}


def _transcript(
    turns: list[str], question: str, answer: str, language: str, words: random.Random
) -> list[str]:
    """The text of each turn: the logged question first, then the bot's answer (the entry's,
    as stored: safe HTML) or its apology, follow-ups, and the agent's lines."""
    lang = "en" if language.startswith("en") else "zh"
    agent_lines = iter(AGENT_LINES[lang])
    texts, asked = [], False
    for sender in turns:
        if sender == "customer":
            texts.append(words.choice(FOLLOW_UPS[lang]) if asked else question)
            asked = True
        elif sender == "bot":
            texts.append(answer or NO_ANSWER[lang])
        else:
            texts.append(next(agent_lines, AGENT_LINES[lang][-1]))
    return texts


@transaction.atomic
def seed_history(shop: Shop) -> int:
    """Returns the number of conversations created (0 when the history is already there)."""
    if Conversation.objects.filter(shop=shop, visitor_token_hash=HISTORY_TOKEN).exists():
        return 0
    rng = random.Random(84)
    agents = list(get_user_model().objects.filter(username__in=["agent1", "agent2"]))
    # Each past conversation belongs to its agent's team, as routing would have set it.
    team_of = {
        user_id: team_id
        for team_id, user_id in Team.objects.filter(agents__user__in=agents).values_list(
            "pk", "agents__user_id"
        )
    }
    customers = list(Customer.objects.filter(shop=shop))
    entries = list(Entry.objects.filter(status="published")[:40])
    today = timezone.localdate()
    zone = timezone.get_current_timezone()
    conversations: list[Conversation] = []
    plans: list[list[str]] = []
    for back in range(DAYS, 0, -1):
        day = today - dt.timedelta(days=back)
        for _ in range(round(PER_WEEKDAY[day.weekday()] * rng.uniform(0.85, 1.15))):
            hour = rng.choices(range(24), weights=HOURS)[0]
            start = dt.datetime.combine(day, dt.time(hour, rng.randrange(60)), tzinfo=zone)
            c = Conversation(
                shop=shop,
                customer=rng.choice(customers) if customers and rng.random() < 0.4 else None,
                visitor_token_hash=HISTORY_TOKEN,
                channel=rng.choice(CHANNELS),
                language=rng.choice(["zh", "zh", "zh", "en"]),
                status=ConversationStatus.CLOSED,
                created_at=start,
                closed_at=start + dt.timedelta(minutes=rng.randint(2, 15)),
                mood=round(max(-1.0, min(1.0, rng.gauss(0.1, 0.35))), 2),
            )
            if agents and rng.random() < 0.3:
                c.queued_at = start + dt.timedelta(seconds=rng.randint(30, 120))
                c.assigned_at = c.queued_at + dt.timedelta(seconds=rng.randint(5, 240))
                c.first_agent_reply_at = c.assigned_at + dt.timedelta(seconds=rng.randint(10, 300))
                c.closed_at = c.first_agent_reply_at + dt.timedelta(minutes=rng.randint(3, 30))
                c.assigned_agent = rng.choice(agents)
                c.team_id = team_of.get(c.assigned_agent.pk)
                if rng.random() < 0.6:
                    c.csat_score = rng.choices([1, 2, 3, 4, 5], weights=[1, 1, 3, 8, 12])[0]
            turns = ["customer", "bot"] * rng.randint(1, 2)
            if c.assigned_agent_id:
                turns += ["agent", "customer", "agent"]
            c.last_seq = len(turns)
            conversations.append(c)
            plans.append(turns)
    # What was said, from its own generator so the volumes above stay what they were.
    words = random.Random(85)
    answers = {entry.pk: entry.answer for entry in entries}
    with _keep_given_times():
        Conversation.objects.bulk_create(conversations, batch_size=1000)
        messages, logs = [], []
        for c, turns in zip(conversations, plans, strict=True):
            at = c.created_at
            times = []
            for _ in turns:
                at += dt.timedelta(seconds=rng.randint(5, 90))
                times.append(at)
            question, answer = words.choice(UNANSWERED), ""
            if entries:
                entry = rng.choice(entries)
                answered = rng.random() < 0.85
                question = entry.question if answered else rng.choice(UNANSWERED)
                answer = answers[entry.pk] if answered else ""
                logs.append(
                    AnswerLog(
                        created_at=c.created_at,
                        question=question,
                        language="zh-Hans",
                        channel=c.channel,
                        entry=entry if answered else None,
                        answered=answered,
                        confidence=0.9 if answered else 0.2,
                        latency_ms=3.0,
                        feedback=rng.choice([None, None, 1, -1]) if answered else None,
                    )
                )
            # Real words, not placeholders: the console previews past conversations by their
            # first customer message, and the transcripts open from the reports.
            said = _transcript(turns, question, answer, c.language, words)
            for seq, (sender, at, text) in enumerate(zip(turns, times, said, strict=True), 1):
                messages.append(
                    Message(
                        conversation=c,
                        seq=seq,
                        sender=sender,
                        agent_id=c.assigned_agent_id if sender == "agent" else None,
                        text=text,
                        created_at=at,
                    )
                )
        Message.objects.bulk_create(messages, batch_size=2000)
        AnswerLog.objects.bulk_create(logs, batch_size=2000)
    rollup_days(today - dt.timedelta(days=back) for back in range(DAYS + 1))
    return len(conversations)
