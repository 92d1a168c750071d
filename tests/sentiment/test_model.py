"""User-visible behaviour of SentimentModel.analyze on hand-written messages."""

import pytest

from sentiment.model import EMOTIONS, Sentiment, SentimentModel


def test_result_shape(model: SentimentModel) -> None:
    s = model.analyze("谢谢，很满意")
    assert isinstance(s, Sentiment)
    assert -1.0 <= s.polarity <= 1.0
    assert 0.0 <= s.confidence <= 1.0
    assert s.emotion in EMOTIONS


def test_empty_message_is_neutral(model: SentimentModel) -> None:
    assert model.analyze("   ") == Sentiment(polarity=0.0, emotion="neutral", confidence=1.0)


@pytest.mark.parametrize(
    "text",
    [
        "不错",
        "谢谢，很满意",
        "物流很快，好评",
        "质量很好，下次还会买",
        "好正呀，多謝晒",  # Cantonese: great, thanks a lot
        "質量很好，物流也很快",  # Traditional
        "love it, fast delivery",
        "Great service, thank you!",
        "没想到这么好用",
    ],
)
def test_positive(model: SentimentModel, text: str) -> None:
    s = model.analyze(text)
    assert s.polarity > 0.2, s
    assert s.emotion == "satisfied", s


@pytest.mark.parametrize(
    "text",
    [
        "不好",
        "质量不太好",
        "质量差",
        "太慢了",
        "假货",
        "一直不给我退款",  # a refund withheld; "我要退款" alone is a request, not a feeling
        "差评",
        "骗子",
        "一直没到",
        "客服不理人",
        "唔好用",  # Cantonese negation: not good to use
        "質量好差",  # Traditional + Cantonese intensifier 好
        "冇人理我",  # Cantonese: nobody answers me
        "It never arrived",
        "The item was broken",
        "worst purchase ever",
        "not good",
    ],
)
def test_negative(model: SentimentModel, text: str) -> None:
    s = model.analyze(text)
    assert s.polarity < -0.2, s
    assert s.emotion in {"angry", "anxious", "disappointed"}, s


@pytest.mark.parametrize("text", ["没有问题", "没问题", "not bad", "不差"])
def test_negated_negative_is_not_negative(model: SentimentModel, text: str) -> None:
    s = model.analyze(text)
    assert s.polarity > -0.1, s
    assert s.emotion in {"neutral", "satisfied"}, s


@pytest.mark.parametrize(
    ("weaker", "stronger"),
    [("bad", "very bad"), ("差", "非常差"), ("慢", "太慢了"), ("good", "extremely good")],
)
def test_intensifiers_strengthen(model: SentimentModel, weaker: str, stronger: str) -> None:
    assert abs(model.analyze(stronger).polarity) > abs(model.analyze(weaker).polarity)


def test_negation_flips(model: SentimentModel) -> None:
    assert model.analyze("满意").polarity > 0 > model.analyze("不满意").polarity
    assert model.analyze("good").polarity > 0 > model.analyze("not good").polarity


@pytest.mark.parametrize(
    ("text", "emotion"),
    [
        ("我的快递到底什么时候到？都一周了", "anxious"),
        ("我的快遞到底幾時到？等咗好耐", "anxious"),  # Traditional / Cantonese
        ("Where is my order? I'm still waiting", "anxious"),
        ("你们是骗子！马上退款", "angry"),
        ("有冇搞錯！好嬲", "angry"),  # Cantonese: are you kidding me, I'm furious
        ("客服不理人，我要投诉", "angry"),
        ("This is a scam!! I want my money back", "angry"),
        ("谢谢，很满意", "satisfied"),
        ("Thanks, very satisfied with the fast delivery", "satisfied"),
        ("我想查一下订单", "neutral"),
        ("唔該，幫我查下訂單", "neutral"),
        ("How do I change my shipping address?", "neutral"),
    ],
)
def test_emotion(model: SentimentModel, text: str, emotion: str) -> None:
    assert model.analyze(text).emotion == emotion


def test_angry_is_more_negative_than_anxious(model: SentimentModel) -> None:
    angry = model.analyze("你们是骗子！马上退款")
    anxious = model.analyze("我的快递到底什么时候到？都一周了")
    assert angry.polarity <= -0.5
    assert angry.polarity < anxious.polarity < 0


def test_traditional_and_simplified_agree(model: SentimentModel) -> None:
    simplified = model.analyze("这个质量太差了，我要退货")
    traditional = model.analyze("這個質量太差了，我要退貨")
    assert simplified == traditional


def test_probability_matches_polarity_sign(model: SentimentModel) -> None:
    for text in ("不错", "太差了", "质量不太好", "很满意"):
        p = model.probability(text)
        assert (p > 0.5) == (model.analyze(text).polarity > 0)


# Plain questions a shop's FAQ answers, seen labelled 失望/焦急 and escalated (issue 16).
@pytest.mark.parametrize(
    "text",
    [
        "多久发货",
        "怎么退货",
        "點樣退貨",
        "退貨要幾多錢運費",
        "how do I return an item",
        "订单 LM20269999 到哪了",
        "退货运费谁出",
        "是不是正品",
        "開唔開發票？",
        "积分会过期吗？",
        "我想刪除帳戶",
        "不想收到促销短信",
        "do you issue vat special invoices",
        "取消咗張單幾時退錢？",
    ],
)
def test_a_plain_question_is_neutral(model: SentimentModel, text: str) -> None:
    sentiment = model.analyze(text)
    assert sentiment.emotion == "neutral", sentiment
    assert sentiment.polarity > -0.3, sentiment


@pytest.mark.parametrize(
    ("text", "emotion"),
    [
        ("怎么这么慢", "disappointed"),  # a question that is really a complaint
        ("为什么还没发货", "anxious"),
        ("到底什么时候发货??", "anxious"),
        ("where is my order?? been a week", "anxious"),
        ("东西坏了", "disappointed"),
        ("你们是骗子吗", "angry"),
    ],
)
def test_a_complaint_in_question_form_is_still_negative(
    model: SentimentModel, text: str, emotion: str
) -> None:
    assert model.analyze(text).emotion == emotion


def test_neutral_questions_rarely_escalate(model: SentimentModel) -> None:
    """Openers of a fresh conversation, two at a time: a customer asking how returns work must
    not be treated as an upset one."""
    from sentiment.evaluation import evaluate_neutral

    questions = [
        "多久发货", "怎么退货", "點樣退貨", "退貨要幾多錢運費", "how do I return an item",
        "订单 LM20269999 到哪了", "退货运费谁出", "可以帮忙包装成礼物吗", "支持数字人民币吗",
        "有没有发票", "我想改一下收货地址", "包裹能寄存到小区驿站吗", "what's the return address",
        "cancel my order", "怎么取消订单？", "积分会过期吗？",
    ]  # fmt: skip
    report = evaluate_neutral(model, questions)
    assert report["false_escalations"] == 0, report
    assert report["scored_negative"] == 0, report


# -- issue 19: NB-weighted regression on binary n-grams, the held-out figure ----------------

_TINY_POS = ["质量很好", "很满意，好评", "物流很快，满意", "东西不错", "好评，会回购", "非常好用"]
_TINY_NEG = ["质量太差", "很失望，差评", "物流太慢了", "东西坏了", "差评，不会再买", "非常难用"]


def _tiny_fit(**overrides: object) -> dict:
    from sentiment.training import TrainConfig, fit

    texts = _TINY_POS + _TINY_NEG
    labels = [1] * len(_TINY_POS) + [0] * len(_TINY_NEG)
    config = TrainConfig(min_df=1, **overrides)  # type: ignore[arg-type]
    return fit(texts, labels, config)


def test_nb_weighted_binary_model_separates_its_training_data() -> None:
    payload = _tiny_fit()
    assert payload["binary_tf"] is True
    model = SentimentModel(payload)
    assert model.probability("质量很好，满意") > 0.5 > model.probability("质量太差，失望")


def test_nb_ratio_is_folded_into_the_coefficients() -> None:
    """The ratio multiplies each n-gram's value before the fit; inference knows nothing of it,
    so the stored coefficient must already carry it: a positive n-gram gets a positive one."""
    plain = _tiny_fit(nb_weighting=False, binary_tf=False)["weights"]
    weighted = _tiny_fit()["weights"]
    assert set(plain) == set(weighted)
    assert weighted["好"][1] > 0 > weighted["差"][1]


def test_binary_tf_counts_a_repeated_ngram_once() -> None:
    payload = _tiny_fit()
    binary = SentimentModel(payload)
    sublinear = SentimentModel({**payload, "binary_tf": False})
    assert binary._logits("差 差 差 好")[0] != sublinear._logits("差 差 差 好")[0]
    # Older artifacts have no "binary_tf": they keep the sublinear tf they were trained with.
    legacy = {k: v for k, v in payload.items() if k != "binary_tf"}
    assert SentimentModel(legacy)._logits("差 差 差 好")[0] == sublinear._logits("差 差 差 好")[0]


def test_evaluate_heldout_trains_on_the_rest(monkeypatch: pytest.MonkeyPatch) -> None:
    from sentiment import evaluation, training

    texts = _TINY_POS * 3 + _TINY_NEG * 3
    labels = [1] * 18 + [0] * 18
    monkeypatch.setattr(training, "load_corpus", lambda: (texts, labels))
    report = evaluation.evaluate_heldout(training.TrainConfig(min_df=1), holdout=0.25, seed=1)
    assert report["n"] == 9 and report["n_train"] == 27
    assert 0.0 <= report["accuracy"] <= 1.0
