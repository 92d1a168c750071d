"""Everything the bot says in its own words, in Simplified Chinese, Traditional Chinese and
English. Knowledge-base answers are the editors' (``knowledge.variants``); these are the rest:
"did you mean", handoff notices, order and price answers, verification, suggestions.

``text(key, language, **values)`` picks one. The language is one of ``knowledge.languages``'s
codes; older values ("zh", "zh-hans", "en-US") are understood, anything else gets Simplified.
Kept free of Django and model imports: ``profiles`` formats its answers with it too.
"""

from __future__ import annotations

from knowledge.languages import DEFAULT_LANGUAGE, EN, ZH_HANS, ZH_HANT, normalize_code

TEXTS: dict[str, dict[str, str]] = {
    # --- the conversation --------------------------------------------------------------------
    "unsure": {
        ZH_HANS: "抱歉，我不太确定您的意思。您是想问：",
        ZH_HANT: "抱歉，我不太確定您的意思。您是想問：",
        EN: "Sorry, I'm not sure I understood. Did you mean:",
    },
    # Said before handing off because the knowledge base has no answer: the customer should
    # know why a person takes over.
    "cannot_answer": {
        ZH_HANS: "抱歉，这个问题我暂时回答不了，我请人工客服来帮您。",
        ZH_HANT: "抱歉，這個問題我暫時答不到，我請真人客服來幫您。",
        EN: "Sorry, I can't answer that one myself, so I'm asking a colleague to help you.",
    },
    "handoff": {
        ZH_HANS: "正在为您转接人工客服，请稍候。",
        ZH_HANT: "正在為您轉接真人客服，請稍候。",
        EN: "Let me connect you with a person. Please wait a moment.",
    },
    "assigned": {
        ZH_HANS: "客服 {name} 为您服务。",
        ZH_HANT: "客服 {name} 為您服務。",
        EN: "{name} is here to help you.",
    },
    "closed": {
        ZH_HANS: "会话已结束，欢迎为本次服务评分。",
        ZH_HANT: "對話已結束，歡迎為今次服務評分。",
        EN: "The conversation has ended. Please rate us.",
    },
    "sorry": {
        ZH_HANS: "非常抱歉给您带来不好的体验。需要我马上为您转接人工客服吗？",
        ZH_HANT: "非常抱歉為您帶來不好的體驗。需要我馬上為您轉接真人客服嗎？",
        EN: "I'm very sorry about this. Shall I connect you with a person right away?",
    },
    # Before an answer to an upset customer; the "talk to a person" button comes with it.
    "apology": {
        ZH_HANS: "非常抱歉给您带来不好的体验。如需人工客服，请点下方按钮。",
        ZH_HANT: "非常抱歉為您帶來不好的體驗。如需真人客服，請按下方按鈕。",
        EN: "I'm very sorry about this. Tap the button below to talk to a person.",
    },
    "transferred": {
        ZH_HANS: "已为您转接给 {name}。",
        ZH_HANT: "已為您轉接給 {name}。",
        EN: "You have been transferred to {name}.",
    },
    # The agent who had the conversation missed the first-reply SLA (routing.services.sla).
    "sla_requeued": {
        ZH_HANS: "抱歉让您久等了，正在为您转接其他客服，请稍候。",
        ZH_HANT: "抱歉要您久等了，正在為您轉接其他客服，請稍候。",
        EN: "Sorry for the wait. We are finding another colleague for you; please hold on.",
    },
    "sla_kept": {
        ZH_HANS: "抱歉让您久等了，客服 {name} 会尽快回复您。",
        ZH_HANT: "抱歉要您久等了，客服 {name} 會盡快回覆您。",
        EN: "Sorry for the wait. {name} will reply to you as soon as possible.",
    },
    "verified": {
        ZH_HANS: "验证成功，现在可以为您查询订单了。",
        ZH_HANT: "驗證成功，現在可以為您查詢訂單了。",
        EN: "Thanks, you are verified. I can look up your orders now.",
    },
    # --- orders and products ------------------------------------------------------------------
    "identify": {
        ZH_HANS: (
            "为保护您的隐私，请先登录商城账号，或输入下单时留的手机号或邮箱，验证后再查询订单。"
        ),
        ZH_HANT: (
            "為保障您的私隱，請先登入商店帳戶，或輸入落單時留下的手機號碼或電郵，驗證後再查詢訂單。"
        ),
        EN: (
            "To protect your privacy, please sign in to your shop account, or verify the phone"
            " number or e-mail you ordered with, to look up orders."
        ),
    },
    "refused": {
        ZH_HANS: "抱歉，这个订单不属于您的账号，无法查询。",
        ZH_HANT: "抱歉，這張訂單不屬於您的帳戶，無法查詢。",
        EN: "Sorry, that order does not belong to your account.",
    },
    "no_order": {
        ZH_HANS: "没有找到您的订单。请确认订单号，或转人工客服为您查询。",
        ZH_HANT: "找不到您的訂單。請確認訂單號碼，或轉真人客服為您查詢。",
        EN: "I couldn't find that order. Please check the number, or ask for a person.",
    },
    "which_product": {
        ZH_HANS: "请问您想了解哪件商品的价格？可以告诉我商品名称。",
        ZH_HANT: "請問您想知道哪件商品的價錢？可以告訴我商品名稱。",
        EN: "Which product would you like the price of? Tell me its name.",
    },
    "order_head": {
        ZH_HANS: "订单 {number}：{status}。",
        ZH_HANT: "訂單 {number}：{status}。",
        EN: "Order {number}: {status}.",
    },
    "order_tracking": {
        ZH_HANS: " 物流单号：{tracking}。",
        ZH_HANT: " 物流單號：{tracking}。",
        EN: " Tracking: {tracking}.",
    },
    "price_line": {
        ZH_HANS: "{name}：{price}，{stock}。",
        ZH_HANT: "{name}：{price}，{stock}。",
        EN: "{name}: {price}, {stock}.",
    },
    "in_stock": {ZH_HANS: "库存 {count} 件", ZH_HANT: "存貨 {count} 件", EN: "{count} in stock"},
    "out_of_stock": {ZH_HANS: "暂时缺货", ZH_HANT: "暫時缺貨", EN: "currently out of stock"},
    "suggestions_head": {ZH_HANS: "为您推荐：", ZH_HANT: "為您推薦：", EN: "You might like:"},
    "proactive_looked": {
        ZH_HANS: "上次您看了「{anchor}」，搭配「{names}」很合适。",
        ZH_HANT: "上次您看了「{anchor}」，配搭「{names}」很合適。",
        EN: "Last time you looked at {anchor}; {names} goes well with it.",
    },
    "proactive_bought": {
        ZH_HANS: "上次您买了「{anchor}」，搭配「{names}」很合适。",
        ZH_HANT: "上次您買了「{anchor}」，配搭「{names}」很合適。",
        EN: "Last time you bought {anchor}; {names} goes well with it.",
    },
    "list_separator": {ZH_HANS: "、", ZH_HANT: "、", EN: ", "},
    # --- attachments ----------------------------------------------------------------------------
    # An image with no words: never answered from the knowledge base (it would guess at an
    # empty question); a person looks at it when the conversation says why it was sent.
    "image_received": {
        ZH_HANS: "已收到图片，谢谢。请简单描述一下您遇到的问题。",
        ZH_HANT: "已收到圖片，謝謝。請簡單描述一下您遇到的問題。",
        EN: "Thanks, I've received your picture. Please tell me briefly what the problem is.",
    },
    "file_received": {
        ZH_HANS: "已收到文件，谢谢。请简单描述一下您遇到的问题。",
        ZH_HANT: "已收到檔案，謝謝。請簡單描述一下您遇到的問題。",
        EN: "Thanks, I've received your file. Please tell me briefly what the problem is.",
    },
    "image_to_person": {
        ZH_HANS: "已收到图片，我马上请人工客服为您查看。",
        ZH_HANT: "已收到圖片，我馬上請真人客服為您查看。",
        EN: "Thanks, I've received your picture. I'm asking a colleague to look at it right away.",
    },
    "file_to_person": {
        ZH_HANS: "已收到文件，我马上请人工客服为您查看。",
        ZH_HANT: "已收到檔案，我馬上請真人客服為您查看。",
        EN: "Thanks, I've received your file. I'm asking a colleague to look at it right away.",
    },
    "attachment_link": {
        ZH_HANS: "附件：{name} {url}",
        ZH_HANT: "附件：{name} {url}",
        EN: "Attachment: {name} {url}",
    },
    "upload_too_large": {
        ZH_HANS: "文件太大了，最大 {limit} MB。",
        ZH_HANT: "檔案太大了，最大 {limit} MB。",
        EN: "The file is too large; the limit is {limit} MB.",
    },
    "upload_unsupported": {
        ZH_HANS: "不支持这种文件。可以发送 JPEG、PNG、WebP、GIF、HEIC 图片，PDF 或 MP4 视频。",
        ZH_HANT: "不支援這種檔案。可以傳送 JPEG、PNG、WebP、GIF、HEIC 圖片，PDF 或 MP4 影片。",
        EN: (
            "This kind of file is not accepted. Send a JPEG, PNG, WebP, GIF or HEIC picture,"
            " a PDF or an MP4 video."
        ),
    },
    "upload_bad_request": {
        ZH_HANS: "没有收到文件，请重新选择后再试。",
        ZH_HANT: "沒有收到檔案，請重新選擇後再試。",
        EN: "No file arrived; please choose it again.",
    },
    "upload_forbidden": {
        ZH_HANS: "无法在这里上传文件，请刷新页面后再试。",
        ZH_HANT: "無法在這裡上傳檔案，請重新整理頁面後再試。",
        EN: "You can't upload a file here; please reload the page and try again.",
    },
    "upload_rate_limited": {
        ZH_HANS: "上传太频繁了，请稍后再试。",
        ZH_HANT: "上傳太頻繁了，請稍後再試。",
        EN: "Too many uploads; please try again later.",
    },
    "link_expired": {
        ZH_HANS: "链接已过期，请回到对话中重新打开。",
        ZH_HANT: "連結已過期，請回到對話中重新開啟。",
        EN: "This link has expired; open it again from the conversation.",
    },
    "link_forbidden": {
        ZH_HANS: "您无权查看这个文件。",
        ZH_HANT: "您無權查看這個檔案。",
        EN: "You may not see this file.",
    },
    # Cards as text, for SMS and voice (gateway.formatting).
    "card_product": {
        ZH_HANS: "{name}：{currency} {price}，{stock}",
        ZH_HANT: "{name}：{currency} {price}，{stock}",
        EN: "{name}: {currency} {price}, {stock}",
    },
    "card_order": {
        ZH_HANS: "订单 {number}：{status}",
        ZH_HANT: "訂單 {number}：{status}",
        EN: "Order {number}: {status}",
    },
}

# Order statuses (profiles.models.OrderStatus values) as the customer reads them.
ORDER_STATUS: dict[str, dict[str, str]] = {
    ZH_HANS: {
        "pending": "待付款",
        "paid": "已付款",
        "shipped": "已发货",
        "delivered": "已签收",
        "cancelled": "已取消",
        "returned": "已退货",
    },
    ZH_HANT: {
        "pending": "待付款",
        "paid": "已付款",
        "shipped": "已發貨",
        "delivered": "已簽收",
        "cancelled": "已取消",
        "returned": "已退貨",
    },
    EN: {
        "pending": "Pending payment",
        "paid": "Paid",
        "shipped": "Shipped",
        "delivered": "Delivered",
        "cancelled": "Cancelled",
        "returned": "Returned",
    },
}


def language_of(language: str | None) -> str:
    """One of the three codes for whatever a caller holds (``""`` gets the default)."""
    return normalize_code(language) or DEFAULT_LANGUAGE


def text(key: str, language: str | None, **values: object) -> str:
    return TEXTS[key][language_of(language)].format(**values)


def order_status(status: str, language: str | None) -> str:
    return ORDER_STATUS[language_of(language)].get(status, status)
