from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.views.decorators.http import require_GET

from demo.catalog import DEMO_CUSTOMER_ID
from demo.seed import DEMO_SITE_KEY
from shops.models import Shop


@require_GET
def demo_shop(request: HttpRequest) -> HttpResponse:
    """A pretend storefront with the one-line widget embed, as a shop would have it.
    ``?signed=1`` embeds it the way a shop does for a signed-in customer (the signature is
    computed here, server side, as the shop's back end would), so order questions work."""
    shop = Shop.objects.filter(site_key=DEMO_SITE_KEY).first()
    context = {
        "site_key": DEMO_SITE_KEY,
        "widget_src": static("widget.js"),
        "signed": False,
        # Anyone may open this page: signing in as the demo customer is a development aid only
        # (issue 17 L8), never offered on a production instance that happens to hold the demo.
        "can_sign": settings.DEBUG,
    }
    if shop is not None and settings.DEBUG and request.GET.get("signed") == "1":
        context.update(
            signed=True,
            customer_id=DEMO_CUSTOMER_ID,
            signature=shop.sign(DEMO_CUSTOMER_ID),
            products=shop.products.order_by("sku")[:6],
        )
    elif shop is not None:
        context["products"] = shop.products.order_by("sku")[:6]
    return render(request, "demo/shop.html", context)
