/*
 * The widget's texts in Simplified Chinese, Traditional Chinese and English, the language
 * in use, and the formatting that follows it (times, prices).
 */

export const STRINGS = {
  en: {
    openChat: "Open chat",
    closeChat: "Close chat",
    title: "Customer service",
    messages: "Conversation",
    connecting: "Connecting…",
    connectionLost: "Connection lost.",
    cannotConnect: "Cannot reach the chat right now.",
    retryIn: "Retrying in {s} s…",
    retryNow: "Retry now",
    unavailable: "Chat is not available on this website.",
    inputLabel: "Your message",
    placeholder: "Type your question…",
    send: "Send",
    handoff: "Talk to a person",
    endChat: "End conversation",
    statusBot: "You are chatting with our virtual assistant.",
    statusWaiting: "Waiting for an agent: you are number {n} in the queue.",
    expectedWait: "Expected wait: about {m} min.",
    statusAssigned: "You are chatting with {name}.",
    statusAssignedNoName: "You are chatting with an agent.",
    statusClosed: "This conversation has ended. Write again any time to start a new one.",
    typing: "{name} is typing…",
    anAgent: "The agent",
    read: "Read",
    sending: "Sending…",
    you: "You",
    bot: "Assistant",
    agent: "Agent",
    system: "Notice",
    didYouMean: "Did you mean:",
    helpful: "Was this helpful?",
    thumbUp: "Helpful",
    thumbDown: "Not helpful",
    csatTitle: "How would you rate this conversation?",
    star: "{n} out of 5 stars",
    comment: "Comment (optional)",
    submitRating: "Send rating",
    csatThanks: "Thank you for your rating!",
    previous: "Previous conversation",
    unread: "{n} unread",
    verifyTitle: "Verify with your phone or e-mail",
    verifyAddress: "Mobile number or e-mail",
    verifyAddressHint: "e.g. 13800138000",
    sendCode: "Send code",
    codeSent: "Code sent to {to}.",
    codeValid: "It is valid for {m} min.",
    codeLabel: "6-digit code",
    verify: "Verify",
    newCode: "Send a new code",
    verified: "Verified",
    verifiedAs: "Verified: {name}",
    enterAddress: "Enter your mobile number or e-mail address.",
    enterCode: "Enter the 6-digit code.",
    wrongCodeLeft: "That code is not right. {n} attempts left.",
    proactive: "Suggestions for you",
    proactiveOptOut: "Don't show suggestions",
    proactiveOff: "OK, no more suggestions.",
    products: "Products",
    language: "Language",
    newMessage: "New message",
    newMessages: "{n} new messages",
    attach: "Attach files",
    takePhoto: "Take a photo",
    dropHere: "Drop files here to attach them",
    attachments: "Files to send",
    uploading: "Uploading {name}",
    uploaded: "Ready to send",
    waitingToUpload: "Waiting for the connection…",
    uploadFailed: "The upload failed. Please try again.",
    retryUpload: "Retry",
    removeFile: "Remove {name}",
    cancelUpload: "Cancel upload of {name}",
    tooManyFiles: "You can send up to {n} files in one message.",
    waitForUploads: "Please wait until the files have finished uploading.",
    download: "Download",
    openImage: "Open image {name}",
    askAbout: "Ask about this",
    askAboutText: "I have a question about {name}.",
    viewProduct: "View product",
    inStock: "In stock: {n}",
    outOfStock: "Out of stock",
    orderNumber: "Order {number}",
    orderTotal: "Total {total}",
    orderTimeline: "Order status history",
    productCard: "Product: {name}",
    orderCard: "Order {number}",
    errors: {
      rate_limited: "You are sending messages too quickly. Please wait a moment.",
      invalid_identity: "We could not verify your account; you are chatting as a guest.",
      conversation_closed: "This conversation has ended.",
      not_found: "That is no longer available.",
      forbidden: "That is not allowed.",
      invalid_field: "That could not be sent.",
      invalid_address: "Enter a valid mobile number or e-mail address.",
      too_many_codes: "Too many codes were requested. Please try again later.",
      wrong_code: "That code is not right.",
      code_expired: "This code has expired. Please ask for a new one.",
      no_verification_pending: "Please ask for a code first.",
      identification_required: "Please verify your phone or e-mail first.",
      temporarily_unavailable: "A temporary problem on our side. Trying again…",
      generic: "Something went wrong. Please try again.",
    },
  },
  zh: {
    openChat: "打开在线客服",
    closeChat: "关闭在线客服",
    title: "在线客服",
    messages: "会话消息",
    connecting: "正在连接…",
    connectionLost: "连接已断开。",
    cannotConnect: "暂时无法连接在线客服。",
    retryIn: "{s} 秒后重试…",
    retryNow: "立即重试",
    unavailable: "本网站暂不支持在线客服。",
    inputLabel: "您的消息",
    placeholder: "请输入您的问题…",
    send: "发送",
    handoff: "转人工客服",
    endChat: "结束会话",
    statusBot: "智能助手正在为您服务。",
    statusWaiting: "正在等待人工客服：您前面排在第 {n} 位。",
    expectedWait: "预计等待约 {m} 分钟。",
    statusAssigned: "客服 {name} 正在为您服务。",
    statusAssignedNoName: "人工客服正在为您服务。",
    statusClosed: "会话已结束。如需帮助，可随时再次发送消息。",
    typing: "{name} 正在输入…",
    anAgent: "客服",
    read: "已读",
    sending: "发送中…",
    you: "我",
    bot: "智能助手",
    agent: "客服",
    system: "提示",
    didYouMean: "您是不是想问：",
    helpful: "这个回答有帮助吗？",
    thumbUp: "有帮助",
    thumbDown: "没有帮助",
    csatTitle: "请为本次服务评分",
    star: "{n} 星（满分 5 星）",
    comment: "评价（选填）",
    submitRating: "提交评分",
    csatThanks: "感谢您的评价！",
    previous: "以往会话",
    unread: "{n} 条未读",
    verifyTitle: "通过手机号或邮箱验证身份",
    verifyAddress: "手机号或邮箱",
    verifyAddressHint: "如 13800138000",
    sendCode: "发送验证码",
    codeSent: "验证码已发送至 {to}。",
    codeValid: "{m} 分钟内有效。",
    codeLabel: "6 位验证码",
    verify: "验证",
    newCode: "重新获取验证码",
    verified: "验证成功",
    verifiedAs: "验证成功：{name}",
    enterAddress: "请输入手机号或邮箱。",
    enterCode: "请输入 6 位数字验证码。",
    wrongCodeLeft: "验证码不正确，还可以尝试 {n} 次。",
    proactive: "为您推荐",
    proactiveOptOut: "不再显示推荐",
    proactiveOff: "好的，以后不再为您推荐。",
    products: "商品",
    language: "语言",
    newMessage: "有新消息",
    newMessages: "{n} 条新消息",
    attach: "添加附件",
    takePhoto: "拍照",
    dropHere: "将文件拖到这里即可添加",
    attachments: "待发送的文件",
    uploading: "正在上传 {name}",
    uploaded: "可以发送",
    waitingToUpload: "正在等待连接…",
    uploadFailed: "上传失败，请重试。",
    retryUpload: "重试",
    removeFile: "移除 {name}",
    cancelUpload: "取消上传 {name}",
    tooManyFiles: "每条消息最多可发送 {n} 个文件。",
    waitForUploads: "请等待文件上传完成。",
    download: "下载",
    openImage: "查看图片 {name}",
    askAbout: "咨询此商品",
    askAboutText: "我想咨询一下「{name}」。",
    viewProduct: "查看商品",
    inStock: "库存：{n} 件",
    outOfStock: "暂时缺货",
    orderNumber: "订单 {number}",
    orderTotal: "合计 {total}",
    orderTimeline: "订单状态记录",
    productCard: "商品：{name}",
    orderCard: "订单 {number}",
    errors: {
      rate_limited: "您发送得太快了，请稍候再试。",
      invalid_identity: "无法验证您的账户身份，将以访客身份继续。",
      conversation_closed: "会话已结束。",
      not_found: "该内容已不存在。",
      forbidden: "无法执行该操作。",
      invalid_field: "内容无法发送。",
      invalid_address: "请输入正确的手机号或邮箱。",
      too_many_codes: "获取验证码次数过多，请稍后再试。",
      wrong_code: "验证码不正确。",
      code_expired: "验证码已失效，请重新获取。",
      no_verification_pending: "请先获取验证码。",
      identification_required: "请先验证手机号或邮箱。",
      temporarily_unavailable: "系统暂时出了点问题，正在重试…",
      generic: "出错了，请稍后再试。",
    },
  },
  zhHant: {
    openChat: "開啟線上客服",
    closeChat: "關閉線上客服",
    title: "線上客服",
    messages: "對話訊息",
    connecting: "正在連線…",
    connectionLost: "連線已中斷。",
    cannotConnect: "暫時無法連線到線上客服。",
    retryIn: "{s} 秒後重試…",
    retryNow: "立即重試",
    unavailable: "本網站暫不支援線上客服。",
    inputLabel: "您的訊息",
    placeholder: "請輸入您的問題…",
    send: "傳送",
    handoff: "轉真人客服",
    endChat: "結束對話",
    statusBot: "智慧助理正在為您服務。",
    statusWaiting: "正在等待真人客服：您排在第 {n} 位。",
    expectedWait: "預計等待約 {m} 分鐘。",
    statusAssigned: "客服 {name} 正在為您服務。",
    statusAssignedNoName: "真人客服正在為您服務。",
    statusClosed: "對話已結束。如需協助，可隨時再次傳送訊息。",
    typing: "{name} 正在輸入…",
    anAgent: "客服",
    read: "已讀",
    sending: "傳送中…",
    you: "我",
    bot: "智慧助理",
    agent: "客服",
    system: "提示",
    didYouMean: "您是不是想問：",
    helpful: "這個回答有幫助嗎？",
    thumbUp: "有幫助",
    thumbDown: "沒有幫助",
    csatTitle: "請為本次服務評分",
    star: "{n} 星（滿分 5 星）",
    comment: "評價（選填）",
    submitRating: "送出評分",
    csatThanks: "感謝您的評價！",
    previous: "先前的對話",
    unread: "{n} 則未讀",
    verifyTitle: "透過手機號碼或電子郵件驗證身分",
    verifyAddress: "手機號碼或電子郵件",
    verifyAddressHint: "如 0912345678",
    sendCode: "傳送驗證碼",
    codeSent: "驗證碼已傳送至 {to}。",
    codeValid: "{m} 分鐘內有效。",
    codeLabel: "6 位數驗證碼",
    verify: "驗證",
    newCode: "重新取得驗證碼",
    verified: "驗證成功",
    verifiedAs: "驗證成功：{name}",
    enterAddress: "請輸入手機號碼或電子郵件。",
    enterCode: "請輸入 6 位數字驗證碼。",
    wrongCodeLeft: "驗證碼不正確，還可以嘗試 {n} 次。",
    proactive: "為您推薦",
    proactiveOptOut: "不再顯示推薦",
    proactiveOff: "好的，之後不再為您推薦。",
    products: "商品",
    language: "語言",
    newMessage: "有新訊息",
    newMessages: "{n} 則新訊息",
    attach: "新增附件",
    takePhoto: "拍照",
    dropHere: "將檔案拖曳到這裡即可新增",
    attachments: "待傳送的檔案",
    uploading: "正在上傳 {name}",
    uploaded: "可以傳送",
    waitingToUpload: "正在等待連線…",
    uploadFailed: "上傳失敗，請再試一次。",
    retryUpload: "重試",
    removeFile: "移除 {name}",
    cancelUpload: "取消上傳 {name}",
    tooManyFiles: "每則訊息最多可傳送 {n} 個檔案。",
    waitForUploads: "請等待檔案上傳完成。",
    download: "下載",
    openImage: "查看圖片 {name}",
    askAbout: "詢問此商品",
    askAboutText: "我想詢問一下「{name}」。",
    viewProduct: "查看商品",
    inStock: "庫存：{n} 件",
    outOfStock: "暫時缺貨",
    orderNumber: "訂單 {number}",
    orderTotal: "合計 {total}",
    orderTimeline: "訂單狀態紀錄",
    productCard: "商品：{name}",
    orderCard: "訂單 {number}",
    errors: {
      rate_limited: "您傳送得太快了，請稍候再試。",
      invalid_identity: "無法驗證您的帳戶身分，將以訪客身分繼續。",
      conversation_closed: "對話已結束。",
      not_found: "該內容已不存在。",
      forbidden: "無法執行此操作。",
      invalid_field: "內容無法傳送。",
      invalid_address: "請輸入正確的手機號碼或電子郵件。",
      too_many_codes: "取得驗證碼次數過多，請稍後再試。",
      wrong_code: "驗證碼不正確。",
      code_expired: "驗證碼已失效，請重新取得。",
      no_verification_pending: "請先取得驗證碼。",
      identification_required: "請先驗證手機號碼或電子郵件。",
      temporarily_unavailable: "系統暫時出了點問題，正在重試…",
      generic: "發生錯誤，請稍後再試。",
    },
  },
};

// ---------------------------------------------------------------------------------------
// Language: the visitor's choice from the menu (kept beside the visitor token), else the
// page's data-lang, else the first of the browser's languages the widget speaks.
// ---------------------------------------------------------------------------------------
export const LANGUAGES = [
  // [key in STRINGS, tag for lang= and the menu, name in its own script, time/price locale]
  ["zh", "zh-Hans", "简体中文", "zh-CN"],
  ["zhHant", "zh-Hant", "繁體中文", "zh-TW"],
  ["en", "en", "English", "en"],
];
/** A BCP 47 tag to a STRINGS key, or null for a language the widget does not speak.
 * Traditional for zh-Hant, the regions that write it (Taiwan, Hong Kong, Macau) and
 * Cantonese; Simplified for any other Chinese. */
export const langOf = (tag) => {
  const value = String(tag || "");
  if (/^(zh-(hant|tw|hk|mo)|yue)\b/i.test(value)) return "zhHant";
  if (/^zh\b/i.test(value)) return "zh";
  if (/^en\b/i.test(value)) return "en";
  return null;
};

export const browserLanguages = () =>
  navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language];
/** ``stored``: the tag the visitor chose (or null); ``pageLang``: the embed tag's data-lang. */
export const chosenLang = (stored, pageLang) => {
  const found = LANGUAGES.find((l) => l[1] === stored);
  if (found) return found[0];
  for (const tag of [pageLang, ...browserLanguages()]) {
    const key = langOf(tag);
    if (key) return key;
  }
  return "en";
};
// Live bindings: every module sees the switch made by setLang().
export let lang = "en";
export let S = STRINGS.en;
/** Switch the language (a STRINGS key); false for a key the widget does not have. */
export function setLang(key) {
  if (!STRINGS[key]) return false;
  lang = key;
  S = STRINGS[key];
  return true;
}

export const langInfo = () => LANGUAGES.find((l) => l[0] === lang);
// What the hello says: "zh-hans", "zh-hant" or "en".
export const helloLanguage = () => langInfo()[1].toLowerCase();
export const locale = () => langInfo()[3];
export const fmt = (text, values) => text.replace(/\{(\w+)\}/g, (_, k) => String(values[k] ?? ""));

/** A UI string that follows the language: ``el`` shows it and remembers the key on the node
 * (``data-i18n``), so switching the language relabels everything already on screen. */
export class Tr {
  constructor(key, values) {
    this.key = key;
    this.values = values || {};
  }
  toString() {
    const text = this.key.split(".").reduce((table, part) => table && table[part], S);
    return fmt(typeof text === "string" ? text : "", this.values);
  }
}

export const T = (key, values) => new Tr(key, values);

export function formatPrice(price, currency) {
  const amount = Number(price);
  if (price === null || price === undefined || price === "" || !Number.isFinite(amount)) {
    return String(price ?? "");
  }
  if (typeof currency === "string" && /^[A-Z]{3}$/.test(currency)) {
    try {
      return new Intl.NumberFormat(locale(), { style: "currency", currency }).format(amount);
    } catch {
      /* an unknown currency code: fall through to a plain number */
    }
  }
  return amount.toFixed(2);
}

export function formatTime(iso) {
  if (!iso) return "";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "";
  return date.toLocaleTimeString(locale(), { hour: "2-digit", minute: "2-digit" });
}

/** A date and time, for an order's status history. */
export function formatDateTime(iso) {
  if (!iso) return "";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "";
  return date.toLocaleString(locale(), {
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  });
}

/** A file size in KB or MB (the units read the same in every language the widget speaks). */
export function formatSize(bytes) {
  const n = Number(bytes);
  if (!Number.isFinite(n) || n < 0) return "";
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${Math.max(1, Math.round(n / 1024))} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}
