"""Words that mean the same across Chinese and English, learned from the knowledge base itself.

An entry asked in both languages ("退款多久到账" and "how long does a refund take") pairs the
words of its Chinese questions with those of its English ones. Pairs that keep meeting in the
same entries and rarely apart (退款 ↔ refund, 发票 ↔ invoice, 地址 ↔ address) are translations
in this knowledge base's sense. Adding a question's translations to its tokens lets an English
question use the Chinese wordings of an entry and the other way round: most entries have far
more paraphrases in one language than in the other.

No Django, no external dictionary: the lexicon is rebuilt with every training.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

_CJK_LOW, _CJK_HIGH = "\u3400", "\u9fff"


def _is_chinese(token: str) -> bool:
    return any(_CJK_LOW <= c <= _CJK_HIGH for c in token)


def learn(
    question_tokens: Sequence[Sequence[str]],
    question_entry: Sequence[int],
    *,
    per_word: int = 2,
    min_dice: float = 0.2,
    min_entries: int = 2,
    max_entry_share: float = 0.2,
) -> dict[str, tuple[str, ...]]:
    """token → its best translations (at most ``per_word``), both directions.

    Association is the Dice coefficient over entries: 2·both / (entries with the Chinese word +
    entries with the English word). Words in more than ``max_entry_share`` of the entries
    (如何, "how") say nothing about the topic and are left out; so are pairs seen together in
    fewer than ``min_entries`` entries (chance)."""
    chinese: dict[int, set[str]] = {}
    english: dict[int, set[str]] = {}
    for tokens, entry in zip(question_tokens, question_entry, strict=True):
        for token in tokens:
            if _is_chinese(token):
                chinese.setdefault(entry, set()).add(token)
            elif token.isalpha() and len(token) > 1:
                english.setdefault(entry, set()).add(token)
    entries = set(chinese) | set(english)
    if not entries:
        return {}
    limit = max_entry_share * len(entries)
    zh_df = Counter(t for words in chinese.values() for t in words)
    en_df = Counter(t for words in english.values() for t in words)
    together: Counter[tuple[str, str]] = Counter()
    for entry in set(chinese) & set(english):
        zh_words = [t for t in chinese[entry] if zh_df[t] <= limit]
        en_words = [t for t in english[entry] if en_df[t] <= limit]
        together.update((z, e) for z in zh_words for e in en_words)
    candidates: dict[str, list[tuple[float, str]]] = {}
    for (zh, en), both in together.items():
        if both < min_entries:
            continue
        dice = 2 * both / (zh_df[zh] + en_df[en])
        if dice >= min_dice:
            candidates.setdefault(zh, []).append((dice, en))
            candidates.setdefault(en, []).append((dice, zh))
    return {
        token: tuple(word for _, word in sorted(scored, key=lambda s: (-s[0], s[1]))[:per_word])
        for token, scored in candidates.items()
    }


def expand(tokens: list[str], lexicon: Mapping[str, Sequence[str]]) -> list[str]:
    """``tokens`` followed by the translations of each (duplicates kept out)."""
    if not lexicon:
        return tokens
    seen = set(tokens)
    extra = []
    for token in tokens:
        for word in lexicon.get(token, ()):
            if word not in seen:
                seen.add(word)
                extra.append(word)
    return tokens + extra if extra else tokens
