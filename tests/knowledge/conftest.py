import pytest
from guardian.shortcuts import assign_perm

from accounts.roles import Role
from knowledge.models import Category, Entry, SimilarQuestion, Status


@pytest.fixture
def categories(db):
    shipping = Category.objects.create(name="Shipping")
    international = Category.objects.create(name="International", parent=shipping)
    payment = Category.objects.create(name="Payment")
    return {"shipping": shipping, "international": international, "payment": payment}


@pytest.fixture
def editor(make_user, categories):
    """A knowledge editor granted the Shipping category only."""
    user = make_user("edith", Role.KNOWLEDGE_EDITOR)
    assign_perm("knowledge.edit_category_entries", user, categories["shipping"])
    return user


def make_entry(
    category, question, answer="answer", language="zh-Hans", similar=(), status=Status.DRAFT
):
    entry = Entry.objects.create(
        question=question, answer=answer, category=category, language=language, status=status
    )
    SimilarQuestion.objects.bulk_create(SimilarQuestion(entry=entry, text=t) for t in similar)
    return entry
