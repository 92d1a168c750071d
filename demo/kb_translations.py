"""The demo knowledge base in its other languages: for every entry of ``demo.kb_data``, keyed
by its standard question, the question and the answer in English (for Chinese entries) or in
Simplified Chinese (for English ones), and in Traditional Chinese where Hong Kong wording
differs from a character-by-character conversion. Every other Traditional answer is the
Simplified one converted by OpenCC when asked (``knowledge.variants``), so it never drifts from
the Simplified text an editor changes.

Plain data, importable without Django.
"""

from __future__ import annotations

from typing import Any

# standard question → language → (question in that language, answer in that language)
TRANSLATIONS: dict[str, dict[str, tuple[str, str]]] = {
    "下单后多久发货？": {
        "en": (
            "How soon after ordering will my order ship?",
            "<p>In-stock orders paid <b>before 16:00</b> ship the same day; orders paid after "
            "16:00 ship the next day. Pre-order items ship on the date shown on the product page. "
            "You'll get an SMS when your order ships, and the tracking number is under "
            "Orders.</p>",
        ),
    },
    "快递一般几天能到？": {
        "en": (
            "How long does delivery usually take?",
            "<p>Mainland orders ship with SF Express by default: 1–2 days to Jiangsu, Zhejiang "
            "and Shanghai, 2–4 days to most other cities. Remote areas such as Xinjiang, Tibet "
            "and Qinghai are served by EMS in about 5–7 days. During big sales and holidays "
            "delivery may take 1–2 days longer.</p>",
        ),
    },
    "Do you deliver on weekends and public holidays?": {
        "zh-Hans": (
            "周末和节假日发货送货吗？",
            "<p>我们的仓库每周七天都发货，大部分城市顺丰周末也派送。"
            "春节等长假期间可能暂停发货几天，"
            "具体日期会在首页和结算页公布。</p>",
        ),
    },
    "Can I choose a delivery date or time slot?": {
        "zh-Hans": (
            "可以指定送货日期或时间段吗？",
            "<p>普通包裹无法保证指定日期或时间段，但收到快递短信后，"
            "您可以直接和顺丰快递员约定送货时间。"
            "由京东物流配送的大件家具可在结算时预约送货日期。</p>",
        ),
    },
    "大件家具送货上门并安装吗？": {
        "en": (
            "Is large furniture delivered to my door and installed?",
            "<p>Large furniture (sofas, bed frames, bookcases and the like) ships free "
            "nationwide: <b>JD Logistics</b> delivers it to your door and installs it free of "
            "charge in more than 200 mainland cities, and you can book a delivery date at "
            "checkout. Outside the installation area it is delivered to your home with assembly "
            "instructions.</p>",
        ),
    },
    "运费怎么算？满多少包邮？": {
        "en": (
            "How much is shipping, and when is it free?",
            "<p>Mainland orders ship <b>free when you pay CNY 99 or more</b>; below that, "
            "shipping is CNY 10. Remote areas such as Xinjiang, Tibet and Qinghai ship free from "
            "CNY 199, otherwise CNY 20. For Hong Kong, Macau, Taiwan and abroad, see the notes "
            "for each region.</p>",
        ),
    },
    "Is there an express or next-day delivery option?": {
        "zh-Hans": (
            "有加急或次日达的配送吗？",
            "<p>有。内地大部分一二线城市可在结算时选择顺丰特快，加收 15 元；16:00 "
            "前付款的订单一般次日送达。"
            "只有收货地址符合条件时才会显示该选项。</p>",
        ),
    },
    "订单分成几个包裹发货，要多付运费吗？": {
        "en": (
            "My order came in several parcels. Do I pay shipping more than once?",
            "<p>No. When the items of one order come from different warehouses or include a "
            "pre-order item, they ship in several parcels, but shipping is charged only once per "
            "order. Each parcel has its own tracking number, shown in the order details.</p>",
        ),
    },
    "用了优惠券后不满 99 元还包邮吗？": {
        "en": (
            "Is shipping still free if a coupon brings my order below CNY 99?",
            "<p>The free-shipping threshold counts <b>what you pay after coupons and points</b> "
            "(shipping excluded). For example, a CNY 120 item with a CNY 30 coupon costs CNY 90, "
            "so CNY 10 shipping is added.</p>",
        ),
    },
    "你们发什么快递？可以指定快递吗？": {
        "en": (
            "Which courier do you use, and can I choose one?",
            "<p>We ship with <b>SF Express</b> by default, large furniture with <b>JD "
            "Logistics</b>, and remote areas (Xinjiang, Tibet, Qinghai) and overseas orders with "
            "<b>EMS</b>. At checkout you can choose between SF Express and JD Logistics; other "
            "couriers can't be chosen.</p>",
        ),
    },
    "快递单号在哪里查看？": {
        "en": (
            "Where can I find my tracking number?",
            "<p>Once your order ships, the tracking number appears under Orders > Order details "
            "and is sent by SMS to the recipient's phone. An order shipped in several parcels "
            "has a number for each parcel; you can also track them on the SF Express, JD "
            "Logistics or EMS website.</p>",
        ),
    },
    "Can I pick up my parcel at an SF locker or service point?": {
        "zh-Hans": (
            "可以到顺丰网点或快递柜自取包裹吗？",
            "<p>可以。结算时选择“顺丰网点自取”，再选附近的顺丰网点或智能快递柜即可，"
            "内地和香港都适用。"
            "包裹到达后您会收到带取件码的短信，包裹保留 3 天（香港智能柜 2 天）。"
            "如希望放在小区驿站代收，请在订单备注中写明。</p>",
        ),
        "zh-Hant": (
            "可唔可以去順豐站或智能櫃自取包裹？",
            "<p>可以。結帳時選擇「順豐站自取」，再揀附近的順豐站或智能櫃即可，內地和香港都適用。"
            "包裹到達後您會收到附取件碼的短訊，包裹保留 3 天（香港智能櫃 2 天）。"
            "如想放在屋苑驛站代收，請在訂單備註寫明。</p>",
        ),
    },
    "快递员让我先付钱才给包裹怎么办？": {
        "en": (
            "The courier wants me to pay before handing over the parcel. What should I do?",
            "<p>Shipping for every Lumen order is paid at checkout: there is <b>never cash on "
            "delivery or a collection fee</b>. If a courier asks you to pay, please refuse and "
            "contact our online chat or call 400-000-0000; we'll look into it.</p>",
        ),
    },
    "可以寄到香港吗？要几天？": {
        "en": (
            "Do you ship to Hong Kong, and how long does it take?",
            "<p>Yes. Hong Kong orders are delivered by SF Express, usually in 3–5 working days. "
            "Please order on the Hong Kong site (prices in HKD): shipping is free over HK$300, "
            "otherwise HK$30. We deliver to your door, or you can pick up at an SF point or "
            "locker.</p>",
        ),
        "zh-Hant": (
            "可唔可以寄去香港？要幾耐？",
            "<p>可以。香港訂單由順豐速運派送，一般 3–5 個工作天送達。請在香港站（港幣計價）落單："
            "滿 HK$300 免運費，不滿收取 HK$30。可以送貨上門，亦可以選擇順豐站或智能櫃自取。</p>",
        ),
    },
    "Do you ship to Macau?": {
        "zh-Hans": (
            "可以寄到澳门吗？",
            "<p>可以。澳门订单请在内地站下单（人民币计价），由顺丰速运派送，4–6 个工作日送达。"
            "运费 30 元，实付满 299 元免运费。</p>",
        ),
        "zh-Hant": (
            "可唔可以寄去澳門？",
            "<p>可以。澳門訂單請在內地站落單（人民幣計價），由順豐速運派送，4–6 個工作天送達。"
            "運費人民幣 30 元，實付滿人民幣 299 元免運費。</p>",
        ),
    },
    "能寄到台湾吗？": {
        "en": (
            "Do you ship to Taiwan?",
            "<p>Yes. Taiwan orders are delivered by SF Express in about 5–8 working days; "
            "shipping is CNY 40, free when you pay CNY 399 or more. Local customs require the "
            "recipient to verify their identity in the EZ WAY app first, otherwise the parcel "
            "can't clear customs.</p>",
        ),
    },
    "Do you ship internationally, e.g. to Singapore or the US?": {
        "zh-Hans": (
            "可以寄到国外吗，比如新加坡或美国？",
            "<p>大中华地区以外，目前只寄新加坡和马来西亚，使用 EMS，约 7–12 个工作日送达，"
            "运费统一 80 元。"
            "暂不寄往其他国家，包括美国、英国和欧洲。</p>",
        ),
    },
    "寄到台湾或海外需要交关税吗？": {
        "en": (
            "Do I have to pay customs duties for Taiwan or overseas orders?",
            "<p>Orders to Hong Kong and Macau are not taxed. For Taiwan, Singapore and Malaysia, "
            "any duty or import tax charged by local customs is paid by the recipient, in the "
            "amount customs states. If a parcel comes back because the tax was refused, the "
            "shipping both ways is deducted from the refund.</p>",
        ),
    },
    "下单后可以修改收货地址吗？": {
        "en": (
            "Can I change the delivery address after ordering?",
            "<p>While the order is “awaiting shipment” you can change it yourself under Orders > "
            "Order details > Change address, once per order. If the new address costs more to "
            "ship to (for example a remote area), you pay the difference.</p>",
        ),
    },
    "My order has already shipped. Can I still change the address?": {
        "zh-Hans": (
            "订单已经发货了，还能改地址吗？",
            "<p>包裹发出后系统里无法再修改地址，但请尽快联系客服，我们会请快递公司改派。"
            "改派不一定成功，快递公司收取的改派费用由您承担。无法改派的，您可以拒收后重新下单。"
            "</p>",
        ),
    },
    "收货人电话填错了能改吗？": {
        "en": (
            "I entered the wrong phone number for the recipient. Can I change it?",
            "<p>For an order that hasn't shipped, change the recipient's name and phone under "
            "Order details > Change address. If it has shipped, contact our online chat and we'll "
            "give the courier the right number so they can reach you.</p>",
        ),
    },
    "一个订单能寄到多个地址吗？": {
        "en": (
            "Can one order be shipped to several addresses?",
            "<p>An order has one delivery address. To send items to different addresses, please "
            "place separate orders; each order counts on its own for free shipping (CNY 99).</p>",
        ),
    },
    "How do I add or edit addresses in my address book?": {
        "zh-Hans": (
            "怎么添加或修改地址簿里的地址？",
            "<p>进入“我的 > 设置 > 收货地址”，最多可保存 20 个地址，可编辑、删除，"
            "也可设置一个默认地址用于结算。"
            "修改地址簿不会影响已经下单的订单。</p>",
        ),
    },
    "物流显示已签收，但我没收到货": {
        "en": (
            "Tracking says delivered, but I haven't received my parcel",
            "<p>Please first check with your building's front desk, parcel lockers, pickup "
            "stations or family members. If you still can't find it, contact our online chat "
            "within 48 hours of the delivery scan and we'll check with the courier; if it is "
            "lost, we'll send a replacement or refund you in full.</p>",
        ),
    },
    "物流信息好几天没更新怎么办？": {
        "en": (
            "My tracking hasn't updated for several days. What should I do?",
            "<p>If tracking hasn't updated for more than 48 hours (72 hours for remote areas), "
            "contact our online chat with your order number and we'll chase the courier. If the "
            "parcel turns out to be lost, we'll send a replacement or refund you in full at no "
            "cost to you.</p>",
        ),
    },
    "The courier missed me. How do I get my parcel?": {
        "zh-Hans": (
            "快递员来的时候我不在，怎么拿到包裹？",
            "<p>顺丰一般会给您打电话并在下一个工作日再次派送，"
            "或把包裹放到附近的顺丰网点并短信发送取件码。"
            "您也可以在物流页面直接联系快递员另约时间。三次派送失败后包裹会退回给我们，"
            "我们会联系您重新发货或退款。</p>",
        ),
    },
    "快递没送上门，直接放驿站了": {
        "en": (
            "The courier left my parcel at a pickup station instead of delivering it",
            "<p>Lumen orders are delivered to your door by default. If the courier left the "
            "parcel at a pickup station or locker without your consent, contact our online chat "
            "with your order number and we'll ask the courier company to deliver it again. You "
            "can also write “please deliver to my door” in the order note when you order.</p>",
        ),
    },
    "支持 7 天无理由退货吗？": {
        "en": (
            "Do you accept returns within 7 days for any reason?",
            "<p>Yes. Within <b>7 days of delivery</b> you can return an item for any reason if "
            "it is unused, with tags and packaging intact and all accessories and free gifts "
            "included. A few items are excluded: see the <a "
            'href="https://lumen.example/returns">returns policy</a>.</p>',
        ),
    },
    "哪些商品不支持无理由退货？": {
        "en": (
            "Which items can't be returned without a reason?",
            "<p>These items can't be returned within 7 days for no reason (faulty items "
            "excepted):</p><ul><li>Intimate apparel: underwear, swimwear, socks</li><li>Custom "
            "or engraved items</li><li>In-ear headphones once unsealed</li><li>Items marked "
            "“Final sale” and gift cards</li></ul>",
        ),
    },
    "超过 7 天还能退货吗？": {
        "en": (
            "Can I still return an item after 7 days?",
            "<p>After 7 days no-reason returns are no longer possible. If the item is faulty, "
            "you can still ask for a return or exchange within 15 days of delivery; after 15 "
            "days, faulty items are repaired free of charge under warranty.</p>",
        ),
    },
    "Who pays for return shipping?": {
        "zh-Hans": (
            "退货运费由谁承担？",
            "<p>无理由退货的运费由您承担：预约顺丰上门取件的，退款时扣除 12 元。金卡、"
            "黑卡会员每月分别有 2 次、4 次免费取件。"
            "如商品有质量问题、破损或发错货，退货运费由我们承担。</p>",
        ),
    },
    "退货需要保留吊牌和原包装吗？": {
        "en": (
            "Do I need to keep the tags and original packaging to return an item?",
            "<p>Yes. No-reason returns need the tags, original packaging, manual and "
            "accessories, and the item must be fit to be sold again. Items you only unpacked to "
            "look at and didn't use can be returned; if the tags are cut or the packaging is "
            "missing, the warehouse may refuse the return.</p>",
        ),
    },
    "部分退货会扣运费吗？": {
        "en": (
            "Is shipping deducted if I return only part of an order?",
            "<p>If, after a partial return, what you paid for the items you keep is below CNY "
            "99, the CNY 10 shipping you were spared is deducted from the refund. Returning the "
            "whole order, or returning faulty items, never costs this fee.</p>",
        ),
    },
    "Can I return items I bought on sale?": {
        "zh-Hans": (
            "打折促销买的商品可以退吗？",
            "<p>可以。折扣商品、618 和双 11 商品（包括秒杀商品）同样适用 7 天无理由退货。"
            "唯一的例外是商品页标注“清仓不退换”的清仓商品。</p>",
        ),
    },
    "赠品需要一起退回吗？": {
        "en": (
            "Do I have to return the free gift too?",
            "<p>When you return the whole order, the free gift goes back with it. If a partial "
            "return means the order no longer qualifies for the gift, the gift must be returned "
            "too; a used or lost gift is deducted from the refund at the value shown on its "
            "page.</p>",
        ),
    },
    "Why is my refund less than what I paid?": {
        "zh-Hans": (
            "为什么退款比我付的钱少？",
            "<p>部分退货时退款可能较少：优惠券的优惠按价格比例分摊到各件商品，"
            "另外可能扣除取件运费 12 元、"
            "订单不满 99 元时的 10 元运费，或未退回的赠品。明细见“我的订单 > 售后 > 退款详情”。"
            "</p>",
        ),
    },
    "我要退货": {
        "en": (
            "I want to return an item",
            "<p>Sure, I'll help you with the return. Please tell me the order number; items "
            "received within the last 7 days and in good condition can be returned for any "
            "reason. You can also submit the return yourself under Orders > After-sales.</p>",
        ),
    },
    "退货可以上门取件吗？": {
        "en": (
            "Can a courier pick up my return from home?",
            "<p>Yes. Once your return is approved, choose “Book a pickup” and SF Express comes "
            "in the time slot you pick; no tracking number to fill in. For no-reason returns "
            "the CNY 12 pickup fee is deducted from the refund (Gold and Black members get free "
            "pickups every month); you can also send the item back yourself.</p>",
        ),
    },
    "退货寄到哪里？": {
        "en": (
            "Where do I send my return?",
            "<p>All returns go to the Lumen Shanghai warehouse (Lumen Warehouse, 1 Demo Road, "
            "Example District, Shanghai). Once the return is approved, the recipient name and "
            "phone appear on the after-sales page; please use them, and don't send it by "
            "surface mail or cash on delivery.</p>",
        ),
    },
    "I've sent my return. Where do I enter the tracking number?": {
        "zh-Hans": (
            "退货已经寄出，快递单号在哪里填写？",
            "<p>进入“我的订单 > 售后”，打开退货申请，点击“填写快递单号”。请在审核通过后 7 "
            "天内填写，否则申请会自动关闭。"
            "预约了顺丰上门取件的，单号会自动填好。</p>",
        ),
    },
    "退货申请多久审核？": {
        "en": (
            "How long does it take to approve a return request?",
            "<p>Return requests are usually reviewed <b>within 24 hours</b>, and you'll be told "
            "the result by SMS and in the app. During big sales it may take up to 48 "
            "hours.</p>",
        ),
    },
    "退货申请被拒绝了怎么办？": {
        "en": (
            "My return request was rejected. What can I do?",
            "<p>The reason is shown in the after-sales details; common ones are that more than "
            "7 days have passed, the tags were cut, or the item can't be returned without a "
            "reason. If you disagree, add photos and submit again, or ask our online chat to "
            "review it.</p>",
        ),
    },
    "Can I cancel a return request?": {
        "zh-Hans": (
            "退货申请可以取消吗？",
            "<p>可以，只要商品还没寄回。进入“我的订单 > 售后”，点击“取消申请”即可。之后在原来的 7 "
            "天期限内仍可重新申请。</p>",
        ),
    },
    "退款多久到账？": {
        "en": (
            "How long does a refund take to arrive?",
            "<p>Once the warehouse receives and checks the return, the refund is issued "
            "<b>within 1–3 working days</b> to the original payment method. Alipay and WeChat "
            "Pay usually receive it within 24 hours; bank and credit cards take 3–7 working "
            "days, depending on the bank.</p>",
        ),
    },
    "My refund shows as completed, but I can't see the money.": {
        "zh-Hans": (
            "退款显示已完成，但我没看到钱",
            "<p>“退款完成”表示款项已从我们这里退出。银行入账一般需要 3–7 个工作日，"
            "信用卡退款可能要到下一期账单才显示。"
            "7 个工作日后仍未到账，请联系我们，我们会提供退款流水号供您向银行查询。</p>",
        ),
    },
    "退款会退到哪里？可以退到别的卡吗？": {
        "en": (
            "Where does my refund go? Can it go to another card?",
            "<p>Refunds always go <b>back to the account you paid with</b> (Alipay, WeChat Pay, "
            "bank card or gift card) and can't be redirected to another account. If the original "
            "card has been cancelled, the bank usually moves the money to another account in "
            "your name; please ask the card issuer.</p>",
        ),
    },
    "取消订单后多久退款？": {
        "en": (
            "How soon is my money refunded after I cancel an order?",
            "<p>When an unshipped order is cancelled, the refund is <b>issued at once</b> to the "
            "original payment method: Alipay and WeChat Pay usually receive it within minutes "
            "to 24 hours, bank and credit cards within 3–7 working days.</p>",
        ),
    },
    "花呗分期的订单退款怎么处理？": {
        "en": (
            "How are refunds handled for orders paid with Huabei instalments?",
            "<p>The refund goes back to Huabei, and Alipay adjusts the remaining instalments "
            "automatically; the instalment fees for the refunded part are usually refunded too, "
            "as shown on your Alipay bill. For credit-card instalments, the card issuer's rules "
            "apply.</p>",
        ),
    },
    "可以换尺码或颜色吗？": {
        "en": (
            "Can I exchange an item for another size or colour?",
            "<p>Yes. Within 7 days of delivery, if the item is unworn with tags intact, you can "
            "exchange it for another size or colour of <b>the same product at the same "
            "price</b>. One exchange per order is free, shipping both ways on us: submit it "
            "under Orders > After-sales > Exchange.</p>",
        ),
    },
    "Can I exchange an item for a different product?": {
        "zh-Hans": (
            "可以换成别的商品吗？",
            "<p>换货仅限同一商品的其他尺码或颜色。想要别的商品，请按 7 "
            "天无理由退货退回原商品后重新下单；"
            "仓库收到退货后 1–3 个工作日内退款。</p>",
        ),
    },
    "换货多久能收到新的？": {
        "en": (
            "How long until I receive the item I exchanged?",
            "<p>Once the warehouse receives and checks the item you sent back, the new one "
            "ships <b>within 2 working days</b> and takes as long as a regular order. Follow the "
            "exchange under Orders > After-sales.</p>",
        ),
    },
    "What if the size I want to exchange for is out of stock?": {
        "zh-Hans": (
            "想换的尺码没货了怎么办？",
            "<p>想换的尺码或颜色缺货时，仓库收到退回的商品后 1–3 个工作日内为您退款，"
            "退货运费由我们承担。"
            "您也可以在商品页设置到货提醒，补货后再重新下单。</p>",
        ),
    },
    "收到的商品破损了怎么办？": {
        "en": (
            "The item arrived damaged. What should I do?",
            "<p>We're very sorry! Please submit an after-sales request <b>within 48 hours of "
            "delivery</b> with photos of the item and the outer packaging (an unboxing video is "
            "even better). Once we've checked, we'll send a new one or refund you in full, and "
            "cover the shipping.</p>",
        ),
    },
    "I received the wrong item.": {
        "zh-Hans": (
            "我收到的商品发错了",
            "<p>非常抱歉！请在签收后 48 小时内提交售后申请，并附上商品和标签的照片。"
            "我们会马上为您寄出正确的商品，并免费上门取回发错的商品。</p>",
        ),
    },
    "包裹里少了商品怎么办？": {
        "en": (
            "An item is missing from my parcel. What should I do?",
            "<p>First check in the order details whether the order was shipped in several "
            "parcels. If everything has been delivered and something is still missing, contact "
            "our online chat within 48 hours with photos of the outer packaging and the shipping "
            "label, and we'll send what's missing once we've checked.</p>",
        ),
    },
    "商品用了几天出现质量问题怎么办？": {
        "en": (
            "The product developed a fault after a few days. What can I do?",
            "<p>For a fault <b>within 15 days</b> of delivery you can choose a return, a "
            "replacement or a repair, with shipping both ways on us: describe the problem and "
            "add photos or a video in an after-sales request. After 15 days, faults are repaired "
            "free of charge under warranty.</p>",
        ),
    },
    "Should I check the parcel before signing for it?": {
        "zh-Hans": (
            "签收前需要检查包裹吗？",
            "<p>建议签收前先检查外箱。如外箱明显压坏、受潮或被拆开，您可以拒收，"
            "或在签收时备注并拍照。"
            "无论哪种情况，请在 48 小时内联系我们，我们会免费补发或退款。</p>",
        ),
    },
    "支持哪些付款方式？": {
        "en": (
            "Which payment methods do you accept?",
            "<p>The mainland site accepts <b>Alipay, WeChat Pay, UnionPay (QuickPass and "
            "UnionPay cards), Visa/Mastercard credit cards</b> and Lumen gift cards. The Hong "
            "Kong site accepts PayMe, FPS, AlipayHK, WeChat Pay HK and Visa/Mastercard. Digital "
            "RMB (e-CNY) and cash on delivery aren't supported yet.</p>",
        ),
    },
    "Can I pay with PayMe or FPS in Hong Kong?": {
        "zh-Hans": (
            "香港可以用 PayMe 或转数快付款吗？",
            "<p>可以。香港站（港币计价）支持 PayMe、转数快 FPS、AlipayHK、WeChat Pay HK 及 "
            "Visa/Mastercard，"
            "暂不支持八达通。</p>",
        ),
        "zh-Hant": (
            "香港可唔可以用 PayMe 或轉數快俾錢？",
            "<p>可以。香港站（港幣計價）支援 PayMe、轉數快 FPS、AlipayHK、WeChat Pay HK 及 "
            "Visa/Mastercard，"
            "暫時未支援八達通。</p>",
        ),
    },
    "支持货到付款吗？": {
        "en": (
            "Can I pay cash on delivery?",
            "<p>Cash on delivery isn't available: every order must be paid online within 30 "
            "minutes of ordering. If you're not happy with an item, you can return it within 7 "
            "days for any reason.</p>",
        ),
    },
    "礼品卡怎么使用？": {
        "en": (
            "How do I use a gift card?",
            "<p>Lumen gift cards come in CNY 100, 200 and 500 and are valid for 3 years. Add "
            "the card under Me > Gift cards with its code, then use it at checkout; pay any "
            "remainder another way. Gift cards can't be exchanged for cash or returned.</p>",
        ),
    },
    "可以找朋友代付吗？": {
        "en": (
            "Can a friend pay for my order?",
            "<p>Yes. At checkout choose “Ask someone to pay” and send the link to a friend or "
            "family member, who pays with Alipay or WeChat Pay. The link works until the order "
            "would be cancelled (30 minutes after ordering), and any refund goes back to the "
            "payer's account.</p>",
        ),
    },
    "Can I split the payment between two cards?": {
        "zh-Hans": (
            "一个订单可以分两张卡付款吗？",
            "<p>暂不支持，每个订单只能使用一种支付方式。唯一可以组合的是 Lumen "
            "礼品卡加一种其他支付方式支付余额。</p>",
        ),
    },
    "付款失败怎么办？": {
        "en": (
            "My payment failed. What should I do?",
            "<p>Please check that your balance or credit limit is enough, your connection works "
            "and your bank card is enabled for online payments. A declined credit card may be "
            "the issuer's fraud check: call your bank or pay with Alipay or WeChat Pay instead. "
            "Orders not paid within 30 minutes are cancelled automatically, so you can simply "
            "order again.</p>",
        ),
    },
    "I was charged twice for one order.": {
        "zh-Hans": (
            "一个订单被扣了两次款",
            "<p>非常抱歉！重复支付会被系统自动识别，并在 1–3 个工作日内原路退回。如之后仍未退回，"
            "请把订单号和两笔付款的截图发给我们。</p>",
        ),
    },
    "已经付款了，订单还显示待付款": {
        "en": (
            "I've paid, but the order still says awaiting payment",
            "<p>Payment results sometimes take a few minutes to come through, so please refresh "
            "the order in a moment. If it still says unpaid after 30 minutes, don't pay again: "
            "contact our online chat with a screenshot of the payment. If the order was "
            "cancelled for timing out, the money is refunded to the original account within 1–3 "
            "working days.</p>",
        ),
    },
    "可以分期付款吗？": {
        "en": (
            "Can I pay in instalments?",
            "<p>On the mainland site:</p><ul><li>Huabei instalments (3, 6 or 12): for orders "
            "of CNY 300 or more</li><li>Credit-card instalments (UnionPay): for orders of CNY "
            "500 or more</li></ul><p>Choose the payment method at checkout to see the amount of "
            "each instalment.</p>",
        ),
    },
    "分期有手续费吗？有免息吗？": {
        "en": (
            "Are there fees for instalments? Any interest-free ones?",
            "<p>Products marked “3 instalments interest-free” have no fee when you choose Huabei "
            "in 3 instalments. Other instalment plans carry the fee rate of Alipay or your card "
            "issuer; checkout shows each instalment and its fee.</p>",
        ),
    },
    "Can I pay in instalments on the Hong Kong site?": {
        "zh-Hans": (
            "香港站可以分期付款吗？",
            "<p>香港站结算时不提供分期。很多香港发卡银行支持付款后把消费转为分期，"
            "请向您的银行查询。</p>",
        ),
        "zh-Hant": (
            "香港站可唔可以分期付款？",
            "<p>香港站結帳時不設分期。很多香港發卡銀行支援簽賬後將交易轉為分期，請向您的銀行查詢。"
            "</p>",
        ),
    },
    "What currency are prices shown in?": {
        "zh-Hans": (
            "价格用什么货币显示？",
            "<p>内地站以人民币标价，香港站以港币标价，可在页面顶部的地区选择中切换。"
            "暂不显示其他货币。</p>",
        ),
        "zh-Hant": (
            "價錢用咩貨幣顯示？",
            "<p>內地站以人民幣標價，香港站以港幣標價，可在頁面頂部的地區選擇中切換。"
            "暫時不顯示其他貨幣。</p>",
        ),
    },
    "Will my foreign card be charged in CNY?": {
        "zh-Hans": (
            "境外信用卡会按人民币扣款吗？",
            "<p>会。中国内地以外发行的 Visa、Mastercard 可以在内地站使用，按人民币扣款；"
            "由您的银行换算金额，"
            "并可能收取境外交易手续费。部分卡片需要完成 3-D Secure 验证。</p>",
        ),
    },
    "为什么香港站和内地站价格不一样？": {
        "en": (
            "Why are prices on the Hong Kong site different from the mainland site?",
            "<p>The Hong Kong site is priced separately in HKD, including local delivery and "
            "running costs, rather than converted at the day's exchange rate, so prices differ "
            "from the mainland site. Promotions on the two sites are also separate.</p>",
        ),
        "zh-Hant": (
            "點解香港站同內地站價錢唔一樣？",
            "<p>香港站以港幣獨立定價，已包括本地派送和營運成本，並非按當日匯率換算，"
            "所以和內地站價錢有差別。"
            "兩地的推廣活動亦各自獨立。</p>",
        ),
    },
    "退款时汇率变了怎么办？": {
        "en": (
            "The exchange rate changed before my refund. What happens?",
            "<p>We refund the original amount in the original currency (CNY or HKD). Any "
            "exchange-rate difference or fee when your bank converts it is up to the card issuer "
            "and can't be compensated by us.</p>",
        ),
    },
    "可以开发票吗？": {
        "en": (
            "Can I get an invoice?",
            "<p>Yes. Mainland orders get an <b>electronic general invoice</b> (fapiao) by "
            "default, as legally valid as a paper one. Fill in a personal or company title in "
            "the Invoice section at checkout; it is issued 1–3 working days after you confirm "
            "receipt.</p>",
        ),
    },
    "电子发票在哪里下载？": {
        "en": (
            "Where can I download my e-invoice?",
            "<p>Once issued, download the PDF under Orders > Order details > View invoice; if "
            "you gave an email address when ordering, the invoice is emailed to you too.</p>",
        ),
    },
    "Can I request an invoice after the order is completed?": {
        "zh-Hans": (
            "订单完成后还能申请开发票吗？",
            "<p>可以。签收后 90 天内，打开订单点击“申请发票”，填写个人或单位抬头，电子发票会在 "
            "1–3 个工作日内开具。</p>",
        ),
    },
    "发票抬头开错了能改吗？": {
        "en": (
            "The invoice title is wrong. Can it be changed?",
            "<p>Before the invoice is issued, change it in the order details. An issued invoice "
            "can be reissued once within 30 days: tap “Request reissue” under View invoice; the "
            "old invoice is voided and the new one issued within 1–3 working days.</p>",
        ),
    },
    "发票金额为什么和订单金额不一样？": {
        "en": (
            "Why is the invoice amount different from the order total?",
            "<p>Invoices show <b>what you actually paid</b>: coupon and points discounts aren't "
            "included, shipping is. After a partial return, the invoice is reissued for the "
            "amount after the return.</p>",
        ),
    },
    "Can I get a paper invoice?": {
        "zh-Hans": (
            "可以开纸质发票吗？",
            "<p>普通发票只开具电子发票，与纸质发票具有同等法律效力，您可以自行打印 PDF。"
            "只有增值税专用发票提供纸质版，并由顺丰寄出。</p>",
        ),
    },
    "发票内容可以开商品类别，不开明细吗？": {
        "en": (
            "Can the invoice show a product category instead of the item details?",
            "<p>Invoices list the <b>items</b> by default; you can also choose a category that "
            "matches what you bought (such as “household goods” or “clothing”). Tax rules don't "
            "allow content that doesn't match the goods, such as “office supplies”.</p>",
        ),
    },
    "可以开增值税专用发票吗？": {
        "en": (
            "Can you issue a VAT special invoice?",
            "<p>Yes. Business customers tap “Request invoice” in the order details, choose “VAT "
            "special invoice” and enter the company's details; once approved it is issued within "
            "7 working days and mailed free by SF Express.</p>",
        ),
    },
    "开专票需要提供哪些资料？": {
        "en": (
            "What details do I need to provide for a VAT special invoice?",
            "<p>You need:</p><ul><li>The company name and taxpayer ID</li><li>The registered "
            "address and phone number</li><li>The bank and account number</li></ul><p>The first "
            "request also needs a photo of the business licence; checking the details usually "
            "takes 1–2 working days.</p>",
        ),
    },
    "How long does it take to receive a VAT special invoice?": {
        "zh-Hans": (
            "增值税专用发票多久能收到？",
            "<p>开票资料审核通过后，专票在 7 个工作日内开具，并由顺丰免费寄出。"
            "快递单号会显示在订单的发票信息中。</p>",
        ),
    },
    "Can I get a receipt for my company in Hong Kong?": {
        "zh-Hans": (
            "香港订单可以开公司收据吗？",
            "<p>香港订单不开具内地发票。每个香港订单在“我的订单 > 订单详情”中都有电子收据，"
            "下载前可填写公司名称和地址。</p>",
        ),
        "zh-Hant": (
            "香港訂單可唔可以開公司收據？",
            "<p>香港訂單不設內地發票。每張香港訂單在「我的訂單 > 訂單詳情」中都有電子收據，"
            "下載前可以填上公司名稱和地址。</p>",
        ),
    },
    "公司采购可以对公转账吗？": {
        "en": (
            "Can my company pay by corporate bank transfer?",
            "<p>Business purchases of CNY 5,000 or more per order can be paid by corporate bank "
            "transfer, with a volume quote. Email b2b@lumen.example with your company name, the "
            "products and quantities, and our business sales team will contact you within 1 "
            "working day.</p>",
        ),
    },
    "个人下单可以开公司抬头的发票吗？": {
        "en": (
            "Can I get an invoice in my company's name for a personal order?",
            "<p>Yes. For a general invoice choose a “Company” title and enter the company name "
            "and taxpayer ID; it can be used for expense claims. A VAT special invoice needs the "
            "company's full invoicing details.</p>",
        ),
    },
    "Can I get an invoice for a company outside China?": {
        "zh-Hans": (
            "海外公司可以开发票吗？",
            "<p>新加坡和马来西亚订单提供英文商业发票，显示您的公司名称和税号，可在订单详情中下载。"
            "内地发票只能开给中国纳税人。</p>",
        ),
    },
    "怎么注册会员？": {
        "en": (
            "How do I sign up as a member?",
            '<p>Tap “Register” in the app or on the <a href="https://lumen.example">website</a>, '
            "enter your phone number and the SMS code, and set a password; it's free. You become "
            "a regular member at once and can claim the new-member coupon pack.</p>",
        ),
    },
    "Can I register with an email address instead of a phone number?": {
        "zh-Hans": (
            "可以用邮箱代替手机号注册吗？",
            "<p>内地（+86）、香港（+852）、澳门（+853）和台湾（+886）的手机号都可以注册。"
            "其他地区的用户请选择“邮箱注册”，并用我们发送的验证码确认邮箱。</p>",
        ),
    },
    "提示手机号已被注册怎么办？": {
        "en": (
            "It says my phone number is already registered. What now?",
            "<p>Each phone number can register one account. If you're told the number is "
            "already registered, log in with an SMS code or reset the password with “Forgot "
            "password”. If you didn't create that account, please contact our online chat.</p>",
        ),
    },
    "可以用微信或支付宝登录吗？": {
        "en": (
            "Can I log in with WeChat or Alipay?",
            "<p>Yes. The login page offers WeChat, Alipay and Apple ID; the first time, you link "
            "a phone number. Manage or unlink these accounts under Settings > Account "
            "security.</p>",
        ),
    },
    "忘记密码怎么办？": {
        "en": (
            "I forgot my password. What should I do?",
            "<p>Tap “Forgot password” on the login page, enter your registered phone number or "
            "email and the verification code, then set a new password of 8–20 characters with "
            "both letters and digits.</p>",
        ),
    },
    "I'm not receiving the SMS verification code.": {
        "zh-Hans": (
            "收不到短信验证码",
            "<p>请等待 60 秒后点击“重新发送”，确认国家区号（+86、+852 等）正确，"
            "并检查手机是否拦截了陌生号码的短信。"
            "每天最多可获取 5 次验证码，也可以选择“语音验证码”通过电话接收。</p>",
        ),
    },
    "账号被锁定了怎么办？": {
        "en": (
            "My account is locked. What can I do?",
            "<p>After 5 wrong passwords in a row the account is locked for 30 minutes and then "
            "unlocks itself; or reset the password with “Forgot password” and log in at once. If "
            "you're told the account is frozen for security reasons, contact our online chat to "
            "verify your identity.</p>",
        ),
    },
    "怎么更换绑定的手机号？": {
        "en": (
            "How do I change the phone number linked to my account?",
            "<p>Go to Me > Settings > Account security > Change phone number, verify your "
            "current number, then enter the new number and its code. The new number must not "
            "already belong to another account.</p>",
        ),
    },
    "My old phone number is no longer in use. How can I change it?": {
        "zh-Hans": (
            "原来的手机号已经停用，怎么更换？",
            "<p>在更换手机号页面选择“原手机号不可用”，提交申诉并填写最近一笔订单的信息和新手机号。"
            "我们会在 1–3 个工作日内核实，并通过短信发送到新手机号确认。</p>",
        ),
    },
    "怎么注销账号？": {
        "en": (
            "How do I delete my account?",
            "<p>Submit a request under Me > Settings > Account security > Delete account. All "
            "orders and after-sales cases must be finished first. There's a 15-day cooling-off "
            "period: logging in during it cancels the request; after 15 days the account and its "
            "data are permanently deleted and can't be recovered.</p>",
        ),
    },
    "What happens to my points, coupons and gift card balance if I delete my account?": {
        "zh-Hans": (
            "注销账号后积分、优惠券和礼品卡余额怎么办？",
            "<p>15 天冷静期结束、注销生效后，积分、优惠券和礼品卡余额都会作废，不能转让或兑现。"
            "请在提交注销申请前用完。</p>",
        ),
    },
    "你们会泄露我的个人信息吗？": {
        "en": (
            "Will you share or leak my personal information?",
            "<p>We only use your information as far as needed to fulfil your orders (for "
            "example, giving the courier your delivery details), and we never sell your personal "
            'data. See the <a href="https://lumen.example/privacy">privacy policy</a> for the '
            "details.</p>",
        ),
    },
    "How do I stop marketing SMS and emails?": {
        "zh-Hans": (
            "怎么退订营销短信和邮件？",
            "<p>进入“我的 > 设置 > 消息通知”关闭营销消息，或回复任意促销短信“TD”，"
            "或点击邮件中的退订链接。"
            "订单和物流通知仍会照常发送。</p>",
        ),
    },
    "可以导出我的个人数据吗？": {
        "en": (
            "Can I export my personal data?",
            "<p>Yes. Submit a request under Me > Settings > Privacy > Download my data; we "
            "prepare it within 7 working days and send a download link to your phone or email, "
            "valid for 7 days.</p>",
        ),
    },
    "Is it safe to save my card details?": {
        "zh-Hans": (
            "保存银行卡信息安全吗？",
            "<p>我们不会保存您的完整卡号：卡片信息由通过 PCI DSS 认证的支付服务商保管，Lumen "
            "只能看到卡号后四位。"
            "您可以随时在“我的 > 支付方式”中删除已保存的卡片。</p>",
        ),
    },
    "接到自称 Lumen 客服的电话说要给我退款，是真的吗？": {
        "en": (
            "Someone called claiming to be Lumen customer service and offered me a refund. Is it "
            "real?",
            "<p>Please be careful! Lumen customer service <b>never</b> asks for verification "
            "codes, money transfers or clicking a link to get a refund or compensation: every "
            "refund goes back automatically to the way you paid. If in doubt, hang up and call "
            "our official hotline 400-000-0000.</p>",
        ),
    },
    "怎么修改昵称、头像和生日？": {
        "en": (
            "How do I change my nickname, profile picture or birthday?",
            "<p>Go to Me > Profile to change your nickname, picture and gender. The birthday can "
            "be changed once a year, and the member birthday gift follows the updated birthday "
            "month.</p>",
        ),
    },
    "优惠券在哪里领？": {
        "en": (
            "Where can I get coupons?",
            "<p>Claim coupons in the Coupon Centre on the home page, with the “Get coupon” "
            "button on product pages and on event pages; they're kept under Me > Coupons. Some "
            "coupons are limited each day, first come, first served.</p>",
        ),
    },
    "优惠券为什么用不了？": {
        "en": (
            "Why can't I use my coupon?",
            "<p>Common reasons:</p><ul><li>The order doesn't reach the coupon's minimum, or the "
            "coupon has expired</li><li>The product isn't eligible (flash-sale and special-price "
            "items usually aren't)</li><li>Mainland and Hong Kong coupons can't be used on the "
            "other site</li></ul><p>Checkout shows the exact reason.</p>",
        ),
    },
    "Can I use more than one coupon, or combine a coupon with other offers?": {
        "zh-Hans": (
            "可以同时用多张优惠券，或和其他优惠叠加吗？",
            "<p>每个订单可以使用一张优惠券，可与满减活动和积分抵扣同时使用，但不能与秒杀价叠加。"
            "</p>",
        ),
    },
    "Is my coupon returned if I return the order?": {
        "zh-Hans": (
            "退货后优惠券会退回吗？",
            "<p>整单取消或整单退货且优惠券仍在有效期内的，优惠券会退回账户。"
            "部分退货或优惠券已过期的不退回，优惠券也不能兑换现金。</p>",
        ),
    },
    "新用户有什么优惠？": {
        "en": (
            "What offers are there for new customers?",
            "<p>New members can claim a welcome coupon pack on signing up, including a <b>CNY "
            "20 off orders over CNY 99</b> coupon for the first order, valid for 7 days and only "
            "for the account's first order.</p>",
        ),
    },
    "优惠券过期了能补发吗？": {
        "en": (
            "My coupon expired. Can you reissue it?",
            "<p>Sorry, expired coupons can't be extended or reissued. Each coupon's validity is "
            "shown under Me > Coupons, and we send a reminder the day before it expires.</p>",
        ),
    },
    "Do you offer student discounts?": {
        "zh-Hans": (
            "学生有优惠吗？",
            "<p>目前没有学生专属优惠。新会员可领取首单优惠券（满 99 减 20 元），"
            "每次购物还可以累积会员积分。</p>",
        ),
    },
    "618 活动什么时候开始？": {
        "en": (
            "When does the 618 sale start?",
            "<p>The 618 sale runs <b>from 00:00 on 1 June to 24:00 on 18 June</b>, with coupons "
            "to claim from late May. The exact offers are announced on the event page.</p>",
        ),
    },
    "When is the Singles' Day (11.11) sale?": {
        "zh-Hans": (
            "双 11 活动什么时候？",
            "<p>双 11 活动从 10 月下旬的预售开始，届时支付定金；11 月 1 日至 11 日支付尾款，"
            "主会场在 11 月 11 日。"
            "具体日期和优惠以活动页公布为准。</p>",
        ),
    },
    "双 11 预售的定金能退吗？": {
        "en": (
            "Is the 11.11 pre-sale deposit refundable?",
            "<p>If you don't pay the balance, <b>the deposit isn't refunded</b>; if the order "
            "is cancelled because we're out of stock or ship late, it is refunded in full. Once "
            "the balance is paid, the 7-day no-reason return applies, and a return refunds both "
            "the deposit and the balance.</p>",
        ),
    },
    "秒杀商品怎么抢？有什么限制？": {
        "en": (
            "How do flash sales work, and what are the limits?",
            "<p>The event page shows when each flash sale starts; tap “Remind me” beforehand. "
            "Each account can buy 1 item and must pay within 5 minutes of ordering, or the stock "
            "is released. Flash-sale items can't be used with coupons and aren't covered by "
            "price protection.</p>",
        ),
    },
    "邀请好友有奖励吗？": {
        "en": (
            "Do I get a reward for inviting friends?",
            "<p>Yes. Share your invite link from Me > Invite friends: your friend gets the "
            "new-member coupon pack on signing up, and once they complete and confirm their "
            "first order you get 200 points, for up to 10 friends a month.</p>",
        ),
    },
    "积分怎么获得？": {
        "en": (
            "How do I earn points?",
            "<p>Every CNY 1 you pay earns 1 point (1.5× for Gold, 2× for Black members), "
            "credited when you confirm receipt. A review earns 10 extra points, a review with "
            "photos 20.</p>",
        ),
    },
    "积分怎么用？能抵多少钱？": {
        "en": (
            "How do I use points, and what are they worth?",
            "<p>Tick “Use points” at checkout: <b>100 points = CNY 1</b>, up to 20% of what you "
            "pay for the order. Points can also be exchanged for coupons and small gifts in the "
            "Points Mall.</p>",
        ),
    },
    "积分会过期吗？": {
        "en": (
            "Do points expire?",
            "<p>Yes. Points are valid until <b>31 December of the following year</b>: points "
            "earned in 2025 expire on 31 December 2026. See the points about to expire under Me "
            "> Points.</p>",
        ),
    },
    "What are the membership levels and their benefits?": {
        "zh-Hans": (
            "会员等级有哪些，有什么权益？",
            "<p>会员等级按近 12 个月的实付金额计算：</p><ul><li>银卡（1,000 元以上）：生日券</li>"
            "<li>金卡（3,000 元以上）：1.5 倍积分，每月 2 次免费退货取件</li>"
            "<li>黑卡（8,000 元以上）：2 倍积分，每月 4 次免费退货取件，专属客服热线</li></ul>",
        ),
    },
    "退货后积分怎么处理？": {
        "en": (
            "What happens to my points when I return an item?",
            "<p>Points earned on a returned item are taken back, and points you used at "
            "checkout are returned to your account (unless they have expired). If your balance "
            "can't cover the points taken back, the difference is deducted from the refund at "
            "100 points = CNY 1.</p>",
        ),
    },
    "Do members get a birthday gift?": {
        "zh-Hans": (
            "会员生日有礼物吗？",
            "<p>银卡、金卡、黑卡会员在生日当月 1 日会收到生日券（分别为 10 元、30 元、50 元，"
            "无门槛），当月有效。"
            "请确认已在“我的 > 个人资料”中填写生日。</p>",
        ),
    },
    "买了之后降价了，能退差价吗？": {
        "en": (
            "The price dropped after I bought it. Can I get the difference back?",
            "<p>Yes. If the same item in the same specification gets cheaper on Lumen <b>within "
            "7 days of payment</b>, request price protection under Order details, and the "
            "difference goes back to the way you paid. Flash sales, limited-time deals, points "
            "redemptions and differences caused by coupons aren't covered.</p>",
        ),
    },
    "Do you match prices from other websites?": {
        "zh-Hans": (
            "你们会跟其他网站比价吗？",
            "<p>我们不跟其他平台或商店的价格比价。价保只适用于付款后 7 天内 Lumen 自身的降价。</p>",
        ),
    },
    "我的订单到哪了？": {
        "en": (
            "Where is my order?",
            "<p>{order_status}</p><p>If tracking hasn't updated for more than 48 hours, tell me "
            "the order number and I'll ask the courier to chase it.</p>",
        ),
    },
    "付款后可以修改订单里的商品吗？": {
        "en": (
            "Can I change the items in my order after paying?",
            "<p>Items, options and quantities can't be changed after payment. If the order "
            "hasn't shipped, cancel it (full refund to the way you paid; unexpired coupons come "
            "back) and order again. The delivery address can be changed on its own.</p>",
        ),
    },
    "Can I merge two orders to get free shipping?": {
        "zh-Hans": (
            "两个订单可以合并包邮吗？",
            "<p>已付款的订单不能合并，已支付的运费也不退还。如两个订单都还没发货，"
            "可以都取消后重新下一个订单，满 99 元包邮。</p>",
        ),
    },
    "可以给订单加备注吗？": {
        "en": (
            "Can I add a note to my order?",
            "<p>Yes. Checkout has an “Order note” field for requests such as delivery to your "
            "door or packaging, up to 100 characters; we do our best but can't guarantee a "
            "delivery time. To change the address, use “Change address” rather than the "
            "note.</p>",
        ),
    },
    "下单时提示超出限购数量": {
        "en": (
            "It says I've exceeded the purchase limit",
            "<p>Popular and promotional items have a purchase limit, counted across the same "
            "account, phone number and delivery address; the limit is shown on the product page. "
            "For large quantities, contact business sales at b2b@lumen.example.</p>",
        ),
    },
    "Can I check out as a guest without an account?": {
        "zh-Hans": (
            "不注册账号可以下单吗？",
            "<p>下单需要账号，以便我们发送物流通知和处理售后。用手机号或邮箱注册大约只需一分钟。"
            "</p>",
        ),
    },
    "Can I send an order as a gift?": {
        "zh-Hans": (
            "可以把订单作为礼物寄出吗？",
            "<p>可以。结算时勾选“礼品订单”：装箱单上不显示价格，还可以附上 50 字以内的贺卡留言。"
            "礼品包装 10 元（香港站 HK$15）。</p>",
        ),
        "zh-Hant": (
            "可唔可以將訂單當禮物寄出？",
            "<p>可以。結帳時剔選「禮品訂單」：裝箱單上不會顯示價錢，亦可以附上 50 "
            "字以內的賀卡留言。"
            "禮品包裝人民幣 10 元（香港站 HK$15）。</p>",
        ),
    },
    "多久会自动确认收货？": {
        "en": (
            "When is receipt confirmed automatically?",
            "<p>Receipt is confirmed automatically <b>10 days</b> after shipping; if the parcel "
            "is still on its way, tap “Extend receipt” in the order details for 5 more days "
            "(once). Automatic confirmation doesn't affect 7-day returns or after-sales "
            "service.</p>",
        ),
    },
    "怎么给商品写评价？": {
        "en": (
            "How do I write a product review?",
            "<p>Within 90 days of confirming receipt, tap “Review” in Orders. A review earns 10 "
            "points, one with photos 20; you can add a follow-up once within 30 days of "
            "posting.</p>",
        ),
    },
    "怎么取消订单？": {
        "en": (
            "How do I cancel an order?",
            "<p>Unpaid orders can be cancelled directly; for a paid order that hasn't shipped, "
            "tap “Cancel order” in Orders and it is refunded at once to the way you paid. "
            "Shipped orders can't be cancelled: refuse the parcel, or accept it and request a "
            "return.</p>",
        ),
    },
    "My order has shipped. Can I still cancel it?": {
        "zh-Hans": (
            "订单已经发货了，还能取消吗？",
            "<p>已发货的订单无法取消。您可以在包裹送达时拒收，或签收后 7 天内申请退货。"
            "包裹退回仓库后 1–3 个工作日内退款；非质量问题拒收的，扣除 12 元退货运费。</p>",
        ),
    },
    "为什么我的订单被自动取消了？": {
        "en": (
            "Why was my order cancelled automatically?",
            "<p>Common reasons:</p><ul><li>It wasn't paid within 30 minutes of "
            "ordering</li><li>The address can't be delivered to, or the order was flagged as a "
            "security risk</li><li>The item was oversold</li></ul><p>When a paid order is "
            "cancelled we tell you by SMS and refund the full amount to the way you paid.</p>",
        ),
    },
    "商品缺货什么时候补货？": {
        "en": (
            "When will an out-of-stock item be back?",
            "<p>Restocking depends on supply and usually takes 1–2 weeks. Tap “Notify me” on "
            "the product page and we'll tell you by SMS and in the app as soon as it's back.</p>",
        ),
    },
    "I paid, but then was told the item is out of stock.": {
        "zh-Hans": (
            "付款后才被告知商品缺货",
            "<p>非常抱歉！最后几件商品同时售出时偶尔会出现这种情况。我们会在 24 小时内通知您，"
            "全额原路退款，"
            "并赠送一张 10 元无门槛优惠券表示歉意。</p>",
        ),
    },
    "预售商品什么时候发货？": {
        "en": (
            "When do pre-order items ship?",
            "<p>Pre-order items ship by the date on the product page, such as “ships by 15 "
            "July”. We'll tell you by SMS if it's delayed; if the delay is over 7 days, you can "
            "cancel for a full refund.</p>",
        ),
    },
    "Can I cancel a pre-order?": {
        "zh-Hans": (
            "预售订单可以取消吗？",
            "<p>全款预售的订单在发货前可随时取消并全额退款。双 11 等定金预售，"
            "未支付尾款的定金不退，"
            "除非因我们延迟或取消订单。</p>",
        ),
    },
    "预售和现货一起买会一起发货吗？": {
        "en": (
            "If I order pre-order and in-stock items together, do they ship together?",
            "<p>No waiting: the in-stock items in the order ship first, and the pre-order items "
            "ship separately when they arrive, at no extra shipping cost.</p>",
        ),
    },
    "这个多少钱？": {
        "en": (
            "How much is this?",
            "<p>Tell me the product name or send me its link, and I'll check the current price "
            "and any offers.</p>",
        ),
    },
    "Can you recommend something?": {
        "zh-Hans": (
            "可以推荐点什么吗？",
            "<p>很乐意帮忙！告诉我是买给谁、预算多少、想要什么类型（家居用品、小家电或服装），"
            "我来为您推荐几款。</p>",
        ),
    },
    "电器保修多久？": {
        "en": (
            "How long is the warranty on electrical items?",
            "<p>Small appliances and digital accessories have a <b>1-year warranty</b>, "
            "Lumen-brand lamps 2 years, and household goods a 90-day quality guarantee, all from "
            "the day of delivery. Accidental damage, water damage and unauthorised opening "
            "aren't covered.</p>",
        ),
    },
    "How do I make a warranty claim?": {
        "zh-Hans": (
            "怎么申请保修？",
            "<p>进入“我的订单 > 售后”，选择“保修维修”，描述问题并上传照片或视频。"
            "审核通过后我们安排顺丰免费上门取件；"
            "维修需要 7–10 个工作日，保修期内往返运费全免。</p>",
        ),
    },
    "保修需要发票吗？": {
        "en": (
            "Do I need an invoice for warranty repairs?",
            "<p>No. For items bought from Lumen, the order record is the proof of purchase: a "
            "lost warranty card or invoice doesn't affect the warranty.</p>",
        ),
    },
    "在香港买的电器能在内地保修吗？": {
        "en": (
            "Can an appliance bought in Hong Kong be repaired under warranty in the mainland?",
            "<p>Lumen-brand products are covered in both the mainland and Hong Kong: submit an "
            "after-sales request on either site. Third-party brands follow the brand's warranty "
            "policy; see “Warranty” on the product page.</p>",
        ),
        "zh-Hant": (
            "喺香港買嘅電器可唔可以喺內地保養？",
            "<p>Lumen 自家品牌商品在內地和香港均可保養，在任何一個網站「申請售後」提交即可。"
            "第三方品牌商品按品牌的保養政策處理，詳見商品頁的「保養說明」。</p>",
        ),
    },
    "Do you offer an extended warranty?": {
        "zh-Hans": (
            "可以购买延长保修吗？",
            "<p>可以。Lumen Care+ 为 299 元及以上的电器增加 1 年保修，价格 49 元。"
            "可在结算时加购，或在签收后 30 天内从订单详情页购买。</p>",
        ),
    },
    "衣服尺码怎么选？": {
        "en": (
            "How do I choose a clothing size?",
            "<p>Every garment's page has a size chart with measured chest, length, shoulder "
            "width and so on (in centimetres). Lay a garment that fits you flat, measure it and "
            "compare; if you're between two sizes, we suggest the larger one.</p>",
        ),
    },
    "Do you use Asian or European sizing?": {
        "zh-Hans": (
            "你们的尺码是亚洲码还是欧码？",
            "<p>我们的服装使用中国（亚洲）尺码，通常比欧美尺码小一码左右。"
            "每个尺码表都标注了以厘米为单位的测量数据，"
            "建议和自己的衣服对照，而不是只看尺码标签。</p>",
        ),
    },
    "1.5 米的床应该选多大的被套？": {
        "en": (
            "What size duvet cover fits a 1.5 m bed?",
            "<p>A <b>1.5 m bed</b> usually takes a 200×230 cm duvet cover, a <b>1.8 m bed</b> a "
            "220×240 cm one. Choose fitted sheets by the mattress's length, width and depth; the "
            "product page lists the mattress depth each one fits.</p>",
        ),
    },
    "你们卖的是正品吗？": {
        "en": (
            "Are your products genuine?",
            "<p>Everything Lumen sells is either our own brand or officially licensed, bought "
            "from the brand or authorised channels. If an authoritative body finds an item not "
            "genuine, we refund it in full and pay you three times its price on top.</p>",
        ),
    },
    "Will electrical items work in Hong Kong (plug and voltage)?": {
        "zh-Hans": (
            "电器在香港能用吗（插头和电压）？",
            "<p>香港站销售的电器配英式（G 型）插头，内地站的配国标插头。两地都是 220 V 电压，"
            "配合合适的转换插头即可在两地使用。</p>",
        ),
        "zh-Hant": (
            "電器喺香港用唔用得（插頭同電壓）？",
            "<p>香港站出售的電器配英式（G 型）插頭，內地站的配國標插頭。兩地都是 220 V 電壓，"
            "配合合適的轉換插頭即可在兩地使用。</p>",
        ),
    },
    "羊毛衫怎么洗？": {
        "en": (
            "How should I wash a wool sweater?",
            "<p>Hand-wash in cold water below 30 °C with a neutral or wool detergent, press "
            "gently without wringing, and dry flat in the shade; don't tumble-dry or dry in "
            "strong sun. Remove pilling with a fabric shaver. Follow the care label.</p>",
        ),
    },
    "How should I wash the linen bedding?": {
        "zh-Hans": (
            "亚麻床品应该怎么洗？",
            "<p>可用 40°C 轻柔程序机洗，使用温和洗涤剂，晾干或低温烘干。亚麻首次洗涤可能缩水约 "
            "3%，越洗越柔软；请勿使用漂白剂。</p>",
        ),
    },
    "纯棉 T 恤洗后会缩水吗？": {
        "en": (
            "Does the cotton T-shirt shrink in the wash?",
            "<p>Lumen cotton T-shirts are pre-shrunk: normal washing shrinks them by less than "
            "3%. Wash in cold water, dry inside out, and avoid hot tumble-drying.</p>",
        ),
    },
    "香薰蜡烛怎么使用比较安全？": {
        "en": (
            "How do I use a scented candle safely?",
            "<p>The first time, burn it for 2–3 hours so the whole surface melts, which stops a "
            "deep hole forming in the middle; burn it no more than 4 hours at a time and trim "
            "the wick to about 5 mm before lighting. Keep it away from curtains and anything "
            "flammable, and always put it out before leaving the room.</p>",
        ),
    },
    "How do I descale the electric kettle?": {
        "zh-Hans": (
            "电热水壶怎么除水垢？",
            "<p>水壶加水至一半，加入一汤匙柠檬酸或 100 毫升白醋，煮沸后静置 30 分钟。"
            "倒掉后冲洗干净，再用清水煮一次。"
            "硬水地区建议每月除垢一次。</p>",
        ),
    },
    "智能台灯怎么连接 App？": {
        "en": (
            "How do I connect the smart lamp to the app?",
            "<p>Download the Lumen Home app and log in, hold the lamp's switch for 5 seconds "
            "until the light flashes quickly, then tap “Add device” in the app and follow the "
            "steps. The lamp only works with <b>2.4 GHz Wi-Fi</b>, not 5 GHz networks.</p>",
        ),
    },
    "How do I reset the smart plug?": {
        "zh-Hans": (
            "智能插座怎么重置？",
            "<p>长按插座按键 10 秒直到指示灯快闪，然后在 Lumen Home App 中重新添加。"
            "和我们的其他智能设备一样，它只支持 2.4 GHz Wi-Fi。</p>",
        ),
    },
    "哪里可以找到电子说明书？": {
        "en": (
            "Where can I find a digital user manual?",
            "<p>Every product's manual can be searched by name or model and downloaded from the "
            '<a href="https://lumen.example/manuals">manual centre</a>, or found at the bottom '
            "of the product page.</p>",
        ),
    },
    "商品和图片有色差吗？": {
        "en": (
            "Does the product look different in colour from the photos?",
            "<p>Product photos show the real item, but screens and lighting can make colours "
            "look slightly different. If the colour clearly doesn't match the description, or "
            "you're not happy with it, you can return it within 7 days of delivery for any "
            "reason.</p>",
        ),
    },
    "客服工作时间和电话是多少？": {
        "en": (
            "What are customer service hours and the phone number?",
            "<p>Online chat is open 9:00–22:00 every day; the hotline 400-000-0000 from 9:00 to "
            "21:00, and Hong Kong customers can call +852 0000-0000. You can also email "
            "service@lumen.example and we'll reply within 1 working day.</p>",
        ),
        "zh-Hant": (
            "客服幾點開工？電話幾多號？",
            "<p>網上客服每日 9:00–22:00；客服熱線 400-000-0000（每日 9:00–21:00），香港客戶可致電 "
            "+852 0000-0000。"
            "亦可以電郵至 service@lumen.example，我們會在 1 個工作天內回覆。</p>",
        ),
    },
    "转人工客服": {
        "en": (
            "Talk to a person",
            "<p>Sure, I'm connecting you with a person, please wait a moment. Our agents work "
            "9:00–22:00 every day; outside those hours, leave a message and we'll reply first "
            "thing.</p>",
        ),
    },
    "你们有实体店吗？": {
        "en": (
            "Do you have physical stores?",
            "<p>Lumen sells online only and has no physical stores. Shop in the app, the WeChat "
            'mini program or on the <a href="https://lumen.example">website</a>; prices and '
            "after-sales policies are the same everywhere.</p>",
        ),
    },
    "How can I make a complaint or give feedback?": {
        "zh-Hans": (
            "怎么投诉或提意见？",
            "<p>请在 App 中进入“我的 > 意见反馈”，或发邮件至 feedback@lumen.example 并注明订单号。"
            "主管会在 2 个工作日内回复。</p>",
        ),
    },
    "Which languages does customer service speak?": {
        "zh-Hans": (
            "客服会说哪些语言？",
            "<p>我们的客服会说普通话、粤语和英语，在线客服和热线都可以。用您习惯的语言留言即可。"
            "</p>",
        ),
        "zh-Hant": (
            "客服識講咩語言？",
            "<p>我們的客服會講普通話、廣東話和英文，網上客服和熱線都可以。"
            "用您習慣的語言留言就可以了。</p>",
        ),
    },
}


def variants_of(item: Any) -> dict[str, tuple[str, str]]:
    """language → (question, answer) for a ``DemoEntry``: its own language's answer (the
    standard question needs no copy) and its translations."""
    variants: dict[str, tuple[str, str]] = {}
    if item["answer"]:
        variants[item["language"]] = ("", item["answer"])
    variants.update(TRANSLATIONS.get(item["question"], {}))
    return variants
