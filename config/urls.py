from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from accounts.views import StaffLoginView, admin_login
from api.schema import schema_settings
from chatbot.views import chat_page, console_page
from core.views import favicon, healthz, home
from demo.views import demo_shop
from profiles.api import CustomerUpsert, OrderUpsert, ProductUpsert, ViewUpsert

# The admin's title bar and browser tab name this product (not "Django"), in the reader's language.
admin.site.site_header = _("Customer service administration")
admin.site.site_title = _("Customer service admin")

urlpatterns = [
    path("", home, name="home"),
    path("healthz", healthz, name="healthz"),
    path("favicon.ico", favicon, name="favicon"),
    path("accounts/login/", StaffLoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/login/", admin_login),
    path("admin/", admin.site.urls),
    path("chat/<str:site_key>/", chat_page, name="chat_page"),
    path("console/", console_page, name="console"),
    path("demo/shop/", demo_shop, name="demo_shop"),
    path("api/v1/products/bulk/", ProductUpsert.as_view(), name="api_products"),
    path("api/v1/customers/bulk/", CustomerUpsert.as_view(), name="api_customers"),
    path("api/v1/orders/bulk/", OrderUpsert.as_view(), name="api_orders"),
    path("api/v1/views/bulk/", ViewUpsert.as_view(), name="api_views"),
    path("gateway/", include("gateway.urls")),
    path("attachments/", include("attachments.urls")),
    path("desk/", include("desk.urls")),
    path("search/", include("search.urls")),
    path("webhooks/", include("webhooks.urls")),
    path("api/v1/", include("api.urls")),
    path("analytics/", include("analytics.urls")),
    path("audit/", include("audit.urls")),
    path(
        "api/schema/",
        SpectacularAPIView.as_view(custom_settings=schema_settings()),
        name="api_schema",
    ),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api_schema"), name="api_docs"),
]
