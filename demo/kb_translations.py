"""The demo knowledge base in its other languages: for every entry of ``demo.kb_data``, keyed
by its standard question, the question and the answer in English (for Chinese entries) or in
Simplified Chinese (for English ones), and in Traditional Chinese where Hong Kong wording
differs from a character-by-character conversion. Every other Traditional answer is the
Simplified one converted by OpenCC when asked (``knowledge.variants``), so it never drifts from
the Simplified text an editor changes.

Plain data, importable without Django.
"""

from __future__ import annotations

from typing import Any

# standard question → language → (question in that language, answer in that language)
TRANSLATIONS: dict[str, dict[str, tuple[str, str]]] = {}


def variants_of(item: Any) -> dict[str, tuple[str, str]]:
    """language → (question, answer) for a ``DemoEntry``: its own language's answer (the
    standard question needs no copy) and its translations."""
    variants: dict[str, tuple[str, str]] = {}
    if item["answer"]:
        variants[item["language"]] = ("", item["answer"])
    variants.update(TRANSLATIONS.get(item["question"], {}))
    return variants
