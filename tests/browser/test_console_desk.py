"""The desk in the agent console, in Chromium against a real daphne: the work list with its
labels, the keyboard shortcuts ("?" lists them in an accessible dialog; j/k move between
conversations; l, r, n, m, s reach labels, the reply box, notes, macros and snooze), and a label
applied without the mouse."""

from __future__ import annotations

import pytest

pytest.importorskip("playwright", reason="pip install playwright (requirements-dev.txt)")

from playwright.sync_api import expect

from accounts.roles import Role
from chatbot.services import append_message
from conversations.models import Conversation, ConversationStatus, Sender
from desk.models import ConversationLabel, Label, Macro, Snooze
from profiles.models import Customer
from routing.models import AgentProfile, Presence, Team
from tests.browser.conftest import login, screenshot, wait_for

pytestmark = [pytest.mark.browser, pytest.mark.multiprocess]


@pytest.fixture
def desk_day(shop, make_user):
    ann = make_user("ann", Role.AGENT)
    team = Team.objects.create(name="Returns")
    AgentProfile.objects.create(user=ann, presence=Presence.ONLINE, capacity=5).teams.add(team)
    refund = Label.objects.create(shop=shop, name="refund", colour="#dc2626")
    Label.objects.create(shop=shop, name="vip", colour="#7c3aed")
    Label.objects.create(shop=shop, name="broken item", colour="#0891b2")
    conversations = []
    for number, (who, text) in enumerate(
        [("li-lei", "The lid arrived broken"), ("han-mei", "我想退货，怎么操作？")]
    ):
        customer = Customer.objects.create(shop=shop, external_id=who, display_name=who)
        conversation = Conversation.objects.create(
            shop=shop,
            customer=customer,
            visitor_token_hash=str(number) * 64,
            status=ConversationStatus.ASSIGNED,
            assigned_agent=ann,
            team=team,
            priority=5 - number,
        )
        append_message(conversation, Sender.CUSTOMER, text)
        conversations.append(conversation)
    ConversationLabel.objects.create(conversation=conversations[0], label=refund)
    Macro.objects.create(
        name="Ask for a photo",
        owner=ann,
        actions=[
            {"action": "add_label", "params": {"label": "broken item"}},
            {"action": "add_note", "params": {"text": "asked for a photo"}},
        ],
    )
    return conversations


def test_shortcuts_labels_and_macros_from_the_keyboard(platform, desk_day, open_page):
    first, second = desk_day
    _, page, _ = open_page("agent")
    login(page, platform, "ann")
    page.goto(f"{platform.url}/console/")
    expect(page.get_by_test_id("connection")).to_have_attribute("data-state", "online")

    items = page.get_by_test_id("desk-list").get_by_test_id("desk-item")
    expect(items).to_have_count(2)
    lilei = items.filter(has_text="li-lei")
    expect(lilei.get_by_test_id("label-chip")).to_have_text("refund")
    expect(page.get_by_test_id("desk-view")).to_contain_text("Mine (2)")

    # "?" opens the list of shortcuts: a modal dialog with a name, closed with Escape, and the
    # focus goes back where it was.
    page.locator("body").press("?")
    dialog = page.get_by_role("dialog", name="Keyboard shortcuts")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_test_id("shortcut")).to_have_count(11)
    expect(dialog).to_contain_text("Next conversation")
    expect(page.get_by_test_id("shortcuts-close")).to_be_focused()
    page.keyboard.press("Escape")
    expect(dialog).to_have_count(0)

    # j and k move through the list (last activity first), opening each conversation. The
    # console puts the focus in the reply box once the transcript is there; Escape leaves it.
    title = page.get_by_test_id("conversation-title")
    chips = page.get_by_test_id("conversation-labels").locator(".desk-name")

    def opened(name: str, said: str) -> None:
        expect(title).to_contain_text(name)
        expect(page.get_by_test_id("transcript")).to_contain_text(said)
        expect(page.get_by_test_id("reply-input")).to_be_focused()
        page.keyboard.press("Escape")

    page.keyboard.press("j")
    opened("han-mei", "我想退货")
    page.keyboard.press("j")
    opened("li-lei", "The lid arrived broken")
    expect(chips).to_have_text(["refund"])
    page.keyboard.press("k")
    opened("han-mei", "我想退货")
    page.keyboard.press("j")
    opened("li-lei", "The lid arrived broken")

    # l reaches the label picker; the rest is Tab and Enter.
    page.keyboard.press("l")
    picker = page.get_by_test_id("label-select")
    expect(picker).to_be_focused()
    picker.select_option(label="vip")
    page.keyboard.press("Tab")  # "on the customer"
    page.keyboard.press("Tab")
    expect(page.get_by_test_id("label-apply")).to_be_focused()
    page.keyboard.press("Enter")
    expect(chips).to_have_text(["refund", "vip"])
    expect(lilei.get_by_test_id("label-chip")).to_have_text(["refund", "vip"])
    assert wait_for(
        lambda: (
            set(
                ConversationLabel.objects.filter(conversation=first).values_list(
                    "label__name", flat=True
                )
            )
            == {"refund", "vip"}
        )
    )

    # r and n: the reply box, as a reply or as a private note.
    page.keyboard.press("Escape")
    page.keyboard.press("n")
    expect(page.get_by_test_id("reply-input")).to_be_focused()
    expect(page.get_by_test_id("note-toggle")).to_be_checked()
    page.keyboard.press("Escape")
    page.keyboard.press("r")
    expect(page.get_by_test_id("reply-input")).to_be_focused()
    expect(page.get_by_test_id("note-toggle")).not_to_be_checked()
    page.keyboard.press("Escape")
    screenshot(page, "console-labels")

    # m: a macro, run from the keyboard; its label and note show up at once.
    page.keyboard.press("m")
    macros = page.get_by_test_id("macro-select")
    expect(macros).to_be_focused()
    macros.select_option(label="Ask for a photo")
    page.keyboard.press("Tab")
    expect(page.get_by_test_id("macro-run")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("notice")).to_contain_text("Ask for a photo")
    expect(chips).to_have_text(["broken item", "refund", "vip"])
    expect(page.get_by_test_id("transcript")).to_contain_text("asked for a photo")

    # s: snooze until the customer replies; the conversation leaves the lists.
    page.keyboard.press("Escape")
    page.keyboard.press("s")
    snooze = page.get_by_test_id("snooze-select")
    expect(snooze).to_be_focused()
    snooze.select_option(value="reply")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(items).to_have_count(1)
    expect(items.first).to_contain_text("han-mei")
    expect(
        page.get_by_test_id("my-conversations").get_by_test_id("conversation-item")
    ).to_have_count(1)
    expect(page.get_by_test_id("transcript")).to_contain_text("Snoozed until the customer replies")
    assert wait_for(lambda: Snooze.objects.filter(conversation=first, woken_at=None).exists())
    page.get_by_test_id("desk-view").select_option("snoozed")
    expect(items).to_have_count(1)
    expect(items.first.get_by_test_id("snoozed-flag")).to_be_visible()
    assert second.pk != first.pk
