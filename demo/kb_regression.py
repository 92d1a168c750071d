"""Held-out questions for the demo knowledge base, and the entry each one should get.

Customers' own wordings in Simplified and Traditional Chinese (Cantonese included) and English,
many of them in another language than the entry's standard question. None of them is (after
normalisation) a question of the knowledge base itself: the set measures how the answer engine
copes with wordings it has never seen, so a wording listed here must never be copied into
``demo/kb_data.py`` (``tests/knowledge/test_demo_regression.py`` checks). Add the questions
customers got wrong answers to, with the entry they should have got.

``evaluate_answers --demo`` trains on the demo knowledge base (with its dictionary, as seeded)
and reports top-1 over this set, and the held-out paraphrase top-1 of the knowledge base itself
(``knowledge.engine.evaluation.cross_validate``). Plain data, importable without Django.
"""

from __future__ import annotations

from knowledge.engine.evaluation import QuerySpec
from knowledge.engine.model import EntrySpec

# (customer's question, standard question of the entry that answers it)
REGRESSION: list[tuple[str, str]] = [
    # --- wrong answers reported in issue 16 ------------------------------------------------
    ("有没有发票", "可以开发票吗？"),
    ("我想改一下收货地址", "下单后可以修改收货地址吗？"),
    ("包裹能寄存到小区驿站吗", "Can I pick up my parcel at an SF locker or service point?"),
    ("how do returns work here", "我要退货"),
    ("can you send parcels to hong kong", "可以寄到香港吗？要几天？"),
    ("how many days until my package arrives", "快递一般几天能到？"),
    ("退货的邮费是我出还是你们出", "Who pays for return shipping?"),
    ("可以帮忙包装成礼物吗", "Can I send an order as a gift?"),
    ("支持数字人民币吗", "支持哪些付款方式？"),
    # --- shipping -----------------------------------------------------------------------------
    ("今天下单今天能发出吗", "下单后多久发货？"),
    ("what time is the cut-off for same-day dispatch", "下单后多久发货？"),
    ("寄到广州一般要多久", "快递一般几天能到？"),
    ("how long will shipping to chengdu take", "快递一般几天能到？"),
    ("星期天会派送吗", "Do you deliver on weekends and public holidays?"),
    ("過年期間仲有冇出貨？", "Do you deliver on weekends and public holidays?"),
    ("能约定下午送货吗", "Can I choose a delivery date or time slot?"),
    ("can the parcel come on a specific day", "Can I choose a delivery date or time slot?"),
    ("买的床架会有人来装吗", "大件家具送货上门并安装吗？"),
    ("does the sofa get carried upstairs", "大件家具送货上门并安装吗？"),
    ("买多少钱可以免运费", "运费怎么算？满多少包邮？"),
    ("what does delivery cost", "运费怎么算？满多少包邮？"),
    ("有没有当日达或者次日达", "Is there an express or next-day delivery option?"),
    ("我好急，可唔可以加快送貨？", "Is there an express or next-day delivery option?"),
    ("我的订单被拆成了三个包裹", "订单分成几个包裹发货，要多付运费吗？"),
    ("用券之后不到99块要付运费吗", "用了优惠券后不满 99 元还包邮吗？"),
    ("能不能给我发中通", "你们发什么快递？可以指定快递吗？"),
    ("what delivery company do you use", "你们发什么快递？可以指定快递吗？"),
    ("去哪里找我的运单号", "快递单号在哪里查看？"),
    ("how can i track the courier", "快递单号在哪里查看？"),
    ("可以寄到丰巢快递柜自己去拿吗", "Can I pick up my parcel at an SF locker or service point?"),
    ("送货师傅问我要钱", "快递员让我先付钱才给包裹怎么办？"),
    ("寄去香港要几多日？", "可以寄到香港吗？要几天？"),
    ("多久能寄到澳门", "Do you ship to Macau?"),
    ("do you deliver to taipei", "能寄到台湾吗？"),
    ("能寄到美国吗", "Do you ship internationally, e.g. to Singapore or the US?"),
    ("寄去英國得唔得？", "Do you ship internationally, e.g. to Singapore or the US?"),
    ("寄到国外要交进口税吗", "寄到台湾或海外需要交关税吗？"),
    ("will customs charge me", "寄到台湾或海外需要交关税吗？"),
    ("地址填错了想修改", "下单后可以修改收货地址吗？"),
    ("i typed the wrong street, can i fix it", "下单后可以修改收货地址吗？"),
    (
        "包裹已经寄出了，地址还能改吗",
        "My order has already shipped. Can I still change the address?",
    ),
    ("电话号码写错了一位", "收货人电话填错了能改吗？"),
    ("can i send parts of my order to two people", "一个订单能寄到多个地址吗？"),
    ("怎么把公司地址设成默认", "How do I add or edit addresses in my address book?"),
    ("显示签收了但是我家门口什么都没有", "物流显示已签收，但我没收到货"),
    ("the app says delivered but i have nothing", "物流显示已签收，但我没收到货"),
    ("物流一个礼拜都没动", "物流信息好几天没更新怎么办？"),
    ("my tracking hasn't moved in days", "物流信息好几天没更新怎么办？"),
    ("快递来的时候我没在家，怎么办", "The courier missed me. How do I get my parcel?"),
    ("快递员没打电话就把包裹扔驿站了", "快递没送上门，直接放驿站了"),
    # --- returns and refunds ------------------------------------------------------------------
    ("不喜欢可以退吗", "支持 7 天无理由退货吗？"),
    ("how long do i have to send something back", "支持 7 天无理由退货吗？"),
    ("拆封的化妆品能退吗", "哪些商品不支持无理由退货？"),
    ("are there things you won't take back", "哪些商品不支持无理由退货？"),
    ("收到快两个星期了还能退吗", "超过 7 天还能退货吗？"),
    ("is it too late to return after 9 days", "超过 7 天还能退货吗？"),
    ("return shipping is on me?", "Who pays for return shipping?"),
    ("标签已经剪掉了还能退吗", "退货需要保留吊牌和原包装吗？"),
    ("只退其中一件会不会扣邮费", "部分退货会扣运费吗？"),
    ("打折买的东西可以退货吗", "Can I return items I bought on sale?"),
    ("送的小礼品要不要寄回去", "赠品需要一起退回吗？"),
    ("退款怎么比我付的钱少", "Why is my refund less than what I paid?"),
    ("i'd like to send this back", "我要退货"),
    ("我想退掉这个订单的东西", "我要退货"),
    ("能不能让快递上门来取退货", "退货可以上门取件吗？"),
    ("退货要寄到什么地方", "退货寄到哪里？"),
    ("where is your returns warehouse", "退货寄到哪里？"),
    ("退货的物流单号在哪填写", "I've sent my return. Where do I enter the tracking number?"),
    ("售后申请审核一般要几天", "退货申请多久审核？"),
    ("我的退货申请没通过", "退货申请被拒绝了怎么办？"),
    ("我不想退了，能撤回吗", "Can I cancel a return request?"),
    ("退的钱几天能到", "退款多久到账？"),
    ("when does the refund hit my account", "退款多久到账？"),
    ("退款显示已完成但银行卡里没有", "My refund shows as completed, but I can't see the money."),
    ("退款能打到我的微信钱包吗", "退款会退到哪里？可以退到别的卡吗？"),
    ("取消订单之后钱多久退回", "取消订单后多久退款？"),
    ("分期买的东西退货怎么算", "花呗分期的订单退款怎么处理？"),
    ("衣服小了想换大一码", "可以换尺码或颜色吗？"),
    ("can i get this in another colour instead", "可以换尺码或颜色吗？"),
    ("能不能换成另一款台灯", "Can I exchange an item for a different product?"),
    ("换货寄出来要多久", "换货多久能收到新的？"),
    ("要换的码卖光了", "What if the size I want to exchange for is out of stock?"),
    ("收到的时候盘子已经碎了", "收到的商品破损了怎么办？"),
    ("the lamp came broken", "收到的商品破损了怎么办？"),
    ("你们寄来的不是我下单的东西", "I received the wrong item."),
    ("包裹里面缺了一样东西", "包裹里少了商品怎么办？"),
    ("用了一个星期就坏了", "商品用了几天出现质量问题怎么办？"),
    ("签收的时候需要开箱检查吗", "Should I check the parcel before signing for it?"),
    # --- payment ------------------------------------------------------------------------------
    ("能用云闪付吗", "支持哪些付款方式？"),
    ("what ways can i pay", "支持哪些付款方式？"),
    ("香港可以用八达通付钱吗", "Can I pay with PayMe or FPS in Hong Kong?"),
    ("可以收货的时候再付钱吗", "支持货到付款吗？"),
    ("礼品卡怎么充值到账户里", "礼品卡怎么使用？"),
    ("can my mum pay for my order", "可以找朋友代付吗？"),
    ("一单能不能用两张卡付", "Can I split the payment between two cards?"),
    ("付款一直不成功", "付款失败怎么办？"),
    ("my card keeps getting declined", "付款失败怎么办？"),
    ("同一个订单扣了我两次钱", "I was charged twice for one order."),
    ("钱扣了但订单还是未付款", "已经付款了，订单还显示待付款"),
    ("能不能分几个月付", "可以分期付款吗？"),
    ("分期要付利息吗", "分期有手续费吗？有免息吗？"),
    ("香港站信用卡可唔可以分期？", "Can I pay in instalments on the Hong Kong site?"),
    ("价格是港币还是人民币", "What currency are prices shown in?"),
    ("用海外信用卡付款会被收手续费吗", "Will my foreign card be charged in CNY?"),
    ("为什么香港卖得比内地贵", "为什么香港站和内地站价格不一样？"),
    ("退款的时候汇率不一样了", "退款时汇率变了怎么办？"),
    # --- invoices ----------------------------------------------------------------------------
    ("do you issue invoices", "可以开发票吗？"),
    ("發票喺邊度攞？", "电子发票在哪里下载？"),
    ("where do i download my invoice", "电子发票在哪里下载？"),
    ("收货后还能补开发票吗", "Can I request an invoice after the order is completed?"),
    ("发票上的公司名字写错了", "发票抬头开错了能改吗？"),
    ("发票金额和我付的不一样", "发票金额为什么和订单金额不一样？"),
    ("能给我开一张纸的发票吗", "Can I get a paper invoice?"),
    ("发票能不能只写办公用品", "发票内容可以开商品类别，不开明细吗？"),
    ("公司需要增值税专票", "可以开增值税专用发票吗？"),
    ("开专用发票要准备什么材料", "开专票需要提供哪些资料？"),
    ("专票开好了多久能寄到", "How long does it take to receive a VAT special invoice?"),
    ("香港公司可以开收据吗", "Can I get a receipt for my company in Hong Kong?"),
    ("公司买东西能走对公账户吗", "公司采购可以对公转账吗？"),
    ("自己买的东西发票能写公司名吗", "个人下单可以开公司抬头的发票吗？"),
    ("能开英文发票给新加坡公司吗", "Can I get an invoice for a company outside China?"),
    # --- account ------------------------------------------------------------------------------
    ("怎样成为会员", "怎么注册会员？"),
    ("i want to open an account", "怎么注册会员？"),
    ("没有大陆手机号能注册吗", "Can I register with an email address instead of a phone number?"),
    ("注册的时候说手机号已经被用了", "提示手机号已被注册怎么办？"),
    ("能用微信直接登录吗", "可以用微信或支付宝登录吗？"),
    ("密码想不起来了", "忘记密码怎么办？"),
    ("i can't log in, forgot my password", "忘记密码怎么办？"),
    ("验证码短信一直没收到", "I'm not receiving the SMS verification code."),
    ("账户被冻结了", "账号被锁定了怎么办？"),
    ("想换个手机号绑定", "怎么更换绑定的手机号？"),
    (
        "旧的手机号已经不用了，怎么改绑",
        "My old phone number is no longer in use. How can I change it?",
    ),
    ("我想把账号删掉", "怎么注销账号？"),
    (
        "删除账号后积分还在吗",
        "What happens to my points, coupons and gift card balance if I delete my account?",
    ),
    ("你们会把我的信息卖给别人吗", "你们会泄露我的个人信息吗？"),
    ("别再给我发广告短信了", "How do I stop marketing SMS and emails?"),
    ("我想下载你们存的我的资料", "可以导出我的个人数据吗？"),
    ("银行卡信息存在你们这里安全吗", "Is it safe to save my card details?"),
    ("有人打电话说是你们客服要给我退款", "接到自称 Lumen 客服的电话说要给我退款，是真的吗？"),
    ("怎么改头像", "怎么修改昵称、头像和生日？"),
    # --- promotions ---------------------------------------------------------------------------
    ("去哪里领优惠券", "优惠券在哪里领？"),
    ("这张券为什么不能用", "优惠券为什么用不了？"),
    (
        "两张优惠券能一起用吗",
        "Can I use more than one coupon, or combine a coupon with other offers?",
    ),
    ("退货以后优惠券还会还给我吗", "Is my coupon returned if I return the order?"),
    ("第一次下单有优惠吗", "新用户有什么优惠？"),
    ("券过期了能再发一张吗", "优惠券过期了能补发吗？"),
    ("学生买东西有折扣吗", "Do you offer student discounts?"),
    ("618大促哪天开始", "618 活动什么时候开始？"),
    ("双十一几号开始", "When is the Singles' Day (11.11) sale?"),
    ("不付尾款定金能退吗", "双 11 预售的定金能退吗？"),
    ("秒杀每人能买几件", "秒杀商品怎么抢？有什么限制？"),
    ("拉朋友注册有什么好处", "邀请好友有奖励吗？"),
    ("买东西能攒积分吗", "积分怎么获得？"),
    ("积分可以当钱用吗", "积分怎么用？能抵多少钱？"),
    ("积分有没有有效期", "积分会过期吗？"),
    ("金卡会员有什么好处", "What are the membership levels and their benefits?"),
    ("退货了积分会被扣掉吗", "退货后积分怎么处理？"),
    ("生日的时候有优惠券吗", "Do members get a birthday gift?"),
    ("刚买完就降价了", "买了之后降价了，能退差价吗？"),
    ("别的网站更便宜，你们能跟价吗", "Do you match prices from other websites?"),
    # --- orders --------------------------------------------------------------------------------
    ("我买的东西现在到哪里了", "我的订单到哪了？"),
    ("can you check where my package is", "我的订单到哪了？"),
    ("付完钱想改颜色可以吗", "付款后可以修改订单里的商品吗？"),
    ("两个订单能一起发吗", "Can I merge two orders to get free shipping?"),
    ("下单的时候能写留言吗", "可以给订单加备注吗？"),
    ("为什么每人只能买一件", "下单时提示超出限购数量"),
    ("不注册账号能直接买吗", "Can I check out as a guest without an account?"),
    ("能写一张贺卡一起寄吗", "Can I send an order as a gift?"),
    ("几天后会自动确认收货", "多久会自动确认收货？"),
    ("在哪里写评价", "怎么给商品写评价？"),
    ("我不想要了，想取消订单", "怎么取消订单？"),
    ("已经发货了能取消吗", "My order has shipped. Can I still cancel it?"),
    ("订单怎么被取消了", "为什么我的订单被自动取消了？"),
    ("没货的东西什么时候有", "商品缺货什么时候补货？"),
    ("付了钱才告诉我没货", "I paid, but then was told the item is out of stock."),
    ("预订的商品什么时候发", "预售商品什么时候发货？"),
    ("预售的东西可以退订吗", "Can I cancel a pre-order?"),
    ("现货会和预售的一起寄吗", "预售和现货一起买会一起发货吗？"),
    # --- products ------------------------------------------------------------------------------
    ("这个台灯卖多少钱", "这个多少钱？"),
    ("有什么好东西推荐吗", "Can you recommend something?"),
    ("家电的保修期是几年", "电器保修多久？"),
    ("水壶坏了怎么申请保修", "How do I make a warranty claim?"),
    ("发票丢了还能保修吗", "保修需要发票吗？"),
    ("香港买的东西内地能保修吗", "在香港买的电器能在内地保修吗？"),
    ("能不能加钱延长保修", "Do you offer an extended warranty?"),
    ("我不知道该买哪个尺码", "衣服尺码怎么选？"),
    ("尺码是亚洲码吗", "Do you use Asian or European sizing?"),
    ("1米8的床要多大的被套", "1.5 米的床应该选多大的被套？"),
    ("你们的东西是真的吗", "你们卖的是正品吗？"),
    ("在香港能用吗，插头一样吗", "Will electrical items work in Hong Kong (plug and voltage)?"),
    ("毛衣能用洗衣机洗吗", "羊毛衫怎么洗？"),
    ("亚麻被套能机洗吗", "How should I wash the linen bedding?"),
    ("棉T恤洗了会变小吗", "纯棉 T 恤洗后会缩水吗？"),
    ("蜡烛点多久比较好", "香薰蜡烛怎么使用比较安全？"),
    ("水壶里面有水垢", "How do I descale the electric kettle?"),
    ("台灯怎么连手机", "智能台灯怎么连接 App？"),
    ("智能插座连不上了", "How do I reset the smart plug?"),
    ("说明书找不到了", "哪里可以找到电子说明书？"),
    ("实物颜色和照片不一样", "商品和图片有色差吗？"),
    # --- customer service ---------------------------------------------------------------------
    ("客服几点下班", "客服工作时间和电话是多少？"),
    ("what is your phone number", "客服工作时间和电话是多少？"),
    ("帮我转真人", "转人工客服"),
    ("can i talk to someone real", "转人工客服"),
    ("你们有门市可以去看看吗", "你们有实体店吗？"),
    ("我要投诉", "How can I make a complaint or give feedback?"),
    ("客服会讲粤语吗", "Which languages does customer service speak?"),
    # --- Traditional Chinese and Cantonese --------------------------------------------------
    ("請問幾時會寄出？", "下单后多久发货？"),
    ("運費點計？", "运费怎么算？满多少包邮？"),
    ("寄唔寄澳門？", "Do you ship to Macau?"),
    ("可唔可以退貨？我唔鍾意", "支持 7 天无理由退货吗？"),
    ("我啲退款幾時會入賬？", "退款多久到账？"),
    ("收到嘅杯爛咗點算", "收到的商品破损了怎么办？"),
    ("有冇得用轉數快俾錢？", "Can I pay with PayMe or FPS in Hong Kong?"),
    ("可唔可以開發票俾我？", "可以开发票吗？"),
    ("點樣註冊做會員？", "怎么注册会员？"),
    ("優惠券點解用唔到？", "优惠券为什么用不了？"),
    ("積分會唔會過期？", "积分会过期吗？"),
    ("我張單而家去到邊？", "我的订单到哪了？"),
    ("張單唔要啦，點取消？", "怎么取消订单？"),
    ("電器有幾耐保養？", "电器保修多久？"),
    ("我想搵真人傾", "转人工客服"),
    ("寄咗貨未呀？幾時到香港？", "可以寄到香港吗？要几天？"),
]


def demo_specs() -> list[EntrySpec]:
    """The demo knowledge base as the engine sees it once seeded and published
    (``knowledge.training.published_specs``): the standard question, the similar questions,
    then each language's question (variants in language order), keyed by standard question."""
    from demo.kb_data import DEMO_KB
    from demo.kb_translations import variants_of

    specs = []
    for item in DEMO_KB:
        variants = sorted(variants_of(item).items())
        specs.append(
            EntrySpec(
                entry_id=item["question"],
                questions=[
                    item["question"],
                    *dict.fromkeys(item["similar"]),
                    *(question for _, (question, _) in variants if question),
                ],
                answer=item["answer"],
                language=item["language"],
                category=item["category"],
            )
        )
    return specs


def regression_queries() -> list[QuerySpec]:
    return [QuerySpec(query, expected) for query, expected in REGRESSION]


def demo_dictionary() -> tuple[dict[str, str], list[str]]:
    """(synonyms, custom words) as ``knowledge.training.dictionary`` reads them once seeded."""
    from demo.kb_dictionary import DEMO_SYNONYMS

    synonyms = dict(DEMO_SYNONYMS)
    return synonyms, [*synonyms, *synonyms.values()]
