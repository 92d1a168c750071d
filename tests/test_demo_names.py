"""The demo shop is Chinese: its knowledge categories and teams have Chinese names
(issue 18, item 13)."""

import re

import pytest

from demo.categories import category_name
from demo.kb_data import DEMO_KB
from demo.seed import DEMO_TEAMS, category_for

ENGLISH_WORD = re.compile(r"[A-Za-z]{3,}")


def test_every_demo_category_level_has_a_chinese_name():
    levels = {part.strip() for entry in DEMO_KB for part in entry["category"].split("/")}
    untranslated = sorted(level for level in levels if ENGLISH_WORD.search(category_name(level)))
    assert untranslated == []


def test_demo_teams_have_chinese_names():
    assert not [name for name in DEMO_TEAMS if ENGLISH_WORD.search(name)]


@pytest.mark.django_db
def test_seeding_creates_the_chinese_categories():
    couriers = category_for("Shipping / Couriers")
    assert (couriers.parent.name, couriers.name) == ("配送", "快递公司")
    assert category_for("Shipping / Fees").parent == couriers.parent
