"""The shop data API: a shop's back end upserts products, customers and orders in bulk.

Authentication: ``Authorization: Bearer <token>`` with a token issued per shop in the admin.
Every request acts on that shop only.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import authentication, exceptions, permissions, serializers, status, throttling
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from profiles import upserts
from profiles.models import ApiScope, ApiToken, hash_token


class ShopTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request: Request) -> tuple[Any, ApiToken] | None:
        header = authentication.get_authorization_header(request).decode("latin1").split()
        if not header or header[0] != self.keyword:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed("Use: Authorization: Bearer <token>.")
        token = (
            ApiToken.objects.select_related("shop")
            .filter(token_hash=hash_token(header[1]), revoked=False, shop__is_active=True)
            .first()
        )
        if token is None:
            raise exceptions.AuthenticationFailed("Unknown or revoked API token.")
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
        return None, token

    def authenticate_header(self, request: Request) -> str:
        return self.keyword


class HasShopToken(permissions.BasePermission):
    """A valid token holding the view's ``required_scope`` (403 naming the scope otherwise)."""

    def has_permission(self, request: Request, view: Any) -> bool:
        if not isinstance(request.auth, ApiToken):
            return False
        scope = getattr(view, "required_scope", None)
        if scope and not request.auth.has_scope(scope):
            raise exceptions.PermissionDenied(f"This token lacks the scope {scope}.")
        return True


class TokenRateThrottle(throttling.SimpleRateThrottle):
    """Requests per token (``API_TOKEN_RATE``, e.g. "600/min"), counted in the shared cache
    (Redis), so the limit holds across every web process."""

    scope = "api_token"

    def get_rate(self) -> str:
        return str(getattr(settings, "API_TOKEN_RATE", "600/min"))

    def allow_request(self, request: Request, view: Any) -> bool:
        # Read per request: a test or an operator may change the setting at run time.
        self.rate = self.get_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)

    def get_cache_key(self, request: Request, view: Any) -> str | None:
        if not isinstance(request.auth, ApiToken):
            return None
        return f"throttle:api-token:{request.auth.pk}"


RESULT = inline_serializer(
    "UpsertResult",
    {
        "created": serializers.IntegerField(),
        "updated": serializers.IntegerField(),
        "unchanged": serializers.IntegerField(),
        "errors": serializers.ListField(child=serializers.DictField()),
    },
)


class BulkUpsertView(APIView):
    authentication_classes = [ShopTokenAuthentication]
    permission_classes = [HasShopToken]
    throttle_classes = [TokenRateThrottle]
    required_scope = ApiScope.CATALOGUE_WRITE
    upsert = staticmethod(upserts.upsert_products)

    def post(self, request: Request) -> Response:
        try:
            rows = request.data
        except RecursionError:  # DRF's JSONParser turns only ValueError into a 400
            return Response({"detail": "JSON nested too deeply."}, status=400)
        try:
            result = type(self).upsert(request.auth.shop, rows)
        except upserts.BatchError as exc:
            return Response({"detail": str(exc)}, status=status.HTTP_400_BAD_REQUEST)
        code = status.HTTP_200_OK if result.ok else status.HTTP_400_BAD_REQUEST
        return Response(result.as_dict(), status=code)


def _documented(row: type[serializers.Serializer], what: str):  # type: ignore[no-untyped-def]
    return extend_schema(
        request=row(many=True),
        responses={
            200: RESULT,
            400: OpenApiResponse(RESULT, description="Nothing written; errors per row index."),
            401: OpenApiResponse(description="Missing, unknown or revoked token."),
            403: OpenApiResponse(description="The token lacks the scope catalogue:write."),
            429: OpenApiResponse(description="Too many requests for this token; retry later."),
        },
        summary=f"Create or update {what} in bulk (idempotent, all or nothing)",
    )


@_documented(upserts.ProductRow, "products (matched by sku)")
class ProductUpsert(BulkUpsertView):
    upsert = staticmethod(upserts.upsert_products)


@_documented(upserts.CustomerRow, "customers (matched by external_id)")
class CustomerUpsert(BulkUpsertView):
    upsert = staticmethod(upserts.upsert_customers)


@_documented(upserts.OrderRow, "orders (matched by number)")
class OrderUpsert(BulkUpsertView):
    upsert = staticmethod(upserts.upsert_orders)


@_documented(upserts.ViewRow, "product views, the browsing events recommendations learn from")
class ViewUpsert(BulkUpsertView):
    upsert = staticmethod(upserts.upsert_views)
