from __future__ import annotations

import pickle

from knowledge.engine.normalize import normalize
from knowledge.engine.tokenize import Tokenizer, stem


def test_english_stemming_and_contractions() -> None:
    tokens = Tokenizer()(normalize("I didn't receive my cards, and I was charged twice!"))
    assert "card" in tokens and "cards" not in tokens
    assert "not" in tokens  # negation survives: it changes the intent
    assert "charg" in tokens
    assert stem("charging") == stem("charged") == stem("charges") == stem("charge")
    assert stem("apply") == "apply"  # short words are not mangled


def test_chinese_stopwords_and_synonyms() -> None:
    tok = Tokenizer({"快递": "物流", "shipping": "delivery"})
    assert tok("请问我的快递到哪了") == ["我", "物流", "到", "哪"]
    assert tok("How long does shipping take") == tok("How long does delivery take")


def test_custom_words_keep_terms_whole_and_do_not_leak() -> None:
    plain = Tokenizer()
    custom = Tokenizer(words=["运费险"])
    assert "运费险" in custom("运费险怎么买")
    assert "运费险" not in plain("运费险怎么买")  # private dictionaries, shared base untouched


def test_cjk_bigrams_are_prefixed() -> None:
    tokens = Tokenizer().tokenize("退货流程", cjk_bigrams=True)
    assert "_退货" in tokens and "_货流" in tokens and "_流程" in tokens


def test_tokenizer_pickles_without_the_dictionary() -> None:
    tok = Tokenizer({"快递": "物流"}, ["运费险"])
    tok("运费险")  # builds the private jieba instance
    blob = pickle.dumps(tok)
    assert len(blob) < 10_000
    assert pickle.loads(blob)("运费险和快递") == tok("运费险和快递")
