"""The conversation API's views: authenticate the token, check its scope, parse, call
``api.services``, answer. Reads need ``conversations:read``, changes ``conversations:write``."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from api import docs, services
from api import serializers as s
from api.services import ApiError
from audit.context import AuditContext, bind, reset
from audit.middleware import client_ip
from profiles.api import HasShopToken, ShopTokenAuthentication, TokenRateThrottle
from profiles.models import ApiScope


class Pages(PageNumberPagination):
    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 100


class TokenView(APIView):
    """Bearer token of a shop; the scope by method; the token is the audit trail's actor."""

    authentication_classes = [ShopTokenAuthentication]
    permission_classes = [HasShopToken]
    throttle_classes = [TokenRateThrottle]
    read_scope = ApiScope.CONVERSATIONS_READ
    write_scope = ApiScope.CONVERSATIONS_WRITE

    @property
    def required_scope(self) -> str:
        return self.read_scope if self.request.method in ("GET", "HEAD") else self.write_scope

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        self._audit = bind(
            AuditContext(
                actor_repr=services.token_actor(request.auth),
                ip_address=client_ip(request._request),
            )
        )

    def finalize_response(self, request: Request, response: Any, *args: Any, **kwargs: Any) -> Any:
        if getattr(self, "_audit", None) is not None:
            reset(self._audit)
            self._audit = None
        return super().finalize_response(request, response, *args, **kwargs)

    def handle_exception(self, exc: Exception) -> Response:
        if isinstance(exc, ApiError):
            return Response({"code": exc.code, "detail": exc.detail}, status=exc.status)
        if isinstance(exc, Http404):
            return Response({"code": "not_found", "detail": "Not found."}, status=404)
        if isinstance(exc, RecursionError):  # DRF's JSON parser only turns ValueError into 400
            return Response({"code": "parse_error", "detail": "JSON nested too deeply."}, 400)
        return super().handle_exception(exc)

    def conversation(self, pk: int) -> Any:
        return services.conversation_for(self.request.auth, pk)

    def body(self, serializer: type) -> dict[str, Any]:
        parsed = serializer(data=self.request.data)
        if not parsed.is_valid():
            raise exceptions.ValidationError(parsed.errors)
        return dict(parsed.validated_data)

    def done(self, conversation: Any, result: dict[str, Any]) -> Response:
        conversation.refresh_from_db()
        [described] = services.describe([conversation])
        return Response({"conversation": described, "result": result})


LIST_FILTERS = [
    OpenApiParameter("status", str, enum=["bot", "waiting", "assigned", "closed"]),
    OpenApiParameter("channel", str, description="web, sms, wechat, email, webhook, …"),
    OpenApiParameter("assigned_agent", int, description="The agent's user id."),
    OpenApiParameter("team", int, description="Team id."),
    OpenApiParameter("label", str, description="A label's name."),
    OpenApiParameter("mood", str, enum=["negative", "neutral", "positive"]),
    OpenApiParameter("snoozed", bool),
    OpenApiParameter("created_after", OpenApiTypes.DATETIME, description="Date or ISO time."),
    OpenApiParameter("created_before", OpenApiTypes.DATETIME, description="Date or ISO time."),
    OpenApiParameter(
        "updated_since",
        OpenApiTypes.DATETIME,
        description="Only conversations changed since (poll with the last answer's time).",
    ),
]


@extend_schema(
    tags=["conversations"],
    summary="List and filter conversations",
    description=docs.LIST,
    parameters=LIST_FILTERS,
    responses={200: s.ConversationPage, **docs.ERRORS},
    examples=docs.examples("list"),
)
class ConversationList(TokenView):
    def get(self, request: Request) -> Response:
        filters = services.parse_filters(request.query_params)
        paginator = Pages()
        page = paginator.paginate_queryset(
            services.conversations(request.auth, filters), request, view=self
        )
        return paginator.get_paginated_response(services.describe(list(page or [])))


@extend_schema(
    tags=["conversations"],
    summary="Read a conversation",
    responses={200: s.ApiConversation, **docs.ERRORS},
    examples=docs.examples("detail"),
)
class ConversationDetail(TokenView):
    def get(self, request: Request, conversation_id: int) -> Response:
        [described] = services.describe([self.conversation(conversation_id)])
        return Response(described)


class ConversationMessages(TokenView):
    @extend_schema(
        tags=["conversations"],
        summary="Read the transcript",
        description="Up to 500 messages after `after_seq`, private notes included (marked).",
        parameters=[OpenApiParameter("after_seq", int, description="Messages after this seq.")],
        responses={200: s.Transcript, **docs.ERRORS},
        examples=docs.examples("transcript"),
    )
    def get(self, request: Request, conversation_id: int) -> Response:
        conversation = self.conversation(conversation_id)
        raw = request.query_params.get("after_seq") or "0"
        if not raw.isdigit() or len(raw) > 9:
            raise ApiError(400, "invalid_field", "after_seq must be a whole number.")
        messages = services.transcript(conversation, int(raw))
        [described] = services.describe([conversation])
        return Response(
            {"conversation": described, "messages": messages, "has_more": len(messages) == 500}
        )

    @extend_schema(
        tags=["conversations"],
        summary="Post a message to the customer (agent or external bot)",
        description=docs.POST_MESSAGE,
        request=s.MessageIn,
        responses={
            201: s.PostedMessage,
            200: OpenApiResponse(s.PostedMessage, description="A retry: stored already."),
            409: OpenApiResponse(s.Problem, description="Not with the bot / not assigned."),
            **docs.ERRORS,
        },
        examples=docs.examples("post_message"),
    )
    def post(self, request: Request, conversation_id: int) -> Response:
        conversation = self.conversation(conversation_id)
        values = self.body(s.MessageIn)
        message, created = services.post_message(
            request.auth,
            conversation,
            text=values["text"],
            sender=values["sender"],
            client_id=values.get("client_id"),
        )
        data = {**services.message_data(message), "private": False}
        return Response({"message": data, "duplicate": not created}, status=201 if created else 200)


@extend_schema(
    tags=["conversations"],
    summary="Add a private note (staff only, never shown to the customer)",
    request=s.NoteIn,
    responses={201: s.ApiMessage, **docs.ERRORS},
    examples=docs.examples("note"),
)
class ConversationNotes(TokenView):
    def post(self, request: Request, conversation_id: int) -> Response:
        conversation = self.conversation(conversation_id)
        message = services.post_note(request.auth, conversation, text=self.body(s.NoteIn)["text"])
        return Response({**services.message_data(message), "private": True}, status=201)


def _ref(value: Any) -> Any:
    """Ids arrive as strings from the serializer; desk actions take an int id or a name."""
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return value


ACTION_RESPONSES = {
    200: s.ActionResult,
    409: OpenApiResponse(s.Problem, description="The conversation's state does not allow it."),
}


@extend_schema(
    tags=["conversations"],
    summary="Assign to an agent and/or a team",
    description=docs.ASSIGN,
    request=s.AssignIn,
    responses={**ACTION_RESPONSES, **docs.ERRORS},
    examples=docs.examples("assign"),
)
class ConversationAssign(TokenView):
    def post(self, request: Request, conversation_id: int) -> Response:
        conversation = self.conversation(conversation_id)
        values = self.body(s.AssignIn)
        result = services.assign(
            conversation, agent=_ref(values.get("agent")), team=_ref(values.get("team"))
        )
        return self.done(conversation, result)


@extend_schema(
    tags=["conversations"],
    summary="Transfer to another agent or team",
    description="Like assign, for a conversation people already have (waiting or assigned).",
    request=s.AssignIn,
    responses={**ACTION_RESPONSES, **docs.ERRORS},
    examples=docs.examples("assign"),
)
class ConversationTransfer(TokenView):
    def post(self, request: Request, conversation_id: int) -> Response:
        conversation = self.conversation(conversation_id)
        values = self.body(s.AssignIn)
        result = services.transfer(
            conversation, agent=_ref(values.get("agent")), team=_ref(values.get("team"))
        )
        return self.done(conversation, result)


@extend_schema(
    tags=["conversations"],
    summary="Hand over from the (external) bot to people",
    description="The customer is told, the conversation joins the queue and routing assigns it.",
    request=None,
    responses={**ACTION_RESPONSES, **docs.ERRORS},
    examples=docs.examples("action"),
)
class ConversationHandoff(TokenView):
    def post(self, request: Request, conversation_id: int) -> Response:
        conversation = self.conversation(conversation_id)
        return self.done(conversation, services.handoff(conversation))


@extend_schema(
    tags=["conversations"],
    summary="Close (the customer is asked for a rating)",
    request=None,
    responses={**ACTION_RESPONSES, **docs.ERRORS},
    examples=docs.examples("action"),
)
class ConversationClose(TokenView):
    def post(self, request: Request, conversation_id: int) -> Response:
        conversation = self.conversation(conversation_id)
        return self.done(conversation, services.close(conversation))


@extend_schema(
    tags=["conversations"],
    summary="Snooze until a time, for some minutes, or until the customer replies",
    request=s.SnoozeIn,
    responses={**ACTION_RESPONSES, **docs.ERRORS},
    examples=docs.examples("snooze"),
)
class ConversationSnooze(TokenView):
    def post(self, request: Request, conversation_id: int) -> Response:
        conversation = self.conversation(conversation_id)
        values = self.body(s.SnoozeIn)
        until = values.get("until")
        result = services.snooze(
            conversation,
            until=until.isoformat() if until else None,
            minutes=values.get("minutes"),
            until_reply=values.get("until_reply") or None,
        )
        return self.done(conversation, result)


@extend_schema(
    tags=["conversations"],
    summary="Set the conversation's labels",
    request=s.LabelsIn,
    responses={200: s.LabelsOut, **docs.ERRORS},
    examples=docs.examples("labels"),
)
class ConversationLabels(TokenView):
    def put(self, request: Request, conversation_id: int) -> Response:
        conversation = self.conversation(conversation_id)
        labels = services.set_labels(conversation, self.body(s.LabelsIn)["labels"])
        return Response({"labels": labels})


@extend_schema(
    tags=["conversations"],
    summary="Read the customer's profile",
    description=docs.CUSTOMER,
    responses={
        200: s.CustomerProfile,
        404: OpenApiResponse(s.Problem, description="No such conversation, or no customer."),
        **docs.ERRORS,
    },
    examples=docs.examples("customer"),
)
class ConversationCustomer(TokenView):
    def get(self, request: Request, conversation_id: int) -> Response:
        profile = services.customer_profile(request.auth, self.conversation(conversation_id))
        if profile is None:
            raise ApiError(404, "no_customer", "An anonymous visitor: no customer profile.")
        return Response(profile)
