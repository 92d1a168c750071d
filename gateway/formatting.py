"""Replies shaped for each channel: answers are stored as safe HTML for the web widget; SMS,
voice, WeChat and e-mail get plain text within their limits."""

from __future__ import annotations

import html
import re

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
