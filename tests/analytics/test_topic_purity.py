"""Topics of unanswered questions are coherent: measured on the demo's unanswered questions
and on ten planted topics asked in three languages (issue 18, item 9). Each topic is shown with
its most typical question first."""

import random
from collections import Counter

import pytest

from analytics.clustering import cluster_questions
from demo.history import UNANSWERED
from knowledge.models import AnswerLog
from tests.analytics.topic_sets import DEMO_TOPICS, PLANTED, planted_questions, purity

PURITY = 0.9


def test_planted_topics_in_three_languages_are_pure_and_found():
    texts, topics = planted_questions()
    found = cluster_questions(texts, max_clusters=100)
    assert purity([t.indices for t in found], topics) >= PURITY
    # Pure because it found the topics, not because it left everything on its own: one
    # cluster holds at least 40 % of a topic's questions (English usually stays apart from
    # Chinese) for at least 8 of the 10 topics. Measured: 6 at 60-73 %, warranty 47 %, and
    # 33 % for overseas shipping and wholesale, whose wordings share no word (国外, 海外, 美国).
    shares = []
    for topic in PLANTED:
        members = {i for i, t in enumerate(topics) if t == topic}
        shares.append(max(len(members & set(t.indices)) for t in found) / len(members))
    assert sum(share >= 0.4 for share in shares) >= 8, shares
    # Simplified, Traditional and Cantonese wordings of one question meet.
    address = next(t for t in found if "下单后能改收货地址吗" in t.examples)
    assert {texts[i] for i in address.indices} >= {"下單後可以改收貨地址嗎", "收貨地址填錯了怎麼辦"}


def test_the_demos_unanswered_questions_make_pure_topics():
    assert set(UNANSWERED) == set(DEMO_TOPICS)  # the labels cover what the demo asks
    rng = random.Random(3)
    texts = [rng.choice(UNANSWERED) for _ in range(600)]
    found = cluster_questions(texts)
    assert purity([t.indices for t in found], [DEMO_TOPICS[q] for q in texts]) >= PURITY
    assert len(found) < len(set(UNANSWERED))  # paraphrases were grouped


def test_unrelated_english_questions_are_not_one_topic():
    texts = ["can I change my delivery address", "can I pay with e-CNY"] * 3
    assert sorted(t.size for t in cluster_questions(texts)) == [3, 3]


def test_each_topic_starts_with_its_most_typical_question():
    texts, _ = planted_questions()
    labels = {t.label for t in cluster_questions(texts, max_clusters=100)}
    # The planted set repeats each topic's first Simplified question: customers ask it most.
    typical = {languages["zh-Hans"][0] for languages in PLANTED.values()}
    assert len(typical & labels) >= 9


@pytest.mark.django_db
def test_the_knowledge_report_lists_coherent_topics_typical_question_first(client, make_user):
    from accounts.roles import Role

    rng = random.Random(5)
    texts, _ = planted_questions()
    for text in rng.sample(texts, len(texts)):
        AnswerLog.objects.create(question=text, answered=False, confidence=0.1, latency_ms=1)
    client.force_login(make_user("sue", Role.SUPERVISOR))
    page = client.get("/analytics/knowledge/", {"export": "csv", "table": "unanswered_topics"})
    rows = page.content.decode().lstrip("\ufeff").splitlines()[1:]
    first_cells = Counter(row.split(",")[0] for row in rows)
    assert "可以开发票吗" in first_cells and "下单后能改收货地址吗" in first_cells
    address = next(r for r in rows if r.startswith("下单后能改收货地址吗"))
    assert "e-CNY" not in address and "数字人民币" not in address
