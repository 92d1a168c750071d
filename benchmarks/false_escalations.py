"""False escalations: how often plain customer questions make the bot apologise and offer a
person, as JSON.

    .venv/bin/python benchmarks/false_escalations.py [--write FILE]

The neutral questions are every standard and similar question of the demo knowledge base
(zh-Hans, zh-Hant/Cantonese and English), except those of the categories whose questions
report a problem (a damaged item, a failed payment, a parcel that never came, a complaint):
a customer saying "东西坏了" is not neutral, and the mood is right to notice it.

They go through the conversation's mood rule two at a time (``sentiment.mood.MoodTracker``,
the rule ``chatbot.mood.fold`` applies to every customer message), as two openers of one
conversation. Target: at most 1 % of those conversations escalate. ``--write FILE`` also
writes the questions, one per line, for ``manage.py evaluate_sentiment --neutral FILE``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# First, even when PYTHONPATH has it too: benchmarks/sentiment.py would shadow the package.
sys.path.insert(0, str(REPO))

from demo.kb_data import DEMO_KB  # noqa: E402
from sentiment.evaluation import evaluate_neutral  # noqa: E402
from sentiment.model import load_model  # noqa: E402

TARGET = "false_escalation_share <= 0.01"
PROBLEM_CATEGORIES = frozenset(
    (
        "Shipping / Delivery problems",
        "Returns & refunds / Damaged or wrong items",
        "Payment / Payment problems",
        "Customer service / Feedback",
    )
)


def neutral_questions() -> list[str]:
    return [
        question
        for entry in DEMO_KB
        if entry["category"] not in PROBLEM_CATEGORIES
        for question in (entry["question"], *entry["similar"])
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", type=Path, help="also write the questions to this file")
    args = parser.parse_args()
    questions = neutral_questions()
    if args.write:
        args.write.write_text("\n".join(questions) + "\n", encoding="utf-8")
    report = evaluate_neutral(load_model(), questions)
    report["target"] = TARGET
    print(json.dumps(report, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
