"""Answer engine: pure Python (no Django), trained from knowledge-base entries.

Typical use::

    model = AnswerModel.train(entries, synonyms={"快递": "物流"}, custom_words=["运费险"])
    blob = model.dumps()                  # store; AnswerModel.loads(blob) elsewhere
    result = model.answer("運費幾多錢")    # AnswerResult(entry_id, answer, confidence, ...)
"""

from .model import AnswerModel, AnswerResult, EntrySpec, TrainConfig, train_model
from .normalize import detect_language, normalize

__all__ = [
    "AnswerModel",
    "AnswerResult",
    "EntrySpec",
    "TrainConfig",
    "detect_language",
    "normalize",
    "train_model",
]
