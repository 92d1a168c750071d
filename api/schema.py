"""How the OpenAPI schema names the shop token (``Authorization: Bearer <token>``)."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class ShopTokenScheme(OpenApiAuthenticationExtension):
    target_class = "profiles.api.ShopTokenAuthentication"
    name = "shopToken"

    def get_security_definition(self, auto_schema):  # type: ignore[no-untyped-def]
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A shop's API token (admin → API tokens), with the scopes it needs.",
        }


# What /api/schema/ (and so /api/docs/) is made with, beside SPECTACULAR_SETTINGS: OpenAPI 3.1
# for its "webhooks" section, which documents the signed events a shop receives.
SCHEMA_SETTINGS = {
    "TITLE": "Customer-service platform: shop API",
    "DESCRIPTION": "",  # filled below (api.docs.INTRO), kept out of the settings module
    "OAS_VERSION": "3.1.0",
    "WEBHOOKS": "webhooks.schema.WEBHOOKS",
    "TAGS": [
        {"name": "api", "description": "Shop data: bulk upserts (catalogue:write)."},
        {"name": "conversations", "description": "The conversation API."},
    ],
}


def schema_settings() -> dict:
    from api.docs import INTRO

    return {**SCHEMA_SETTINGS, "DESCRIPTION": INTRO}
