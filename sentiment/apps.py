from django.apps import AppConfig


class SentimentConfig(AppConfig):
    name = "sentiment"
    verbose_name = "Sentiment and emotion"
    default_auto_field = "django.db.models.BigAutoField"
