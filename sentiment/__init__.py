"""Sentiment and emotion of customer messages (Chinese Simplified/Traditional/Cantonese, English).

The library modules (``model``, ``mood``, ``text``, ``lexicon``, ``features``, ``training``,
``evaluation``, ``domain``) import no Django; only ``apps`` and the management commands do.
Import the public API from its modules to keep ``import sentiment`` cheap::

    from sentiment.model import Sentiment, SentimentModel, load_model
    from sentiment.mood import MoodTracker, MoodUpdate
"""
