"""Demo catalogue, customers and orders for the demo shop, generated deterministically."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from profiles.models import Customer, Order, OrderEvent, OrderItem, Product, ProductView
from shops.models import Shop

DEMO_CUSTOMER_ID = "demo-customer"
_KINDS = [
    ("落地灯", "Floor lamp", "Lighting", 299),
    ("台灯", "Desk lamp", "Lighting", 129),
    ("蓝牙耳机", "Bluetooth earbuds", "Electronics", 299),
    ("移动电源", "Power bank", "Electronics", 159),
    ("纯棉T恤", "Cotton tee", "Clothing", 89),
    ("羊毛围巾", "Wool scarf", "Clothing", 199),
    ("陶瓷马克杯", "Ceramic mug", "Kitchen", 49),
    ("不锈钢保温杯", "Insulated bottle", "Kitchen", 119),
    ("香薰蜡烛", "Scented candle", "Home", 79),
    ("亚麻抱枕", "Linen cushion", "Home", 99),
    ("吸顶灯", "Ceiling light", "Lighting", 399),
    ("夜灯", "Night light", "Lighting", 59),
    ("机械键盘", "Mechanical keyboard", "Electronics", 399),
    ("无线鼠标", "Wireless mouse", "Electronics", 99),
    ("手机支架", "Phone stand", "Electronics", 39),
    ("连帽卫衣", "Hoodie", "Clothing", 229),
    ("帆布包", "Canvas tote", "Clothing", 69),
    ("棉袜三双装", "Cotton socks (3 pairs)", "Clothing", 39),
    ("玻璃茶壶", "Glass teapot", "Kitchen", 139),
    ("竹制砧板", "Bamboo cutting board", "Kitchen", 79),
    ("手冲咖啡壶", "Pour-over kettle", "Kitchen", 189),
    ("棉麻桌布", "Cotton-linen tablecloth", "Home", 119),
    ("收纳筐", "Storage basket", "Home", 69),
    ("加湿器", "Humidifier", "Home", 249),
    ("毛毯", "Throw blanket", "Home", 269),
]
_STYLES = [
    ("北欧", "Nordic"),
    ("日式", "Japanese"),
    ("复古", "Vintage"),
    ("极简", "Minimal"),
    ("森林", "Forest"),
    ("海盐", "Sea salt"),
    ("奶油", "Cream"),
    ("墨黑", "Ink black"),
    ("樱花", "Sakura"),
    ("原木", "Natural wood"),
    ("雾蓝", "Mist blue"),
    ("燕麦", "Oat"),
]
_FLOWS = [
    ["paid"],
    ["paid", "shipped"],
    ["paid", "shipped", "delivered"],
    ["pending"],
    ["paid", "cancelled"],
]


@transaction.atomic
def seed_catalog(shop: Shop) -> int:
    """Three hundred products, sixty customers with orders; skipped if the shop has products."""
    if shop.products.exists():
        return 0
    rng = random.Random(2026)
    products = [
        Product(
            shop=shop,
            sku=f"LM-{i:03d}",
            name=f"{zh_style}{zh} {en_style} {en}",
            description=f"{en_style} {en.lower()} from the Lumen collection.",
            category=category,
            price=Decimal(base + rng.choice([0, 20, 40, 60])),
            stock=rng.choice([0, 3, 12, 50]),
            attributes={"aliases": [f"{zh_style}{zh}", f"{en_style} {en}".lower()]},
        )
        for i, ((zh, en, category, base), (zh_style, en_style)) in enumerate(
            (kind, style) for kind in _KINDS for style in _STYLES
        )
    ]
    Product.objects.bulk_create(products)
    now = timezone.now()
    for c in range(60):
        external_id = DEMO_CUSTOMER_ID if c == 0 else f"customer-{c:02d}"
        customer = Customer.objects.create(
            shop=shop,
            external_id=external_id,
            display_name=f"Demo customer {c}",
            # 13800000000 is the signed-in demo customer; anyone can verify as 138000000NN.
            phone=f"+86 138 0000 00{c:02d}",
            email=f"customer{c:02d}@demo.test",
            segments=["vip"] if c % 7 == 0 else [],
        )
        for n in range(rng.randint(1, 3)):
            items = rng.sample(products, rng.randint(1, 3))
            flow = _FLOWS[(c + n) % len(_FLOWS)]
            placed = now - dt.timedelta(days=rng.randint(1, 40), hours=rng.randint(0, 23))
            order = Order.objects.create(
                shop=shop,
                customer=customer,
                number=f"LM{20261000 + c * 10 + n}",
                status=flow[-1],
                total=sum((p.price for p in items), Decimal(0)),
                placed_at=placed,
                carrier="顺丰 SF Express" if "shipped" in flow else "",
                tracking_number=f"SF{1000000 + c * 10 + n}" if "shipped" in flow else "",
            )
            OrderItem.objects.bulk_create(
                OrderItem(order=order, sku=p.sku, name=p.name, quantity=1, unit_price=p.price)
                for p in items
            )
            OrderEvent.objects.bulk_create(
                OrderEvent(order=order, status=s, at=placed + dt.timedelta(days=i))
                for i, s in enumerate(flow)
            )
        # What they browsed lately: the "last time you looked at X" of their next chat.
        ProductView.objects.bulk_create(
            ProductView(
                shop=shop,
                customer=customer,
                sku=p.sku,
                at=now - dt.timedelta(days=1, minutes=i),
            )
            for i, p in enumerate(rng.sample(products, 2))
        )
    return len(products)
