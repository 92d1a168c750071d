"""Everything `make run` puts in a fresh installation so a newcomer can try each feature.

Idempotent: running it again leaves existing demo data alone (edits made since survive).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction

from chatbot.models import CannedReply
from demo.catalog import seed_catalog
from demo.categories import category_name
from demo.users import DEMO_USERS, seed_demo_users
from knowledge.models import (
    Category,
    DictionaryTerm,
    Entry,
    EntryAnswer,
    SimilarQuestion,
    Status,
    Tag,
)
from knowledge.services import record_entry_change
from routing.models import AgentProfile
from shops.models import Shop

DEMO_SITE_KEY = "demo-shop"
DEMO_ORIGINS = "http://127.0.0.1:8000\nhttp://localhost:8000"
CANNED_REPLIES = [
    ("问候 Greeting", "您好，我是客服，很高兴为您服务！Hello, happy to help!"),
    ("稍等 One moment", "请稍等，我帮您查询一下。One moment please, let me check."),
    ("结束 Closing", "还有其他可以帮您的吗？Is there anything else I can help with?"),
    ("退货地址 Return address", "退货请寄回：上海市示例区演示路 1 号 Lumen 仓库。"),
]


@dataclass
class SeedReport:
    users: int = 0
    entries: int = 0
    history: int = 0
    model_version: int | None = None
    notes: list[str] = field(default_factory=list)


def category_for(path: str) -> Category:
    """The category for a demo path such as "Shipping / Couriers", created under its Chinese
    names (配送 / 快递公司): the demo shop's editors work in Chinese."""
    parent = None
    for name in [p.strip() for p in path.split("/") if p.strip()]:
        parent = Category.objects.get_or_create(name=category_name(name), parent=parent)[0]
    assert parent is not None
    return parent


@transaction.atomic
def seed_shop() -> Shop:
    shop, _ = Shop.objects.get_or_create(
        site_key=DEMO_SITE_KEY,
        defaults={"name": "Lumen 光影生活馆", "allowed_origins": DEMO_ORIGINS},
    )
    return shop


DEMO_WEBHOOK_KEY = "demo-webhook"
DEMO_WEBHOOK_SECRET = "demo-signing-secret"  # a demo value: the README prints it


@transaction.atomic
def seed_channels(shop: Shop) -> None:
    """A generic webhook channel a newcomer can post to with curl (README, "Channels"). Its
    replies go to a port nobody listens on, so they show the retries and end as dead letters
    in the admin; real channels are added in the admin with the provider's credentials."""
    import json

    from gateway.models import ChannelAccount, ChannelKind

    ChannelAccount.objects.get_or_create(
        webhook_key=DEMO_WEBHOOK_KEY,
        defaults={
            "shop": shop,
            "kind": ChannelKind.WEBHOOK,
            "name": "Demo platform",
            "settings": {"outbound_url": "http://127.0.0.1:9/replies"},
            "secrets": json.dumps({"signing_secret": DEMO_WEBHOOK_SECRET}),
        },
    )


@transaction.atomic
def seed_webhooks(shop: Shop) -> None:
    """One event webhook subscription, to the demo echo receiver of this very server
    (``/webhooks/echo/``, on with DEBUG): it checks each delivery's signature and logs it, so
    the ``make run`` log and the admin (Webhook deliveries) show events being delivered."""
    import os

    from webhooks.models import EventType, WebhookSubscription

    port = os.environ.get("WEB_PORT", "8000")
    WebhookSubscription.objects.get_or_create(
        shop=shop,
        name="Demo echo",
        defaults={
            "url": f"http://127.0.0.1:{port}/webhooks/echo/",
            "event_types": list(EventType.values),
        },
    )


DEMO_RULE_REFUND = "退款优先 Refunds first"
DEMO_RULE_LOW_RATING = "差评提醒 Low rating alert"


@transaction.atomic
def seed_automation(shop: Shop) -> None:
    """Two example automation rules (admin → Automation rules), and the demo supervisor as the
    shop's supervisor, so they may edit them: a customer asking for a refund is moved up with
    a note for the agent; a rating of 2 or less e-mails the supervisor and goes to the demo
    echo webhook. The shipped "close after 30 minutes" default exists already."""
    from django.contrib.auth import get_user_model

    from automation.models import Event, Rule, ShopSupervisor
    from webhooks.models import EventType, WebhookSubscription

    supervisor = get_user_model().objects.filter(username="supervisor").first()
    if supervisor is not None:
        if not supervisor.email:
            supervisor.email = "supervisor@demo.invalid"
            supervisor.save(update_fields=["email"])
        ShopSupervisor.objects.get_or_create(shop=shop, user=supervisor)
    Rule.objects.get_or_create(
        shop=shop,
        name=DEMO_RULE_REFUND,
        defaults={
            "event": Event.CUSTOMER_MESSAGE,
            "conditions": {
                "all": [
                    {"field": "text", "op": "contains", "value": ["退款", "refund"]},
                    {"field": "status", "op": "in", "value": ["bot", "waiting", "assigned"]},
                ]
            },
            "actions": [
                {"action": "set_priority", "params": {"priority": 80}},
                {"action": "add_note", "params": {"text": "客户申请退款，请优先处理。"}},
            ],
            "order": 10,
            "stop_after": True,
        },
    )
    echo = WebhookSubscription.objects.filter(shop=shop, name="Demo echo").first()
    actions = [
        {
            "action": "email_supervisors",
            "params": {"subject": "差评提醒 Low rating", "text": "一位客户给了 2 分或更低的评价。"},
        }
    ]
    if echo is not None:
        actions.append(
            {
                "action": "send_webhook",
                "params": {"subscription": echo.pk, "event_type": EventType.CSAT_SUBMITTED},
            }
        )
    Rule.objects.get_or_create(
        shop=shop,
        name=DEMO_RULE_LOW_RATING,
        defaults={
            "event": Event.CSAT_SUBMITTED,
            "conditions": {"all": [{"field": "csat_score", "op": "lte", "value": 2}]},
            "actions": actions,
            "order": 10,
        },
    )


@transaction.atomic
def seed_knowledge() -> int:
    """Publish the demo knowledge base unless entries already exist."""
    from demo.kb_data import DEMO_KB  # large: loaded only when seeding
    from demo.kb_translations import variants_of

    if Entry.objects.exists():
        return 0
    for item in DEMO_KB:
        entry = Entry.objects.create(
            question=item["question"],
            intent=item["intent"],
            category=category_for(item["category"]),
            language=item["language"],
            status=Status.PUBLISHED,
        )
        SimilarQuestion.objects.bulk_create(
            SimilarQuestion(entry=entry, text=text[:300]) for text in dict.fromkeys(item["similar"])
        )
        EntryAnswer.objects.bulk_create(
            EntryAnswer(entry=entry, language=language, question=question, answer=answer)
            for language, (question, answer) in variants_of(item).items()
        )
        entry.tags.set([Tag.objects.get_or_create(name=t)[0] for t in item["tags"]])
        record_entry_change(entry, None, "seeded", retrain=False)
    seed_dictionary()
    return len(DEMO_KB)


def seed_dictionary() -> None:
    """The demo's synonyms (demo.kb_dictionary), each with the audit record an admin edit
    leaves."""
    from audit.services import record
    from demo.kb_dictionary import DEMO_SYNONYMS

    for term, canonical in DEMO_SYNONYMS.items():
        row, created = DictionaryTerm.objects.get_or_create(
            term=term, defaults={"canonical": canonical}
        )
        if created:
            record(
                "knowledge.dictionaryterm.created",
                obj=row,
                changes={"term": [None, term], "canonical": [None, canonical]},
            )


# Two teams, each agent strong in their own area and able to help in the other's.
DEMO_TEAMS = {
    "售前组": {"agent1": {"products": 5, "orders": 2}},
    "售后组": {"agent2": {"orders": 5, "returns": 4, "products": 2}},
}


@transaction.atomic
def seed_console() -> None:
    from django.contrib.auth import get_user_model

    from routing.models import AgentSkill, Skill, Team

    for title, text in CANNED_REPLIES:
        CannedReply.objects.get_or_create(title=title, defaults={"text": text})
    users = get_user_model().objects
    for demo in DEMO_USERS:
        if demo.role.value in ("agent", "supervisor"):
            user = users.get(username=demo.username)
            AgentProfile.objects.get_or_create(user=user, defaults={"capacity": 4})
    for team_name, members in DEMO_TEAMS.items():
        team = Team.objects.get_or_create(name=team_name)[0]
        for username, skills in members.items():
            profile = AgentProfile.objects.get(user=users.get(username=username))
            profile.teams.add(team)
            for skill_name, level in skills.items():
                skill = Skill.objects.get_or_create(name=skill_name)[0]
                AgentSkill.objects.get_or_create(
                    agent=profile, skill=skill, defaults={"level": level}
                )


def seed_all() -> SeedReport:
    from knowledge.training import train_and_store

    report = SeedReport()
    report.users = len(seed_demo_users())
    shop = seed_shop()
    seed_catalog(shop)
    seed_channels(shop)
    seed_webhooks(shop)
    seed_automation(shop)
    report.entries = seed_knowledge()
    seed_console()
    stored = train_and_store("demo seed")
    from profiles.recommendations import train_all

    train_all()  # the nightly job's first run, so suggestions work from the first chat
    from sentiment.model import load_model

    load_model()  # trains the sentiment model on first use (about 10 s), not on a first chat
    from demo.history import seed_history

    report.history = seed_history(shop)
    report.model_version = stored.pk if stored else None
    return report
