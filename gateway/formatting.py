"""Replies shaped for each channel: answers are stored as safe HTML for the web widget; SMS,
voice, WeChat, e-mail, Messenger and Instagram get plain text within their limits, WhatsApp its
Markdown subset, Telegram its HTML parse mode; cards become text (plus their image, sent by the
channel)."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from django.utils.html import strip_tags

SMS_LIMIT = 1600  # Twilio's maximum body; longer replies are cut with an ellipsis
SPEECH_LIMIT = 600  # about 40 s of speech: longer answers belong in an SMS or a person
WECHAT_LIMIT = 2000


def plain_text(markup: str) -> str:
    text = re.sub(r"(?i)<li[^>]*>", "\n- ", markup)
    text = re.sub(r"(?i)<br\s*/?>|</p>|</li>|</ul>|</ol>|</h\d>", "\n", text)
    text = html.unescape(strip_tags(text))
    lines = [re.sub(r"[ \t]+", " ", line).strip() for line in text.splitlines()]
    return "\n".join(line for line in lines if line).strip()


def shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def for_sms(markup: str) -> str:
    return shorten(plain_text(markup), SMS_LIMIT)


def for_speech(markup: str) -> str:
    # List bullets read badly aloud; a pause (comma/period) reads well in zh and en.
    spoken = plain_text(markup).replace("\n- ", "; ").replace("\n", ". ")
    return shorten(spoken.lstrip("- "), SPEECH_LIMIT)


def for_wechat(markup: str) -> str:
    return shorten(plain_text(markup), WECHAT_LIMIT)


# --- WhatsApp, Telegram, Messenger, Instagram ---------------------------------------------------

WHATSAPP_LIMIT = 4096  # text message body
TELEGRAM_LIMIT = 4096  # message text after entity parsing
TELEGRAM_CAPTION_LIMIT = 1024
MESSENGER_LIMIT = 2000
INSTAGRAM_LIMIT = 1000

_BLOCK_BREAK = re.compile(r"^(p|br|div|ul|ol|h\d|tr|blockquote|pre|table)$")
# Markup each style keeps: WhatsApp's own marks; Telegram's HTML parse mode tags.
_WHATSAPP_MARKS = {
    "b": "*",
    "strong": "*",
    "i": "_",
    "em": "_",
    "s": "~",
    "del": "~",
    "strike": "~",
    "code": "```",
}
_TELEGRAM_TAGS = {
    "b": "b",
    "strong": "b",
    "i": "i",
    "em": "i",
    "u": "u",
    "ins": "u",
    "s": "s",
    "del": "s",
    "strike": "s",
    "code": "code",
    "pre": "pre",
}


class _Marked(HTMLParser):
    """Safe answer HTML rewritten in a chat app's own markup. Inline marks wrap their text
    without the spaces at its ends (WhatsApp's *bold* only works hugging the words); every
    tag opened is closed, so Telegram never refuses a message as bad HTML."""

    def __init__(self, style: str) -> None:
        super().__init__(convert_charrefs=True)
        self.style = style
        self.parts: list[str] = []
        self.stack: list[tuple[str, int, str]] = []  # (tag, where its text starts, href)

    def _text(self, text: str) -> str:
        return html.escape(text, quote=False) if self.style == "telegram" else text

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "li":
            self.parts.append("\n• " if self.style == "telegram" else "\n- ")
        elif _BLOCK_BREAK.match(tag):
            self.parts.append("\n")
        if tag in _WHATSAPP_MARKS or tag in _TELEGRAM_TAGS or tag == "a":
            self.stack.append((tag, len(self.parts), dict(attrs).get("href") or ""))

    def handle_endtag(self, tag: str) -> None:
        if _BLOCK_BREAK.match(tag) or tag == "li":
            self.parts.append("\n")
        if not any(open_tag == tag for open_tag, _, _ in self.stack):
            return
        while self.stack:
            open_tag, start, href = self.stack.pop()
            self._wrap(open_tag, start, href)
            if open_tag == tag:
                break

    def _wrap(self, tag: str, start: int, href: str) -> None:
        inner = "".join(self.parts[start:])
        core = inner.strip()
        if not core:
            return
        lead, trail = inner[: len(inner) - len(inner.lstrip())], inner[len(inner.rstrip()) :]
        if tag == "a":
            if self.style == "telegram" and href:
                core = f'<a href="{html.escape(href, quote=True)}">{core}</a>'
            elif href and html.unescape(core) != href and not href.startswith("mailto:"):
                core = f"{core} ({href})"
        elif self.style == "telegram":
            name = _TELEGRAM_TAGS.get(tag)
            core = f"<{name}>{core}</{name}>" if name else core
        elif self.style == "whatsapp" and "\n" not in core:  # marks do not span lines
            mark = _WHATSAPP_MARKS.get(tag, "")
            core = f"{mark}{core}{mark}"
        self.parts[start:] = [lead, core, trail]

    def handle_data(self, data: str) -> None:
        self.parts.append(self._text(data))

    def result(self) -> str:
        while self.stack:
            self._wrap(*self.stack.pop())
        lines = [re.sub(r"[ \t]+", " ", line).strip() for line in "".join(self.parts).splitlines()]
        return "\n".join(line for line in lines if line).strip()


def _marked(markup: str, style: str) -> str:
    parser = _Marked(style)
    parser.feed(markup)
    parser.close()
    return parser.result()


def for_whatsapp(markup: str, limit: int = WHATSAPP_LIMIT) -> str:
    """WhatsApp's Markdown subset: *bold*, _italic_, ~strike~, ```code```; links as text."""
    return shorten(_marked(markup, "whatsapp"), limit)


def for_telegram(markup: str, limit: int = TELEGRAM_LIMIT) -> str:
    """Telegram's HTML parse mode: b, i, u, s, code, pre, a; everything else escaped. Too long
    for the limit, it becomes escaped plain text cut to fit (a cut never splits a tag)."""
    text = _marked(markup, "telegram")
    if len(html.unescape(re.sub(r"<[^>]+>", "", text))) <= limit:
        return text
    return html.escape(shorten(plain_text(markup), limit), quote=False)


def for_messenger(markup: str, limit: int = MESSENGER_LIMIT) -> str:
    """Messenger and Instagram show no markup at all: plain text, links spelt out."""
    return shorten(_marked(markup, "plain"), limit)


# --- what a bot message offers, and cards -------------------------------------------------------


# What the channels write around choices, in the customer's language.
LABELS = {
    "handoff": {"zh-hans": "转人工客服", "zh-hant": "轉人工客服", "en": "Talk to a person"},
    "choose": {"zh-hans": "请选择", "zh-hant": "請選擇", "en": "Choose"},
    "stock": {"zh-hans": "库存", "zh-hant": "庫存", "en": "In stock"},
}
HANDOFF = "handoff"  # the option id of "talk to a person"
QUESTION = "q:"  # the option id of a question: "q:" + the question itself


def label(name: str, language: str) -> str:
    texts = LABELS[name]
    code = (language or "").lower()
    return texts.get(code) or texts["zh-hans" if code.startswith("zh") else "en"]


def choices(payload: dict, *, related: bool = True) -> list[str]:
    """What the customer can tap under a bot message: "did you mean" suggestions, else (with
    ``related``) the related questions. The chat channels show them as buttons, a list or a
    keyboard."""
    suggestions = payload.get("suggestions") or []
    picked = [s.get("question", "") for s in suggestions if isinstance(s, dict)]
    if not picked and related:
        picked = [q for q in payload.get("quick_replies") or [] if isinstance(q, str)]
    return [c.strip() for c in picked if isinstance(c, str) and c.strip()][:9]


def options(payload: dict, language: str, *, related: bool = True) -> list[tuple[str, str]]:
    """(option id, title) under a bot message: its choices, then "talk to a person" when the
    bot offered one. The id comes back when the customer taps it (``chosen``)."""
    found = [(QUESTION + c, c) for c in choices(payload, related=related)]
    if payload.get("handoff_offered"):
        found.append((HANDOFF, label("handoff", language)))
    return found


def chosen(option_id: str, title: str) -> tuple[str, str]:
    """(the customer's text, action) for a tapped option: a question asks it, "handoff" asks
    for a person; an id we did not make is read as its title."""
    if option_id == HANDOFF:
        return title or LABELS["handoff"]["en"], HANDOFF
    if option_id.startswith(QUESTION) and option_id[len(QUESTION) :].strip():
        return option_id[len(QUESTION) :], ""
    return title or option_id, ""


def _money(value: object, currency: object) -> str:
    return f"{currency or ''} {value}".strip() if value not in (None, "") else ""


def card_text(card: dict, language: str = "") -> str:
    """One product or order card as lines of plain text (names, price, stock, status)."""
    if card.get("type") == "order":
        lines = [f"#{card.get('number', '')} {card.get('status_label') or card.get('status', '')}"]
        if total := _money(card.get("total"), card.get("currency")):
            lines.append(total)
        lines += [
            f"{str(step.get('at', ''))[:10]} {step.get('label') or step.get('status', '')}".strip()
            for step in card.get("timeline") or []
            if isinstance(step, dict)
        ]
    else:
        head = " · ".join(
            part
            for part in (str(card.get("name", "")), _money(card.get("price"), card.get("currency")))
            if part
        )
        lines = [head]
        if card.get("stock") not in (None, ""):
            lines.append(f"{label('stock', language)}: {card['stock']}")
        if card.get("url"):
            lines.append(str(card["url"]))
    return "\n".join(line for line in lines if line.strip())


def cards(payload: dict, language: str = "") -> list[tuple[str, str]]:
    """(text, image URL or "") for each card of a message (at most 10)."""
    found = payload.get("cards") or []
    return [
        (card_text(card, language), str(card.get("image_url") or ""))
        for card in found[:10]
        if isinstance(card, dict)
    ]
