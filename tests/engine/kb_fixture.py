"""A small trilingual knowledge base (Simplified, Traditional, English) for engine tests."""

from __future__ import annotations

from knowledge.engine.model import EntrySpec

ENTRIES: list[EntrySpec] = [
    EntrySpec(
        "shipping_time",
        [
            "发货后多久能到货？",
            "快递几天能到",
            "什么时候能收到货",
            "How long does delivery take?",
            "When will my order arrive?",
        ],
        "下单后一般 2-3 个工作日送达。",
    ),
    EntrySpec(
        "shipping_fee",
        [
            "运费多少钱？",
            "邮费怎么算",
            "包邮吗",
            "How much is shipping?",
            "Do you charge for delivery?",
        ],
        "订单满 99 元包邮，否则运费 8 元。",
    ),
    EntrySpec(
        "return_policy",
        [
            "如何办理退货？",
            "我想退货怎么操作",
            "退货流程是什么",
            "How do I return an item?",
            "What is your return policy?",
        ],
        "签收后 7 天内可在订单页申请退货。",
    ),
    EntrySpec(
        "refund_time",
        [
            "退款多久到账？",
            "钱什么时候退回来",
            "How long does a refund take?",
            "When will I get my money back?",
        ],
        "退款会在 3-5 个工作日内原路返回。",
    ),
    EntrySpec(
        "payment_methods",
        [
            "支持哪些付款方式？",
            "可以用支付宝付款吗",
            "能用微信支付吗",
            "What payment methods do you accept?",
            "Can I pay by credit card?",
        ],
        "支持支付宝、微信支付和信用卡。",
    ),
    EntrySpec(
        "invoice",
        [
            "怎么开发票？",
            "可以开增值税发票吗",
            "发票怎么申请",
            "How do I get an invoice?",
            "Can you send me a receipt?",
        ],
        "在订单详情页点击“申请发票”。",
    ),
    EntrySpec(
        "password_reset",
        [
            "忘记密码怎么办？",
            "如何重置密码",
            "登录密码找回",
            "I forgot my password",
            "How do I reset my password?",
        ],
        "在登录页点击“忘记密码”，按短信验证码重置。",
    ),
    EntrySpec(
        "order_tracking",
        [
            "怎么查询订单物流？",
            "我的快递到哪了",
            "查看物流信息",
            "How can I track my order?",
            "Where is my package?",
        ],
        "在“我的订单”中点击“查看物流”。",
    ),
    EntrySpec(
        "cancel_order",
        [
            "怎么取消订单？",
            "下单后可以取消吗",
            "How do I cancel my order?",
            "I want to cancel an order",
        ],
        "未发货的订单可在订单页直接取消。",
    ),
    EntrySpec(
        "change_address",
        [
            "怎么修改收货地址？",
            "地址填错了怎么改",
            "Can I change my shipping address?",
            "I entered the wrong address",
        ],
        "发货前可在订单页修改地址。",
    ),
    EntrySpec(
        "contact_human",
        [
            "怎么联系人工客服？",
            "转人工",
            "I want to talk to a human agent",
            "How can I contact customer service?",
        ],
        "回复“人工”即可转接客服。",
    ),
    EntrySpec(
        "warranty",
        [
            "产品保修多久？",
            "坏了可以保修吗",
            "What is the warranty period?",
            "Is my product still under warranty?",
        ],
        "所有产品保修一年。",
    ),
    EntrySpec(
        "store_hours",
        [
            "門市營業時間是幾點？",
            "你們幾點開門",
            "星期天有營業嗎",
            "What are your store opening hours?",
            "When does the shop open?",
        ],
        "門市每日 10:00-21:00 營業。",
        language="zh-Hant",
    ),
    EntrySpec(
        "delete_account",
        [
            "如何注销账号？",
            "怎么删除我的账户",
            "How do I delete my account?",
            "I want to close my account",
        ],
        "在“设置 - 账号安全”中申请注销。",
    ),
    EntrySpec(
        "coupon",
        [
            "优惠券怎么用？",
            "优惠码在哪里输入",
            "How do I use a coupon code?",
            "Where do I enter a discount code?",
        ],
        "在结算页的“优惠券”一栏输入。",
    ),
]

SYNONYMS: dict[str, str] = {"快递": "物流", "邮费": "运费", "parcel": "package"}
CUSTOM_WORDS: list[str] = ["增值税发票", "人工客服"]
