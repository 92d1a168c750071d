"""evaluate_sentiment management command (no database needed)."""

import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from sentiment.management.commands.evaluate_sentiment import Command

ROWS = [
    (1, "质量很好，物流也快，好评"),
    (1, "谢谢，很满意"),
    (1, "love it, fast delivery"),
    (0, "太慢了，等了一个星期还没到"),
    (0, "假货，骗子，我要退款"),
    (0, "質量好差"),
]


def _run(*args: str) -> str:
    # Passing the Command instance works whether or not "sentiment" is in INSTALLED_APPS yet.
    from io import StringIO

    out = StringIO()
    call_command(Command(), *args, stdout=out)
    return out.getvalue()


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_reports_metrics(tmp_path: Path, model: object) -> None:
    lines = ["label,review"] + [f'{label},"{review}"' for label, review in ROWS]
    data = _write(tmp_path / "tiny.csv", "\n".join(lines) + "\n")
    report = json.loads(_run("--data", str(data)))
    assert report["n"] == len(ROWS)
    assert report["accuracy"] == 1.0
    assert report["macro_f1"] == 1.0
    for key in ("latency_ms_p50", "latency_ms_p99", "model_load_seconds"):
        assert report[key] >= 0
    assert report["latency_ms_p50"] <= report["latency_ms_p99"]


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="not found"):
        _run("--data", str(tmp_path / "nope.csv"))


def test_wrong_columns(tmp_path: Path) -> None:
    data = _write(tmp_path / "bad.csv", "text,category\nhello,greeting\n")
    with pytest.raises(CommandError, match=r"label,review.*missing label, review"):
        _run("--data", str(data))


def test_bad_label(tmp_path: Path) -> None:
    data = _write(tmp_path / "bad.csv", "label,review\n1,好\npositive,不错\n")
    with pytest.raises(CommandError, match=r":3: label must be 0 or 1"):
        _run("--data", str(data))


def test_header_only(tmp_path: Path) -> None:
    data = _write(tmp_path / "empty.csv", "label,review\n")
    with pytest.raises(CommandError, match="no data rows"):
        _run("--data", str(data))


def test_neutral_questions_report_how_many_read_as_negative(tmp_path: Path) -> None:
    path = tmp_path / "neutral.txt"
    lines = ["# plain questions", "多久发货", "怎么退货", "", "运费多少钱"]
    lines.append("质量太差了，气死我了！！")
    path.write_text("\n".join(lines) + "\n", "utf-8")
    report = json.loads(_run("--neutral", str(path)))
    assert report["n"] == 4  # the comment and the blank line are skipped
    assert report["scored_negative"] == 1
    assert report["examples_scored_negative"] == ["质量太差了，气死我了！！"]
    assert report["conversations"] == 2


def test_a_missing_neutral_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="not found"):
        _run("--neutral", str(tmp_path / "missing.txt"))
