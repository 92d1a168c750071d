from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.fields import EncryptedTextField


class Language(models.TextChoices):
    ZH_HANS = "zh-Hans", _("Simplified Chinese")
    ZH_HANT = "zh-Hant", _("Traditional Chinese")
    EN = "en", _("English")


class Intent(models.TextChoices):
    """Questions whose answer is an action carried out by code rather than stored text."""

    NONE = "", _("Plain answer")
    ORDER_STATUS = "order_status", _("Order status")
    PRICE_QUERY = "price_query", _("Price query")
    PRODUCT_RECOMMENDATION = "product_recommendation", _("Product recommendation")
    RETURN_REQUEST = "return_request", _("Return request")
    HUMAN_HANDOFF = "human_handoff", _("Talk to a human")


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    PUBLISHED = "published", _("Published")
    ARCHIVED = "archived", _("Archived")


# Which status an entry may move to from each status.
TRANSITIONS: dict[str, set[str]] = {
    Status.DRAFT: {Status.IN_REVIEW, Status.PUBLISHED, Status.ARCHIVED},
    Status.IN_REVIEW: {Status.DRAFT, Status.PUBLISHED, Status.ARCHIVED},
    Status.PUBLISHED: {Status.DRAFT, Status.ARCHIVED},
    Status.ARCHIVED: {Status.DRAFT},
}


class Category(models.Model):
    """A node of the category tree. Editors get the ``edit_category_entries`` object permission
    on a category, which covers its sub-categories too."""

    name = models.CharField(_("name"), max_length=100)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("parent category"),
    )

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["parent", "name"], name="unique_category_name"),
        ]
        permissions = [("edit_category_entries", "Can edit the entries of this category")]

    def __str__(self) -> str:
        return self.path

    @property
    def path(self) -> str:
        names, node, seen = [], self, set()
        while node is not None and node.pk not in seen:
            seen.add(node.pk)
            names.append(node.name)
            node = node.parent
        return " / ".join(reversed(names))


class Tag(models.Model):
    name = models.CharField(_("name"), max_length=50, unique=True)

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Entry(models.Model):
    """A question customers ask, in any wording and language, and its answer in each language
    (``variants``: one ``EntryAnswer`` per language). ``language`` is the language of the
    standard question."""

    question = models.CharField(_("standard question"), max_length=300)
    intent = models.CharField(
        _("action intent"), max_length=40, choices=Intent.choices, blank=True, default=""
    )
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="entries", verbose_name=_("category")
    )
    language = models.CharField(_("language"), max_length=8, choices=Language.choices)
    tags = models.ManyToManyField(Tag, blank=True, related_name="entries", verbose_name=_("tags"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    version = models.PositiveIntegerField(default=0, editable=False, verbose_name=_("version"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated at"))
    published_at = models.DateTimeField(
        null=True, blank=True, editable=False, verbose_name=_("published at")
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        editable=False,
        related_name="+",
        verbose_name=_("updated by"),
    )

    class Meta:
        verbose_name = _("knowledge entry")
        verbose_name_plural = _("knowledge entries")
        ordering = ["-updated_at"]
        permissions = [("publish_entry", "Can publish and archive entries")]

    def __str__(self) -> str:
        return self.question

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._unsaved_answer: str | None = None
        super().__init__(*args, **kwargs)

    def save(self, *args: Any, **kwargs: Any) -> None:
        super().save(*args, **kwargs)
        if self._unsaved_answer is not None:
            own = EntryAnswer.objects.filter(entry=self, language=self.language)
            if self._unsaved_answer or own.exists():  # no empty variant for an empty answer
                EntryAnswer.objects.update_or_create(
                    entry=self, language=self.language, defaults={"answer": self._unsaved_answer}
                )
            self._unsaved_answer = None
            # A prefetched list of variants would now be stale.
            getattr(self, "_prefetched_objects_cache", {}).pop("variants", None)

    # ``answer`` reads and writes the variant in the entry's own language, so code that deals
    # with one language only (tests, the unanswered-questions draft, bulk loads) stays simple.
    # Answering in the customer's language goes through ``knowledge.variants`` instead.
    @property
    def answer(self) -> str:
        if self._unsaved_answer is not None:
            return self._unsaved_answer
        if self.pk is None:
            return ""
        own = next((v for v in self.variants.all() if v.language == self.language), None)
        return own.answer if own is not None else ""

    @answer.setter
    def answer(self, text: str) -> None:
        """Stored as the variant of the entry's language by the next ``save()`` (not by
        ``bulk_create``, which calls no ``save``)."""
        self._unsaved_answer = text


class EntryAnswer(models.Model):
    """The entry in one language: the answer, and the standard question as customers of that
    language read it ("did you mean", related questions). Every language is optional: a
    Traditional Chinese customer gets the Simplified variant converted when there is no
    Traditional one (``knowledge.variants``)."""

    entry = models.ForeignKey(
        Entry, on_delete=models.CASCADE, related_name="variants", verbose_name=_("knowledge entry")
    )
    language = models.CharField(_("language"), max_length=8, choices=Language.choices)
    question = models.CharField(
        _("question in this language"),
        max_length=300,
        blank=True,
        help_text=_(
            'Shown in "did you mean" and related questions, and learned as one more way to '
            "ask. Empty: the standard question (or a similar question in this language)."
        ),
    )
    answer = models.TextField(
        _("answer"),
        blank=True,
        help_text=_(
            "Safe HTML (links, lists, emphasis). Placeholders such as {order_status} are filled "
            "in when the answer is sent."
        ),
    )

    class Meta:
        verbose_name = _("answer in a language")
        verbose_name_plural = _("answers by language")
        ordering = ["entry", "language"]
        constraints = [
            models.UniqueConstraint(fields=["entry", "language"], name="unique_entry_language"),
        ]

    def __str__(self) -> str:
        return f"{self.entry_id} {self.language}"


class SimilarQuestion(models.Model):
    entry = models.ForeignKey(
        Entry,
        on_delete=models.CASCADE,
        related_name="similar_questions",
        verbose_name=_("knowledge entry"),
    )
    text = models.CharField(_("similar question"), max_length=300)

    class Meta:
        verbose_name = _("similar question")
        verbose_name_plural = _("similar questions")
        constraints = [
            models.UniqueConstraint(fields=["entry", "text"], name="unique_similar_question"),
        ]

    def __str__(self) -> str:
        return self.text


class EntryVersion(models.Model):
    """A snapshot of an entry after each saved change: the version history editors browse."""

    entry = models.ForeignKey(
        Entry, on_delete=models.CASCADE, related_name="versions", verbose_name=_("knowledge entry")
    )
    version = models.PositiveIntegerField(verbose_name=_("version"))
    data = models.JSONField(verbose_name=_("content"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("changed by"),
    )
    changed_at = models.DateTimeField(auto_now_add=True, verbose_name=_("changed at"))

    class Meta:
        verbose_name = _("entry version")
        verbose_name_plural = _("entry versions")
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(fields=["entry", "version"], name="unique_entry_version"),
        ]

    def __str__(self) -> str:
        return f"{self.entry_id} v{self.version}"


class DictionaryTerm(models.Model):
    """A word the tokenizer must keep whole; with ``canonical`` set it is also a synonym."""

    term = models.CharField(_("term"), max_length=50, unique=True)
    canonical = models.CharField(
        _("synonym of"),
        max_length=50,
        blank=True,
        help_text=_(
            "Leave empty for a plain dictionary word; fill in to treat the term as this word."
        ),
    )

    class Meta:
        verbose_name = _("dictionary term / synonym")
        verbose_name_plural = _("dictionary terms and synonyms")
        ordering = ["term"]

    def __str__(self) -> str:
        return f"{self.term} → {self.canonical}" if self.canonical else self.term


class AnswerModel(models.Model):
    """A trained answer engine, stored in the database so every process (several daphnes,
    workers) loads the same version. The newest row is the one in service."""

    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    trigger = models.CharField(max_length=100, verbose_name=_("trigger"))
    kb_fingerprint = models.CharField(
        max_length=64, db_index=True, verbose_name=_("knowledge base fingerprint")
    )
    n_entries = models.PositiveIntegerField(verbose_name=_("entries"))
    n_questions = models.PositiveIntegerField(verbose_name=_("questions"))
    threshold = models.FloatField(verbose_name=_("answer threshold"))
    train_seconds = models.FloatField(verbose_name=_("training time (s)"))
    metrics = models.JSONField(default=dict, blank=True, verbose_name=_("metrics"))
    artifact = models.BinaryField(verbose_name=_("stored model"))

    class Meta:
        verbose_name = _("answer model")
        verbose_name_plural = _("answer models")
        ordering = ["-id"]
        get_latest_by = "id"

    def __str__(self) -> str:
        return f"answer model v{self.pk} ({self.n_entries} entries)"


class AnswerLog(models.Model):
    """Every question the engine was asked, for analytics and for finding gaps in the KB.

    The question is the customer's own words, so it is personal data like ``Message.text``:
    encrypted at rest, tied to its conversation so that the customer's export, erasure and the
    shop's retention purge reach it, and shown masked (``core.masking``) to editors."""

    created_at = models.DateTimeField(
        auto_now_add=True, db_index=True, verbose_name=_("created at")
    )
    question = EncryptedTextField(verbose_name=_("question"))
    # The conversation the question was asked in (None for questions asked outside one, e.g.
    # by evaluation commands). Deleting a conversation deletes what was asked in it.
    conversation = models.ForeignKey(
        "conversations.Conversation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="answer_logs",
        verbose_name=_("conversation"),
    )
    # Set when the question was replaced by the erasure or the retention purge, so the nightly
    # purge (which cannot filter on ciphertext) never rewrites the same row twice.
    redacted = models.BooleanField(
        default=False, editable=False, verbose_name=_("personal data removed")
    )
    language = models.CharField(max_length=8, blank=True, verbose_name=_("language"))
    channel = models.CharField(max_length=20, blank=True, default="", verbose_name=_("channel"))
    entry = models.ForeignKey(
        Entry,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="answer_logs",
        verbose_name=_("knowledge entry"),
    )
    answered = models.BooleanField(verbose_name=_("answered"))
    confidence = models.FloatField(verbose_name=_("confidence"))
    alternatives = models.JSONField(default=list, blank=True, verbose_name=_("alternatives"))
    model_version = models.PositiveIntegerField(null=True, verbose_name=_("model version"))
    latency_ms = models.FloatField(verbose_name=_("latency (ms)"))
    feedback = models.SmallIntegerField(
        null=True, blank=True, choices=[(1, "👍"), (-1, "👎")], verbose_name=_("feedback")
    )

    class Meta:
        verbose_name = _("answer log")
        verbose_name_plural = _("answer logs")
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"AnswerLog {self.pk}"
