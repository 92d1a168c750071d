"""Routing reasons are read in the reader's language, rebuilt from the decision's facts
(issue 18, item 13)."""

import pytest
from django.utils import translation

from accounts.roles import Role
from routing.explain import explain_decision
from routing.models import AssignmentDecision, DecisionKind
from routing.services.scoring import OnlineAgent, Requirements, rank_candidates

pytestmark = pytest.mark.django_db


@pytest.fixture
def decision(make_user):
    from tests.factories import make_shop

    wang, li = make_user("王芳", Role.AGENT), make_user("李雷", Role.AGENT)
    online = [
        OnlineAgent(1, wang.pk, "王芳", 4, None, (), {"orders": 5}, load=1),
        OnlineAgent(2, li.pk, "李雷", 4, None, (), {"orders": 2}, load=0),
    ]
    req = Requirements(skills={"orders": 4}, rules=["订单问题"])
    ranked, fallback = rank_candidates(req, online, set())
    assert not fallback and ranked[0]["agent"] == "王芳"
    conversation = make_shop().conversations.create(visitor_token_hash="x")
    return AssignmentDecision.objects.create(
        conversation=conversation,
        kind=DecisionKind.AUTO,
        winner=wang,
        requirements=req.as_dict(),
        candidates=ranked,
        summary="王芳 scored 0.75 (skill match 1.00, load 1/4), best of 2 candidate(s)",
    )


def test_the_reason_is_told_in_the_readers_language(decision):
    with translation.override("en"):
        assert explain_decision(decision) == (
            "王芳 scored 0.75 (skill match 1.00, load 1/4), the best of 2 candidates; "
            "rules: 订单问题"
        )
    with translation.override("zh-hans"):
        assert explain_decision(decision) == (
            "王芳 得分 0.75（技能匹配 1.00，负载 1/4），在 2 名候选坐席中最高；规则：订单问题"
        )


def test_supervisors_read_the_reasons_in_chinese_in_the_admin(client, decision, make_user):
    client.force_login(make_user("主管", Role.SUPERVISOR))
    page = client.get(
        "/admin/routing/assignmentdecision/", HTTP_ACCEPT_LANGUAGE="zh-Hans"
    ).content.decode()
    assert "在 2 名候选坐席中最高" in page and "scored" not in page
