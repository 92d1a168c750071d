import pytest

from sentiment.model import SentimentModel, load_model


@pytest.fixture(scope="session")
def model() -> SentimentModel:
    # Loads var/sentiment-model.pkl, or trains it once (~20 s) on a fresh checkout.
    return load_model()
