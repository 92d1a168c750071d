from __future__ import annotations

import pytest

from knowledge.engine.model import AnswerModel

from .kb_fixture import CUSTOM_WORDS, ENTRIES, SYNONYMS


@pytest.fixture(scope="session")
def model() -> AnswerModel:
    # Trained once: training is deterministic and the model is immutable.
    return AnswerModel.train(ENTRIES, synonyms=SYNONYMS, custom_words=CUSTOM_WORDS)
