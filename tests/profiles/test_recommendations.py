"""Nightly recommender training from orders and views, and the look-ups chat uses."""

import datetime as dt

import pytest
from django_celery_beat.models import PeriodicTask

from profiles import recommendations
from profiles.models import Customer, Order, OrderItem, Product, ProductView, RecommenderModel
from profiles.tasks import train_recommenders
from tests.factories import make_shop

pytestmark = pytest.mark.django_db

PLACED = dt.datetime(2026, 11, 1, 10, tzinfo=dt.UTC)


def catalogue(shop):
    rows = [
        ("TENT", "Camping tent 帐篷", "outdoor"),
        ("SLEEP", "Sleeping bag 睡袋", "outdoor"),
        ("MUG", "Enamel mug 搪瓷杯", "kitchen"),
        ("KETTLE", "Electric kettle 电水壶", "kitchen"),
        ("SOCKS", "Wool socks 羊毛袜", "clothing"),
    ]
    for sku, name, category in rows:
        Product.objects.create(
            shop=shop, sku=sku, name=name, category=category, price="99.00", stock=5
        )


def buy(shop, customer, *skus, n=[0]):  # noqa: B006 - a counter for unique order numbers
    n[0] += 1
    order = Order.objects.create(
        shop=shop,
        customer=customer,
        number=f"R{n[0]:05d}",
        status="delivered",
        total="99.00",
        placed_at=PLACED,
    )
    for sku in skus:
        OrderItem.objects.create(order=order, sku=sku, name=sku, quantity=1, unit_price="99.00")


@pytest.fixture
def shop():
    shop = make_shop()
    catalogue(shop)
    # Planted pattern: tents go with sleeping bags, mugs with kettles. Socks sell to everyone.
    for i in range(8):
        c = Customer.objects.create(shop=shop, external_id=f"camper-{i}")
        buy(shop, c, "TENT", "SLEEP", "SOCKS")
    for i in range(8):
        c = Customer.objects.create(shop=shop, external_id=f"cook-{i}")
        buy(shop, c, "MUG", "KETTLE", "SOCKS")
    return shop


def test_training_recovers_what_goes_together(shop):
    model = recommendations.train_shop(shop)
    assert model.n_products == 5 and model.n_interactions == 48
    newcomer = Customer.objects.create(shop=shop, external_id="new")
    buy(shop, newcomer, "TENT")
    recommendations.train_shop(shop)  # tonight's run sees the new order
    suggested = [p.sku for p in recommendations.recommend(shop, newcomer)]
    assert suggested[0] == "SLEEP" and "TENT" not in suggested


def test_an_unknown_visitor_gets_best_sellers_in_stock(shop):
    Product.objects.filter(sku="SOCKS").update(stock=0)
    before_training = [p.sku for p in recommendations.recommend(shop, None)]
    recommendations.train_shop(shop)
    after_training = [p.sku for p in recommendations.recommend(shop, None)]
    assert "SOCKS" not in before_training and "SOCKS" not in after_training
    assert len(after_training) == 3


def test_views_count_and_the_proactive_line_names_both_products(shop):
    browser = Customer.objects.create(shop=shop, external_id="looker")
    ProductView.objects.create(shop=shop, customer=browser, sku="MUG", at=PLACED)
    recommendations.train_shop(shop)
    proactive = recommendations.proactive_for(browser, "en")
    assert proactive.text.startswith("Last time you looked at Enamel mug")
    assert proactive.products[0].sku == "KETTLE"
    zh = recommendations.proactive_for(browser, "zh")
    assert "上次您看了「Enamel mug 搪瓷杯」" in zh.text

    browser.preferences = {"proactive_suggestions": False}
    browser.save()
    assert recommendations.proactive_for(browser, "en") is None


def test_the_nightly_task_is_scheduled_and_trains_every_active_shop(shop):
    task = PeriodicTask.objects.get(task="profiles.tasks.train_recommenders")
    assert task.enabled and (task.crontab.hour, task.crontab.minute) == ("3", "30")
    assert str(task.crontab.timezone) == "Asia/Shanghai"
    closed = make_shop(name="Closed shop")
    closed.is_active = False
    closed.save()
    result = train_recommenders.delay().get()
    assert result == {str(shop.pk): 48}
    assert not RecommenderModel.objects.filter(shop=closed).exists()


def test_every_process_picks_up_a_newer_model(shop):
    recommendations.train_shop(shop)
    first = recommendations.model_for(shop)
    assert recommendations.model_for(shop) is first  # cached while nothing changed
    recommendations.train_shop(shop)
    assert recommendations.model_for(shop) is not first
