"""The evaluation contract: `manage.py evaluate_answers` prints the agreed JSON keys."""

import json

import pytest
from django.core.management import CommandError, call_command

KEYS = {
    "top1",
    "top3",
    "mrr",
    "oos_precision",
    "oos_recall",
    "answered_accuracy",
    "n",
    "train_seconds",
    "latency_ms_p50",
    "latency_ms_p99",
    "peak_rss_mb",
}


def test_faq_kb_and_queries_give_every_metric(tmp_path, capsys):
    kb = tmp_path / "kb.csv"
    kb.write_text(
        "id,question,answer,similar\n"
        "ship,多久发货,24 小时内,什么时候发货|几天能发货|下单后多久寄出\n"
        "fee,运费多少钱,满 99 包邮,邮费怎么算|包邮吗|运费怎么收\n"
        "pay,支持哪些付款方式,支付宝和微信,可以用微信付款吗|能用信用卡吗|怎么付款\n"
        "inv,How do I get an invoice?,In your account,"
        "Can I have a receipt?|VAT invoice|invoice please\n",
        encoding="utf-8",
    )
    queries = tmp_path / "queries.csv"
    queries.write_text(
        "query,expected_id\n幾時發貨,ship\n运费怎么算,fee\n"
        "I need a receipt,inv\n火星天气如何,oos\n",
        encoding="utf-8",
    )
    call_command("evaluate_answers", "--kb", str(kb), "--queries", str(queries), "--json")
    report = json.loads(capsys.readouterr().out)
    assert KEYS <= set(report)
    assert report["n"] == 4
    assert report["top1"] == pytest.approx(1.0)  # the three answerable ones, ranked first


def test_a_csv_with_the_wrong_columns_is_a_clear_error(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("foo,bar\n1,2\n", encoding="utf-8")
    with pytest.raises(CommandError, match="column"):
        call_command("evaluate_answers", "--kb", str(bad), "--queries", str(bad))
    with pytest.raises(CommandError):
        call_command(
            "evaluate_answers", "--kb", str(tmp_path / "missing.csv"), "--queries", str(bad)
        )


def test_demo_and_files_are_alternatives(tmp_path):
    with pytest.raises(CommandError, match="either --kb and --queries, or --demo"):
        call_command("evaluate_answers")
    with pytest.raises(CommandError, match="either --kb and --queries, or --demo"):
        call_command("evaluate_answers", "--demo", "--kb", str(tmp_path / "kb.csv"))
    with pytest.raises(CommandError, match="go together"):
        call_command("evaluate_answers", "--kb", str(tmp_path / "kb.csv"))
