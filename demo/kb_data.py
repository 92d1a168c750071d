"""Demo knowledge base for the demo shop "Lumen 光影生活馆".

Lumen is a fictional online shop selling home goods, small electronics and clothing in mainland
China (prices in CNY) and Hong Kong (prices in HKD). The entries are plain data, importable
without Django; ``demo.seed`` turns them into published knowledge-base entries.

Shop facts the answers agree on (keep them consistent when editing):

- Dispatch: orders paid before 16:00 ship the same day. Couriers: SF Express by default,
  JD Logistics for large furniture, EMS for Xinjiang, Tibet, Qinghai and abroad.
- Shipping: free over CNY 99, otherwise CNY 10 (remote areas: free over CNY 199, otherwise
  CNY 20); Hong Kong: free over HK$300, otherwise HK$30. Unpaid orders cancel after 30 minutes.
- Returns: 7-day no-reason returns from delivery, quality problems within 15 days; refunds
  1-3 working days after the warehouse receives the item, always to the original payment method.
- Points: CNY 1 paid = 1 point; 100 points = CNY 1, up to 20 % of an order; they expire on
  31 December of the following year. One coupon per order. Price protection: 7 days after payment.
- Contact: online chat 9:00-22:00, hotline 400-000-0000. Only placeholder numbers and the
  reserved lumen.example domain are used; there is no real personal data.

Only the order-status entry uses a placeholder, ``{order_status}``, filled in when it is sent.
"""

from typing import TypedDict


class DemoEntry(TypedDict):
    category: str  # "Parent / Child" path, e.g. "Shipping / Delivery times"
    language: str  # "zh-Hans" or "en": the language of the standard question and answer
    question: str  # the standard question
    similar: list[str]  # paraphrases in Simplified/Traditional Chinese (incl. Cantonese), English
    answer: str  # safe HTML: <p>, <b>, <ul><li>, <a href="https://lumen.example/...">
    intent: str  # "" or order_status, price_query, product_recommendation, ...
    tags: list[str]


DEMO_KB: list[DemoEntry] = [
    {
        "category": "Shipping / Delivery times",
        "language": "zh-Hans",
        "question": "下单后多久发货？",
        "similar": [
            "什么时候发货",
            "几时发货啊",
            "幾時寄出？",
            "付款后多久能发出",
            "how soon do you ship",
            "when will my order be dispatched?",
            "when do you ship orders",
            "do you ship same day",
            "when will you send out my order",
            "how fast do orders leave the warehouse",
            "if i pay now, when does it ship",
            "一般下单多久能寄出",
            "落咗單幾耐出貨？",
            "多久发货",
            "when do you dispatch orders",
            "下单多久能发出",
            "shipping out time",
        ],
        "answer": (
            "<p>每天 <b>16:00 前</b>付款的现货订单当天发货，16:00 之后付款的次日发货。"
            "预售商品按商品页标注的日期发货。发货后您会收到短信通知，可在“我的订单”中查看快递单号。"
            "</p>"
        ),
        "intent": "",
        "tags": ["dispatch", "shipping"],
    },
    {
        "category": "Shipping / Delivery times",
        "language": "zh-Hans",
        "question": "快递一般几天能到？",
        "similar": [
            "发货后几天到",
            "多久可以收到货",
            "寄到北京要几天",
            "送貨要幾多日？",
            "how long does delivery take",
            "delivery time to shanghai?",
            "几天到货啊",
            "how many days for delivery",
            "how long is shipping",
            "when will the parcel get to me",
            "delivery takes how many days",
            "发货以后多久能送到",
            "寄到我度要幾多日？",
            "快递要几天才能收到",
            "how many days is delivery in the mainland",
            "顺丰几天到",
            "normal delivery time",
        ],
        "answer": (
            "<p>内地订单默认由顺丰发货：江浙沪一般 1–2 天送达，其他大部分城市 2–4 天。新疆、西藏、"
            "青海等偏远地区使用 EMS，约 5–7 天。大促和节假日期间可能顺延 1–2 天。</p>"
        ),
        "intent": "",
        "tags": ["delivery-time", "shipping"],
    },
    {
        "category": "Shipping / Delivery times",
        "language": "en",
        "question": "Do you deliver on weekends and public holidays?",
        "similar": [
            "do u ship on sundays",
            "weekend delivery?",
            "will my parcel arrive on saturday",
            "周末发货吗",
            "星期六日有冇送貨？",
            "do you ship during chinese new year",
            "节假日还发货吗",
            "禮拜日會唔會派件？",
            "is there delivery on saturday and sunday",
            "do couriers deliver at weekends",
            "假期会停止发货吗",
            "周六周日送不送货",
            "公眾假期有冇派貨？",
        ],
        "answer": (
            "<p>Our warehouse dispatches orders seven days a week, and SF Express delivers on "
            "weekends in most cities. During Chinese New Year and other long holidays dispatch may "
            "pause for a few days; the exact dates are announced on the homepage and at "
            "checkout.</p>"
        ),
        "intent": "",
        "tags": ["delivery-time", "holidays"],
    },
    {
        "category": "Shipping / Delivery times",
        "language": "en",
        "question": "Can I choose a delivery date or time slot?",
        "similar": [
            "can i pick a delivery time",
            "schedule delivery for next week",
            "deliver after 6pm please",
            "可以指定送货时间吗",
            "可唔可以揀送貨日子？",
            "choose delivery date",
            "能不能约个时间送货",
            "下周再送可以吗",
            "can i set a time for the delivery",
            "i'm only home in the evening, can you deliver then",
            "can i book the delivery day",
            "送货时间可以自己选吗",
            "可唔可以約時間送？",
            "能指定哪天送货吗",
            "pick a delivery time slot",
            "可以约送货时间吗",
            "choose when the parcel arrives",
        ],
        "answer": (
            "<p>For regular parcels we can't guarantee a date or time slot, but you can arrange a "
            "time directly with the SF courier once you receive the tracking SMS. Large furniture "
            "delivered by JD Logistics (京东物流) lets you pick a delivery date at checkout.</p>"
        ),
        "intent": "",
        "tags": ["delivery-time", "scheduling"],
    },
    {
        "category": "Shipping / Large items",
        "language": "zh-Hans",
        "question": "大件家具送货上门并安装吗？",
        "similar": [
            "沙发包安装吗",
            "书柜送货上楼吗",
            "家具有冇師傅上門安裝？",
            "do you assemble furniture",
            "furniture delivery and installation?",
            "大件要自己搬上楼吗",
            "will someone install my bed frame",
            "is furniture delivery free?",
            "do you install the furniture you deliver",
            "is assembly included for furniture",
            "who puts the wardrobe together",
            "家具包不包安装",
            "傢俬有冇人幫手裝？",
            "沙发床送货安装吗",
            "furniture delivered and assembled",
            "大件送货上楼吗",
            "does jd logistics install furniture",
        ],
        "answer": (
            "<p>大件家具（沙发、床架、书柜等）全国包邮，由<b>京东物流</b>送货上门并免费安装，"
            "覆盖内地 200 多个城市，下单时可预约送货日期。不在安装覆盖范围的地区会送货到家，"
            "并附安装说明书。</p>"
        ),
        "intent": "",
        "tags": ["furniture", "installation", "jd-logistics"],
    },
    {
        "category": "Shipping / Fees",
        "language": "zh-Hans",
        "question": "运费怎么算？满多少包邮？",
        "similar": [
            "运费多少",
            "满多少包邮",
            "包邮吗",
            "運費幾多錢？",
            "免運門檻係幾多",
            "shipping fee?",
            "is shipping free",
            "how much is delivery",
            "how much do you charge for shipping",
            "what is the minimum for free delivery",
            "shipping cost?",
            "邮费怎么收",
            "幾多錢先包郵？",
            "满99包邮吗",
            "how much is standard shipping in the mainland",
            "不满99运费多少",
            "is there a minimum order for free shipping",
        ],
        "answer": (
            "<p>内地订单<b>实付满 99 元包邮</b>，不满 99 元收取 10 元运费。新疆、西藏、"
            "青海等偏远地区满 199 元包邮，不满收取 20 元。港澳台及海外的运费请参见对应地区的说明。"
            "</p>"
        ),
        "intent": "",
        "tags": ["shipping-fee", "free-shipping"],
    },
    {
        "category": "Shipping / Fees",
        "language": "en",
        "question": "Is there an express or next-day delivery option?",
        "similar": [
            "next day delivery?",
            "can i pay for faster shipping",
            "express shipping option",
            "有次日达吗",
            "加急可以吗",
            "可唔可以快啲送到？",
            "能加急发顺丰特快吗",
            "明天能到吗",
            "can i get it tomorrow",
            "is faster delivery available",
            "do you offer express shipping",
            "能不能快点送到",
            "有冇特快？",
        ],
        "answer": (
            "<p>Yes. In most first- and second-tier mainland cities you can choose SF Express "
            "Priority (顺丰特快) at checkout for an extra CNY 15; orders paid before 16:00 usually "
            "arrive the next day. The option only appears when your address is eligible.</p>"
        ),
        "intent": "",
        "tags": ["shipping-fee", "express"],
    },
    {
        "category": "Shipping / Fees",
        "language": "zh-Hans",
        "question": "订单分成几个包裹发货，要多付运费吗？",
        "similar": [
            "为什么分开发货",
            "一个订单收到两个包裹",
            "分幾個包裹寄要唔要加錢",
            "拆单发货运费怎么算",
            "why did my order come in 2 boxes",
            "split shipment extra charge?",
            "order shipped in several parcels",
            "do i pay shipping for each package",
            "why did i get only part of my order",
            "my items arrived separately",
            "is there extra shipping for split parcels",
            "东西分开寄了",
            "點解分開幾次寄？",
            "一个订单为什么有两个快递单号",
            "my order arrived in two boxes, do i pay twice",
            "拆成几个包裹会多收运费吗",
            "why does one order have several tracking numbers",
        ],
        "answer": (
            "<p>不用。同一订单中的商品如来自不同仓库或包含预售商品，会拆分成多个包裹发出，"
            "运费只按订单收取一次。每个包裹都有独立的快递单号，可在订单详情中查看。</p>"
        ),
        "intent": "",
        "tags": ["shipping-fee", "split-shipment"],
    },
    {
        "category": "Shipping / Fees",
        "language": "zh-Hans",
        "question": "用了优惠券后不满 99 元还包邮吗？",
        "similar": [
            "用券后不够99还包邮吗",
            "包邮按原价还是实付算",
            "用咗優惠券仲包唔包郵？",
            "free shipping after coupon discount?",
            "does the 99 threshold count before discount",
            "积分抵扣后不满99",
            "is free shipping based on the price after coupon",
            "i used points and now i have to pay shipping?",
            "does the free shipping minimum include the coupon discount",
            "free shipping threshold before or after discount",
            "coupon took me under 99, do i pay shipping",
            "满减后金额不够包邮线",
            "用咗券唔夠99要唔要運費？",
        ],
        "answer": (
            "<p>包邮门槛按<b>扣除优惠券和积分抵扣后的实付金额</b>计算（不含运费）。例如商品 120 "
            "元，用 30 元优惠券后实付 90 元，需另付 10 元运费。</p>"
        ),
        "intent": "",
        "tags": ["free-shipping", "coupons"],
    },
    {
        "category": "Shipping / Couriers",
        "language": "zh-Hans",
        "question": "你们发什么快递？可以指定快递吗？",
        "similar": [
            "发什么快递",
            "用哪家快递",
            "可以发京东吗",
            "可唔可以指定順豐？",
            "which courier do you use",
            "can i choose the courier",
            "发不发邮政",
            "do you use sf express",
            "which delivery company ships my order",
            "can you send it with jd",
            "what courier will deliver my parcel",
            "默认用什么快递",
            "用邊間速遞？",
            "你们用顺丰吗",
            "which shipping company",
            "能选京东物流吗",
            "can i pick my courier",
        ],
        "answer": (
            "<p>默认使用<b>顺丰速运</b>；大件家具使用<b>京东物流</b>；新疆、西藏、"
            "青海等偏远地区及海外订单使用 <b>EMS</b>。结算时可在顺丰和京东物流之间选择，"
            "暂不支持指定其他快递公司。</p>"
        ),
        "intent": "",
        "tags": ["couriers", "sf-express", "jd-logistics", "ems"],
    },
    {
        "category": "Shipping / Couriers",
        "language": "zh-Hans",
        "question": "快递单号在哪里查看？",
        "similar": [
            "快递单号在哪",
            "怎么看物流单号",
            "運單號喺邊度睇？",
            "where is my tracking number",
            "tracking no.?",
            "没收到发货短信",
            "how do i find the waybill number",
            "sf tracking number for my order",
            "where do i see the tracking code",
            "how do i get the tracking number",
            "send me the tracking number",
            "快递编号去哪查",
            "點樣睇運單號碼？",
            "订单的快递单号在哪",
            "where is the tracking number for my order",
            "发货后单号去哪看",
            "find the courier tracking number",
        ],
        "answer": (
            "<p>订单发货后，快递单号会显示在“我的订单 > 订单详情”中，并以短信发送到收货手机号。"
            "拆单发货的订单每个包裹都有单独的单号，也可以用单号在顺丰、京东物流或 EMS 官网查询。"
            "</p>"
        ),
        "intent": "",
        "tags": ["tracking", "couriers"],
    },
    {
        "category": "Shipping / Couriers",
        "language": "en",
        "question": "Can I pick up my parcel at an SF locker or service point?",
        "similar": [
            "can i collect at sf locker",
            "self pick up option?",
            "deliver to a pickup point",
            "可以放快递柜吗",
            "可以自取吗",
            "可唔可以寄去順豐站自取？",
            "smart locker hk",
            "寄到丰巢柜可以吗",
            "can i collect the parcel myself",
            "can you send it to a locker",
            "is self collection possible",
            "我想自己去网点取",
            "可唔可以寄去智能櫃？",
            "能到顺丰网点自取吗",
            "pickup at an sf service point",
            "放到驿站我自己取可以吗",
            "collect my parcel from a locker",
            "快递能不能放到代收点",
            "可以放菜鸟驿站吗",
            "can the courier leave it at a parcel station",
            "能放在小区门口的驿站吗",
            "寄存在快递柜可以吗",
        ],
        "answer": (
            "<p>Yes. At checkout choose “Pick up at SF point” and select an SF service point or "
            "smart locker near you; this works in the mainland and in Hong Kong. You'll receive an "
            "SMS with a pickup code when the parcel arrives, and it is held for 3 days (Hong Kong "
            "lockers: 2 days). To have it left at your neighbourhood parcel station (驿站) "
            "instead, say so in the order note.</p>"
        ),
        "intent": "",
        "tags": ["pickup", "sf-express", "hong-kong"],
    },
    {
        "category": "Shipping / Couriers",
        "language": "zh-Hans",
        "question": "快递员让我先付钱才给包裹怎么办？",
        "similar": [
            "快递要我付运费到付",
            "快递员收钱正常吗",
            "速遞員叫我俾錢先派件",
            "courier asked me to pay cash",
            "delivery guy wants money",
            "到付件可以签吗",
            "driver says i need to pay a shipping fee",
            "is it normal for the courier to ask for money",
            "the delivery man asked me for cash",
            "courier says i have to pay to get my package",
            "should i pay the courier",
            "快递要收钱正常吗",
            "快递小哥要收费",
            "快递员要我付运费才给件",
            "courier asking for cash on delivery",
            "派件要收钱吗",
            "do i have to pay the courier anything",
        ],
        "answer": (
            "<p>Lumen 的所有订单运费都已在下单时结算，<b>不会有到付或代收货款</b>。"
            "如快递员要求付款，请拒绝付款，并联系在线客服或拨打 400-000-0000，我们会核实处理。</p>"
        ),
        "intent": "",
        "tags": ["couriers", "fraud"],
    },
    {
        "category": "Shipping / Hong Kong, Macau, Taiwan & international",
        "language": "zh-Hans",
        "question": "可以寄到香港吗？要几天？",
        "similar": [
            "寄香港几天到",
            "香港有得送嗎？",
            "送貨去香港要幾耐",
            "香港运费多少",
            "do you deliver to hong kong",
            "hk shipping time?",
            "ship to HK",
            "how much is shipping to hong kong",
            "do you ship to hk and how long",
            "how long does delivery to hong kong take",
            "can i order from hong kong",
            "香港能收到吗",
            "寄唔寄香港？",
            "香港订单用什么快递",
            "shipping to hong kong cost and time",
            "香港运费多少钱",
            "hk delivery days",
        ],
        "answer": (
            "<p>可以。香港订单由顺丰速运派送，一般 3–5 个工作日送达。请在香港站（港币计价）下单："
            "满 HK$300 免运费，不满收取 HK$30。可送货上门，也可选择顺丰站或智能柜自取。</p>"
        ),
        "intent": "",
        "tags": ["hong-kong", "delivery-time", "shipping-fee"],
    },
    {
        "category": "Shipping / Hong Kong, Macau, Taiwan & international",
        "language": "en",
        "question": "Do you ship to Macau?",
        "similar": [
            "macau delivery?",
            "ship to macao",
            "澳门可以寄吗",
            "寄澳門要幾耐？",
            "how long to macau",
            "macau shipping fee",
            "澳门运费多少",
            "寄去澳門收唔收運費？",
            "can i order from macau",
            "delivery to macao?",
            "is macau delivery possible",
            "能寄去澳门吗",
            "澳門有冇得送？",
        ],
        "answer": (
            "<p>Yes. Macau orders are placed on the mainland site (prices in CNY) and shipped by "
            "SF Express, arriving in 4–6 working days. Shipping is CNY 30, or free on orders over "
            "CNY 299.</p>"
        ),
        "intent": "",
        "tags": ["macau", "delivery-time", "shipping-fee"],
    },
    {
        "category": "Shipping / Hong Kong, Macau, Taiwan & international",
        "language": "zh-Hans",
        "question": "能寄到台湾吗？",
        "similar": [
            "台湾可以下单吗",
            "寄台灣要幾多日",
            "台湾运费怎么算",
            "ship to taiwan?",
            "taiwan delivery time",
            "臺灣收得到嗎",
            "do you need ez way for taiwan",
            "how much to ship to taiwan",
            "do you send orders to taiwan",
            "can customers in taiwan order",
            "how long to taiwan",
            "台湾能不能收到货",
            "寄唔寄台灣？",
        ],
        "answer": (
            "<p>可以。台湾订单由顺丰速运派送，约 5–8 个工作日送达，运费 40 元，实付满 399 "
            "元免运费。按当地海关要求，收件人需先在“EZ WAY 易利委”完成实名认证，否则包裹无法清关。"
            "</p>"
        ),
        "intent": "",
        "tags": ["taiwan", "delivery-time", "shipping-fee"],
    },
    {
        "category": "Shipping / Hong Kong, Macau, Taiwan & international",
        "language": "en",
        "question": "Do you ship internationally, e.g. to Singapore or the US?",
        "similar": [
            "international shipping?",
            "ship to usa",
            "do you deliver to singapore",
            "can i order from the uk",
            "可以寄到国外吗",
            "寄新加坡得唔得？",
            "overseas shipping",
            "能寄马来西亚吗",
            "which countries do you ship to",
            "do you deliver overseas",
            "can i get it shipped to america",
            "寄不寄海外",
            "寄唔寄外國？",
            "能寄新加坡吗",
            "international delivery countries",
            "你们送不送国外",
            "do you ship to europe",
        ],
        "answer": (
            "<p>Outside Greater China we currently ship only to Singapore and Malaysia, by EMS, in "
            "about 7–12 working days for a flat fee of CNY 80. We don't ship to other countries "
            "yet, including the US, the UK and Europe.</p>"
        ),
        "intent": "",
        "tags": ["international", "ems", "shipping-fee"],
    },
    {
        "category": "Shipping / Hong Kong, Macau, Taiwan & international",
        "language": "zh-Hans",
        "question": "寄到台湾或海外需要交关税吗？",
        "similar": [
            "要交税吗",
            "关税谁出",
            "會唔會俾海關抽稅？",
            "import duty?",
            "do i pay customs tax",
            "寄新加坡有没有税",
            "who pays customs duties for taiwan",
            "will i be taxed in singapore",
            "are there import taxes",
            "who pays duty on overseas orders",
            "will i pay tax on delivery in singapore",
            "海外订单会被征税吗",
            "要唔要交關稅？",
        ],
        "answer": (
            "<p>寄往香港、澳门的订单无需缴税。寄往台湾、新加坡、"
            "马来西亚的订单如被当地海关征收关税或进口税，由收件人缴纳，金额以海关通知为准。"
            "因拒付税费被退回的包裹，退款时会扣除往返运费。</p>"
        ),
        "intent": "",
        "tags": ["customs", "taiwan", "international"],
    },
    {
        "category": "Shipping / Address changes",
        "language": "zh-Hans",
        "question": "下单后可以修改收货地址吗？",
        "similar": [
            "地址填错了",
            "怎么改收货地址",
            "想改送货地址",
            "改地址點樣改？",
            "change shipping address",
            "wrong address on my order",
            "地址写错了能改吗",
            "update delivery address before shipping",
            "how do i change my address on an order",
            "can i update the delivery address",
            "i gave the wrong address",
            "收货地址能改吗",
            "地址打錯咗可唔可以改？",
            "没发货能改地址吗",
            "change the shipping address before it ships",
            "下单后想换个收货地址",
            "edit delivery address on an unshipped order",
        ],
        "answer": (
            "<p>订单为“待发货”状态时，可在“我的订单 > 订单详情 > 修改地址”中自行修改，"
            "每个订单可修改 1 次。如改到运费更高的地区（如偏远地区），需补付运费差额。</p>"
        ),
        "intent": "",
        "tags": ["address", "order-changes"],
    },
    {
        "category": "Shipping / Address changes",
        "language": "en",
        "question": "My order has already shipped. Can I still change the address?",
        "similar": [
            "already shipped can i change address",
            "redirect my parcel",
            "change address after dispatch",
            "发货了还能改地址吗",
            "寄咗出去仲改唔改到地址？",
            "can sf reroute my package",
            "快递已经发出想换地址",
            "能让顺丰转寄到新地址吗",
            "it's shipped, can the address still be changed",
            "can you reroute a shipped parcel",
            "the parcel is on its way but i moved",
            "发货后想换收货地址",
            "出咗貨仲改唔改到地址？",
            "快递在路上能改地址吗",
            "change address after the parcel left the warehouse",
            "快递员能帮我改送别的地址吗",
            "redirect a parcel already in transit",
        ],
        "answer": (
            "<p>Once the parcel is on its way the address can't be edited in the system, but "
            "contact customer service right away and we'll ask the courier to redirect it. "
            "Redirection isn't guaranteed, and any fee the courier charges for it is paid by you. "
            "If it can't be redirected, you can refuse the parcel and order again.</p>"
        ),
        "intent": "",
        "tags": ["address", "redirect"],
    },
    {
        "category": "Shipping / Address changes",
        "language": "zh-Hans",
        "question": "收货人电话填错了能改吗？",
        "similar": [
            "手机号填错了",
            "收件人电话写错",
            "联系电话改一下",
            "收件人電話打錯咗",
            "wrong phone number on order",
            "change recipient phone",
            "typo in the receiver's phone number",
            "courier can't call me, wrong number",
            "i put the wrong phone number on my order",
            "how do i change the receiver's number",
            "the phone number on the delivery is wrong",
            "收件电话填错了怎么办",
            "電話號碼寫錯咗點算？",
        ],
        "answer": (
            "<p>未发货的订单可在“订单详情 > 修改地址”中一并修改收货人姓名和电话。"
            "已发货的订单请联系在线客服，我们会把正确号码告知快递员，以免无法联系到您。</p>"
        ),
        "intent": "",
        "tags": ["address", "phone"],
    },
    {
        "category": "Shipping / Address changes",
        "language": "zh-Hans",
        "question": "一个订单能寄到多个地址吗？",
        "similar": [
            "可以分开寄给不同人吗",
            "一单寄两个地址",
            "分開寄去兩個地址得唔得",
            "ship to multiple addresses",
            "send items to different addresses",
            "送礼给几个朋友分别寄",
            "one order two addresses?",
            "split order to different recipients",
            "can one order go to different addresses",
            "i want items sent to two places",
            "can i split delivery between addresses",
            "一个订单能分开寄吗",
            "一張單寄兩個地方得唔得？",
            "同一订单分寄两个地址",
            "one order to two different addresses",
            "能不能一部分寄家里一部分寄公司",
            "ship items of one order to separate addresses",
        ],
        "answer": (
            "<p>一个订单只能使用一个收货地址。如需寄往不同地址，请分别下单；"
            "每笔订单单独计算包邮门槛（满 99 元包邮）。</p>"
        ),
        "intent": "",
        "tags": ["address", "multiple-addresses"],
    },
    {
        "category": "Shipping / Address changes",
        "language": "en",
        "question": "How do I add or edit addresses in my address book?",
        "similar": [
            "save a new address",
            "edit saved address",
            "set default address",
            "怎么添加收货地址",
            "點樣設定預設地址？",
            "delete an old address",
            "收货地址怎么设为默认",
            "地址簿最多存几个",
            "how do i save an address",
            "change my default address",
            "manage my addresses",
            "怎么修改常用地址",
            "點樣加新地址？",
            "地址簿怎么管理",
            "add a new shipping address to my account",
            "怎么删除旧地址",
            "address book settings",
        ],
        "answer": (
            "<p>Go to Me > Settings > Address book. You can save up to 20 addresses, edit or "
            "delete them, and mark one as the default for checkout. Changes to the address book "
            "don't affect orders you've already placed.</p>"
        ),
        "intent": "",
        "tags": ["address", "account"],
    },
    {
        "category": "Shipping / Delivery problems",
        "language": "zh-Hans",
        "question": "物流显示已签收，但我没收到货",
        "similar": [
            "物流显示签收了可是我没拿到",
            "没收到货却显示已签收",
            "顯示簽收咗但係我冇收到",
            "says delivered but not received",
            "package marked delivered, nothing here",
            "被别人签收了",
            "tracking says signed but i never got it",
            "someone else signed for my parcel",
            "it says delivered but it isn't here",
            "my parcel was marked as received but i don't have it",
            "delivered status but no package",
            "别人帮我签收了吗",
            "話簽收咗但我冇收到貨",
        ],
        "answer": (
            "<p>请先确认门卫、快递柜、驿站或家人是否代收。如仍找不到，请在显示签收后 48 "
            "小时内联系在线客服，我们会与快递公司核实；确认丢失的，为您补发或全额退款。</p>"
        ),
        "intent": "",
        "tags": ["delivery-problem", "lost-parcel"],
    },
    {
        "category": "Shipping / Delivery problems",
        "language": "zh-Hans",
        "question": "物流信息好几天没更新怎么办？",
        "similar": [
            "物流不动了",
            "快递三天没更新",
            "物流卡住了",
            "物流資料幾日冇更新",
            "tracking not updating",
            "parcel stuck in transit",
            "物流一直停在一个地方",
            "no tracking update for 3 days",
            "tracking is stuck",
            "my parcel hasn't moved for days",
            "no updates on my delivery",
            "快递一直在中转",
            "物流幾日都冇郁",
        ],
        "answer": (
            "<p>物流信息超过 48 小时未更新（偏远地区 72 小时），请联系在线客服并提供订单号，"
            "我们会向快递公司催查。如确认包裹丢失，我们会为您补发或全额退款，您无需承担任何费用。"
            "</p>"
        ),
        "intent": "",
        "tags": ["delivery-problem", "tracking"],
    },
    {
        "category": "Shipping / Delivery problems",
        "language": "en",
        "question": "The courier missed me. How do I get my parcel?",
        "similar": [
            "missed the delivery",
            "i wasn't home when courier came",
            "failed delivery attempt",
            "快递来了我不在家",
            "速遞嚟嘅時候我唔喺屋企",
            "redeliver my parcel",
            "快递打电话我没接到",
            "派送失败怎么办",
            "i missed the courier",
            "nobody was home for the delivery",
            "how do i get a missed delivery",
            "错过了派送",
            "速遞嚟咗我唔喺度",
            "没接到快递怎么重新派送",
            "missed delivery what to do",
            "快递员来了我没接电话",
            "redelivery",
        ],
        "answer": (
            "<p>SF Express usually calls you and tries again the next working day, or leaves the "
            "parcel at a nearby SF point and sends you a pickup code by SMS. You can also call the "
            "courier from the tracking page to rearrange delivery. After three failed attempts the "
            "parcel comes back to us and we'll contact you to resend it or refund you.</p>"
        ),
        "intent": "",
        "tags": ["delivery-problem", "redelivery"],
    },
    {
        "category": "Shipping / Delivery problems",
        "language": "zh-Hans",
        "question": "快递没送上门，直接放驿站了",
        "similar": [
            "快递不送上门",
            "为什么放到驿站了",
            "没经过我同意放快递柜",
            "速遞冇送上門",
            "courier left it at a pickup station",
            "why wasn't it delivered to my door",
            "想要送货上门",
            "i want the parcel delivered to my door",
            "why is my parcel at a pickup point",
            "the courier didn't bring it to my door",
            "parcel dropped at a locker without asking",
            "为什么不送货上门",
            "點解唔送上樓？",
            "快递放驿站没通知我",
            "courier left it at the station without asking",
            "为什么放快递柜不送上门",
            "i wanted home delivery not a locker",
        ],
        "answer": (
            "<p>Lumen 订单默认送货上门。如快递员未经您同意将包裹放在驿站或快递柜，"
            "请联系在线客服并提供订单号，我们会向快递公司反馈并要求重新派送。"
            "下单时也可在订单备注中写明“请送货上门”。</p>"
        ),
        "intent": "",
        "tags": ["delivery-problem", "door-delivery"],
    },
    {
        "category": "Returns & refunds / Return policy",
        "language": "zh-Hans",
        "question": "支持 7 天无理由退货吗？",
        "similar": [
            "可以无理由退货吗",
            "七天无理由",
            "几天内可以退",
            "有冇7日無理由退貨？",
            "what is your return policy",
            "how many days to return",
            "return window?",
            "can i return it if i don't like it",
            "do you have a 7 day return policy",
            "can i return it if i change my mind",
            "returns policy?",
            "七天内可以退货吗",
            "7日內可唔可以退？",
            "七天无理由退货怎么算",
            "7 day no reason return",
            "无理由退货期限多长",
            "can i return unused items within a week",
        ],
        "answer": (
            "<p>支持。自<b>签收之日起 7 天内</b>，商品未使用、吊牌和包装完好、配件及赠品齐全，"
            '即可申请无理由退货。少数商品除外，详见<a href="https://lumen.example/returns">'
            "退换货政策</a>。</p>"
        ),
        "intent": "",
        "tags": ["returns", "return-policy"],
    },
    {
        "category": "Returns & refunds / Return policy",
        "language": "zh-Hans",
        "question": "哪些商品不支持无理由退货？",
        "similar": [
            "什么东西不能退",
            "内衣可以退吗",
            "定制的能退吗",
            "邊啲貨唔可以退？",
            "which items can't be returned",
            "non returnable items",
            "耳机拆了还能退吗",
            "can i return underwear",
            "what can't be returned",
            "are some items non-returnable",
            "which products are final sale",
            "哪些东西不能退",
            "咩嘢唔退得？",
            "不能无理由退货的商品有哪些",
            "which items have no 7 day return",
            "内衣泳衣能退吗",
            "custom engraved items return",
        ],
        "answer": (
            "<p>以下商品不支持 7 天无理由退货（质量问题除外）：</p><ul><li>贴身衣物：内衣、泳衣、"
            "袜子</li><li>定制或刻字商品</li><li>已拆封的入耳式耳机</li><li>标注“清仓不退换”"
            "的商品及礼品卡</li></ul>"
        ),
        "intent": "",
        "tags": ["returns", "return-policy", "exceptions"],
    },
    {
        "category": "Returns & refunds / Return policy",
        "language": "zh-Hans",
        "question": "超过 7 天还能退货吗？",
        "similar": [
            "过了七天还能退吗",
            "签收10天了能退吗",
            "超咗7日仲退唔退得返貨？",
            "can i return after 7 days",
            "return after the deadline",
            "买了两周了想退",
            "it's been 10 days, can i still return it",
            "missed the 7 day return window",
            "can i still return after a week",
            "it's past 7 days, can i return it",
            "late return possible?",
            "过了7天能退吗",
            "過咗七日仲退唔退得？",
            "过了退货期还能退吗",
            "return after the 7 day window",
            "退货期过了怎么办",
            "return window passed",
        ],
        "answer": (
            "<p>超过 7 天后不再支持无理由退货。如商品有质量问题，签收 15 天内仍可申请退货或换货；"
            "超过 15 天的，可在保修期内申请免费维修。</p>"
        ),
        "intent": "",
        "tags": ["returns", "return-policy", "warranty"],
    },
    {
        "category": "Returns & refunds / Return policy",
        "language": "en",
        "question": "Who pays for return shipping?",
        "similar": [
            "return shipping cost?",
            "do i pay to send it back",
            "is return postage free",
            "退货运费谁出",
            "退貨運費要自己俾？",
            "free returns?",
            "退货要自己付运费吗",
            "无理由退货运费多少钱",
            "is return shipping free",
            "do i have to pay to return an item",
            "who covers the cost of sending it back",
            "退货要我出运费吗",
            "退貨邊個俾運費？",
            "无理由退货运费谁承担",
            "return postage cost for no reason returns",
            "退货寄回的邮费谁付",
            "do you charge for the return pickup",
        ],
        "answer": (
            "<p>For no-reason returns you pay the return shipping: if you book an SF pickup, CNY "
            "12 is deducted from your refund. Gold and Black members get 2 and 4 free pickups a "
            "month. If the item is faulty, damaged or not what you ordered, we pay the return "
            "shipping.</p>"
        ),
        "intent": "",
        "tags": ["returns", "shipping-fee"],
    },
    {
        "category": "Returns & refunds / Return policy",
        "language": "zh-Hans",
        "question": "退货需要保留吊牌和原包装吗？",
        "similar": [
            "吊牌剪了还能退吗",
            "包装盒扔了能退吗",
            "拆了包装可以退吗",
            "冇咗吊牌仲退唔退得貨？",
            "do i need the original packaging to return",
            "tags removed can i still return",
            "can i return it without the box",
            "i threw away the packaging",
            "do returns need the original box",
            "can i return without tags",
            "do i need the packaging to send it back",
            "没有包装能退吗",
            "冇咗盒可唔可以退？",
        ],
        "answer": (
            "<p>需要。无理由退货须保留吊牌、原包装、说明书和配件，且不影响二次销售。"
            "只拆开包装查看、未使用的商品可以退；吊牌已剪或包装丢失的，仓库验收时可能拒收。</p>"
        ),
        "intent": "",
        "tags": ["returns", "return-policy", "packaging"],
    },
    {
        "category": "Returns & refunds / Return policy",
        "language": "zh-Hans",
        "question": "部分退货会扣运费吗？",
        "similar": [
            "只退一件要扣运费吗",
            "退了一部分不满99了",
            "退部分商品運費點計？",
            "partial return shipping fee",
            "will you deduct shipping if i return one item",
            "退货后不满包邮",
            "returning one item from my order, do i lose free shipping",
            "will i be charged shipping for a partial return",
            "do i pay shipping if i only return some items",
            "partial return deduction",
            "returning part of the order, is shipping charged",
            "部分退款运费怎么算",
            "退部分貨扣唔扣運費？",
        ],
        "answer": (
            "<p>如部分退货后，订单剩余商品的实付金额不满 99 元，退款时会扣除 10 "
            "元运费（即原本享受的包邮）。整单退货或因质量问题退货不扣此费用。</p>"
        ),
        "intent": "",
        "tags": ["returns", "free-shipping", "partial-return"],
    },
    {
        "category": "Returns & refunds / Return policy",
        "language": "en",
        "question": "Can I return items I bought on sale?",
        "similar": [
            "can i return discounted items",
            "sale items returnable?",
            "bought during 618 can i return",
            "特价商品可以退吗",
            "減價貨可唔可以退？",
            "flash sale return",
            "打折的东西能退吗",
            "秒杀买的可以退吗",
            "are sale items returnable",
            "can i return something on discount",
            "discounted items return policy",
            "活动价买的能不能退",
            "減價買嘅退唔退得？",
            "促销期间买的能退",
            "items bought in a flash sale, can they be returned",
            "618买的东西可以退吗",
            "do sale items have the 7 day return",
        ],
        "answer": (
            "<p>Yes. Discounted, 618 and 11.11 items, including flash-sale items, follow the same "
            "7-day no-reason return policy. The only exception is clearance stock marked “Final "
            "sale” (清仓不退换) on the product page.</p>"
        ),
        "intent": "",
        "tags": ["returns", "sales"],
    },
    {
        "category": "Returns & refunds / Return policy",
        "language": "zh-Hans",
        "question": "赠品需要一起退回吗？",
        "similar": [
            "送的东西要退吗",
            "赠品用了怎么办",
            "贈品要唔要一齊寄返？",
            "do i need to return the free gift",
            "free gift return",
            "满赠的礼品要退吗",
            "what if i used the free gift",
            "do i have to send back the freebie",
            "do i send back the freebie too",
            "do i have to return the gift that came with it",
            "what about the free gift when i return",
            "退货时赠品要退吗",
            "送嘅嘢要唔要退返？",
        ],
        "answer": (
            "<p>整单退货时赠品需一并退回。部分退货后订单不再满足赠送条件的，也需退回赠品；"
            "赠品已使用或丢失的，将按赠品页面标注的价值从退款中扣除。</p>"
        ),
        "intent": "",
        "tags": ["returns", "free-gift"],
    },
    {
        "category": "Returns & refunds / Refund timing",
        "language": "en",
        "question": "Why is my refund less than what I paid?",
        "similar": [
            "refund amount is wrong",
            "didn't get full refund",
            "why was money deducted from my refund",
            "退款金额少了",
            "點解退款少咗？",
            "refund less than price",
            "为什么退款扣钱了",
            "退款比付的少",
            "why didn't i get all my money back",
            "my refund is too low",
            "money missing from my refund",
            "退款少了",
            "點解退少咗錢？",
            "退款金额为什么不对",
            "refund amount lower than the price",
            "退款被扣了钱",
            "why was my refund reduced",
        ],
        "answer": (
            "<p>A refund can be lower when only part of an order is returned: coupon discounts are "
            "shared across the items in proportion to their price, and the pickup fee (CNY 12), "
            "the CNY 10 shipping fee for an order that drops below CNY 99, or a missing free gift "
            "may be deducted. See the breakdown under Orders > After-sales > Refund details.</p>"
        ),
        "intent": "",
        "tags": ["refunds", "partial-return"],
    },
    {
        "category": "Returns & refunds / Return requests",
        "language": "zh-Hans",
        "question": "我要退货",
        "similar": [
            "我想退货",
            "申请退货",
            "怎么退货",
            "帮我退一下这个",
            "我想退貨呀",
            "i want to return an item",
            "return my order please",
            "how do i return something",
            "i want to return something",
            "start a return",
            "please help me return this",
            "我想申请退货",
            "幫我辦退貨",
            "退货怎么申请",
            "open a return for my order",
            "帮我办理退货",
            "return request",
        ],
        "answer": (
            "<p>好的，我来帮您办理退货。请提供需要退货的订单号；签收 7 天内、"
            "商品完好的订单可申请无理由退货。您也可以在“我的订单 > 申请售后”中自助提交。</p>"
        ),
        "intent": "return_request",
        "tags": ["returns", "action"],
    },
    {
        "category": "Returns & refunds / How to return",
        "language": "zh-Hans",
        "question": "退货可以上门取件吗？",
        "similar": [
            "退货能上门取吗",
            "预约快递上门取件",
            "退货要自己去寄吗",
            "退貨有冇人上門收？",
            "can the courier pick up my return",
            "book a return pickup",
            "can sf collect the return from my home",
            "do i have to go to the post office to return",
            "can you collect my return",
            "will a courier come to pick up the return",
            "return pickup from home",
            "退货能叫顺丰来拿吗",
            "退貨可唔可以上門收件？",
        ],
        "answer": (
            "<p>可以。退货申请审核通过后选择“预约上门取件”，顺丰会在您选择的时段上门，"
            "无需填写快递单号。无理由退货的取件运费 12 元会从退款中扣除（金卡、"
            "黑卡会员每月有免费次数）；您也可以选择自行寄回。</p>"
        ),
        "intent": "",
        "tags": ["returns", "pickup", "sf-express"],
    },
    {
        "category": "Returns & refunds / How to return",
        "language": "zh-Hans",
        "question": "退货寄到哪里？",
        "similar": [
            "退货地址是什么",
            "寄回哪个地址",
            "退貨地址喺邊？",
            "return address?",
            "where do i send returns",
            "退到哪个仓",
            "what's the return address",
            "address for sending back items",
            "what address do i send my return to",
            "where should i ship the return",
            "return shipping address",
            "退回的东西寄给谁",
            "退貨寄去邊？",
            "退货寄回哪个仓库",
            "return parcel recipient and address",
            "退货地址是哪里",
            "send return to which address",
        ],
        "answer": (
            "<p>退货统一寄回 Lumen 上海仓（上海市示例区演示路 1 号 Lumen 仓库）。申请审核通过后，"
            "收件人和电话会显示在售后详情页，请按页面信息填写，不要寄平邮或到付。</p>"
        ),
        "intent": "",
        "tags": ["returns", "return-address"],
    },
    {
        "category": "Returns & refunds / How to return",
        "language": "en",
        "question": "I've sent my return. Where do I enter the tracking number?",
        "similar": [
            "where to fill in return tracking number",
            "add return waybill",
            "i shipped it back myself",
            "退货单号填在哪",
            "寄咗返去單號填喺邊？",
            "upload tracking for return",
            "寄回后单号怎么填",
            "退货快递单号在哪里提交",
            "where do i put the return tracking number",
            "i posted my return, what now",
            "add tracking number to my return",
            "寄回后在哪登记单号",
            "退貨單號喺邊度填？",
            "寄回退货后要填物流单号吗",
            "where do i type the courier number for my return",
            "寄回商品的单号要告诉你们吗",
            "return waybill number field",
        ],
        "answer": (
            "<p>Go to Orders > After-sales, open your return request and tap “Enter tracking "
            "number”. Please add it within 7 days of approval, or the request closes "
            "automatically. If you booked an SF pickup, the number is filled in for you.</p>"
        ),
        "intent": "",
        "tags": ["returns", "tracking"],
    },
    {
        "category": "Returns & refunds / How to return",
        "language": "zh-Hans",
        "question": "退货申请多久审核？",
        "similar": [
            "退货申请什么时候通过",
            "售后一直在审核中",
            "退貨申請幾耐批？",
            "how long to approve my return",
            "return request pending",
            "售后审核要多久",
            "return request still under review",
            "when will my return be approved",
            "how long does return approval take",
            "my return hasn't been approved yet",
            "when is my return request reviewed",
            "退货一直没人处理",
            "退貨申請幾耐有回覆？",
            "退货申请审核多久",
            "how long for return approval",
            "review of my return is taking long",
            "return request review time",
        ],
        "answer": (
            "<p>退货申请一般在 <b>24 小时内</b>审核完毕，结果会通过短信和 App 通知您。"
            "大促期间可能延长至 48 小时。</p>"
        ),
        "intent": "",
        "tags": ["returns", "review-time"],
    },
    {
        "category": "Returns & refunds / How to return",
        "language": "zh-Hans",
        "question": "退货申请被拒绝了怎么办？",
        "similar": [
            "售后被驳回",
            "为什么不给退",
            "退貨申請俾人拒絕咗",
            "return request rejected",
            "why was my return denied",
            "拒绝退货原因",
            "return application declined, what now",
            "appeal a rejected return",
            "my return was refused",
            "why was my return request declined",
            "return request denied",
            "售后不同意退货",
            "退貨唔批點算？",
        ],
        "answer": (
            "<p>拒绝原因会显示在售后详情中，常见原因有超过 7 天、"
            "吊牌已剪或属于不支持无理由退货的商品。如有异议，可补充照片后重新提交，"
            "或联系在线客服复核。</p>"
        ),
        "intent": "",
        "tags": ["returns", "rejected"],
    },
    {
        "category": "Returns & refunds / How to return",
        "language": "en",
        "question": "Can I cancel a return request?",
        "similar": [
            "cancel my return",
            "changed my mind about returning",
            "withdraw return request",
            "退货申请可以撤销吗",
            "唔想退啦點取消？",
            "undo return",
            "不想退了怎么撤销",
            "撤回退货申请",
            "i don't want to return it anymore",
            "how do i withdraw my return",
            "stop my return request",
            "退货申请怎么取消",
            "退貨申請可唔可以撤回？",
            "撤销退货申请",
            "cancel the return i submitted",
            "退货申请提交了能取消吗",
            "i changed my mind about the return",
        ],
        "answer": (
            "<p>Yes, as long as the item hasn't been sent back. Open Orders > After-sales and tap "
            "“Cancel request”. You can submit a new request later within the original 7-day "
            "window.</p>"
        ),
        "intent": "",
        "tags": ["returns"],
    },
    {
        "category": "Returns & refunds / Refund timing",
        "language": "zh-Hans",
        "question": "退款多久到账？",
        "similar": [
            "退款什么时候到",
            "钱什么时候退回来",
            "退款幾耐到賬？",
            "how long does a refund take",
            "when will i get my money back",
            "退款要几天",
            "refund timeline",
            "how many days until the refund arrives",
            "how long until i get my refund",
            "when will my money be refunded",
            "refund processing time",
            "退款几天能收到",
            "退錢要幾耐？",
            "退款一般几个工作日到账",
            "how many working days for the refund to reach me",
            "退款到支付宝要多久",
            "refund to my bank card takes how long",
        ],
        "answer": (
            "<p>仓库签收退货并验货后，<b>1–3 个工作日</b>内发起退款，原路退回。支付宝、"
            "微信支付一般 24 小时内到账；银行卡和信用卡需 3–7 个工作日，以银行处理为准。</p>"
        ),
        "intent": "",
        "tags": ["refunds", "refund-time"],
    },
    {
        "category": "Returns & refunds / Refund timing",
        "language": "en",
        "question": "My refund shows as completed, but I can't see the money.",
        "similar": [
            "refund completed but not received",
            "refund not in my account",
            "bank hasn't received refund",
            "退款成功了但没收到钱",
            "話咗退款成功但係未收到",
            "credit card refund missing",
            "退款显示成功银行没到账",
            "信用卡退款查不到",
            "refund says done but no money",
            "the refund was processed but my bank shows nothing",
            "i haven't received my completed refund",
            "退款完成了钱没到",
            "退款成功但冇收到錢",
            "退款完成几天了还没看到",
            "refund completed not received",
            "银行没收到退款",
            "refund done but not in my account",
        ],
        "answer": (
            "<p>“Refund completed” means the money has left us. Banks usually take 3–7 working "
            "days to post it, and credit card refunds may only appear on your next statement. If "
            "it still hasn't arrived after 7 working days, contact us and we'll give you the "
            "refund reference number to check with your bank.</p>"
        ),
        "intent": "",
        "tags": ["refunds", "refund-time", "bank"],
    },
    {
        "category": "Returns & refunds / Refund timing",
        "language": "zh-Hans",
        "question": "退款会退到哪里？可以退到别的卡吗？",
        "similar": [
            "退款退到哪",
            "能退到微信吗",
            "可以退到另一张卡吗",
            "退款會退去邊度？",
            "refund to a different card",
            "where does the refund go",
            "can you refund to my alipay instead",
            "refund to original payment method?",
            "which account does the refund go to",
            "can i get the refund on a different card",
            "will i be refunded to the original payment",
            "退款可以换个账户吗",
            "退款退去邊個戶口？",
        ],
        "answer": (
            "<p>退款一律<b>原路退回</b>到付款时使用的账户（支付宝、微信支付、银行卡或礼品卡），"
            "无法改退到其他账户。原卡已注销的，银行通常会转入您名下的其他账户，请咨询发卡行。</p>"
        ),
        "intent": "",
        "tags": ["refunds", "payment"],
    },
    {
        "category": "Returns & refunds / Refund timing",
        "language": "zh-Hans",
        "question": "取消订单后多久退款？",
        "similar": [
            "取消了订单钱什么时候退",
            "取消订单退款要多久",
            "取消咗張單幾時退錢？",
            "refund after cancelling order",
            "cancelled order when refund",
            "没发货取消退款",
            "how fast is the refund if i cancel",
            "when do i get money back for a cancelled order",
            "i cancelled my order, when do i get my money",
            "refund time for a cancelled order",
            "how long for a cancellation refund",
            "订单取消了退款没到",
            "取消咗單幾耐退錢？",
            "订单取消后退款进度",
            "refund time after cancelling an order",
            "没发货取消了钱多久回来",
            "when is a cancelled order refunded",
        ],
        "answer": (
            "<p>未发货订单取消后<b>立即发起退款</b>，原路退回：支付宝、微信支付一般几分钟到 24 "
            "小时内到账，银行卡和信用卡需 3–7 个工作日。</p>"
        ),
        "intent": "",
        "tags": ["refunds", "cancellation"],
    },
    {
        "category": "Returns & refunds / Refund timing",
        "language": "zh-Hans",
        "question": "花呗分期的订单退款怎么处理？",
        "similar": [
            "花呗分期退货怎么退",
            "分期付款的订单退款",
            "分期手续费退吗",
            "用花唄分期買嘅退款點計？",
            "refund for installment order",
            "huabei refund",
            "refund for huabei installments",
            "will installment fees be refunded",
            "returning something bought with instalments",
            "refund on an installment purchase",
            "what happens to my installments if i return",
            "用花呗买的怎么退",
            "分期買嘅嘢點退款？",
            "花呗分期退款怎么退",
            "refund on huabei instalments",
            "分期订单退货手续费退吗",
            "return an item paid with huabei",
        ],
        "answer": (
            "<p>退款会退回花呗，支付宝会按剩余未还期数自动调整账单，"
            "已退款部分对应的分期手续费一般一并退还，具体以支付宝账单为准。"
            "信用卡分期的退款规则以发卡银行为准。</p>"
        ),
        "intent": "",
        "tags": ["refunds", "installments"],
    },
    {
        "category": "Returns & refunds / Exchanges",
        "language": "zh-Hans",
        "question": "可以换尺码或颜色吗？",
        "similar": [
            "尺码不合适能换吗",
            "想换个颜色",
            "大了想换小一号",
            "可唔可以換過個size？",
            "exchange for a different size",
            "swap colour",
            "换码",
            "can i swap for a smaller size",
            "can i swap sizes",
            "exchange for a bigger size",
            "i want a different colour",
            "尺码不对可以换吗",
            "可唔可以換顏色？",
            "同款换个尺码可以吗",
            "can i change the size of what i received",
            "穿着不合适想换码",
            "same item different color exchange",
        ],
        "answer": (
            "<p>可以。签收 7 天内，商品未穿着、吊牌完好，可申请更换<b>同款同价</b>"
            "的其他尺码或颜色。每个订单可免费换货 1 次，往返运费由我们承担，在“我的订单 > 申请售后 "
            "> 换货”中提交即可。</p>"
        ),
        "intent": "",
        "tags": ["exchanges", "size"],
    },
    {
        "category": "Returns & refunds / Exchanges",
        "language": "en",
        "question": "Can I exchange an item for a different product?",
        "similar": [
            "exchange for another item",
            "swap it for something else",
            "换成别的商品可以吗",
            "可唔可以換第二件貨？",
            "exchange for a different model",
            "replace it with another product",
            "能换别的款式吗",
            "换一个不同的商品",
            "can i swap it for another item",
            "can i get a different item instead",
            "can i trade this for something else",
            "换个别的款式",
            "可唔可以換第二樣？",
        ],
        "answer": (
            "<p>Exchanges are only possible for the same product in another size or colour. For a "
            "different product, return the item under the 7-day no-reason policy and place a new "
            "order; the refund is issued 1–3 working days after the warehouse receives the "
            "return.</p>"
        ),
        "intent": "",
        "tags": ["exchanges", "returns"],
    },
    {
        "category": "Returns & refunds / Exchanges",
        "language": "zh-Hans",
        "question": "换货多久能收到新的？",
        "similar": [
            "换货多久发出",
            "换货什么时候寄过来",
            "換貨要等幾耐？",
            "how long does an exchange take",
            "exchange shipping time",
            "换的货还没发",
            "when will my replacement ship",
            "exchange taking too long",
            "when will my exchange arrive",
            "how long for the replacement to ship",
            "exchange delivery time",
            "新的货什么时候到",
            "換貨幾時寄俾我？",
        ],
        "answer": (
            "<p>仓库收到您寄回的商品并验收后，<b>2 个工作日内</b>发出新商品，"
            "物流时效与普通订单相同。换货进度可在“我的订单 > 售后”中查看。</p>"
        ),
        "intent": "",
        "tags": ["exchanges", "delivery-time"],
    },
    {
        "category": "Returns & refunds / Exchanges",
        "language": "en",
        "question": "What if the size I want to exchange for is out of stock?",
        "similar": [
            "exchange size sold out",
            "the size i need is not available",
            "no stock for exchange",
            "想换的尺码没货了",
            "換嘅尺碼冇貨點算？",
            "exchange out of stock",
            "换货的尺码缺货怎么办",
            "想换的颜色卖完了",
            "the size i want is sold out",
            "can't exchange because of no stock",
            "exchange size unavailable",
            "我要的尺码换不到了",
            "想換嗰個size冇貨",
        ],
        "answer": (
            "<p>If the new size or colour is out of stock, we'll refund the item instead within "
            "1–3 working days after the warehouse receives it, with the return shipping on us. You "
            "can also set an arrival alert on the product page and order again when it's back.</p>"
        ),
        "intent": "",
        "tags": ["exchanges", "out-of-stock"],
    },
    {
        "category": "Returns & refunds / Damaged or wrong items",
        "language": "zh-Hans",
        "question": "收到的商品破损了怎么办？",
        "similar": [
            "东西坏了",
            "到货就是坏的",
            "杯子碎了",
            "收到嘅貨爛咗",
            "item arrived damaged",
            "broken on arrival",
            "外包装破了里面也坏了",
            "the glass was smashed when it arrived",
            "the box was crushed and the item inside is damaged",
            "the product was damaged in delivery",
            "it came smashed",
            "东西到了是坏的",
            "收到嘅嘢爛咗",
        ],
        "answer": (
            "<p>非常抱歉！请在<b>签收后 48 小时内</b>通过“申请售后”提交，"
            "并上传商品和外包装照片（有开箱视频更好）。核实后我们会为您补发新品或全额退款，"
            "相关运费由我们承担。</p>"
        ),
        "intent": "",
        "tags": ["damaged", "after-sales"],
    },
    {
        "category": "Returns & refunds / Damaged or wrong items",
        "language": "en",
        "question": "I received the wrong item.",
        "similar": [
            "wrong item sent",
            "got a different colour than i ordered",
            "this is not what i ordered",
            "发错货了",
            "寄錯咗貨俾我",
            "received someone else's order",
            "收到的不是我买的",
            "颜色发错了",
            "you sent me the wrong thing",
            "wrong product in my parcel",
            "i got the wrong colour",
            "寄错东西了",
            "寄錯貨",
            "收到的商品不对",
            "the item i received is not what i ordered",
            "发错颜色了",
            "wrong size sent",
        ],
        "answer": (
            "<p>Sorry about that! Please submit an after-sales request within 48 hours of delivery "
            "with a photo of the item and its label. We'll send the correct item right away and "
            "arrange a free pickup for the wrong one.</p>"
        ),
        "intent": "",
        "tags": ["wrong-item", "after-sales"],
    },
    {
        "category": "Returns & refunds / Damaged or wrong items",
        "language": "zh-Hans",
        "question": "包裹里少了商品怎么办？",
        "similar": [
            "少了一件",
            "包裹里少东西",
            "配件没有",
            "少寄咗一件貨",
            "item missing from my package",
            "missing accessories",
            "收到的数量不对",
            "only got 2 of 3 items",
            "something is missing from my order",
            "not all items were in the box",
            "my parcel is missing an item",
            "少发了一件",
            "少咗嘢",
            "收到的件数少了",
            "an item is missing from the box",
            "配件缺了",
            "missing part of my order",
        ],
        "answer": (
            "<p>请先在订单详情中确认订单是否拆分成多个包裹发货。如所有包裹都已签收仍有缺少，请在 "
            "48 小时内联系在线客服，并提供外包装和快递面单照片，核实后为您补发。</p>"
        ),
        "intent": "",
        "tags": ["missing-item", "after-sales"],
    },
    {
        "category": "Returns & refunds / Damaged or wrong items",
        "language": "zh-Hans",
        "question": "商品用了几天出现质量问题怎么办？",
        "similar": [
            "用了几天就坏了",
            "质量问题可以退吗",
            "衣服开线了",
            "用咗幾日就壞咗",
            "it stopped working after a few days",
            "faulty product",
            "灯不亮了",
            "defective after a week",
            "it broke after a few days of use",
            "my item is faulty",
            "quality problem after a week",
            "质量有问题用不了",
            "用咗冇幾耐就壞",
        ],
        "answer": (
            "<p>签收 <b>15 天内</b>出现质量问题，可选择退货、换新或维修，往返运费由我们承担，"
            "请在“申请售后”中描述问题并上传照片或视频。超过 15 天的，可在保修期内申请免费维修。</p>"
        ),
        "intent": "",
        "tags": ["quality-issue", "after-sales", "warranty"],
    },
    {
        "category": "Returns & refunds / Damaged or wrong items",
        "language": "en",
        "question": "Should I check the parcel before signing for it?",
        "similar": [
            "inspect package before signing?",
            "box looks damaged should i accept it",
            "can i refuse a damaged parcel",
            "签收前要验货吗",
            "外箱爛咗應唔應該簽收？",
            "open parcel in front of courier",
            "收货时外箱破了能拒收吗",
            "要当着快递员面验货吗",
            "should i open the box in front of the courier",
            "can i refuse a damaged box",
            "check before signing?",
            "箱子破了要签收吗",
            "簽收前要唔要驗貨？",
        ],
        "answer": (
            "<p>Yes, we recommend checking the outer box before signing. If it's visibly crushed, "
            "wet or opened, you can refuse the parcel, or sign with a note and take photos. Either "
            "way, contact us within 48 hours and we'll resend the item or refund you at no "
            "cost.</p>"
        ),
        "intent": "",
        "tags": ["damaged", "delivery"],
    },
    {
        "category": "Payment / Payment methods",
        "language": "zh-Hans",
        "question": "支持哪些付款方式？",
        "similar": [
            "怎么付款",
            "可以用什么支付",
            "有咩付款方法？收唔收銀聯？",
            "payment methods?",
            "how can i pay",
            "能用银联吗",
            "收唔收信用卡",
            "do you take visa",
            "how can i pay for my order",
            "which payments do you accept",
            "do you accept credit cards",
            "可以用支付宝吗",
            "俾錢有咩方法？",
            "能用数字人民币付款吗",
            "你们收什么付款",
            "do you take alipay and wechat pay",
            "内地站能用哪些支付方式",
            "can i pay by unionpay",
        ],
        "answer": (
            "<p>内地站支持<b>支付宝、微信支付、银联（云闪付及银联卡）、Visa/Mastercard 信用卡</b>"
            "和 Lumen 礼品卡。香港站支持 PayMe、转数快 FPS、AlipayHK、WeChat Pay HK 及 "
            "Visa/Mastercard。</p>"
        ),
        "intent": "",
        "tags": ["payment", "alipay", "wechat-pay", "unionpay"],
    },
    {
        "category": "Payment / Payment methods",
        "language": "en",
        "question": "Can I pay with PayMe or FPS in Hong Kong?",
        "similar": [
            "payme accepted?",
            "fps payment",
            "alipayhk ok?",
            "可唔可以用PayMe俾錢？",
            "香港可以转数快付款吗",
            "pay with octopus",
            "香港可以用payme吗",
            "轉數快得唔得？",
            "do you accept payme",
            "can i use fps",
            "hong kong payment methods",
            "香港能用什么支付",
            "香港收唔收信用卡？",
            "香港站能用转数快吗",
            "payme on the hong kong site",
            "香港可以用AlipayHK吗",
            "hong kong payment options",
        ],
        "answer": (
            "<p>Yes. On the Hong Kong site (prices in HKD) you can pay with PayMe, FPS, AlipayHK, "
            "WeChat Pay HK or Visa/Mastercard. Octopus isn't supported at the moment.</p>"
        ),
        "intent": "",
        "tags": ["payment", "hong-kong", "payme", "fps"],
    },
    {
        "category": "Payment / Payment methods",
        "language": "zh-Hans",
        "question": "支持货到付款吗？",
        "similar": [
            "可以货到付款吗",
            "能到付吗",
            "收货再给钱",
            "有冇貨到付款？",
            "cash on delivery?",
            "cod available",
            "pay when i receive it",
            "can i pay on delivery",
            "do you have cash on delivery",
            "can i pay when it arrives",
            "pay on delivery possible?",
            "到付行不行",
            "可唔可以貨到先俾錢？",
        ],
        "answer": (
            "<p>暂不支持货到付款，所有订单需在下单后 30 分钟内在线完成支付。收货后如不满意，可享受 "
            "7 天无理由退货。</p>"
        ),
        "intent": "",
        "tags": ["payment", "cash-on-delivery"],
    },
    {
        "category": "Payment / Payment methods",
        "language": "zh-Hans",
        "question": "礼品卡怎么使用？",
        "similar": [
            "礼品卡怎么用",
            "购物卡能用吗",
            "礼品卡余额查询",
            "張禮品卡點樣用嚟俾錢？",
            "how to use a gift card",
            "gift card balance",
            "how do i redeem a lumen gift card",
            "where do i enter my gift card code",
            "how do i redeem a gift card",
            "use gift card at checkout",
            "how to add a gift card",
            "礼品卡怎么绑定",
            "禮品卡點用？",
        ],
        "answer": (
            "<p>Lumen 礼品卡有 100、200、500 元三种面值，有效期 3 年。在“我的 > 礼品卡”"
            "中输入卡密绑定后，结算时即可抵扣，不足部分可用其他方式补足。礼品卡不可兑现，"
            "也不支持无理由退货。</p>"
        ),
        "intent": "",
        "tags": ["payment", "gift-card"],
    },
    {
        "category": "Payment / Payment methods",
        "language": "zh-Hans",
        "question": "可以找朋友代付吗？",
        "similar": [
            "能让别人帮我付款吗",
            "找人代付",
            "叫屋企人幫我俾錢得唔得？",
            "can someone else pay for my order",
            "share payment link with friend",
            "微信代付",
            "can my friend pay with wechat for me",
            "send the payment link to my parents",
            "can someone pay on my behalf",
            "send a payment link to someone",
            "let my friend pay",
            "可以让家人付款吗",
            "可唔可以叫朋友幫我俾？",
        ],
        "answer": (
            "<p>可以。结算时选择“找人代付”，把生成的链接发给亲友，"
            "对方用支付宝或微信支付即可完成付款。代付链接在订单自动取消前（下单后 30 分钟内）有效，"
            "退款会原路退回付款人的账户。</p>"
        ),
        "intent": "",
        "tags": ["payment", "pay-for-me"],
    },
    {
        "category": "Payment / Payment methods",
        "language": "en",
        "question": "Can I split the payment between two cards?",
        "similar": [
            "pay with two cards",
            "split payment",
            "use 2 payment methods",
            "可以分两张卡付款吗",
            "可唔可以用兩張卡俾？",
            "part alipay part card",
            "一个订单可以用两种方式付款吗",
            "一半微信一半信用卡可以吗",
            "pay with two different methods",
            "can i use two payment methods",
            "split my bill",
            "能用两种方式付款吗",
            "可唔可以分兩張卡俾？",
        ],
        "answer": (
            "<p>Not at the moment: each order is paid with a single payment method. The only "
            "combination allowed is a Lumen gift card plus one other method for the remaining "
            "amount.</p>"
        ),
        "intent": "",
        "tags": ["payment", "gift-card"],
    },
    {
        "category": "Payment / Payment problems",
        "language": "zh-Hans",
        "question": "付款失败怎么办？",
        "similar": [
            "付不了款",
            "支付不成功",
            "一直支付失败",
            "俾唔到錢",
            "payment failed",
            "can't pay",
            "信用卡被拒绝了",
            "alipay payment not going through",
            "payment didn't go through",
            "i can't complete the payment",
            "checkout payment error",
            "支付失败怎么办",
            "俾唔到錢點算？",
        ],
        "answer": (
            "<p>请先确认余额或额度充足、网络正常，并检查银行卡是否已开通网上支付。"
            "信用卡被拒可能是发卡行风控，可联系银行或改用支付宝、微信支付。订单 30 "
            "分钟内未付款会自动取消，可重新下单。</p>"
        ),
        "intent": "",
        "tags": ["payment", "payment-failed"],
    },
    {
        "category": "Payment / Payment problems",
        "language": "en",
        "question": "I was charged twice for one order.",
        "similar": [
            "double charged",
            "charged two times",
            "paid twice by mistake",
            "重复扣款了",
            "俾咗兩次錢",
            "duplicate payment",
            "扣了两次钱",
            "同一笔订单付了两次",
            "i paid twice",
            "double payment on my order",
            "two charges for the same order",
            "被重复扣款了",
            "重複俾咗錢",
        ],
        "answer": (
            "<p>Sorry about that! Duplicate payments are detected automatically and refunded to "
            "the original account within 1–3 working days. If the second charge still hasn't been "
            "refunded after that, send us the order number and a screenshot of both payments.</p>"
        ),
        "intent": "",
        "tags": ["payment", "duplicate-charge", "refunds"],
    },
    {
        "category": "Payment / Payment problems",
        "language": "zh-Hans",
        "question": "已经付款了，订单还显示待付款",
        "similar": [
            "付了钱订单没变",
            "扣款成功但显示未支付",
            "已付款状态没更新",
            "俾咗錢但係張單仲話未付款",
            "paid but order says unpaid",
            "payment not reflected",
            "money deducted but order still pending payment",
            "i paid but it says awaiting payment",
            "my order says unpaid but i paid",
            "payment taken but order not updated",
            "order still awaiting payment after paying",
            "付款后订单状态没变",
            "俾咗錢張單仲顯示未付",
        ],
        "answer": (
            "<p>支付结果同步偶尔会有几分钟延迟，请稍后刷新订单。超过 30 分钟仍显示待付款的，"
            "请不要重复支付，联系在线客服并提供付款截图；如订单已因超时取消，已扣款项会在 1–3 "
            "个工作日内原路退回。</p>"
        ),
        "intent": "",
        "tags": ["payment", "payment-status"],
    },
    {
        "category": "Payment / Installments",
        "language": "zh-Hans",
        "question": "可以分期付款吗？",
        "similar": [
            "能分期吗",
            "支持花呗分期吗",
            "信用卡分期",
            "可唔可以分期俾錢？",
            "pay in installments?",
            "instalment plan",
            "分12期",
            "can i use huabei",
            "do you offer installments",
            "can i pay monthly",
            "installment plan available?",
            "能分期买吗",
            "可唔可以分期？",
            "花呗能分几期",
            "can i pay with huabei in 3 or 6 months",
            "信用卡分期最低多少钱",
            "instalments on the mainland site",
        ],
        "answer": (
            "<p>内地站支持：</p><ul><li>花呗分期 3/6/12 期：订单实付满 300 元可用</li><li>"
            "信用卡分期（银联）：订单实付满 500 元可用</li></ul><p>"
            "结算时选择对应的支付方式即可查看每期金额。</p>"
        ),
        "intent": "",
        "tags": ["installments", "huabei", "unionpay"],
    },
    {
        "category": "Payment / Installments",
        "language": "zh-Hans",
        "question": "分期有手续费吗？有免息吗？",
        "similar": [
            "分期要利息吗",
            "免息分期",
            "分期手续费多少",
            "分期使唔使手續費？",
            "interest free installments?",
            "installment fees",
            "is there interest on huabei",
            "0% installment available?",
            "is there interest on installments",
            "are installments free",
            "installment fee?",
            "分期要手续费吗",
            "分期有冇利息？",
        ],
        "answer": (
            "<p>商品页标注“3 期免息”的商品，选择花呗 3 期免手续费。"
            "其他分期的手续费按支付宝或发卡银行的费率收取，结算时会显示每期金额和手续费。</p>"
        ),
        "intent": "",
        "tags": ["installments", "fees"],
    },
    {
        "category": "Payment / Installments",
        "language": "en",
        "question": "Can I pay in instalments on the Hong Kong site?",
        "similar": [
            "installments in hong kong",
            "hk credit card instalment",
            "香港可以分期吗",
            "香港站有冇分期？",
            "spread payments hk",
            "香港信用卡可以分期付款吗",
            "no instalment option on the hk site",
            "can i split payments on the hk site",
            "installments on the hk site",
            "can hong kong customers pay in installments",
            "hk instalment plan?",
            "香港站能分期吗",
            "香港站有冇免息分期？",
        ],
        "answer": (
            "<p>The Hong Kong site doesn't offer instalments at checkout. Many Hong Kong card "
            "issuers let you convert a purchase into an instalment plan after payment, so please "
            "check with your bank.</p>"
        ),
        "intent": "",
        "tags": ["installments", "hong-kong"],
    },
    {
        "category": "Payment / Currency",
        "language": "en",
        "question": "What currency are prices shown in?",
        "similar": [
            "prices in hkd or rmb?",
            "which currency",
            "can i see prices in usd",
            "价格是人民币吗",
            "價錢係咪港幣？",
            "change currency",
            "显示的是什么货币",
            "可以用港币结算吗",
            "are prices in rmb",
            "what currency do you charge in",
            "is the price in hong kong dollars",
            "价格是什么货币",
            "係咪用港幣計？",
        ],
        "answer": (
            "<p>The mainland site shows prices in CNY and the Hong Kong site in HKD; switch "
            "between them with the region selector at the top of the page. Other currencies aren't "
            "displayed.</p>"
        ),
        "intent": "",
        "tags": ["currency", "hong-kong"],
    },
    {
        "category": "Payment / Currency",
        "language": "en",
        "question": "Will my foreign card be charged in CNY?",
        "similar": [
            "foreign credit card accepted",
            "overseas card charged in rmb?",
            "foreign transaction fee",
            "外国信用卡收人民币吗",
            "海外信用卡會唔會收手續費",
            "card from the uk",
            "用外国visa卡付款会收手续费吗",
            "境外信用卡扣人民币吗",
            "can i pay with a card from abroad",
            "will i be charged in rmb",
            "foreign card fees",
            "境外银行卡能付款吗",
            "外國信用卡收唔收？",
        ],
        "answer": (
            "<p>Yes. Visa and Mastercard cards issued outside mainland China work on the mainland "
            "site and are charged in CNY; your bank converts the amount and may add a foreign "
            "transaction fee. Some cards ask for 3-D Secure verification.</p>"
        ),
        "intent": "",
        "tags": ["currency", "credit-card"],
    },
    {
        "category": "Payment / Currency",
        "language": "zh-Hans",
        "question": "为什么香港站和内地站价格不一样？",
        "similar": [
            "港币价格怎么比人民币贵",
            "香港价格跟内地不同",
            "點解香港價錢唔同？",
            "why is the hk price different",
            "hkd price higher than rmb",
            "不是按汇率换算的吗",
            "why is it more expensive on the hk site",
            "hk and mainland prices not the same",
            "why are hk prices higher",
            "price difference between hong kong and mainland",
            "why is it cheaper in the mainland",
            "香港价格为什么不同",
            "香港站定價點計？",
            "港币价格和人民币价格对不上",
            "hong kong site prices don't match the exchange rate",
            "香港站比内地站贵是为什么",
            "why do the two sites have different prices",
        ],
        "answer": (
            "<p>香港站以港币单独定价，已包含当地配送和运营成本，并非按当日汇率换算，"
            "因此与内地站价格会有差异。两地的促销活动也是各自独立的。</p>"
        ),
        "intent": "",
        "tags": ["currency", "hong-kong", "pricing"],
    },
    {
        "category": "Payment / Currency",
        "language": "zh-Hans",
        "question": "退款时汇率变了怎么办？",
        "similar": [
            "退款汇率损失谁承担",
            "外币卡退款少了",
            "退款匯率差",
            "refund exchange rate",
            "lost money on refund because of exchange rate",
            "汇率差价能补吗",
            "currency difference on my refund",
            "who pays the fx loss on a refund",
            "i lost money on the exchange rate",
            "refund in a different currency amount",
            "exchange rate difference on refund",
            "换汇损失谁承担",
            "退款匯率唔同咗",
        ],
        "answer": (
            "<p>我们按原支付币种和原金额退款（人民币或港币）。"
            "银行换算成外币时产生的汇率差或手续费由发卡行决定，我们无法补偿。</p>"
        ),
        "intent": "",
        "tags": ["currency", "refunds"],
    },
    {
        "category": "Invoices / E-invoices",
        "language": "zh-Hans",
        "question": "可以开发票吗？",
        "similar": [
            "能开发票吗",
            "有发票吗",
            "開唔開發票？",
            "do you provide invoices",
            "can i get a fapiao",
            "要发票",
            "do i get an invoice with my order",
            "how to ask for an invoice",
            "will i receive a tax invoice",
            "do i get a fapiao",
            "i need an invoice",
            "能给我开发票吗",
            "要發票點搞？",
            "买东西开发票吗",
            "will you give me a fapiao for my purchase",
            "下单怎么开普通发票",
            "do orders come with an invoice",
        ],
        "answer": (
            "<p>可以。内地订单默认开具<b>电子普通发票</b>，与纸质发票具有同等法律效力。"
            "下单时在“发票”栏填写个人或单位抬头，确认收货后 1–3 个工作日内开具。</p>"
        ),
        "intent": "",
        "tags": ["invoice", "e-invoice"],
    },
    {
        "category": "Invoices / E-invoices",
        "language": "zh-Hans",
        "question": "电子发票在哪里下载？",
        "similar": [
            "发票在哪看",
            "怎么下载发票",
            "喺邊度下載發票PDF？",
            "where to download invoice",
            "invoice pdf",
            "发票发到邮箱了吗",
            "where can i find my e-invoice",
            "can't find the invoice",
            "how do i get my e-invoice",
            "invoice copy for my order",
            "where is the invoice pdf",
            "发票怎么下载",
            "電子發票喺邊？",
        ],
        "answer": (
            "<p>发票开具后，可在“我的订单 > 订单详情 > 查看发票”下载 PDF；如下单时填写了邮箱，"
            "发票也会同时发送到邮箱。</p>"
        ),
        "intent": "",
        "tags": ["invoice", "e-invoice"],
    },
    {
        "category": "Invoices / E-invoices",
        "language": "en",
        "question": "Can I request an invoice after the order is completed?",
        "similar": [
            "forgot to ask for invoice",
            "request invoice later",
            "add invoice to old order",
            "下单时忘了开发票",
            "收咗貨仲可唔可以補開發票？",
            "late invoice request",
            "订单完成了还能开发票吗",
            "过了一个月还能开票吗",
            "can i get an invoice later",
            "i forgot to request an invoice",
            "invoice for an old order",
            "以前的订单开票",
            "遲啲可唔可以開發票？",
            "旧订单申请发票",
            "request an invoice for a past order",
            "补开发票",
            "invoice after delivery",
        ],
        "answer": (
            "<p>Yes. Within 90 days of delivery, open the order, tap “Request invoice” and fill in "
            "the title (personal or company). The e-invoice is issued within 1–3 working days.</p>"
        ),
        "intent": "",
        "tags": ["invoice", "e-invoice"],
    },
    {
        "category": "Invoices / E-invoices",
        "language": "zh-Hans",
        "question": "发票抬头开错了能改吗？",
        "similar": [
            "发票抬头写错了",
            "税号填错了",
            "发票重开",
            "張發票個抬頭打錯咗",
            "wrong company name on invoice",
            "reissue invoice",
            "tax id on invoice is wrong",
            "change invoice title",
            "the invoice has the wrong name",
            "change the company name on my invoice",
            "wrong tax number on invoice",
            "发票信息填错了",
            "發票抬頭錯咗",
            "发票抬头怎么修改",
            "reissue the invoice with a new title",
            "税号开错了能重开吗",
            "invoice title mistake",
        ],
        "answer": (
            "<p>发票开具前可在订单详情中直接修改。已开具的发票，可在开具后 30 天内申请换开 1 次："
            "在“查看发票”中点击“申请换开”，原发票作废后 1–3 个工作日内开具新发票。</p>"
        ),
        "intent": "",
        "tags": ["invoice", "invoice-title"],
    },
    {
        "category": "Invoices / E-invoices",
        "language": "zh-Hans",
        "question": "发票金额为什么和订单金额不一样？",
        "similar": [
            "发票金额少了",
            "发票金额不对",
            "發票金額同我俾嘅唔一樣",
            "invoice amount lower than order total",
            "why is invoice amount different",
            "优惠券部分开发票吗",
            "invoice doesn't match what i paid",
            "does the invoice include shipping",
            "the invoice amount doesn't match",
            "why is my invoice total different",
            "invoice amount is wrong",
            "发票少算了钱",
            "發票銀碼唔啱",
        ],
        "answer": (
            "<p>发票按<b>实付金额</b>开具：优惠券和积分抵扣的部分不计入发票金额，运费计入。"
            "部分退货的订单，发票会按退货后的金额重新开具。</p>"
        ),
        "intent": "",
        "tags": ["invoice", "invoice-amount"],
    },
    {
        "category": "Invoices / E-invoices",
        "language": "en",
        "question": "Can I get a paper invoice?",
        "similar": [
            "paper invoice please",
            "printed invoice",
            "mail me an invoice",
            "可以开纸质发票吗",
            "要紙本發票",
            "hard copy invoice",
            "能寄纸质发票给我吗",
            "要纸质版发票",
            "do you send paper invoices",
            "printed invoice please",
            "can i have a physical invoice",
            "发票能邮寄吗",
            "可唔可以俾張紙發票？",
        ],
        "answer": (
            "<p>Regular invoices are issued only as e-invoices, which are as legally valid as "
            "paper ones, and you can print the PDF yourself. Paper copies are only available for "
            "VAT special invoices, which we mail by SF Express.</p>"
        ),
        "intent": "",
        "tags": ["invoice", "paper-invoice"],
    },
    {
        "category": "Invoices / E-invoices",
        "language": "zh-Hans",
        "question": "发票内容可以开商品类别，不开明细吗？",
        "similar": [
            "发票内容开办公用品",
            "发票不要明细",
            "發票可唔可以開類別？",
            "invoice with category instead of items",
            "发票内容可以改吗",
            "invoice item details",
            "can the invoice say office supplies",
            "invoice content options",
            "can the invoice list a category",
            "invoice without item details",
            "change what the invoice says",
            "发票能开类别吗",
            "發票可唔可以唔寫明細？",
        ],
        "answer": (
            "<p>发票内容默认按<b>商品明细</b>开具，也可选择与实际商品相符的类别（如“家居用品”“服装”"
            "）。按税务规定，无法开具“办公用品”等与实际商品不符的内容。</p>"
        ),
        "intent": "",
        "tags": ["invoice", "invoice-content"],
    },
    {
        "category": "Invoices / VAT special invoices",
        "language": "zh-Hans",
        "question": "可以开增值税专用发票吗？",
        "similar": [
            "能开专票吗",
            "开增票",
            "公司要专用发票",
            "有冇增值稅專用發票？",
            "vat special invoice?",
            "special vat invoice for company",
            "can my company get a special vat invoice",
            "do you issue vat special invoices",
            "can my company get a vat invoice",
            "do you provide special vat invoices",
            "vat special invoice for business",
            "企业能开专票吗",
            "開唔開專票？",
        ],
        "answer": (
            "<p>可以。企业用户可在订单详情中点击“申请发票”，选择“增值税专用发票”并填写开票资料，"
            "审核通过后 7 个工作日内开具，并通过顺丰免费寄出。</p>"
        ),
        "intent": "",
        "tags": ["invoice", "vat-special-invoice"],
    },
    {
        "category": "Invoices / VAT special invoices",
        "language": "zh-Hans",
        "question": "开专票需要提供哪些资料？",
        "similar": [
            "专票要什么信息",
            "开专票资料",
            "開專票要咩資料？",
            "what info is needed for vat invoice",
            "vat invoice requirements",
            "专票要营业执照吗",
            "documents for a special vat invoice",
            "what do i need to provide for a special invoice",
            "what do i need for a vat invoice",
            "documents for a special invoice",
            "vat invoice information required",
            "专票需要什么信息",
            "開專票要咩？",
        ],
        "answer": (
            "<p>需提供：</p><ul><li>单位名称和纳税人识别号</li><li>注册地址和电话</li><li>"
            "开户银行及账号</li></ul><p>首次申请还需上传营业执照照片，资料审核一般需要 1–2 "
            "个工作日。</p>"
        ),
        "intent": "",
        "tags": ["invoice", "vat-special-invoice"],
    },
    {
        "category": "Invoices / VAT special invoices",
        "language": "en",
        "question": "How long does it take to receive a VAT special invoice?",
        "similar": [
            "when will i receive the special invoice",
            "vat invoice not received",
            "special invoice shipping time",
            "专票多久寄到",
            "專票幾時寄到？",
            "track my vat invoice",
            "专票什么时候开出来",
            "增值税专用发票几天能收到",
            "when will my vat invoice arrive",
            "special invoice delivery time",
            "how long for the vat invoice",
            "专票寄出了吗",
            "專票幾耐到？",
        ],
        "answer": (
            "<p>After your details are approved, the VAT special invoice is issued within 7 "
            "working days and mailed by SF Express free of charge. The tracking number appears in "
            "the order's invoice section.</p>"
        ),
        "intent": "",
        "tags": ["invoice", "vat-special-invoice"],
    },
    {
        "category": "Invoices / Company purchases & receipts",
        "language": "en",
        "question": "Can I get a receipt for my company in Hong Kong?",
        "similar": [
            "hk company receipt",
            "receipt with company name",
            "hong kong invoice",
            "香港订单有收据吗",
            "香港公司要收據",
            "official receipt hk",
            "香港站可以开收据吗",
            "收據可以寫公司名嗎",
            "company receipt for a hong kong order",
            "receipt with my company name hk",
            "do hong kong orders get a receipt",
            "香港訂單要收據點搞？",
            "香港單有冇收據？",
        ],
        "answer": (
            "<p>Mainland fapiao aren't issued for Hong Kong orders. Instead, every Hong Kong order "
            "has an e-receipt under Orders > Order details, and you can add your company name and "
            "address before downloading it.</p>"
        ),
        "intent": "",
        "tags": ["receipt", "hong-kong", "company"],
    },
    {
        "category": "Invoices / Company purchases & receipts",
        "language": "zh-Hans",
        "question": "公司采购可以对公转账吗？",
        "similar": [
            "企业采购怎么付款",
            "可以公对公打款吗",
            "公司轉賬得唔得？",
            "corporate bank transfer?",
            "bulk order for my company",
            "批量采购",
            "can we pay by company bank transfer",
            "b2b purchasing",
            "can we pay by bank transfer as a company",
            "corporate purchase payment",
            "business order bank transfer",
            "公司能转账付款吗",
            "公司可唔可以轉賬俾錢？",
        ],
        "answer": (
            "<p>企业采购单笔满 5,000 元可使用对公转账，并可获得批量采购报价。请发邮件至 "
            "b2b@lumen.example，注明公司名称、商品和数量，企业采购专员会在 1 个工作日内联系您。</p>"
        ),
        "intent": "",
        "tags": ["company", "bank-transfer", "bulk-order"],
    },
    {
        "category": "Invoices / Company purchases & receipts",
        "language": "zh-Hans",
        "question": "个人下单可以开公司抬头的发票吗？",
        "similar": [
            "发票开公司名字",
            "个人买的能开单位发票吗",
            "發票可以開公司抬頭嗎",
            "company name on invoice",
            "报销要开公司抬头",
            "invoice for reimbursement",
            "i bought it myself but need a company invoice",
            "put my employer's name on the invoice",
            "can i put my company on the invoice",
            "company invoice for a personal order",
            "invoice in my employer's name",
            "个人订单开公司发票",
            "私人落單開公司發票得唔得？",
        ],
        "answer": (
            "<p>可以。开具普通发票时选择“单位”抬头，填写单位名称和纳税人识别号即可，可用于报销。"
            "如需增值税专用发票，则需提供完整的开票资料。</p>"
        ),
        "intent": "",
        "tags": ["invoice", "company", "invoice-title"],
    },
    {
        "category": "Invoices / Company purchases & receipts",
        "language": "en",
        "question": "Can I get an invoice for a company outside China?",
        "similar": [
            "invoice for singapore company",
            "english invoice",
            "commercial invoice for overseas order",
            "海外公司发票",
            "可唔可以開英文發票？",
            "invoice with my tax number",
            "新加坡公司要发票",
            "马来西亚订单可以开英文发票吗",
            "invoice for an overseas company",
            "do you issue english invoices",
            "foreign company invoice",
            "境外公司能开发票吗",
            "海外公司要發票",
            "海外企业的发票",
            "commercial invoice for my overseas company",
            "马来西亚订单能开发票吗",
            "english invoice with tax number",
        ],
        "answer": (
            "<p>For Singapore and Malaysia orders we provide an English commercial invoice showing "
            "your company name and tax number, downloadable from the order details. Mainland "
            "fapiao can only be issued to Chinese taxpayers.</p>"
        ),
        "intent": "",
        "tags": ["invoice", "international", "company"],
    },
    {
        "category": "Account / Registration & login",
        "language": "zh-Hans",
        "question": "怎么注册会员？",
        "similar": [
            "怎么注册",
            "注册账号",
            "我想開個會員戶口",
            "how do i sign up",
            "create an account",
            "注册要钱吗",
            "register new account",
            "how to become a member",
            "how do i create an account",
            "sign up for membership",
            "how to register",
            "注册流程",
            "想註冊點做？",
        ],
        "answer": (
            '<p>在 App 或<a href="https://lumen.example">官网</a>点击“注册”，'
            "输入手机号和短信验证码并设置密码即可，注册免费。注册后自动成为普通会员，"
            "并可领取新人券包。</p>"
        ),
        "intent": "",
        "tags": ["account", "registration"],
    },
    {
        "category": "Account / Registration & login",
        "language": "en",
        "question": "Can I register with an email address instead of a phone number?",
        "similar": [
            "sign up with email",
            "no chinese phone number",
            "register without phone",
            "可以用邮箱注册吗",
            "冇大陸手機可唔可以註冊？",
            "email account",
            "海外手机号能注册吗",
            "没有中国手机号怎么注册",
            "can i sign up without a phone number",
            "register using email",
            "i don't have a chinese mobile number",
            "能用邮箱注册吗",
            "用電郵註冊得唔得？",
        ],
        "answer": (
            "<p>Phone numbers from the mainland (+86), Hong Kong (+852), Macau (+853) and Taiwan "
            "(+886) can be used to register. If you live elsewhere, choose “Register with email” "
            "and confirm your address with the code we send you.</p>"
        ),
        "intent": "",
        "tags": ["account", "registration", "email"],
    },
    {
        "category": "Account / Registration & login",
        "language": "zh-Hans",
        "question": "提示手机号已被注册怎么办？",
        "similar": [
            "一个号码能开两个账号吗",
            "手机号已经注册过了",
            "個電話號碼已經註冊咗",
            "phone number already registered",
            "two accounts one number",
            "提示手机号已存在",
            "it says my number is already in use",
            "can't sign up, number taken",
            "my number is already used by another account",
            "phone already registered error",
            "can't register, number exists",
            "手机号重复注册",
            "話我個號碼註冊過",
        ],
        "answer": (
            "<p>一个手机号只能注册一个账号。如提示“手机号已被注册”，可直接用验证码登录，"
            "或通过“忘记密码”重设密码。如果该账号不是您注册的，请联系在线客服处理。</p>"
        ),
        "intent": "",
        "tags": ["account", "registration", "phone"],
    },
    {
        "category": "Account / Registration & login",
        "language": "zh-Hans",
        "question": "可以用微信或支付宝登录吗？",
        "similar": [
            "微信登录",
            "支付宝一键登录",
            "可唔可以用微信帳號登入？",
            "login with wechat",
            "sign in with apple",
            "第三方登录",
            "login with alipay",
            "link my wechat account",
            "can i sign in with wechat",
            "log in with my alipay account",
            "third party login",
            "有没有第三方登录",
            "可唔可以用微信登入？",
        ],
        "answer": (
            "<p>可以。登录页支持微信、支付宝和 Apple ID 快捷登录，首次使用需绑定手机号。"
            "绑定后可在“设置 > 账户安全”中管理或解绑第三方账号。</p>"
        ),
        "intent": "",
        "tags": ["account", "login"],
    },
    {
        "category": "Account / Password & security",
        "language": "zh-Hans",
        "question": "忘记密码怎么办？",
        "similar": [
            "密码忘了",
            "重置密码",
            "唔記得密碼點算？",
            "forgot password",
            "reset my password",
            "密码不对登录不了",
            "can't remember my password",
            "change password",
            "how do i reset my password",
            "i don't remember my password",
            "password reset",
            "密码找不回来",
            "唔記得密碼",
        ],
        "answer": (
            "<p>在登录页点击“忘记密码”，输入注册手机号或邮箱并完成验证码验证，即可设置新密码。"
            "新密码需为 8–20 位，并同时包含字母和数字。</p>"
        ),
        "intent": "",
        "tags": ["account", "password"],
    },
    {
        "category": "Account / Password & security",
        "language": "en",
        "question": "I'm not receiving the SMS verification code.",
        "similar": [
            "no verification code",
            "sms code not received",
            "didn't get the otp",
            "收不到验证码",
            "收唔到短訊驗證碼",
            "verification code never arrives",
            "验证码一直收不到",
            "短信验证码没来",
            "the code never arrives",
            "i didn't get the sms code",
            "verification text not coming",
            "短信码等了很久都没来",
            "個code一直收唔到",
        ],
        "answer": (
            "<p>Wait 60 seconds and tap “Resend”, check that the country code (+86, +852, etc.) is "
            "right and that your phone isn't blocking messages from unknown senders. You can "
            "request up to 5 codes a day, or choose “Voice code” to receive it by phone call.</p>"
        ),
        "intent": "",
        "tags": ["account", "sms", "verification"],
    },
    {
        "category": "Account / Password & security",
        "language": "zh-Hans",
        "question": "账号被锁定了怎么办？",
        "similar": [
            "账号锁了",
            "提示账户已冻结",
            "登入唔到話帳戶鎖咗",
            "account locked",
            "too many login attempts",
            "账号异常登录不了",
            "my account is frozen",
            "locked out after wrong password",
            "my account got locked",
            "i'm locked out of my account",
            "account frozen",
            "登录不了说账号锁定",
            "帳戶鎖咗點算？",
        ],
        "answer": (
            "<p>连续 5 次输错密码，账号会被锁定 30 分钟，到时自动解锁；也可以通过“忘记密码”"
            "重设后立即登录。如提示账号因安全原因被冻结，请联系在线客服核实身份。</p>"
        ),
        "intent": "",
        "tags": ["account", "security", "login"],
    },
    {
        "category": "Account / Phone number",
        "language": "zh-Hans",
        "question": "怎么更换绑定的手机号？",
        "similar": [
            "换手机号",
            "修改绑定手机",
            "點樣改綁定電話？",
            "change my phone number",
            "update mobile number",
            "换号了",
            "bind a new mobile number",
            "how to change the phone on my account",
            "change the phone number on my account",
            "update my mobile number",
            "link a new phone number",
            "手机号换了怎么改账号",
            "點樣換電話號碼？",
        ],
        "answer": (
            "<p>进入“我的 > 设置 > 账户安全 > 更换手机号”，先验证原手机号，"
            "再输入新手机号和验证码即可。新手机号不能已被其他账号注册。</p>"
        ),
        "intent": "",
        "tags": ["account", "phone"],
    },
    {
        "category": "Account / Phone number",
        "language": "en",
        "question": "My old phone number is no longer in use. How can I change it?",
        "similar": [
            "lost my old phone number",
            "can't receive code on old number",
            "old sim card cancelled",
            "旧手机号停用了",
            "舊號碼冇用咗點改？",
            "change number without old phone",
            "原来的手机号不用了怎么换绑",
            "旧号码收不到验证码",
            "i lost access to my old number",
            "can't verify because my old number is gone",
            "old phone number cancelled",
            "以前的号码注销了",
            "舊電話冇用咗",
        ],
        "answer": (
            "<p>On the change-number page choose “Old number unavailable” and submit an appeal "
            "with details of a recent order and your new number. We verify the request within 1–3 "
            "working days and confirm by SMS to the new number.</p>"
        ),
        "intent": "",
        "tags": ["account", "phone", "security"],
    },
    {
        "category": "Account / Delete account",
        "language": "zh-Hans",
        "question": "怎么注销账号？",
        "similar": [
            "注销账户",
            "删除账号",
            "我想刪除帳戶",
            "delete my account",
            "close account",
            "不想用了怎么销户",
            "how to delete account",
            "cancel my membership account",
            "how do i close my account",
            "delete my lumen account",
            "remove my account",
            "不想用这个账号了",
            "點樣刪除帳戶？",
        ],
        "answer": (
            "<p>进入“我的 > 设置 > 账户安全 > 注销账户”提交申请。注销前需完成所有订单和售后。"
            "注销有 15 天冷静期，期间重新登录即视为撤销；15 天后账号及数据将被永久删除，无法恢复。"
            "</p>"
        ),
        "intent": "",
        "tags": ["account", "delete-account"],
    },
    {
        "category": "Account / Delete account",
        "language": "en",
        "question": (
            "What happens to my points, coupons and gift card balance if I delete my account?"
        ),
        "similar": [
            "points after deleting account",
            "do i lose my coupons if i close account",
            "gift card balance after account deletion",
            "注销后积分还在吗",
            "刪咗帳戶啲積分點算？",
            "transfer points before deleting",
            "注销账号礼品卡余额怎么办",
            "销户前积分能转给别人吗",
            "will i lose my points if i close my account",
            "gift card balance after deleting account",
            "coupons after account deletion",
            "注销账号积分会清零吗",
            "刪咗帳戶啲優惠券會點？",
        ],
        "answer": (
            "<p>They are forfeited once the deletion becomes final after the 15-day cooling-off "
            "period, and can't be transferred or cashed out. Please use your points, coupons and "
            "gift card balance before you submit the request.</p>"
        ),
        "intent": "",
        "tags": ["account", "delete-account", "points"],
    },
    {
        "category": "Account / Privacy",
        "language": "zh-Hans",
        "question": "你们会泄露我的个人信息吗？",
        "similar": [
            "个人信息安全吗",
            "你们会卖我的资料吗",
            "你哋會唔會洩露我嘅資料？",
            "is my personal data safe",
            "do you share my data",
            "隐私政策",
            "privacy policy",
            "will you sell my information",
            "is my data safe with you",
            "do you sell customer data",
            "what do you do with my information",
            "我的隐私安全吗",
            "你哋會唔會賣我資料？",
        ],
        "answer": (
            "<p>我们只在完成订单所必需的范围内使用您的信息（例如向快递公司提供收货信息），"
            '不会出售您的个人数据。详细说明请查看<a href="https://lumen.example/privacy">'
            "隐私政策</a>。</p>"
        ),
        "intent": "",
        "tags": ["privacy", "personal-data"],
    },
    {
        "category": "Account / Privacy",
        "language": "en",
        "question": "How do I stop marketing SMS and emails?",
        "similar": [
            "unsubscribe",
            "stop promotional messages",
            "too many spam sms",
            "不想收到促销短信",
            "唔想再收宣傳電郵",
            "opt out of marketing",
            "怎么退订营销短信",
            "不要再给我发邮件了",
            "unsubscribe from emails",
            "stop sending me ads",
            "turn off promotional messages",
            "怎么取消推送广告",
            "唔想收推廣訊息",
        ],
        "answer": (
            "<p>Go to Me > Settings > Notifications and turn off marketing messages, reply “TD” to "
            "any promotional SMS, or use the unsubscribe link in our emails. Order and delivery "
            "notifications are still sent.</p>"
        ),
        "intent": "",
        "tags": ["privacy", "marketing"],
    },
    {
        "category": "Account / Privacy",
        "language": "zh-Hans",
        "question": "可以导出我的个人数据吗？",
        "similar": [
            "下载我的数据",
            "你们保存了我哪些信息",
            "可唔可以攞返我嘅個人資料？",
            "export my personal data",
            "data access request",
            "我的数据副本",
            "download my data",
            "what data do you have about me",
            "get a copy of my data",
            "request my personal data",
            "export my account data",
            "申请个人信息副本",
            "可唔可以下載我嘅資料？",
        ],
        "answer": (
            "<p>可以。进入“我的 > 设置 > 隐私 > 下载我的数据”提交申请，我们会在 7 "
            "个工作日内整理完成，并把下载链接发送到您的手机或邮箱，链接 7 天内有效。</p>"
        ),
        "intent": "",
        "tags": ["privacy", "personal-data"],
    },
    {
        "category": "Account / Privacy",
        "language": "en",
        "question": "Is it safe to save my card details?",
        "similar": [
            "do you store my credit card",
            "saved card security",
            "remove saved card",
            "保存银行卡安全吗",
            "儲存信用卡資料安唔安全？",
            "card info stored?",
            "你们会保存我的卡号吗",
            "怎么删除绑定的银行卡",
            "do you keep my card number",
            "is storing my card secure",
            "delete my saved card",
            "保存信用卡安全吗",
            "儲存張卡安唔安全？",
        ],
        "answer": (
            "<p>We never store your full card number: card details are kept by our PCI "
            "DSS-certified payment provider, and Lumen only sees the last four digits. You can "
            "remove saved cards at any time under Me > Payment methods.</p>"
        ),
        "intent": "",
        "tags": ["privacy", "security", "credit-card"],
    },
    {
        "category": "Account / Privacy",
        "language": "zh-Hans",
        "question": "接到自称 Lumen 客服的电话说要给我退款，是真的吗？",
        "similar": [
            "客服打电话让我点链接退款",
            "有人冒充客服",
            "疑似诈骗电话",
            "有人自稱客服叫我轉賬",
            "scam call pretending to be lumen",
            "someone asked for my verification code",
            "is this call from lumen real",
            "fake customer service asked me to transfer money",
            "someone called me saying they were from lumen",
            "is this refund call a scam",
            "a caller asked for my code",
            "接到退款诈骗电话",
            "有人扮客服打俾我",
        ],
        "answer": (
            "<p>请提高警惕！Lumen 客服<b>不会</b>要求您提供验证码、转账或点击链接办理退款、理赔，"
            "所有退款都会自动原路退回。如有疑问，请挂断后拨打官方热线 400-000-0000 核实。</p>"
        ),
        "intent": "",
        "tags": ["security", "fraud"],
    },
    {
        "category": "Account / Profile",
        "language": "zh-Hans",
        "question": "怎么修改昵称、头像和生日？",
        "similar": [
            "改昵称",
            "换头像",
            "生日填错了",
            "點樣改生日日期？",
            "change my nickname",
            "edit profile",
            "change profile picture",
            "update my birthday",
            "change my profile photo",
            "update my nickname",
            "edit my birthday",
            "怎么改个人资料",
            "點改暱稱？",
        ],
        "answer": (
            "<p>进入“我的 > 个人资料”即可修改昵称、头像和性别。生日每年只能修改 1 次，"
            "会员生日礼按修改后的生日月份发放。</p>"
        ),
        "intent": "",
        "tags": ["account", "profile"],
    },
    {
        "category": "Promotions / Coupons",
        "language": "zh-Hans",
        "question": "优惠券在哪里领？",
        "similar": [
            "怎么领优惠券",
            "领券中心在哪",
            "優惠券喺邊度攞？",
            "where can i get coupons",
            "how to claim a coupon",
            "有没有券",
            "get voucher",
            "coupon center",
            "how do i get a coupon",
            "where are the vouchers",
            "claim coupons",
            "有什么券可以拿",
            "優惠券點攞？",
            "领券中心在哪里",
            "where do i claim vouchers",
            "怎么领取优惠券",
            "get coupons before checkout",
        ],
        "answer": (
            "<p>可以在首页的“领券中心”、商品页的“领券”按钮和活动页领取优惠券，领取后存放在“我的 > "
            "优惠券”中。部分优惠券每天限量发放，先到先得。</p>"
        ),
        "intent": "",
        "tags": ["coupons"],
    },
    {
        "category": "Promotions / Coupons",
        "language": "zh-Hans",
        "question": "优惠券为什么用不了？",
        "similar": [
            "券用不了",
            "优惠券不能使用",
            "優惠券用唔到",
            "coupon not working",
            "can't apply coupon code",
            "提示不满足使用条件",
            "promo code invalid",
            "why can't i use my voucher",
            "my coupon doesn't work",
            "coupon won't apply",
            "why is my voucher invalid",
            "优惠券无法使用",
            "張券用唔到",
        ],
        "answer": (
            "<p>常见原因：</p><ul><li>订单未达到使用门槛，或券已过期</li><li>"
            "商品不在适用范围（秒杀、特价商品通常不可用券）</li><li>"
            "内地站和香港站的优惠券不通用</li></ul><p>结算页会显示具体的不可用原因。</p>"
        ),
        "intent": "",
        "tags": ["coupons", "troubleshooting"],
    },
    {
        "category": "Promotions / Coupons",
        "language": "en",
        "question": "Can I use more than one coupon, or combine a coupon with other offers?",
        "similar": [
            "stack coupons",
            "use two coupons",
            "coupon plus discount",
            "可以用两张优惠券吗",
            "優惠券可唔可以同滿減一齊用？",
            "combine promo code with sale",
            "优惠券能和满减一起用吗",
            "一单能用几张券",
            "can i stack vouchers",
            "use multiple coupons on one order",
            "combine coupon and sale price",
            "优惠券可以叠加吗",
            "可唔可以用兩張券？",
            "一个订单能用几张优惠券",
            "coupon together with spend and save offer",
            "优惠券和积分能一起用吗",
            "two coupons in one order",
        ],
        "answer": (
            "<p>Each order can use one coupon. It can be combined with spend-and-save offers "
            "(满减) and with points, but not with flash-sale prices.</p>"
        ),
        "intent": "",
        "tags": ["coupons", "stacking"],
    },
    {
        "category": "Promotions / Coupons",
        "language": "en",
        "question": "Is my coupon returned if I return the order?",
        "similar": [
            "coupon refunded after return",
            "will i get my voucher back",
            "return order lose coupon",
            "退货后优惠券会退回吗",
            "退貨之後優惠券返唔返？",
            "coupon after cancelling",
            "取消订单优惠券还能用吗",
            "退款后券还在吗",
            "do i get my coupon back after a refund",
            "is the voucher refunded when i cancel",
            "coupon after return",
            "订单退了券怎么办",
            "退貨優惠券返唔返？",
            "coupon lost after refund",
            "refunded order, do i get the voucher back",
            "整单退货优惠券退回吗",
            "coupon back after cancelling the whole order",
        ],
        "answer": (
            "<p>If you cancel or return the whole order and the coupon is still valid, it goes "
            "back to your account. Coupons aren't returned for partial returns or after they have "
            "expired, and they can never be exchanged for cash.</p>"
        ),
        "intent": "",
        "tags": ["coupons", "returns"],
    },
    {
        "category": "Promotions / Coupons",
        "language": "zh-Hans",
        "question": "新用户有什么优惠？",
        "similar": [
            "新人优惠",
            "第一次买有折扣吗",
            "新客有冇著數？",
            "new customer discount",
            "first order coupon",
            "新人券怎么用",
            "welcome offer for new members",
            "any discount for first time buyers",
            "discount for my first order",
            "new member offers",
            "welcome coupon?",
            "新人有优惠吗",
            "新客有咩優惠？",
        ],
        "answer": (
            "<p>新用户注册后即可领取新人券包，其中包括<b>首单满 99 减 20 元</b>优惠券，有效期 7 "
            "天，仅限账号的第一笔订单使用。</p>"
        ),
        "intent": "",
        "tags": ["coupons", "new-customer"],
    },
    {
        "category": "Promotions / Coupons",
        "language": "zh-Hans",
        "question": "优惠券过期了能补发吗？",
        "similar": [
            "券过期了",
            "优惠券过期还能用吗",
            "優惠券過咗期可唔可以補返？",
            "expired coupon",
            "extend my coupon",
            "忘记用券了",
            "my coupon expired, can you resend it",
            "reissue expired voucher",
            "can you give me a new coupon, mine expired",
            "expired voucher",
            "my coupon ran out",
            "优惠券到期了",
            "優惠券過期咗",
        ],
        "answer": (
            "<p>很抱歉，优惠券过期后无法延期或补发。每张券的有效期都显示在“我的 > 优惠券”中，"
            "券到期前 1 天我们会发送提醒。</p>"
        ),
        "intent": "",
        "tags": ["coupons", "expiry"],
    },
    {
        "category": "Promotions / Coupons",
        "language": "en",
        "question": "Do you offer student discounts?",
        "similar": [
            "student discount?",
            "discount for students",
            "学生有优惠吗",
            "學生有冇折？",
            "education discount",
            "any discount for uni students",
            "学生证有折扣吗",
            "大学生优惠",
            "is there a student discount",
            "discount for university students",
            "student offer?",
            "有没有学生价",
            "學生有冇優惠？",
        ],
        "answer": (
            "<p>We don't have a student discount at the moment. New members get a first-order "
            "coupon (CNY 20 off orders over CNY 99), and every purchase earns membership "
            "points.</p>"
        ),
        "intent": "",
        "tags": ["discounts", "new-customer"],
    },
    {
        "category": "Promotions / Sales events",
        "language": "zh-Hans",
        "question": "618 活动什么时候开始？",
        "similar": [
            "618什么时候",
            "年中大促几号开始",
            "618幾時開始？",
            "when is the 618 sale",
            "mid year sale dates",
            "618有什么优惠",
            "618 sale start date",
            "when does 618 end",
            "when is 618",
            "618 sale dates",
            "june sale start",
            "年中大促有什么活动",
            "618幾時有得買？",
        ],
        "answer": (
            "<p>618 大促从 <b>6 月 1 日 0:00 开始，至 6 月 18 日 24:00 结束</b>，5 "
            "月下旬开始预热领券。具体优惠力度以活动页公布为准。</p>"
        ),
        "intent": "",
        "tags": ["sales", "618"],
    },
    {
        "category": "Promotions / Sales events",
        "language": "en",
        "question": "When is the Singles' Day (11.11) sale?",
        "similar": [
            "double 11 dates",
            "11.11 sale when",
            "singles day promotion",
            "双十一什么时候开始",
            "雙11幾時開始？",
            "is there a black friday sale",
            "双11预售几号开始",
            "双十一活动时间",
            "when is double eleven",
            "11.11 sale start date",
            "singles day sale",
            "11.11有什么活动",
            "雙十一幾時？",
        ],
        "answer": (
            "<p>Our 11.11 sale starts with a pre-sale in late October, when you pay a deposit; "
            "balances are paid from 1 to 11 November, and the main sale runs on 11 November. Dates "
            "and offers are announced on the event page.</p>"
        ),
        "intent": "",
        "tags": ["sales", "11-11"],
    },
    {
        "category": "Promotions / Sales events",
        "language": "zh-Hans",
        "question": "双 11 预售的定金能退吗？",
        "similar": [
            "定金可以退吗",
            "不想付尾款了定金退吗",
            "訂金可唔可以退？",
            "is the pre-sale deposit refundable",
            "deposit refund 11.11",
            "尾款忘记付了",
            "can i get my deposit back if i don't pay the balance",
            "forgot to pay the final payment",
            "can i get my deposit back",
            "what happens to the deposit if i change my mind",
            "deposit refund if i don't pay the rest",
            "定金能不能退",
            "訂金退唔退？",
        ],
        "answer": (
            "<p>未支付尾款的，<b>定金不予退还</b>；如因我们缺货或延迟发货导致订单取消，"
            "定金全额退还。支付尾款后的商品同样享受 7 天无理由退货，退货时定金和尾款一并退回。</p>"
        ),
        "intent": "",
        "tags": ["sales", "11-11", "pre-sale", "deposit"],
    },
    {
        "category": "Promotions / Sales events",
        "language": "zh-Hans",
        "question": "秒杀商品怎么抢？有什么限制？",
        "similar": [
            "秒杀怎么抢",
            "限时抢购规则",
            "秒殺貨好難搶到",
            "how do flash sales work",
            "flash sale limit",
            "秒杀抢不到",
            "flash sale rules",
            "how to get flash deals",
            "flash sale limit per person",
            "how do i buy in a flash sale",
            "tips for flash deals",
            "秒杀有什么规则",
            "秒殺點搶？",
        ],
        "answer": (
            "<p>秒杀商品会在活动页显示开抢时间，可提前点击“提醒我”。每个账号限购 1 件，下单后需在 "
            "5 分钟内付款，否则库存释放。秒杀商品不能使用优惠券，也不参与价保。</p>"
        ),
        "intent": "",
        "tags": ["sales", "flash-sale"],
    },
    {
        "category": "Promotions / Sales events",
        "language": "zh-Hans",
        "question": "邀请好友有奖励吗？",
        "similar": [
            "推荐好友送积分",
            "邀请有礼",
            "介紹朋友有冇獎賞？",
            "referral program",
            "invite friends reward",
            "邀请码在哪里",
            "refer a friend bonus",
            "where is my invite link",
            "referral bonus?",
            "what do i get for inviting a friend",
            "invite friends rewards",
            "推荐朋友有奖励吗",
            "介紹朋友有咩獎？",
        ],
        "answer": (
            "<p>有。在“我的 > 邀请有礼”分享邀请链接，好友注册后可获得新人券包；"
            "好友完成首单并确认收货后，您可获得 200 积分，每月最多奖励 10 位好友。</p>"
        ),
        "intent": "",
        "tags": ["referral", "points"],
    },
    {
        "category": "Promotions / Membership points",
        "language": "zh-Hans",
        "question": "积分怎么获得？",
        "similar": [
            "怎么攒积分",
            "积分规则",
            "點樣賺積分？",
            "how do i earn points",
            "points per yuan",
            "买东西送积分吗",
            "how many points per order",
            "do i get points for reviews",
            "how do i get points",
            "earn points",
            "do purchases give points",
            "积分怎么赚",
            "點樣儲積分？",
        ],
        "answer": (
            "<p>实付每 1 元可得 1 积分（金卡 1.5 倍、黑卡 2 倍），确认收货后到账。"
            "发表评价可额外获得 10 积分，带图评价 20 积分。</p>"
        ),
        "intent": "",
        "tags": ["points", "membership"],
    },
    {
        "category": "Promotions / Membership points",
        "language": "zh-Hans",
        "question": "积分怎么用？能抵多少钱？",
        "similar": [
            "积分抵现",
            "积分能换什么",
            "積分點用？",
            "how to redeem points",
            "how much are points worth",
            "100积分等于多少钱",
            "use points at checkout",
            "points to cash",
            "how much are my points worth",
            "use points to pay",
            "redeem my points",
            "积分能抵现吗",
            "積分點換錢？",
            "积分抵扣多少钱",
            "how many points for one yuan",
            "积分兑换比例",
            "points discount at checkout",
        ],
        "answer": (
            "<p>结算时勾选“积分抵扣”即可使用：<b>100 积分抵 1 元</b>，最多抵扣订单实付金额的 20%。"
            "积分也可以在“积分商城”兑换优惠券和小礼品。</p>"
        ),
        "intent": "",
        "tags": ["points", "redeem"],
    },
    {
        "category": "Promotions / Membership points",
        "language": "zh-Hans",
        "question": "积分会过期吗？",
        "similar": [
            "积分有效期",
            "积分什么时候清零",
            "積分幾時到期？",
            "do points expire",
            "points expiry date",
            "年底积分清零吗",
            "when will my points expire",
            "points reset at year end?",
            "when do my points expire",
            "points expiry",
            "do points run out",
            "积分有效期多久",
            "積分幾時過期？",
        ],
        "answer": (
            "<p>会。积分有效期至获得积分的<b>次年 12 月 31 日</b>，例如 2025 年获得的积分在 2026 "
            "年 12 月 31 日过期。可在“我的 > 积分”中查看即将过期的积分。</p>"
        ),
        "intent": "",
        "tags": ["points", "expiry"],
    },
    {
        "category": "Promotions / Membership points",
        "language": "en",
        "question": "What are the membership levels and their benefits?",
        "similar": [
            "membership tiers",
            "how to become a gold member",
            "vip levels",
            "会员等级有什么区别",
            "點樣升金卡？",
            "black card benefits",
            "银卡金卡黑卡怎么升级",
            "会员有什么权益",
            "what are the member tiers",
            "gold member benefits",
            "how do i become a black card member",
            "会员等级怎么算",
            "會員級別有咩分別？",
        ],
        "answer": (
            "<p>Levels depend on what you've paid in the last 12 months:</p><ul><li>Silver (CNY "
            "1,000+): birthday coupon</li><li>Gold (CNY 3,000+): 1.5× points, 2 free return "
            "pickups a month</li><li>Black (CNY 8,000+): 2× points, 4 free return pickups a month, "
            "priority service line</li></ul>"
        ),
        "intent": "",
        "tags": ["membership", "points"],
    },
    {
        "category": "Promotions / Membership points",
        "language": "zh-Hans",
        "question": "退货后积分怎么处理？",
        "similar": [
            "退货积分会扣吗",
            "退款后积分退回吗",
            "用积分抵扣的退货退什么",
            "退貨之後積分點計？",
            "points after return",
            "do i get my points back if i return",
            "will points be deducted if i return",
            "returned order, what about points used",
            "what happens to points when i return",
            "are points taken back after a return",
            "points on returned items",
            "退款后积分还在吗",
            "退貨積分點計？",
            "退掉的商品送的积分怎么算",
            "do i lose the points earned on a returned item",
            "用积分抵扣的订单退货积分退吗",
            "points i used at checkout after a return",
        ],
        "answer": (
            "<p>退货后，该商品获得的积分会被扣回；下单时用于抵扣的积分会退回账户（已过有效期的不退"
            "回）。账户积分不足以扣回时，差额会按 100 积分 = 1 元从退款中扣除。</p>"
        ),
        "intent": "",
        "tags": ["points", "returns"],
    },
    {
        "category": "Promotions / Membership points",
        "language": "en",
        "question": "Do members get a birthday gift?",
        "similar": [
            "birthday coupon",
            "birthday reward",
            "when do i get my birthday voucher",
            "会员生日有礼物吗",
            "生日券幾時派？",
            "birthday discount",
            "生日有优惠券吗",
            "会员生日礼什么时候发",
            "birthday coupon for members",
            "do i get something on my birthday",
            "member birthday reward",
            "生日有优惠吗",
            "生日有冇禮物？",
        ],
        "answer": (
            "<p>Silver, Gold and Black members receive a birthday coupon on the 1st of their "
            "birthday month (CNY 10, 30 and 50 respectively, no minimum spend), valid for that "
            "month. Make sure your birthday is filled in under Me > Profile.</p>"
        ),
        "intent": "",
        "tags": ["membership", "birthday", "coupons"],
    },
    {
        "category": "Promotions / Price protection",
        "language": "zh-Hans",
        "question": "买了之后降价了，能退差价吗？",
        "similar": [
            "降价了能补差价吗",
            "价保怎么申请",
            "買完減價可唔可以退差價？",
            "price dropped after i bought",
            "price protection",
            "刚买就降价了",
            "can i get the price difference back",
            "apply for price protection",
            "price went down after i bought it",
            "can i get a refund of the price difference",
            "will you refund the difference if the price drops",
            "降价了能补偿吗",
            "買完減價點算？",
        ],
        "answer": (
            "<p>可以。付款后 <b>7 天内</b>同款同规格商品在 Lumen 降价，可在“订单详情 > 申请价保”"
            "提交，差价原路退回。秒杀、限时抢购、积分兑换商品，"
            "以及因使用优惠券产生的价差不参与价保。</p>"
        ),
        "intent": "",
        "tags": ["price-protection"],
    },
    {
        "category": "Promotions / Price protection",
        "language": "en",
        "question": "Do you match prices from other websites?",
        "similar": [
            "price match",
            "cheaper on tmall",
            "another shop sells it cheaper",
            "别的平台更便宜能便宜点吗",
            "第二度平啲可唔可以跟價？",
            "beat competitor price",
            "你们能比价吗",
            "别家更便宜你们跟价吗",
            "can you match a cheaper price",
            "it's cheaper elsewhere",
            "price match guarantee?",
            "别家便宜能不能便宜点",
            "第二度平啲",
        ],
        "answer": (
            "<p>We don't match prices from other platforms or shops. Price protection only covers "
            "price drops on Lumen within 7 days of payment.</p>"
        ),
        "intent": "",
        "tags": ["price-protection", "price-match"],
    },
    {
        "category": "Orders / Order tracking",
        "language": "zh-Hans",
        "question": "我的订单到哪了？",
        "similar": [
            "我的快递到哪了",
            "查物流",
            "帮我查一下订单",
            "我張單去到邊？",
            "where is my order",
            "track my order",
            "where's my parcel",
            "order status",
            "track my parcel",
            "order status please",
            "order tracking",
            "帮我看看物流到哪了",
            "我啲貨去到邊？",
        ],
        "answer": (
            "<p>{order_status}</p><p>如物流信息超过 48 小时未更新，请告诉我订单号，"
            "我帮您联系快递公司催查。</p>"
        ),
        "intent": "order_status",
        "tags": ["order-status", "tracking", "action"],
    },
    {
        "category": "Orders / Modify an order",
        "language": "zh-Hans",
        "question": "付款后可以修改订单里的商品吗？",
        "similar": [
            "下错单了想换颜色",
            "付完款想加一件",
            "可以改数量吗",
            "俾咗錢仲改唔改到貨品？",
            "change items in my order",
            "modify order after payment",
            "can i change the colour after paying",
            "add another item to a paid order",
            "can i change my order after paying",
            "change the size in my order",
            "add an item to my order",
            "付款后能改订单吗",
            "俾咗錢仲改唔改到張單？",
            "付款后能改数量吗",
            "change items after checkout",
            "付完钱想换个规格",
            "modify a paid order",
        ],
        "answer": (
            "<p>付款后无法修改商品、规格或数量。订单尚未发货的，可以先取消订单（全额原路退款，"
            "未过期的优惠券会退回），再重新下单。收货地址可以单独修改。</p>"
        ),
        "intent": "",
        "tags": ["order-changes"],
    },
    {
        "category": "Orders / Modify an order",
        "language": "en",
        "question": "Can I merge two orders to get free shipping?",
        "similar": [
            "combine orders",
            "merge my orders",
            "ship two orders together",
            "两个订单可以合并发货吗",
            "兩張單可唔可以一齊寄？",
            "combine shipping",
            "分两次下单能合并包邮吗",
            "合单包邮",
            "combine my orders",
            "can two orders ship together",
            "merge orders for free delivery",
            "两单能合并吗",
            "兩張單可唔可以合併？",
        ],
        "answer": (
            "<p>Paid orders can't be merged, and shipping that has already been paid isn't "
            "refunded. If neither order has shipped yet, you can cancel both and place one new "
            "order; orders over CNY 99 ship free.</p>"
        ),
        "intent": "",
        "tags": ["order-changes", "free-shipping"],
    },
    {
        "category": "Orders / Modify an order",
        "language": "zh-Hans",
        "question": "可以给订单加备注吗？",
        "similar": [
            "订单备注",
            "怎么写备注",
            "落單可唔可以寫備註？",
            "add a note to my order",
            "special instructions",
            "备注没看到",
            "leave a message for the courier",
            "can i write a delivery note",
            "can i leave a note with my order",
            "add special instructions",
            "order comments",
            "订单能写备注吗",
            "可唔可以加備註？",
            "订单备注在哪里写",
            "add a delivery note",
            "备注能写多少字",
            "special request on my order",
        ],
        "answer": (
            "<p>可以。结算页有“订单备注”栏，可填写送货上门、包装等要求，最多 100 字，"
            "我们会尽量满足，但无法保证指定送达时间。修改地址请使用“修改地址”功能，不要写在备注里。"
            "</p>"
        ),
        "intent": "",
        "tags": ["order-notes"],
    },
    {
        "category": "Orders / Placing an order",
        "language": "zh-Hans",
        "question": "下单时提示超出限购数量",
        "similar": [
            "为什么限购",
            "只能买一件",
            "話超出限購數量",
            "purchase limit reached",
            "why can i only buy one",
            "限购怎么买多件",
            "exceeds purchase limit",
            "how to buy more than the limit",
            "i can't buy more than one",
            "purchase limit?",
            "why is there a limit on quantity",
            "为什么有购买限制",
            "限購幾多件？",
        ],
        "answer": (
            "<p>热门商品和活动商品设有限购，按同一账号、手机号和收货地址合并计算，"
            "限购数量显示在商品页。如需大量采购，请联系企业采购 b2b@lumen.example。</p>"
        ),
        "intent": "",
        "tags": ["purchase-limit"],
    },
    {
        "category": "Orders / Placing an order",
        "language": "en",
        "question": "Can I check out as a guest without an account?",
        "similar": [
            "guest checkout",
            "buy without registering",
            "order without an account",
            "不注册可以买吗",
            "唔註冊可唔可以落單？",
            "no account purchase",
            "不想注册能直接下单吗",
            "游客可以买东西吗",
            "do i need an account to order",
            "buy without signing up",
            "guest order possible?",
            "不注册能下单吗",
            "唔開戶口可唔可以買？",
        ],
        "answer": (
            "<p>An account is needed to place an order, so that we can send delivery updates and "
            "handle after-sales requests. Signing up takes about a minute with your phone number "
            "or email.</p>"
        ),
        "intent": "",
        "tags": ["checkout", "account"],
    },
    {
        "category": "Orders / Placing an order",
        "language": "en",
        "question": "Can I send an order as a gift?",
        "similar": [
            "gift wrapping",
            "add a gift message",
            "hide the price on the packing slip",
            "可以礼品包装吗",
            "可唔可以包裝做禮物？",
            "send as a present",
            "可以不显示价格吗",
            "送礼可以写贺卡吗",
            "do you do gift wrap",
            "send as a present with a card",
            "gift packaging?",
            "送人的话能不显示价格吗",
            "可唔可以包禮物？",
            "送礼订单不显示价格",
            "gift order with a message card",
            "礼品包装多少钱",
            "hide prices for a present",
        ],
        "answer": (
            "<p>Yes. At checkout tick “Gift order”: prices are left off the packing slip and you "
            "can add a card message of up to 50 characters. Gift wrapping costs CNY 10 (HK$15 on "
            "the Hong Kong site).</p>"
        ),
        "intent": "",
        "tags": ["gift", "checkout"],
    },
    {
        "category": "Orders / After delivery",
        "language": "zh-Hans",
        "question": "多久会自动确认收货？",
        "similar": [
            "自动确认收货时间",
            "还没收到就确认收货了",
            "可以延长收货吗",
            "幾耐自動確認收貨？",
            "auto confirm receipt",
            "extend receipt confirmation",
            "order auto completed",
            "how long before receipt is confirmed automatically",
            "when does the order complete automatically",
            "auto receipt confirmation period",
            "can i extend the receipt time",
            "系统什么时候帮我确认收货",
            "幾時自動收貨？",
        ],
        "answer": (
            "<p>订单发货后 <b>10 天</b>会自动确认收货；如包裹还在路上，可在订单详情中点击“延长收货”"
            "延长 5 天（限 1 次）。自动确认收货不影响 7 天无理由退货和售后服务。</p>"
        ),
        "intent": "",
        "tags": ["order-status", "confirm-receipt"],
    },
    {
        "category": "Orders / After delivery",
        "language": "zh-Hans",
        "question": "怎么给商品写评价？",
        "similar": [
            "去哪里评价",
            "晒单",
            "寫評價喺邊度？",
            "how to write a review",
            "leave a product review",
            "评价可以修改吗",
            "write a review for points",
            "评价在哪里写",
            "how do i leave a review",
            "where can i rate a product",
            "review my purchase",
            "怎么晒单评价",
            "點樣寫評價？",
        ],
        "answer": (
            "<p>确认收货后 90 天内，在“我的订单”中点击“评价”即可。评价可获得 10 积分，带图评价 20 "
            "积分；评价发布后 30 天内可追评 1 次。</p>"
        ),
        "intent": "",
        "tags": ["reviews", "points"],
    },
    {
        "category": "Orders / Cancel an order",
        "language": "zh-Hans",
        "question": "怎么取消订单？",
        "similar": [
            "取消订单",
            "不想要了怎么取消",
            "點樣取消張單？",
            "cancel my order",
            "how to cancel",
            "下错单了要取消",
            "cancel an unpaid order",
            "i want to cancel",
            "i want to cancel my order",
            "cancel order please",
            "how can i cancel what i bought",
            "订单怎么取消",
            "取消訂單點做？",
        ],
        "answer": (
            "<p>待付款订单可直接取消；已付款但未发货的订单，在“我的订单”中点击“取消订单”，"
            "系统会立即处理并原路退款。订单发货后无法取消，可以拒收或签收后申请退货。</p>"
        ),
        "intent": "",
        "tags": ["cancellation"],
    },
    {
        "category": "Orders / Cancel an order",
        "language": "en",
        "question": "My order has shipped. Can I still cancel it?",
        "similar": [
            "cancel after shipping",
            "already dispatched want to cancel",
            "refuse the delivery",
            "已经发货了还能取消吗",
            "寄咗出嚟仲取消唔取消到？",
            "stop the shipment",
            "已发货怎么取消订单",
            "拒收可以吗",
            "can i cancel after dispatch",
            "it has shipped but i want to cancel",
            "cancel a shipped order",
            "发出去的订单能撤销吗",
            "寄咗出去仲取消得唔得？",
            "订单寄出后想撤单",
            "too late to cancel, it has been dispatched",
            "发货了我不想要了",
            "can i refuse delivery instead of cancelling",
        ],
        "answer": (
            "<p>Shipped orders can't be cancelled. You can refuse the parcel when it arrives, or "
            "accept it and request a return within 7 days. The refund is issued 1–3 working days "
            "after the parcel is back at our warehouse; for refusals without a quality problem, "
            "CNY 12 return shipping is deducted.</p>"
        ),
        "intent": "",
        "tags": ["cancellation", "returns"],
    },
    {
        "category": "Orders / Cancel an order",
        "language": "zh-Hans",
        "question": "为什么我的订单被自动取消了？",
        "similar": [
            "订单怎么自己取消了",
            "没付款订单没了",
            "訂單點解俾人取消咗？",
            "why was my order cancelled",
            "order cancelled automatically",
            "系统取消了我的订单",
            "my paid order got cancelled",
            "why did my order disappear",
            "my order got cancelled by itself",
            "why did you cancel my order",
            "order disappeared",
            "订单被系统取消了",
            "張單點解自己取消咗？",
        ],
        "answer": (
            "<p>常见原因：</p><ul><li>下单后 30 分钟内未付款，订单自动取消</li><li>"
            "收货地址无法配送，或订单存在安全风险</li><li>商品超卖缺货</li></ul><p>"
            "已付款订单被取消时会短信通知您，款项全额原路退回。</p>"
        ),
        "intent": "",
        "tags": ["cancellation", "payment"],
    },
    {
        "category": "Orders / Out of stock",
        "language": "zh-Hans",
        "question": "商品缺货什么时候补货？",
        "similar": [
            "什么时候有货",
            "补货时间",
            "幾時有返貨？",
            "when will it be back in stock",
            "restock date",
            "到货通知",
            "notify me when available",
            "out of stock, when restock",
            "when will this be in stock again",
            "restock notification",
            "item sold out, when is it back",
            "到货通知怎么设",
            "幾時補貨？",
        ],
        "answer": (
            "<p>补货时间视供货情况而定，一般为 1–2 周。在商品页点击“到货通知”，"
            "商品补货后我们会第一时间通过短信和 App 提醒您。</p>"
        ),
        "intent": "",
        "tags": ["out-of-stock", "restock"],
    },
    {
        "category": "Orders / Out of stock",
        "language": "en",
        "question": "I paid, but then was told the item is out of stock.",
        "similar": [
            "oversold item",
            "paid but out of stock",
            "order cancelled because no stock",
            "付款了却说没货",
            "俾咗錢先話冇貨",
            "item unavailable after payment",
            "付了款又说缺货",
            "超卖了怎么办",
            "you told me it's out of stock after i paid",
            "paid for an item that isn't available",
            "order cancelled for no stock after payment",
            "下单后被通知缺货",
            "俾咗錢話冇貨",
            "付款后商品缺货了",
            "out of stock after i paid",
            "超卖怎么处理",
            "you cancelled my paid order because of no stock",
        ],
        "answer": (
            "<p>We're sorry! This occasionally happens when the last units sell out at the same "
            "moment. We'll notify you within 24 hours, refund the full amount to your original "
            "payment method and add a CNY 10 no-minimum coupon to your account as an apology.</p>"
        ),
        "intent": "",
        "tags": ["out-of-stock", "refunds"],
    },
    {
        "category": "Orders / Pre-orders",
        "language": "zh-Hans",
        "question": "预售商品什么时候发货？",
        "similar": [
            "预售多久发货",
            "预订的东西什么时候到",
            "預售幾時寄？",
            "when does a pre-order ship",
            "pre order delivery date",
            "预售延迟了",
            "pre-order shipping date",
            "preorder delayed",
            "when will my preorder be sent",
            "when does a preorder arrive",
            "my pre-order is late",
            "预售发货日期",
            "預訂貨幾時到？",
            "预售几号发货",
            "when is the preorder shipping date",
            "预售的商品多久能发",
            "preorder ship date",
        ],
        "answer": (
            "<p>预售商品会在商品页标注的日期前发货，例如“预计 7 月 15 日前发货”。"
            "如有延迟我们会短信通知；延迟超过 7 天的，您可以无责取消并获得全额退款。</p>"
        ),
        "intent": "",
        "tags": ["pre-order", "dispatch"],
    },
    {
        "category": "Orders / Pre-orders",
        "language": "en",
        "question": "Can I cancel a pre-order?",
        "similar": [
            "cancel preorder",
            "pre-order refund",
            "changed my mind on a pre order",
            "预售订单可以取消吗",
            "預購可唔可以取消？",
            "cancel presale",
            "预售能退款吗",
            "预购不想要了",
            "can i cancel my preorder",
            "refund for a pre-order",
            "i don't want my pre-order anymore",
            "定了预售想取消",
            "預售可唔可以取消？",
            "预售付了全款能退吗",
            "cancel my preorder before it ships",
            "预售不想要了怎么取消",
            "preorder cancellation",
        ],
        "answer": (
            "<p>Pre-orders paid in full can be cancelled at any time before shipping, for a full "
            "refund. For deposit-based pre-sales such as 11.11, the deposit isn't refunded if you "
            "don't pay the balance, unless we delay or cancel the order.</p>"
        ),
        "intent": "",
        "tags": ["pre-order", "cancellation"],
    },
    {
        "category": "Orders / Pre-orders",
        "language": "zh-Hans",
        "question": "预售和现货一起买会一起发货吗？",
        "similar": [
            "现货和预售同一单",
            "现货会不会等预售一起发",
            "現貨同預售一齊買會唔會分開寄？",
            "pre order and in stock items together",
            "will in stock items ship first",
            "混合订单发货",
            "do in stock items wait for the pre order",
            "mixed order shipping",
            "do in stock items ship before the pre-order",
            "one order with preorder and in stock items",
            "will you wait for the pre-order to ship everything",
            "现货会先发吗",
            "現貨會唔會先寄？",
        ],
        "answer": (
            "<p>不会等待。同一订单中的现货会先发出，预售商品到货后再单独发货，不会额外收取运费。"
            "</p>"
        ),
        "intent": "",
        "tags": ["pre-order", "split-shipment"],
    },
    {
        "category": "Products / Prices",
        "language": "zh-Hans",
        "question": "这个多少钱？",
        "similar": [
            "多少钱",
            "呢個幾多錢？",
            "价格是多少",
            "台灯多少钱",
            "how much is this",
            "price?",
            "how much does the kettle cost",
            "price of this item",
            "what's the price",
            "how much does it cost",
            "price please",
            "价钱多少",
            "幾錢？",
        ],
        "answer": "<p>请告诉我商品名称或发送商品链接，我帮您查询当前价格和可用优惠。</p>",
        "intent": "price_query",
        "tags": ["price", "action"],
    },
    {
        "category": "Products / Recommendations",
        "language": "en",
        "question": "Can you recommend something?",
        "similar": [
            "recommend a gift",
            "what should i buy",
            "any ideas for a housewarming present",
            "推荐一下",
            "有什么推荐",
            "有冇好嘢推介？",
            "best sellers?",
            "送女朋友什么礼物好",
            "any recommendations",
            "what do you suggest",
            "gift ideas?",
            "帮我挑个礼物",
            "有咩推介？",
            "送长辈买什么好",
            "recommend me a gift",
            "买什么好",
            "suggest a product",
        ],
        "answer": (
            "<p>Happy to help! Tell me who it's for, your budget and what you're looking for (home "
            "goods, small electronics or clothing), and I'll suggest a few items.</p>"
        ),
        "intent": "product_recommendation",
        "tags": ["recommendation", "action"],
    },
    {
        "category": "Products / Warranty",
        "language": "zh-Hans",
        "question": "电器保修多久？",
        "similar": [
            "保修期多长",
            "小家电保修几年",
            "電器保養幾耐？",
            "how long is the warranty",
            "warranty period",
            "台灯保修吗",
            "warranty for small appliances",
            "is the lamp covered by warranty",
            "what's the warranty period",
            "how long is the guarantee",
            "is there a warranty",
            "保修期怎么算",
            "保用期幾長？",
        ],
        "answer": (
            "<p>小家电和数码配件享受 <b>1 年保修</b>，Lumen 自营品牌灯具享受 2 年保修，"
            "家居用品享受 90 天质量保证，均自签收之日起计算。人为损坏、"
            "进水和私自拆机不在保修范围内。</p>"
        ),
        "intent": "",
        "tags": ["warranty", "electronics"],
    },
    {
        "category": "Products / Warranty",
        "language": "en",
        "question": "How do I make a warranty claim?",
        "similar": [
            "warranty repair",
            "my lamp broke under warranty",
            "how to claim warranty",
            "怎么申请保修",
            "點樣申請保養維修？",
            "send for repair",
            "保修怎么寄回维修",
            "坏了在保修期内怎么修",
            "how do i get it repaired under warranty",
            "warranty service",
            "my item is broken, is it covered",
            "保修流程",
            "點樣攞去保養？",
            "报修怎么操作",
            "how to send my appliance for repair under warranty",
            "保修期内坏了怎么报修",
            "warranty repair request",
        ],
        "answer": (
            "<p>Go to Orders > After-sales, choose “Warranty repair”, describe the problem and add "
            "photos or a video. Once approved, we arrange a free SF pickup; repairs take 7–10 "
            "working days, and shipping both ways is free within the warranty period.</p>"
        ),
        "intent": "",
        "tags": ["warranty", "repair"],
    },
    {
        "category": "Products / Warranty",
        "language": "zh-Hans",
        "question": "保修需要发票吗？",
        "similar": [
            "没有发票能保修吗",
            "保修凭证",
            "冇發票保唔保修？",
            "do i need a receipt for warranty",
            "warranty without invoice",
            "保修卡丢了",
            "lost my invoice, can i still get repairs",
            "warranty card lost",
            "do i need a receipt to claim warranty",
            "warranty without receipt",
            "proof of purchase for warranty",
            "没有保修卡能修吗",
            "冇單據可唔可以保養？",
            "保修要出示发票吗",
            "is the order record enough for warranty",
            "保修卡丢了还能保修吗",
            "do i need the invoice to get repairs",
        ],
        "answer": (
            "<p>不需要。在 Lumen 购买的商品以订单记录作为保修凭证，保修卡或发票丢失不影响保修。</p>"
        ),
        "intent": "",
        "tags": ["warranty", "invoice"],
    },
    {
        "category": "Products / Warranty",
        "language": "zh-Hans",
        "question": "在香港买的电器能在内地保修吗？",
        "similar": [
            "港版能在大陆保修吗",
            "内地买的在香港保修",
            "喺香港買嘅可唔可以喺內地保養？",
            "warranty valid in hong kong and mainland?",
            "cross border warranty",
            "两地联保",
            "can i get it repaired in the mainland if i bought in hk",
            "hong kong warranty for mainland purchase",
            "is the warranty valid in both hk and mainland",
            "repair in the mainland for a hong kong purchase",
            "warranty in another region",
            "大陆买的香港能修吗",
            "兩地保養得唔得？",
        ],
        "answer": (
            "<p>Lumen 自营品牌商品在内地和香港均可保修，通过任一站点的“申请售后”提交即可。"
            "第三方品牌商品按品牌方的保修政策执行，详见商品页的“保修说明”。</p>"
        ),
        "intent": "",
        "tags": ["warranty", "hong-kong"],
    },
    {
        "category": "Products / Warranty",
        "language": "en",
        "question": "Do you offer an extended warranty?",
        "similar": [
            "extended warranty",
            "extra year of warranty",
            "lumen care+",
            "可以买延保吗",
            "有冇延長保養？",
            "buy additional protection",
            "延长保修怎么买",
            "Lumen Care+多少钱",
            "can i buy extra warranty",
            "warranty extension",
            "what is lumen care+",
            "加购保修服务",
            "有冇延保？",
        ],
        "answer": (
            "<p>Yes. Lumen Care+ adds one extra year of warranty to electrical items priced CNY "
            "299 or more, for CNY 49. You can add it at checkout, or within 30 days of delivery "
            "from the order details page.</p>"
        ),
        "intent": "",
        "tags": ["warranty", "extended-warranty"],
    },
    {
        "category": "Products / Size guide",
        "language": "zh-Hans",
        "question": "衣服尺码怎么选？",
        "similar": [
            "尺码怎么选",
            "我165cm 55kg穿什么码",
            "尺碼點揀？",
            "what size should i get",
            "size chart",
            "不知道选哪个码",
            "which size fits me",
            "i'm 165cm what size",
            "what size am i",
            "how do i pick my size",
            "sizing advice",
            "尺码怎么挑",
            "揀咩碼好？",
        ],
        "answer": (
            "<p>每件服装的商品页都有“尺码表”，标注胸围、衣长、肩宽等实际测量数据（单位：厘米）。"
            "建议拿一件合身的衣服平铺测量后对照；介于两个尺码之间时，建议选大一码。</p>"
        ),
        "intent": "",
        "tags": ["size-guide", "clothing"],
    },
    {
        "category": "Products / Size guide",
        "language": "en",
        "question": "Do you use Asian or European sizing?",
        "similar": [
            "asian sizes?",
            "eu us size conversion",
            "is it asian fit",
            "是亚洲码还是欧码",
            "係咪亞洲碼？",
            "do sizes run small",
            "尺码偏小吗",
            "欧码怎么换算",
            "are your sizes european",
            "do clothes run small",
            "us sizes or asian sizes",
            "尺码偏小还是偏大",
            "尺碼係咪細？",
        ],
        "answer": (
            "<p>Our clothing uses Chinese (Asian) sizing, which usually runs about one size "
            "smaller than EU/US sizes. Each size chart lists measurements in centimetres, so "
            "compare them with a garment you own rather than relying on the size label.</p>"
        ),
        "intent": "",
        "tags": ["size-guide", "clothing"],
    },
    {
        "category": "Products / Size guide",
        "language": "zh-Hans",
        "question": "1.5 米的床应该选多大的被套？",
        "similar": [
            "被套买多大",
            "1.8米床用什么尺寸",
            "床笠尺寸怎么选",
            "1.5米床要買幾大嘅被套？",
            "what size duvet cover for a queen bed",
            "bedding size guide",
            "queen bed duvet size",
            "fitted sheet size",
            "duvet cover size for a double bed",
            "what size bedding do i need",
            "which fitted sheet fits my mattress",
            "被套尺寸怎么选",
            "被套要幾大？",
        ],
        "answer": (
            "<p>一般 <b>1.5 米床</b>选 200×230 cm 被套，<b>1.8 米床</b>选 220×240 cm 被套。"
            "床笠请按床垫的长、宽和厚度选择，商品页标注了适用的床垫厚度。</p>"
        ),
        "intent": "",
        "tags": ["size-guide", "bedding", "home"],
    },
    {
        "category": "Products / Authenticity",
        "language": "zh-Hans",
        "question": "你们卖的是正品吗？",
        "similar": [
            "是不是正品",
            "会不会是假货",
            "係咪正貨？",
            "are your products genuine",
            "authentic?",
            "有没有品牌授权",
            "are these fakes",
            "is it original",
            "are the products authentic",
            "do you sell fakes",
            "is this brand genuine",
            "会卖假货吗",
            "係唔係真貨？",
        ],
        "answer": (
            "<p>Lumen 销售的商品均为自营品牌或品牌官方授权商品，全部从品牌方或授权渠道采购。"
            "如经权威机构鉴定为非正品，我们将全额退款，并额外赔偿商品售价的 3 倍。</p>"
        ),
        "intent": "",
        "tags": ["authenticity"],
    },
    {
        "category": "Products / Authenticity",
        "language": "en",
        "question": "Will electrical items work in Hong Kong (plug and voltage)?",
        "similar": [
            "uk plug for hong kong?",
            "is the voltage compatible",
            "does it come with a hk plug",
            "电器在香港能用吗",
            "插頭係咪英式？",
            "220v?",
            "香港用的是英标插头吗",
            "电压是220v吗",
            "will this work in hong kong",
            "what plug do the appliances have",
            "voltage in hong kong",
            "插头是什么标准",
            "香港用唔用到？",
        ],
        "answer": (
            "<p>Electrical items sold on the Hong Kong site come with a UK-style (Type G) plug, "
            "and those on the mainland site with a Chinese plug. Both regions use 220 V, so the "
            "products work in either place with a suitable plug adapter.</p>"
        ),
        "intent": "",
        "tags": ["electronics", "hong-kong", "plug"],
    },
    {
        "category": "Products / Care instructions",
        "language": "zh-Hans",
        "question": "羊毛衫怎么洗？",
        "similar": [
            "羊毛衫可以机洗吗",
            "毛衣怎么洗不变形",
            "羊毛衫點洗？",
            "how to wash a wool sweater",
            "wool care",
            "毛衣起球怎么办",
            "can i machine wash wool",
            "sweater pilling",
            "how to wash wool",
            "can wool go in the washing machine",
            "caring for a wool jumper",
            "羊毛衣服怎么洗",
            "冷衫點洗？",
        ],
        "answer": (
            "<p>建议 30°C 以下冷水手洗，使用中性或羊毛专用洗涤剂，轻压不拧，平铺阴干，"
            "不可烘干或暴晒。起球可用毛球修剪器处理。具体以衣服洗标为准。</p>"
        ),
        "intent": "",
        "tags": ["care", "clothing", "wool"],
    },
    {
        "category": "Products / Care instructions",
        "language": "en",
        "question": "How should I wash the linen bedding?",
        "similar": [
            "linen sheets care",
            "can linen go in the dryer",
            "wash linen bedding",
            "亚麻床品怎么洗",
            "麻質床單點樣洗？",
            "does linen shrink",
            "亚麻床单能烘干吗",
            "亚麻四件套怎么保养",
            "washing linen sheets",
            "can i tumble dry linen",
            "linen care instructions",
            "亚麻怎么洗",
            "麻布床單點洗？",
        ],
        "answer": (
            "<p>Machine-wash on a gentle 40 °C cycle with mild detergent, then line-dry or "
            "tumble-dry on low heat. Linen may shrink by about 3% in the first wash and gets "
            "softer with every wash; don't use bleach.</p>"
        ),
        "intent": "",
        "tags": ["care", "bedding", "linen"],
    },
    {
        "category": "Products / Care instructions",
        "language": "zh-Hans",
        "question": "纯棉 T 恤洗后会缩水吗？",
        "similar": [
            "t恤缩水吗",
            "棉衣服洗了变小",
            "純棉T恤會唔會縮水？",
            "does the cotton t-shirt shrink",
            "cotton shrinkage",
            "衣服洗完变形",
            "will the t shirt shrink in the wash",
            "t-shirt shrank",
            "will the tee shrink",
            "cotton t-shirt shrinking",
            "does cotton shrink after washing",
            "T恤会不会缩",
            "T恤洗完會唔會縮？",
        ],
        "answer": (
            "<p>Lumen 纯棉 T 恤经过预缩处理，正常洗涤缩水率在 3% 以内。建议冷水洗涤、反面晾晒，"
            "避免高温烘干。</p>"
        ),
        "intent": "",
        "tags": ["care", "clothing", "cotton"],
    },
    {
        "category": "Products / Care instructions",
        "language": "zh-Hans",
        "question": "香薰蜡烛怎么使用比较安全？",
        "similar": [
            "蜡烛怎么点",
            "香薰蜡烛注意事项",
            "蠟燭點樣用先安全？",
            "candle safety tips",
            "how to burn a scented candle",
            "蜡烛烧出一个洞",
            "candle tunneling",
            "how long should i burn a candle",
            "candle burning tips",
            "how long can a candle burn",
            "is the candle safe",
            "蜡烛安全吗",
            "香薰蠟燭點用？",
        ],
        "answer": (
            "<p>首次点燃建议燃烧 2–3 小时，让表面完全融化，避免中间烧出深洞；每次燃烧不超过 4 "
            "小时，点燃前把烛芯修剪到约 5 mm。请远离窗帘等易燃物，离开房间前务必熄灭。</p>"
        ),
        "intent": "",
        "tags": ["care", "candles", "home"],
    },
    {
        "category": "Products / Care instructions",
        "language": "en",
        "question": "How do I descale the electric kettle?",
        "similar": [
            "kettle limescale",
            "clean my kettle",
            "white deposits in kettle",
            "电热水壶水垢怎么清洗",
            "煲水壺有水垢點清？",
            "descaling kettle",
            "水壶除垢方法",
            "热水壶里有白色水垢",
            "how do i clean limescale from the kettle",
            "kettle has white stuff inside",
            "descaling instructions",
            "热水壶怎么清洁",
            "煲水壺點除垢？",
        ],
        "answer": (
            "<p>Fill the kettle halfway with water, add one tablespoon of citric acid or 100 ml of "
            "white vinegar, bring it to the boil and leave it for 30 minutes. Pour it out, rinse "
            "well and boil once with clean water. In hard-water areas we recommend descaling once "
            "a month.</p>"
        ),
        "intent": "",
        "tags": ["care", "electronics", "kettle"],
    },
    {
        "category": "Products / Product usage",
        "language": "zh-Hans",
        "question": "智能台灯怎么连接 App？",
        "similar": [
            "台灯连不上wifi",
            "智能灯怎么配网",
            "智能枱燈點樣連App？",
            "how to connect the smart lamp",
            "lamp pairing",
            "Lumen Home怎么添加设备",
            "smart lamp won't connect to wifi",
            "does the lamp support 5ghz",
            "how do i pair the smart lamp",
            "smart lamp setup",
            "connect the lamp to wifi",
            "台灯怎么配对",
            "智能燈點連WiFi？",
        ],
        "answer": (
            "<p>下载 Lumen Home App 并登录，长按台灯开关 5 秒直到指示灯快闪，然后在 App "
            "中点击“添加设备”按提示操作。台灯仅支持 <b>2.4 GHz Wi-Fi</b>，不支持 5 GHz 网络。</p>"
        ),
        "intent": "",
        "tags": ["smart-home", "electronics", "lamp"],
    },
    {
        "category": "Products / Product usage",
        "language": "en",
        "question": "How do I reset the smart plug?",
        "similar": [
            "factory reset smart plug",
            "smart plug offline",
            "plug won't connect",
            "智能插座怎么重置",
            "智能插蘇點樣reset？",
            "reset plug",
            "智能插座离线了",
            "插座连不上app",
            "smart plug not working",
            "how to reset the plug",
            "my smart plug is offline",
            "插座怎么恢复出厂",
            "插蘇點重設？",
        ],
        "answer": (
            "<p>Hold the plug's button for 10 seconds until the LED flashes quickly, then add it "
            "again in the Lumen Home app. Like our other smart devices, it only connects to 2.4 "
            "GHz Wi-Fi.</p>"
        ),
        "intent": "",
        "tags": ["smart-home", "electronics"],
    },
    {
        "category": "Products / Product usage",
        "language": "zh-Hans",
        "question": "哪里可以找到电子说明书？",
        "similar": [
            "说明书丢了",
            "使用说明",
            "說明書喺邊度搵？",
            "user manual download",
            "instruction manual",
            "产品说明书pdf",
            "where can i find the manual",
            "lost the instructions",
            "where is the manual",
            "download instructions",
            "user guide pdf",
            "说明书在哪下载",
            "說明書喺邊？",
        ],
        "answer": (
            '<p>所有商品的电子说明书都可以在<a href="https://lumen.example/manuals">说明书中心</a>'
            "按商品名称或型号搜索下载，也可以在商品页底部找到。</p>"
        ),
        "intent": "",
        "tags": ["manuals"],
    },
    {
        "category": "Products / Product details",
        "language": "zh-Hans",
        "question": "商品和图片有色差吗？",
        "similar": [
            "实物和图片不一样",
            "颜色跟图片有差别",
            "實物同圖片有冇色差？",
            "colour looks different from the photo",
            "color difference",
            "收到的颜色比图片深",
            "product looks different in real life",
            "colour not as pictured",
            "is the colour accurate",
            "the colour is different from the picture",
            "does it look like the photo",
            "会有色差吗",
            "顏色同相有冇分別？",
        ],
        "answer": (
            "<p>商品图片均为实物拍摄，但受屏幕显示和光线影响可能存在轻微色差。"
            "如实物颜色与描述明显不符，或您不满意，可在签收 7 天内申请无理由退货。</p>"
        ),
        "intent": "",
        "tags": ["product-details", "returns"],
    },
    {
        "category": "Customer service / Contact us",
        "language": "zh-Hans",
        "question": "客服工作时间和电话是多少？",
        "similar": [
            "客服电话",
            "人工客服几点上班",
            "客服幾點返工？",
            "customer service hours",
            "phone number for support",
            "怎么联系你们",
            "客服邮箱",
            "hotline number",
            "how do i contact you",
            "what are your opening hours",
            "call customer service",
            "客服什么时候在线",
            "客服電話幾多號？",
            "客服电话多少",
            "what time is customer service open",
            "客服热线号码",
            "hotline and service hours",
        ],
        "answer": (
            "<p>在线客服每天 9:00–22:00；客服热线 400-000-0000（每天 9:00–21:00），香港客户可拨打 "
            "+852 0000-0000。也可以发邮件至 service@lumen.example，我们会在 1 个工作日内回复。</p>"
        ),
        "intent": "",
        "tags": ["contact", "service-hours"],
    },
    {
        "category": "Customer service / Contact us",
        "language": "zh-Hans",
        "question": "转人工客服",
        "similar": [
            "人工",
            "转人工",
            "我要找真人",
            "唔該幫我轉真人客服",
            "talk to a human",
            "real person please",
            "connect me to an agent",
            "机器人听不懂",
            "agent please",
            "human agent please",
            "let me speak to someone",
            "我要人工",
            "搵客服",
        ],
        "answer": (
            "<p>好的，正在为您转接人工客服，请稍候。人工客服服务时间为每天 9:00–22:00，"
            "非服务时间请留言，我们会在上班后第一时间回复。</p>"
        ),
        "intent": "human_handoff",
        "tags": ["handoff", "action"],
    },
    {
        "category": "Customer service / Contact us",
        "language": "zh-Hans",
        "question": "你们有实体店吗？",
        "similar": [
            "有没有门店",
            "线下店在哪里",
            "有冇門市？",
            "do you have a physical store",
            "shop location",
            "可以去店里看吗",
            "physical shop in hong kong?",
            "can i visit a store",
            "do you have a shop i can visit",
            "is there a physical store",
            "offline store?",
            "有线下门店吗",
            "有冇實體店？",
        ],
        "answer": (
            "<p>Lumen 目前只在线上销售，暂无实体门店。您可以通过 App、微信小程序或<a "
            'href="https://lumen.example">官网</a>购物，各渠道的价格和售后政策一致。</p>'
        ),
        "intent": "",
        "tags": ["stores"],
    },
    {
        "category": "Customer service / Feedback",
        "language": "en",
        "question": "How can I make a complaint or give feedback?",
        "similar": [
            "file a complaint",
            "i want to complain",
            "give feedback",
            "投诉",
            "我想投訴",
            "suggestion for your service",
            "我要投诉客服",
            "意见反馈在哪里",
            "i have a complaint",
            "where can i leave feedback",
            "complain about service",
            "我要反馈问题",
            "服務唔好",
        ],
        "answer": (
            "<p>Please use Me > Feedback in the app, or email feedback@lumen.example with your "
            "order number. A supervisor replies within 2 working days.</p>"
        ),
        "intent": "",
        "tags": ["feedback", "complaints"],
    },
    {
        "category": "Customer service / Contact us",
        "language": "en",
        "question": "Which languages does customer service speak?",
        "similar": [
            "do you speak english",
            "cantonese support?",
            "can i chat in english",
            "客服会说英语吗",
            "有冇講廣東話嘅客服？",
            "mandarin only?",
            "可以用英文沟通吗",
            "客服讲粤语吗",
            "do you support english",
            "can i talk in cantonese",
            "what languages do you speak",
            "客服会讲英文吗",
            "識唔識講英文？",
        ],
        "answer": (
            "<p>Our agents speak Mandarin, Cantonese and English, both in chat and on the hotline. "
            "Just write in the language you prefer.</p>"
        ),
        "intent": "",
        "tags": ["contact", "languages"],
    },
]
