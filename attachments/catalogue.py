"""The console's catalogue search, for sending a product card (docs/chat-protocol.md, "Cards"):
products of the shop of a conversation the agent may see, by name or SKU.

``GET /attachments/catalogue/?conversation=<id>&q=<text>`` answers
``{"results": [{"sku", "name", "price", "currency", "stock"}]}`` (at most 10), or a 4xx JSON
``{"error": "<code>", "message": "<text>"}``; the console words the codes in its own language.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET

from accounts.roles import Role, has_role
from conversations.models import Conversation
from profiles.models import Product
from routing.scope import visible_conversations

MAX_RESULTS = 10
MAX_QUERY = 100


def _refuse(code: str, message: str, status: int) -> JsonResponse:
    return JsonResponse({"error": code, "message": message}, status=status)


@login_required
@require_GET
def catalogue(request: HttpRequest) -> JsonResponse:
    if not has_role(request.user, Role.AGENT, Role.SUPERVISOR):
        return _refuse("forbidden", "Only agents and supervisors search the catalogue.", 403)
    raw = request.GET.get("conversation", "")
    query = request.GET.get("q", "").replace("\x00", "").strip()
    if not raw.isdigit() or len(raw) > 18:
        return _refuse("bad_request", "Name the conversation: ?conversation=<id>.", 400)
    if not query:
        return _refuse("bad_request", "Type part of a product's name or SKU: ?q=<text>.", 400)
    if len(query) > MAX_QUERY:
        return _refuse("bad_request", f"Search with at most {MAX_QUERY} characters.", 400)
    # Only a conversation in the agent's scope says which shop's catalogue to search.
    conversation = (
        visible_conversations(request.user, Conversation.objects.all())
        .filter(pk=int(raw))
        .only("shop_id")
        .first()
    )
    if conversation is None:
        return _refuse("not_found", "No such conversation in your scope.", 404)
    products = (
        Product.objects.filter(shop_id=conversation.shop_id)
        .filter(Q(name__icontains=query) | Q(sku__icontains=query))
        .order_by("name", "sku")[:MAX_RESULTS]
    )
    return JsonResponse(
        {
            "results": [
                {
                    "sku": p.sku,
                    "name": p.name,
                    "price": str(p.price),
                    "currency": p.currency,
                    "stock": p.stock,
                }
                for p in products
            ]
        }
    )
