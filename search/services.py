"""Searching: tokenise the query like the index, match every token (AND) within the
searcher's scope, then decrypt the hits, check them and highlight the words found.

A conversation is found when one of its messages has every token of the query, or when its
customer's contact card (name, phone, e-mail, order numbers) has every one. Labels, agent,
channel, status and dates are plain filters on the conversation.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import F, Q, QuerySet
from django.utils.html import escape
from django.utils.translation import gettext as _

from audit.services import record
from conversations.models import Conversation, ConversationStatus, Message, Sender
from core.masking import mask_personal_data
from routing.scope import scope_of, visible_conversations
from search import keys
from search.models import SearchContact, SearchEntry
from search.tokens import highlight, index_tokens, normalize, query_phrases, query_tokens

PAGE_SIZE = 20
MAX_QUERY = 200
MAX_TOKENS = 16
# Message hits read per search (newest first): ten per conversation wanted (enough for a page
# with several hits per conversation), at most this many, so a query matching millions of rows
# stays quick (a small LIMIT also lets PostgreSQL walk the newest rows instead of sorting all).
MAX_CANDIDATES = 1000
HITS_PER_CONVERSATION = 2


class SearchError(ValueError):
    """A query or filter the search cannot run; the message is shown to the user."""


@dataclass
class Filters:
    label: int | None = None
    agent: int | None = None
    channel: str = ""
    status: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None

    def is_empty(self) -> bool:
        return not any(
            (self.label, self.agent, self.channel, self.status, self.date_from, self.date_to)
        )

    def as_audit(self) -> dict[str, Any]:
        return {k: str(v) for k, v in self.__dict__.items() if v}


@dataclass
class Hit:
    message_id: int
    seq: int
    sender: str
    created_at: dt.datetime
    snippet: str  # HTML: escaped text with <mark> around the words found

    @property
    def sender_label(self) -> str:
        return str(dict(Sender.choices).get(self.sender, self.sender))


@dataclass
class Result:
    conversation: Conversation
    hits: list[Hit] = field(default_factory=list)
    contact_match: bool = False
    sort_key: float = 0.0


@dataclass
class Page:
    results: list[Result]
    page: int
    has_next: bool
    tokens: int


def shop_ids() -> list[int]:
    from shops.models import Shop

    return list(Shop.objects.order_by("pk").values_list("pk", flat=True))


def token_condition(tokens: list[str], shops: Iterable[int]) -> Q:
    """Rows of any shop and live key version that have every token (each shop and version
    hashes the tokens with its own key)."""
    condition = Q(pk__in=[])
    live = keys.searchable_keys()
    for shop_id in shops:
        for key in live:
            hashes = keys.hasher(shop_id, key.version).many(tokens)
            condition |= Q(shop_id=shop_id, key_id=key.id, tokens__has_all=hashes)
    return condition


def apply_filters(
    conversations: QuerySet[Conversation], filters: Filters
) -> QuerySet[Conversation]:
    if filters.label:
        conversations = _label_filter(conversations, filters.label)
    if filters.agent:
        conversations = conversations.filter(assigned_agent_id=filters.agent)
    if filters.channel:
        conversations = conversations.filter(channel=filters.channel)
    if filters.status:
        conversations = conversations.filter(status=filters.status)
    if filters.date_from:
        conversations = conversations.filter(created_at__date__gte=filters.date_from)
    if filters.date_to:
        conversations = conversations.filter(created_at__date__lte=filters.date_to)
    return conversations


def _label_filter(conversations: QuerySet[Conversation], label_id: int) -> QuerySet[Conversation]:
    from search import labels

    return labels.filter_by_label(conversations, label_id)


def search(
    user: Any,
    query: str,
    filters: Filters | None = None,
    *,
    page: int = 1,
    page_size: int = PAGE_SIZE,
    audit: bool = True,
) -> Page:
    """One page of conversations that ``user`` may see and that match ``query``."""
    filters = filters or Filters()
    query = (query or "").strip()
    if len(query) > MAX_QUERY:
        raise SearchError(
            _("The search is too long (at most %(n)d characters).") % {"n": MAX_QUERY}
        )
    if page < 1 or page > 50:
        raise SearchError(_("Page out of range."))
    tokens = query_tokens(query, region=getattr(settings, "PHONE_REGION", "CN")) if query else []
    if query and not tokens:
        raise SearchError(_("Nothing to search for in that text (punctuation only)."))
    if len(tokens) > MAX_TOKENS:
        raise SearchError(_("Too many words: use fewer or shorter words."))
    if not tokens and filters.is_empty():
        raise SearchError(_("Type something to search for, or choose a filter."))
    scope = scope_of(user)
    conversations = apply_filters(visible_conversations(scope), filters)
    wanted = page * page_size + 1
    if tokens:
        results = _token_results(conversations, query, tokens, wanted)
    else:
        results = [
            Result(conversation=c, sort_key=c.updated_at.timestamp())
            for c in conversations.select_related("assigned_agent", "shop").order_by("-updated_at")[
                :wanted
            ]
        ]
    start = (page - 1) * page_size
    shown = results[start : start + page_size]
    if audit:
        # Who searched for how much, and which conversations they were shown: the query text
        # itself is left out (it is often a phone number or a name).
        record(
            "search.performed",
            actor=user,
            changes={
                "tokens": len(tokens),
                "filters": filters.as_audit(),
                "page": page,
                "conversations": [r.conversation.pk for r in shown],
            },
        )
    return Page(shown, page, len(results) > start + page_size, len(tokens))


def _token_results(
    conversations: QuerySet[Conversation], query: str, tokens: list[str], wanted: int
) -> list[Result]:
    """Conversations with a message hit (newest hit first), then those found by their
    customer's contact card (newest activity first). Hits are decrypted and checked a chunk of
    conversations at a time, until ``wanted`` results are found: a query matching thousands of
    messages decrypts only what the page shows, plus the false bigram matches it skips."""
    condition = token_condition(tokens, shop_ids())
    candidates = list(
        SearchEntry.objects.filter(condition, conversation__in=conversations.values("pk"))
        # Ordered by an expression, not the primary key: with a small LIMIT PostgreSQL would
        # otherwise walk the primary key backwards looking for rows with both tokens, which
        # for two frequent words that never meet reads the whole table. The GIN index and a
        # top-N sort of its matches are bounded.
        .annotate(newest=F("message_id") + 0)
        .order_by("-newest")
        .values_list("message_id", "conversation_id")[: min(MAX_CANDIDATES, 10 * wanted)]
    )
    per_conversation: dict[int, list[int]] = {}
    for message_id, conversation_id in candidates:
        hits = per_conversation.setdefault(conversation_id, [])
        if len(hits) < HITS_PER_CONVERSATION + 1:  # one spare, should a hit not verify
            hits.append(message_id)
    contact_customers = SearchContact.objects.filter(condition).values("customer_id")
    contact_matches = list(
        conversations.filter(customer_id__in=contact_customers)
        .order_by("-updated_at")
        .values_list("pk", flat=True)[:wanted]
    )
    by_contact = set(contact_matches)
    ordered = list(per_conversation) + [c for c in contact_matches if c not in per_conversation]
    region = getattr(settings, "PHONE_REGION", "CN")
    wanted_tokens = set(tokens)
    phrases = query_phrases(query)
    results: list[Result] = []
    chunk_size = max(wanted, 10)
    for start in range(0, len(ordered), chunk_size):
        chunk = ordered[start : start + chunk_size]
        loaded = Conversation.objects.filter(pk__in=chunk).select_related("assigned_agent", "shop")
        by_id = {c.pk: c for c in loaded}
        message_ids = [m for c in chunk for m in per_conversation.get(c, [])]
        messages = {m.pk: m for m in Message.objects.filter(pk__in=message_ids)}
        for conversation_id in chunk:
            conversation = by_id.get(conversation_id)
            if conversation is None:
                continue
            result = Result(conversation=conversation, contact_match=conversation_id in by_contact)
            for message_id in per_conversation.get(conversation_id, []):
                message = messages.get(message_id)
                hit = (
                    None
                    if message is None
                    else _hit(message, wanted_tokens, phrases, conversation.status, region)
                )
                if hit is not None:
                    result.hits.append(hit)
                    if len(result.hits) == HITS_PER_CONVERSATION:
                        break
            if result.hits or result.contact_match:  # else the bigrams matched, the phrase not
                results.append(result)
        if len(results) >= wanted:
            break
    return results


def _hit(
    message: Message, wanted: set[str], phrases: list[str], status: str, region: str
) -> Hit | None:
    text = message.text or ""
    if phrases:
        normalized = normalize(text)
        if not all(p in normalized for p in phrases):
            return None
    if not wanted <= index_tokens(text, region=region):
        return None
    if status != ConversationStatus.ASSIGNED:
        # Nobody holds it: contact details stay masked, as in the console's lists.
        text = mask_personal_data(text)
    snippet, _ = highlight(text, wanted, region=region, escape=escape)
    return Hit(message.pk, message.seq, message.sender, message.created_at, snippet)
