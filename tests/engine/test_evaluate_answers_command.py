"""``manage.py evaluate_answers`` prints in_scope_accuracy and, with --sweep, the whole curve
(no database needed: the command trains on the CSV it is given)."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

from django.core.management import call_command

from knowledge.engine.evaluation import SWEEP_THRESHOLDS
from knowledge.management.commands.evaluate_answers import Command

KB = (
    "id,question,answer,similar\n"
    "ship,多久发货,24 小时内,什么时候发货|几天能发货|下单后多久寄出\n"
    "fee,运费多少钱,满 99 包邮,邮费怎么算|包邮吗|运费怎么收\n"
    "pay,支持哪些付款方式,支付宝和微信,可以用微信付款吗|能用信用卡吗|怎么付款\n"
    "inv,How do I get an invoice?,In your account,Can I have a receipt?|VAT invoice\n"
)
QUERIES = (
    "query,expected_id\n幾時發貨,ship\n运费怎么算,fee\nI need a receipt,inv\n火星天气如何,oos\n"
)


def _files(tmp_path: Path) -> tuple[str, str]:
    kb, queries = tmp_path / "kb.csv", tmp_path / "q.csv"
    kb.write_text(KB, encoding="utf-8")
    queries.write_text(QUERIES, encoding="utf-8")
    return str(kb), str(queries)


def _run(*args: str) -> str:
    out = StringIO()
    call_command(Command(), *args, stdout=out)
    return out.getvalue()


def test_json_has_in_scope_accuracy_and_the_sweep(tmp_path: Path) -> None:
    kb, queries = _files(tmp_path)
    report = json.loads(_run("--kb", kb, "--queries", queries, "--sweep", "--json"))
    assert 0.0 <= report["in_scope_accuracy"] <= 1.0
    assert report["n_in_scope"] == 3 and report["n_oos"] == 1
    assert [row["threshold"] for row in report["sweep"]] == list(SWEEP_THRESHOLDS)
    assert {"in_scope_accuracy", "oos_recall"} <= set(report["sweep"][0])


def test_without_sweep_no_curve(tmp_path: Path) -> None:
    kb, queries = _files(tmp_path)
    report = json.loads(_run("--kb", kb, "--queries", queries, "--json"))
    assert "in_scope_accuracy" in report and "sweep" not in report


def test_sweep_table_in_plain_output(tmp_path: Path) -> None:
    kb, queries = _files(tmp_path)
    text = _run("--kb", kb, "--queries", queries, "--sweep")
    assert "threshold  in_scope_accuracy  oos_recall" in text
    assert "0.05" in text and "0.95" in text
