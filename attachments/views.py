"""HTTP endpoints of attachments (docs/chat-protocol.md, "Attachments"). Uploads go over HTTP,
never the websocket: the customer's with their visitor token, staff's with their session.
Files are served only through signed URLs (``attachments.signing``)."""

from __future__ import annotations

import hashlib
import logging
import re
from typing import Any
from urllib.parse import quote

from django.db import transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.roles import Role, has_role
from attachments import access, services, signing, storage
from attachments.models import Attachment, UploaderKind
from attachments.services import AttachmentError, Uploader
from audit.services import record
from conversations.models import Conversation
from core import crypto
from knowledge import texts
from knowledge.languages import normalize_code
from routing.scope import visible_conversations
from shops.models import Shop

logger = logging.getLogger(__name__)

TEXT_KEYS = {
    "too_large": "upload_too_large",
    "unsupported_type": "upload_unsupported",
    "bad_request": "upload_bad_request",
    "invalid_field": "upload_bad_request",
    "forbidden": "upload_forbidden",
    "rate_limited": "upload_rate_limited",
    "expired": "link_expired",
    "not_found": "link_forbidden",
}
SANDBOX_CSP = "default-src 'none'; sandbox"
# The widget's visitor token, as the chat hands it out (chatbot.services.validation.TOKEN_RE).
VISITOR_TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{20,64}$")


def token_hash(token: str) -> str:
    """As conversations store a visitor token (chatbot.services.token_hash)."""
    return hashlib.sha256(token.encode()).hexdigest()


def _language(request: HttpRequest, shop: Shop | None = None) -> str:
    chosen = request.GET.get("lang") or request.POST.get("language") or ""
    header = request.headers.get("Accept-Language", "").split(",")[0].split(";")[0]
    return (
        normalize_code(chosen) or normalize_code(header) or (shop.default_language if shop else "")
    )


def _error(
    request: HttpRequest, code: str, status: int, shop: Shop | None = None, **values: Any
) -> JsonResponse:
    language = _language(request, shop)
    key = TEXT_KEYS.get(code, "upload_forbidden")
    if key == "upload_too_large" and "limit" not in values:
        values["limit"] = services.max_bytes(shop) // (1024 * 1024) if shop else 10
    message = texts.text(key, language, **values)
    return JsonResponse({"error": code, "message": message}, status=status)


def _origin_allowed(request: HttpRequest, shop: Shop) -> str | None:
    """The page's origin when it may use this shop's chat (its own page, or a shop origin);
    None otherwise. Browsers send Origin on every cross-origin request and on POSTs."""
    origin = request.headers.get("Origin", "")
    own = f"{request.scheme}://{request.get_host()}"
    if origin and (origin.lower() == own.lower() or shop.origin_allowed(origin, [])):
        return origin
    return None


def _cors(response: HttpResponse, origin: str | None) -> HttpResponse:
    if origin:
        response["Access-Control-Allow-Origin"] = origin
        response["Access-Control-Allow-Headers"] = "X-Visitor-Token, Content-Type"
        response["Access-Control-Allow-Methods"] = "POST, OPTIONS"
        response["Access-Control-Max-Age"] = "600"
        response["Vary"] = "Origin"
    return response


def _file_from(request: HttpRequest) -> tuple[Any, str]:
    upload = request.FILES.get("file")
    if upload is None:
        raise AttachmentError("bad_request", 400, "Send the file in the multipart field 'file'.")
    return upload, upload.name or "file"


def _read(upload: Any, limit: int) -> bytes:
    """The upload's bytes, refusing it as soon as it is over the limit."""
    if upload.size is not None and upload.size > limit:
        raise AttachmentError("too_large", 413, "The file is too large.")
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise AttachmentError("too_large", 413, "The file is too large.")
    return data


@csrf_exempt  # no cookie is involved: the visitor token in a header is the credential
@require_http_methods(["POST", "OPTIONS"])
def customer_upload(request: HttpRequest, site_key: str) -> HttpResponse:
    shop = Shop.objects.filter(site_key=site_key.replace("\x00", ""), is_active=True).first()
    if shop is None:
        return _error(request, "not_found", 404)
    origin = _origin_allowed(request, shop)
    if request.method == "OPTIONS":  # the CORS preflight of the widget on a shop's page
        return _cors(HttpResponse(status=204 if origin else 403), origin)
    token = request.headers.get("X-Visitor-Token", "")
    if origin is None or not VISITOR_TOKEN_RE.match(token):
        return _cors(_error(request, "forbidden", 403, shop), origin)
    visitor = token_hash(token)
    try:
        services.check_rate(f"visitor:{visitor}")
        # Many visitors may share an address (an office, a carrier's NAT): a looser cap.
        services.check_rate(f"ip:{request.META.get('REMOTE_ADDR', '')}", factor=10)
        upload, name = _file_from(request)
        limit = services.max_bytes(shop)
        attachment = services.create(
            shop,
            _read(upload, limit),
            name,
            Uploader(UploaderKind.CUSTOMER, visitor_token_hash=visitor),
            limit=limit,
        )
    except AttachmentError as exc:
        return _cors(_error(request, exc.code, exc.status, shop, **exc.values), origin)
    body = services.as_json(attachment, signing.visitor_audience(visitor))
    return _cors(JsonResponse(body, status=201), origin)


@require_POST
def staff_upload(request: HttpRequest) -> HttpResponse:
    """An agent's or supervisor's upload for a conversation in their scope (session + CSRF)."""
    user = request.user
    if not user.is_authenticated:
        return _error(request, "forbidden", 401)
    if not has_role(user, Role.AGENT, Role.SUPERVISOR):
        return _error(request, "forbidden", 403)
    raw = request.POST.get("conversation", "")
    conversation = None
    if raw.isdigit():
        conversation = (
            visible_conversations(user, Conversation.objects.select_related("shop"))
            .filter(pk=int(raw))
            .first()
        )
    if conversation is None:
        if raw.isdigit() and Conversation.objects.filter(pk=int(raw)).exists():
            record(
                "attachments.upload_refused",
                object_type="conversations.conversation",
                object_id=int(raw),
                actor=user,
            )
        return _error(request, "forbidden", 403)
    shop = conversation.shop
    try:
        services.check_rate(f"staff:{user.pk}")
        upload, name = _file_from(request)
        limit = services.max_bytes(shop)
        with transaction.atomic():
            attachment = services.create(
                shop,
                _read(upload, limit),
                name,
                Uploader(UploaderKind.STAFF, user=user),
                conversation=conversation,
                limit=limit,
            )
            record(
                "attachments.uploaded",
                object_type="attachments.attachment",
                object_id=str(attachment.pk),
                actor=user,
                changes={
                    "conversation": conversation.pk,
                    "content_type": attachment.content_type,
                    "size": attachment.size,
                },
            )
    except AttachmentError as exc:
        return _error(request, exc.code, exc.status, shop, **exc.values)
    body = services.as_json(attachment, signing.staff_audience(user.pk))
    return JsonResponse(body, status=201)


def _content_disposition(attachment: Attachment, inline: bool) -> str:
    name = attachment.name
    ascii_name = name.encode("ascii", "replace").decode().replace("?", "_").replace('"', "_")
    kind = "inline" if inline else "attachment"
    return f"{kind}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"


@require_GET
def serve(request: HttpRequest, token: str) -> HttpResponse:
    """A signed URL: the file (or its thumbnail) to the audience it was issued to."""
    try:
        grant = signing.read(token)
    except signing.Expired:
        return _error(request, "expired", 403)
    except signing.Invalid:
        return _error(request, "forbidden", 403)
    attachment = (
        Attachment.objects.select_related("conversation").filter(pk=grant.attachment_id).first()
    )
    if attachment is None:
        return _error(request, "not_found", 404)
    presented = request.headers.get("X-Visitor-Token", "")
    if (
        presented
        and grant.audience.startswith("v:")
        and (signing.visitor_audience(token_hash(presented)) != grant.audience)
    ):
        return _error(request, "forbidden", 403)  # another visitor's URL
    if not access.audience_may_see(grant.audience, attachment, request.user):
        if grant.audience.startswith("s:"):
            record(
                "attachments.access_refused",
                object_type="attachments.attachment",
                object_id=str(attachment.pk),
                changes={"audience": grant.audience},
            )
        return _error(request, "forbidden", 403)
    key = attachment.thumbnail_key if grant.thumbnail else attachment.file_key
    try:
        data = storage.read(key)
    except (FileNotFoundError, crypto.DecryptionError, OSError):
        logger.exception("attachment %s: stored file unreadable", attachment.pk)
        return _error(request, "not_found", 404)
    if grant.audience.startswith("s:") and not grant.thumbnail:
        # Staff opening a customer's file is access to personal data, like revealing a number.
        record(
            "attachments.downloaded",
            object_type="attachments.attachment",
            object_id=str(attachment.pk),
            changes={"conversation": attachment.conversation_id},
        )
    content_type = "image/jpeg" if grant.thumbnail else attachment.content_type
    response = HttpResponse(data, content_type=content_type)
    inline = attachment.kind == "image" or grant.thumbnail
    response["Content-Disposition"] = _content_disposition(attachment, inline)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = SANDBOX_CSP
    response["Cache-Control"] = "private, max-age=300"
    response["Cross-Origin-Resource-Policy"] = "cross-origin"  # the widget on a shop's page
    return response
