"""Dense lexicon features shared by training (sklearn) and inference (pure Python)."""

from __future__ import annotations

import math

from .lexicon import LexScore

DENSE_NAMES = (
    "log_pos",
    "log_neg",
    "log_dutir_pos",
    "log_dutir_neg",
    "flipped_pos",
    "flipped_neg",
    "net",
    "exclamations",
    "questions",
)
# Columns an English message can have: DUTIR is Chinese only, so the lexicon-only model that
# scores English text is trained with these columns zeroed (it must not lean on them).
DUTIR_COLUMNS = (2, 3)


def dense_features(lex: LexScore, text: str) -> list[float]:
    """Lexicon evidence as a few bounded numbers (log1p keeps one long rant from dominating)."""
    return [
        math.log1p(lex.pos),
        math.log1p(lex.neg),
        math.log1p(lex.dutir_pos),
        math.log1p(lex.dutir_neg),
        min(lex.flipped_pos, 3) / 3.0,
        min(lex.flipped_neg, 3) / 3.0,
        math.tanh((lex.pos - lex.neg) / 2.0),
        min(text.count("!"), 3) / 3.0,
        min(text.count("?"), 3) / 3.0,
    ]
