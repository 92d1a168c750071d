/*
 * Customer chat widget. A shop embeds it with
 *   <script src="https://PLATFORM/static/widget.js" data-site="SITE_KEY" defer></script>
 * optionally adding data-customer-id / data-customer-signature (signed identity), data-lang
 * ("zh-Hans", "zh-Hant" or "en") and data-mode="fullpage" (the platform's own /chat/<key>/ page).
 *
 * Plain ES2020 with no dependencies or build step: it has to run unchanged on any shop page.
 * Everything lives in a Shadow DOM so the shop's CSS and ours cannot affect each other, and no
 * iframe is used because the platform refuses to be framed (X-Frame-Options: DENY).
 * The websocket protocol is described in docs/chat-protocol.md ("Customer socket").
 */
(() => {
  "use strict";

  const script =
    document.currentScript || document.querySelector("script[data-site][src*='widget']");
  // Loaded twice (e.g. by a tag manager and by hand): the first copy wins.
  if (!script || window.CSChatWidget) return;

  const siteKey = (script.dataset.site || "").trim();
  if (!siteKey) {
    console.warn("CSChatWidget: the script tag needs a data-site attribute.");
    return;
  }
  const fullPage = script.dataset.mode === "fullpage";
  const identity = script.dataset.customerId
    ? { customer_id: script.dataset.customerId, signature: script.dataset.customerSignature || "" }
    : null;

  // ---------------------------------------------------------------------------------------
  // Strings
  // ---------------------------------------------------------------------------------------
  const STRINGS = {
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
  // Where the platform is, and what we remember between page loads
  // ---------------------------------------------------------------------------------------
  const srcUrl = new URL(script.src, location.href);
  // Everything before "/static/" is the platform's root, so it may live under a path prefix.
  const staticAt = srcUrl.pathname.indexOf("/static/");
  const basePath = staticAt >= 0 ? srcUrl.pathname.slice(0, staticAt) : "";
  const wsUrl =
    (srcUrl.protocol === "https:" ? "wss://" : "ws://") +
    srcUrl.host +
    basePath +
    "/ws/chat/" +
    encodeURIComponent(siteKey) +
    "/";

  const storeKey = (name) => `cschat:${siteKey}:${name}`;
  const store = {
    get(name, fallback) {
      try {
        const raw = localStorage.getItem(storeKey(name));
        return raw === null ? fallback : JSON.parse(raw);
      } catch {
        return fallback; // storage blocked or corrupt: behave like a first visit
      }
    },
    set(name, value) {
      try {
        localStorage.setItem(storeKey(name), JSON.stringify(value));
      } catch {
        /* quota or privacy mode: the widget still works, it just forgets on reload */
      }
    },
    remove(name) {
      try {
        localStorage.removeItem(storeKey(name));
      } catch {
        /* see set() */
      }
    },
  };
  const session = {
    get(name) {
      try {
        return sessionStorage.getItem(storeKey(name));
      } catch {
        return null;
      }
    },
    set(name, value) {
      try {
        sessionStorage.setItem(storeKey(name), value);
      } catch {
        /* see store.set() */
      }
    },
  };

  const newClientId = () => {
    if (window.crypto && typeof crypto.randomUUID === "function") return crypto.randomUUID();
    const bytes = new Uint8Array(16);
    if (window.crypto && crypto.getRandomValues) crypto.getRandomValues(bytes);
    else for (let i = 0; i < 16; i += 1) bytes[i] = Math.floor(Math.random() * 256);
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  };

  // Unacknowledged messages survive a reload; a day later they are stale, not worth resending.
  const OUTBOX_MAX_AGE_MS = 24 * 3600 * 1000;
  let outbox = store.get("outbox", []);
  if (!Array.isArray(outbox)) outbox = [];
  outbox = outbox.filter(
    (item) => item && item.client_id && item.text && Date.now() - (item.t || 0) < OUTBOX_MAX_AGE_MS,
  );
  const saveOutbox = () => (outbox.length ? store.set("outbox", outbox) : store.remove("outbox"));

  // ---------------------------------------------------------------------------------------
  // Language: the visitor's choice from the menu (kept beside the visitor token), else the
  // page's data-lang, else the first of the browser's languages the widget speaks.
  // ---------------------------------------------------------------------------------------
  const LANGUAGES = [
    // [key in STRINGS, tag for lang= and the menu, name in its own script, time/price locale]
    ["zh", "zh-Hans", "简体中文", "zh-CN"],
    ["zhHant", "zh-Hant", "繁體中文", "zh-TW"],
    ["en", "en", "English", "en"],
  ];
  /** A BCP 47 tag to a STRINGS key, or null for a language the widget does not speak.
   * Traditional for zh-Hant, the regions that write it (Taiwan, Hong Kong, Macau) and
   * Cantonese; Simplified for any other Chinese. */
  const langOf = (tag) => {
    const value = String(tag || "");
    if (/^(zh-(hant|tw|hk|mo)|yue)\b/i.test(value)) return "zhHant";
    if (/^zh\b/i.test(value)) return "zh";
    if (/^en\b/i.test(value)) return "en";
    return null;
  };
  const browserLanguages = () =>
    navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language];
  const chosenLang = () => {
    const stored = store.get("lang", null);
    const found = LANGUAGES.find((l) => l[1] === stored);
    if (found) return found[0];
    for (const tag of [script.dataset.lang, ...browserLanguages()]) {
      const key = langOf(tag);
      if (key) return key;
    }
    return "en";
  };
  let lang = chosenLang();
  let S = STRINGS[lang];
  const langInfo = () => LANGUAGES.find((l) => l[0] === lang);
  // What the hello says: "zh-hans", "zh-hant" or "en".
  const helloLanguage = () => langInfo()[1].toLowerCase();
  const locale = () => langInfo()[3];
  const fmt = (text, values) => text.replace(/\{(\w+)\}/g, (_, k) => String(values[k] ?? ""));

  /** A UI string that follows the language: ``el`` shows it and remembers the key on the node
   * (``data-i18n``), so switching the language relabels everything already on screen. */
  class Tr {
    constructor(key, values) {
      this.key = key;
      this.values = values || {};
    }
    toString() {
      const text = this.key.split(".").reduce((table, part) => table && table[part], S);
      return fmt(typeof text === "string" ? text : "", this.values);
    }
  }
  const T = (key, values) => new Tr(key, values);

  // ---------------------------------------------------------------------------------------
  // DOM
  // ---------------------------------------------------------------------------------------
  const CSS = `
:host { all: initial !important; display: block !important; position: fixed !important;
  right: 0 !important; bottom: 0 !important; width: 0 !important; height: 0 !important;
  z-index: 2147483000 !important; }
:host([data-mode="fullpage"]) { inset: 0 !important; width: 100% !important;
  height: 100% !important; }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
.root { --accent: #0b57d0; --accent-dark: #0842a0; --fg: #1a1a1a; --muted: #555; --bg: #fff;
  --line: #d5d9e0; --soft: #f1f4f9; --error: #b3261e; --focus: #f9ab00;
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", "PingFang SC", "Microsoft YaHei",
    "Noto Sans CJK SC", sans-serif;
  color: var(--fg); text-align: left; }
button, textarea, input, select { font: inherit; color: inherit; }
button { cursor: pointer; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.sr-only { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0;
  overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }

.launcher { position: fixed; right: 20px; bottom: 20px; width: 60px; height: 60px;
  border-radius: 50%; border: 0; background: var(--accent); color: #fff;
  box-shadow: 0 4px 14px rgba(0,0,0,.25); display: flex; align-items: center;
  justify-content: center; }
.launcher:hover { background: var(--accent-dark); }
.launcher svg { width: 28px; height: 28px; }
.badge { position: absolute; top: -4px; right: -4px; min-width: 22px; height: 22px;
  padding: 0 6px; border-radius: 11px; background: var(--error); color: #fff; font-size: 12px;
  font-weight: 700; line-height: 22px; text-align: center; }

.panel { position: fixed; right: 20px; bottom: 92px; width: 380px; max-width: calc(100vw - 40px);
  height: 580px; max-height: calc(100vh - 112px); display: flex; flex-direction: column;
  background: var(--bg); border: 1px solid var(--line); border-radius: 12px; overflow: hidden;
  box-shadow: 0 10px 30px rgba(0,0,0,.25); }
.fullpage .panel { inset: 0; width: 100%; max-width: none; height: 100%; max-height: none;
  border: 0; border-radius: 0; box-shadow: none; }
@media (max-width: 480px) {
  .floating .panel { inset: 0; width: 100%; max-width: none; height: 100%; max-height: none;
    border-radius: 0; }
}

header { display: flex; align-items: center; gap: 8px; padding: 10px 12px 10px 16px;
  background: var(--accent); color: #fff; }
header h2 { flex: 1; margin: 0; font-size: 16px; font-weight: 600; overflow: hidden;
  text-overflow: ellipsis; white-space: nowrap; }
.icon-btn { border: 0; background: transparent; color: inherit; width: 36px; height: 36px;
  border-radius: 6px; display: inline-flex; align-items: center; justify-content: center; }
.icon-btn:hover { background: rgba(255,255,255,.18); }
.icon-btn svg { width: 20px; height: 20px; }
header :focus-visible { outline-color: #fff; }
.lang { flex: none; max-width: 7.5em; height: 32px; padding: 0 4px;
  border: 1px solid rgba(255,255,255,.7); border-radius: 6px; background: transparent;
  color: #fff; font-size: 13px; }
.lang option { color: var(--fg); background: var(--bg); }

.conn { padding: 6px 16px; font-size: 13px; background: #fff4ce; color: #4d3800;
  display: flex; gap: 8px; align-items: center; justify-content: space-between; }
.conn[data-state="error"], .conn[data-state="unavailable"] { background: #fce8e6;
  color: #8c1d18; }
.conn[data-state="online"], .conn[data-state="idle"] { display: none; }
.conn button { border: 1px solid currentColor; background: transparent; border-radius: 4px;
  padding: 2px 8px; font-size: 13px; }

.status { padding: 8px 16px; font-size: 13px; color: var(--muted); background: var(--soft);
  border-bottom: 1px solid var(--line); }
.status:empty { display: none; }

.log-wrap { position: relative; flex: 1; min-height: 0; display: flex; flex-direction: column; }
.log { position: relative; flex: 1; overflow-y: auto; padding: 12px 14px; display: flex;
  flex-direction: column; gap: 10px; overscroll-behavior: contain; }
.new-pill { position: absolute; left: 50%; bottom: 10px; transform: translateX(-50%);
  display: inline-flex; align-items: center; gap: 6px; border: 0; border-radius: 16px;
  padding: 6px 14px; background: var(--accent); color: #fff; font-size: 13px; font-weight: 600;
  white-space: nowrap; box-shadow: 0 2px 8px rgba(0,0,0,.3); }
.new-pill:hover { background: var(--accent-dark); }
.new-pill svg { width: 16px; height: 16px; }
.fullpage .log, .fullpage .composer, .fullpage .status, .fullpage .tools, .fullpage .csat {
  width: 100%; max-width: 760px; margin-left: auto; margin-right: auto; }
.msg { display: flex; flex-direction: column; max-width: 85%; align-self: flex-start; }
.msg-customer { align-self: flex-end; align-items: flex-end; }
.msg-system, .divider { align-self: center; max-width: 95%; text-align: center; }
.meta { font-size: 12px; color: var(--muted); margin: 0 4px 2px; }
.bubble { padding: 8px 12px; border-radius: 14px; background: var(--soft);
  overflow-wrap: anywhere; white-space: pre-wrap; }
.msg-bot .bubble { white-space: normal; border: 1px solid var(--line); background: #fff; }
.msg-bot .bubble p { margin: 0 0 .5em; } .msg-bot .bubble p:last-child { margin-bottom: 0; }
.msg-bot .bubble a { color: var(--accent); }
.msg-bot .bubble img { max-width: 100%; height: auto; }
.msg-customer .bubble { background: var(--accent); color: #fff; border-bottom-right-radius: 4px; }
.msg-agent .bubble { background: #e6f4ea; border-bottom-left-radius: 4px; }
.msg-system .bubble { background: transparent; color: var(--muted); font-size: 13px;
  padding: 2px 8px; }
.msg[data-pending="true"] .bubble { opacity: .7; }
.receipt { font-size: 12px; color: var(--muted); margin: 2px 4px 0; }
.welcome .bubble { white-space: pre-wrap; }
.divider { font-size: 12px; color: var(--muted); border-top: 1px solid var(--line);
  padding-top: 4px; width: 100%; }
.archived { opacity: .75; }

.chips { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 6px; }
.chips-label { width: 100%; font-size: 12px; color: var(--muted); }
.chip { border: 1px solid var(--accent); background: #fff; color: var(--accent);
  border-radius: 16px; padding: 4px 12px; font-size: 14px; text-align: left; }
.chip:hover { background: #e8f0fe; }
.feedback { display: flex; align-items: center; gap: 4px; margin-top: 4px; font-size: 12px;
  color: var(--muted); }
.thumb { border: 1px solid var(--line); background: #fff; border-radius: 6px; width: 32px;
  height: 28px; display: inline-flex; align-items: center; justify-content: center;
  color: var(--muted); }
.thumb svg { width: 16px; height: 16px; }
.thumb[aria-pressed="true"] { background: var(--accent); border-color: var(--accent);
  color: #fff; }
.root:not([data-status="bot"]) .handoff-offer { display: none; }

.verify { margin-top: 6px; padding: 10px 12px; border: 1px solid var(--line);
  border-radius: 10px; background: var(--soft); }
.verify-title { margin: 0 0 6px; font-size: 14px; font-weight: 600; }
.verify-note { margin: 0 0 6px; font-size: 13px; color: var(--muted); }
.verify-row { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; }
.verify label { display: block; font-size: 13px; margin-bottom: 2px; }
.verify input { flex: 1 1 12em; min-width: 0; padding: 7px 10px; border: 1px solid #8a8f98;
  border-radius: 8px; background: #fff; }
.verify input[aria-invalid="true"] { border-color: var(--error); }
.verify input.code { flex: 0 1 120px; letter-spacing: .2em; font-variant-numeric: tabular-nums; }
.verify .primary { padding: 7px 14px; }
.verify .link, .proactive .link { border: 0; background: none; padding: 2px 0; color: var(--accent);
  text-decoration: underline; font-size: 13px; }
.verify-error { margin: 6px 0 0; font-size: 13px; color: var(--error); }
.verify-error:empty { display: none; }
.verified { margin-top: 6px; font-size: 13px; font-weight: 600; color: #0d652d; }
.verified::before { content: "✓ "; }
.proactive { max-width: 90%; }
.proactive .bubble { white-space: normal; }
.proactive-title { display: block; font-size: 12px; font-weight: 600; color: var(--muted);
  margin-bottom: 2px; }
.products { list-style: none; margin: 6px 0 0; padding: 0; display: flex; flex-direction: column;
  gap: 4px; }
.product { display: flex; justify-content: space-between; gap: 8px; padding: 6px 10px;
  border: 1px solid var(--line); border-radius: 8px; background: #fff; font-size: 14px; }
.product-name { overflow-wrap: anywhere; }
.product-price { white-space: nowrap; font-weight: 600; color: #8c1d18; }
.proactive .link { margin: 6px 4px 0; align-self: flex-start; }
.proactive-error { margin: 4px 0 0; font-size: 13px; color: var(--error); }
.proactive-error:empty { display: none; }

.typing { padding: 0 16px 6px; font-size: 13px; color: var(--muted); font-style: italic; }
.notice { margin: 0 12px 6px; padding: 6px 10px; border-radius: 6px; font-size: 13px;
  background: #fce8e6; color: #8c1d18; }
.notice:empty { display: none; }

.tools { display: flex; gap: 8px; padding: 6px 12px 0; flex-wrap: wrap; }
.tool { border: 1px solid var(--line); background: #fff; color: var(--fg); border-radius: 16px;
  padding: 4px 12px; font-size: 13px; }
.tool:hover { background: var(--soft); }
.tool.prominent { border-color: var(--accent); color: var(--accent); font-weight: 600; }
.root:not([data-status="bot"]) .handoff { display: none; }
.root[data-status="new"] .end, .root[data-status="closed"] .end { display: none; }

.csat { margin: 4px 12px 8px; padding: 12px; border: 1px solid var(--line); border-radius: 10px;
  background: var(--soft); }
.csat fieldset { border: 0; margin: 0; padding: 0; }
.csat legend { font-weight: 600; margin-bottom: 6px; padding: 0; }
.stars { display: flex; gap: 2px; }
.stars input { position: absolute; opacity: 0; width: 1px; height: 1px; }
.stars label { font-size: 28px; line-height: 1; color: #767676; cursor: pointer;
  padding: 2px 4px; border-radius: 4px; }
.stars label.on { color: #b06000; }
.stars input:focus-visible + label { outline: 3px solid var(--focus); outline-offset: 1px; }
.csat textarea { width: 100%; margin-top: 8px; min-height: 56px; padding: 6px 8px;
  border: 1px solid #8a8f98; border-radius: 6px; resize: vertical; background: #fff; }
.csat .primary { margin-top: 8px; }
.csat-thanks { margin: 4px 12px 8px; padding: 10px 12px; border-radius: 10px;
  background: #e6f4ea; color: #0d652d; }

.composer { display: flex; gap: 8px; align-items: flex-end; padding: 8px 12px 12px; }
.composer textarea { flex: 1; min-height: 42px; max-height: 140px; padding: 9px 12px;
  border: 1px solid #8a8f98; border-radius: 10px; resize: none; background: #fff; }
.primary { border: 0; background: var(--accent); color: #fff; border-radius: 8px;
  padding: 9px 16px; font-weight: 600; }
.primary:hover { background: var(--accent-dark); }
.primary:disabled, .primary[aria-disabled="true"] { background: #8a8f98; cursor: default; }
.link[aria-disabled="true"] { color: var(--muted); cursor: default; }
@media (prefers-reduced-motion: no-preference) {
  .launcher, .chip, .tool, .primary { transition: background-color .15s; }
}
`;

  const ICON_CHAT =
    '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path fill="currentColor" ' +
    'd="M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H8l-4.6 3.7A.9.9 0 0 1 2 21V5a2 2 0 0 1 2-2Zm3 6' +
    'a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3Zm5 0a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3Zm5 0a1.5 1.5' +
    ' 0 1 0 0 3 1.5 1.5 0 0 0 0-3Z"/></svg>';
  const ICON_CLOSE =
    '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path fill="none" ' +
    'stroke="currentColor" stroke-width="2.2" stroke-linecap="round" d="M6 6l12 12M18 6 6 18"/>' +
    "</svg>";
  const ICON_DOWN =
    '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path fill="none" ' +
    'stroke="currentColor" stroke-width="2.4" stroke-linecap="round" stroke-linejoin="round" ' +
    'd="M12 5v14m-6-6 6 6 6-6"/></svg>';
  const ICON_THUMB =
    '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path fill="currentColor" ' +
    'd="M2 10h4v11H2V10Zm6 11V10l5.3-7.1a1.8 1.8 0 0 1 3.2 1.5L15.3 9H21a2 2 0 0 1 2 2.3l-1.4 ' +
    '8A2 2 0 0 1 19.6 21H8Z"/></svg>';

  /** Small element builder: el("button", {class: "x", "data-testid": "y"}, "text"). */
  const el = (tag, attrs = {}, ...children) => {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) {
      if (value === false || value === null || value === undefined) continue;
      if (isTr(value)) setTr(node, name, value);
      else if (name === "text") node.textContent = value;
      else if (name === "html") node.innerHTML = value; // trusted constants only (icons)
      else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
      else node.setAttribute(name, value === true ? "" : value);
    }
    for (const child of children) if (child) node.append(child);
    return node;
  };

  const isTr = (value) =>
    value instanceof Tr ||
    (Array.isArray(value) && value.length > 0 && value.every((v) => v instanceof Tr));

  /** Show ``value`` (a Tr, or a list of them joined by spaces) as the node's text or as its
   * attribute ``name``, and remember the keys so that relabel() can redo it. */
  function setTr(node, name, value) {
    const parts = Array.isArray(value) ? value : [value];
    const bindings = JSON.parse(node.dataset.i18n || "{}");
    bindings[name] = parts.map((part) => [part.key, part.values]);
    node.dataset.i18n = JSON.stringify(bindings);
    putText(node, name, parts.map(String).join(" "));
  }

  /** Text that is not a UI string (the shop's name, what the server said) in place of one. */
  function setPlain(node, name, text) {
    const bindings = JSON.parse(node.dataset.i18n || "{}");
    delete bindings[name];
    if (Object.keys(bindings).length) node.dataset.i18n = JSON.stringify(bindings);
    else delete node.dataset.i18n;
    putText(node, name, text);
  }

  function putText(node, name, text) {
    if (name === "text") {
      if (node.textContent !== text) node.textContent = text;
    } else node.setAttribute(name, text);
  }

  /** After a language switch: every remembered UI string on screen, in the new language. */
  function relabel() {
    for (const node of shadow.querySelectorAll("[data-i18n]")) {
      for (const [name, parts] of Object.entries(JSON.parse(node.dataset.i18n))) {
        putText(node, name, parts.map(([key, values]) => String(T(key, values))).join(" "));
      }
    }
  }

  const host = document.createElement("cs-chat-widget");
  host.setAttribute("data-testid", "chat-widget");
  if (fullPage) host.setAttribute("data-mode", "fullpage");
  const shadow = host.attachShadow({ mode: "open" });
  if ("adoptedStyleSheets" in Document.prototype && "replaceSync" in CSSStyleSheet.prototype) {
    // Constructed sheets are not "inline styles" for a shop's Content-Security-Policy.
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    shadow.adoptedStyleSheets = [sheet];
  } else {
    shadow.append(el("style", { text: CSS }));
  }

  const ui = {};
  ui.root = el("div", {
    class: `root ${fullPage ? "fullpage" : "floating"}`,
    lang: langInfo()[1],
    "data-status": "new",
  });
  ui.badge = el("span", { class: "badge", "data-testid": "unread", hidden: true });
  ui.launcher = el(
    "button",
    {
      type: "button",
      class: "launcher",
      "data-testid": "launcher",
      "aria-label": S.openChat,
      "aria-expanded": "false",
      "aria-controls": "cs-panel",
      html: ICON_CHAT,
    },
  );
  ui.launcher.append(ui.badge);
  ui.title = el("h2", { id: "cs-title", text: T("title") });
  ui.closeBtn = el("button", {
    type: "button",
    class: "icon-btn",
    "data-testid": "close-panel",
    "aria-label": T("closeChat"),
    title: T("closeChat"),
    html: ICON_CLOSE,
  });
  ui.connText = el("span");
  // The ticking countdown stays out of the live region: a screen reader should hear
  // "connection lost" once, not a number every second.
  ui.countdown = el("span", { "aria-hidden": "true" });
  ui.retryBtn = el("button", {
    type: "button",
    "data-testid": "retry",
    text: T("retryNow"),
    hidden: true,
  });
  ui.conn = el(
    "div",
    { class: "conn", "data-testid": "connection", "data-state": "idle" },
    el("span", { role: "status" }, ui.connText, " ", ui.countdown),
    ui.retryBtn,
  );
  ui.status = el("div", { class: "status", "data-testid": "status", role: "status" });
  ui.log = el("div", {
    class: "log",
    role: "log",
    "aria-live": "polite",
    "aria-label": T("messages"),
    "data-testid": "messages",
    tabindex: "0",
  });
  ui.typing = el("div", { class: "typing", "data-testid": "typing", hidden: true });
  ui.notice = el("div", { class: "notice", "data-testid": "notice", role: "status" });
  ui.handoffBtn = el("button", {
    type: "button",
    class: "tool handoff",
    "data-testid": "handoff",
    text: T("handoff"),
  });
  ui.endBtn = el("button", {
    type: "button",
    class: "tool end",
    "data-testid": "end-chat",
    text: T("endChat"),
  });
  ui.tools = el("div", { class: "tools" }, ui.handoffBtn, ui.endBtn);
  ui.csat = buildCsatForm();
  ui.csatThanks = el("div", {
    class: "csat-thanks",
    "data-testid": "csat-thanks",
    role: "status",
    text: T("csatThanks"),
    hidden: true,
  });
  ui.input = el("textarea", {
    id: "cs-input",
    rows: "1",
    maxlength: "2000",
    placeholder: T("placeholder"),
    "data-testid": "input",
    autocomplete: "off",
  });
  ui.send = el("button", {
    type: "submit",
    class: "primary",
    "data-testid": "send",
    text: T("send"),
  });
  ui.composer = el(
    "form",
    { class: "composer", "data-testid": "composer" },
    el("label", { class: "sr-only", for: "cs-input", text: T("inputLabel") }),
    ui.input,
    ui.send,
  );
  // A native select: keyboards, screen readers and phones already know how to work it. Each
  // language is named in its own script, so anyone can find theirs whatever is shown now.
  ui.langSelect = el("select", {
    id: "cs-lang",
    class: "lang",
    "data-testid": "language",
    "aria-label": T("language"),
    title: T("language"),
  });
  for (const [key, tag, name] of LANGUAGES) {
    const option = el("option", { value: tag, lang: tag, text: name, selected: key === lang });
    ui.langSelect.append(option);
  }
  ui.pillText = el("span");
  ui.pill = el(
    "button",
    { type: "button", class: "new-pill", "data-testid": "new-messages", hidden: true },
    ui.pillText,
  );
  ui.pill.insertAdjacentHTML("beforeend", ICON_DOWN);
  ui.logWrap = el("div", { class: "log-wrap" }, ui.log, ui.pill);
  ui.panel = el(
    "section",
    {
      id: "cs-panel",
      class: "panel",
      role: fullPage ? "main" : "dialog",
      "aria-labelledby": "cs-title",
      "data-testid": "panel",
      hidden: !fullPage,
    },
    el("header", {}, ui.title, ui.langSelect, fullPage ? null : ui.closeBtn),
    ui.conn,
    ui.status,
    ui.logWrap,
    ui.typing,
    ui.notice,
    ui.csat,
    ui.csatThanks,
    ui.tools,
    ui.composer,
  );
  ui.root.append(fullPage ? "" : ui.launcher, ui.panel);
  shadow.append(ui.root);

  function buildCsatForm() {
    const stars = el("div", { class: "stars" });
    for (let n = 1; n <= 5; n += 1) {
      const id = `cs-star-${n}`;
      stars.append(
        el("input", { type: "radio", name: "score", value: String(n), id, required: n === 1 }),
        el("label", {
          for: id,
          "data-testid": `csat-star-${n}`,
          "aria-label": T("star", { n }),
          title: T("star", { n }),
          text: "★",
        }),
      );
    }
    const form = el(
      "form",
      { class: "csat", "data-testid": "csat-form", hidden: true },
      el("fieldset", {}, el("legend", { text: T("csatTitle") }), stars),
      el("label", { class: "sr-only", for: "cs-csat-comment", text: T("comment") }),
      el("textarea", {
        id: "cs-csat-comment",
        name: "comment",
        maxlength: "1000",
        placeholder: T("comment"),
        "data-testid": "csat-comment",
      }),
      el("button", {
        type: "submit",
        class: "primary",
        "data-testid": "csat-submit",
        text: T("submitRating"),
      }),
    );
    stars.addEventListener("change", () => {
      const score = Number(form.elements.score.value || 0);
      stars.querySelectorAll("label").forEach((label, i) => {
        label.classList.toggle("on", i < score);
      });
    });
    return form;
  }

  // ---------------------------------------------------------------------------------------
  // State
  // ---------------------------------------------------------------------------------------
  const state = {
    isOpen: false,
    ws: null,
    ready: false, // welcome received on the current socket
    everWelcomed: false,
    attempt: 0,
    retryTimer: null,
    countdownTimer: null,
    stopped: false,
    conversationId: store.get("conversation", null),
    status: "new",
    detail: {},
    lastSeq: 0,
    readSent: 0,
    agentRead: 0,
    unread: 0,
    seenSeq: store.get("seen_seq", 0),
    csatDone: false,
    identity,
    typingSentAt: 0,
    typingIdleTimer: null,
    agentTypingTimer: null,
    noticeTimer: null,
    archivedFor: null, // conversation whose messages were moved under "previous conversation"
    helloAfter: 0,
    identified: false, // the server knows who this visitor is (signed, or answered a code)
    connKind: "idle",
    connSeconds: 0,
    // Scrolling: whether the transcript follows what arrives (the customer has not scrolled
    // up to read), and what arrived meanwhile, behind the "new message" pill.
    follow: true,
    unseen: [],
    autoTop: null, // where the widget itself last scrolled to, to tell it from the customer
    anchor: null, // the message last scrolled to (null: the end)
    relanguage: false, // the server is still to hear of a language switch
  };
  // The one-time-code form. A single form exists; it sits under the latest bot message that
  // asked the visitor to identify, so only that one is active and a started verification
  // (code already sent) carries over when the bot asks again.
  const verify = {
    node: null, // the form's container, or null when none is shown
    host: null, // the message it sits under
    hostSeq: -1,
    stage: "address", // "address" → "code"
    pending: false, // a verify_start / verify_code is waiting for its answer
    parts: null,
  };
  // The proactive suggestions card from the welcome frame, shown once per page.
  const proactive = { node: null, pending: false, seen: new Set() };
  const bySeq = new Map();
  const byClient = new Map();

  // ---------------------------------------------------------------------------------------
  // Socket
  // ---------------------------------------------------------------------------------------
  const send = (frame) => {
    if (state.ws && state.ws.readyState === WebSocket.OPEN) {
      state.ws.send(JSON.stringify(frame));
      return true;
    }
    return false;
  };

  function connect() {
    if (state.stopped || state.ws) return;
    clearTimeout(state.retryTimer);
    clearInterval(state.countdownTimer);
    state.retryTimer = null;
    setConn("connecting");
    let ws;
    try {
      ws = new WebSocket(wsUrl);
    } catch {
      scheduleReconnect();
      return;
    }
    state.ws = ws;
    state.ready = false;
    ws.addEventListener("open", () => {
      // A fresh page has nothing rendered yet, so it asks for the whole history once.
      sayHello(ws, state.everWelcomed ? state.lastSeq : 0);
    });
    ws.addEventListener("message", (event) => {
      let frame;
      try {
        frame = JSON.parse(event.data);
      } catch {
        return;
      }
      if (frame && typeof frame.type === "string") handleFrame(frame);
    });
    ws.addEventListener("close", (event) => {
      if (state.ws !== ws) return;
      state.ws = null;
      state.ready = false;
      showAgentTyping(false);
      // Requests in flight on this socket get no answer now; let the customer try again.
      if (verify.pending) setVerifyPending(false);
      if (proactive.pending) setProactivePending(false);
      if (event.code === 4403 || event.code === 4404) {
        // Not this site's chat: retrying cannot help.
        state.stopped = true;
        setConn("unavailable");
        return;
      }
      // 1012: that server process is restarting and another one takes the reconnect at once.
      // Anything else (1006 network failure, 1011) is worth a retry with back-off.
      scheduleReconnect(event.code === 4429 ? 15 : 0, event.code === 1012);
    });
  }

  function sayHello(ws, afterSeq) {
    const hello = { type: "hello", after_seq: afterSeq, language: helloLanguage() };
    const token = store.get("token", null);
    if (token) hello.visitor_token = token;
    if (state.identity) Object.assign(hello, state.identity);
    state.helloAfter = afterSeq;
    state.relanguage = false;
    ws.send(JSON.stringify(hello));
  }

  function scheduleReconnect(minSeconds = 0, serverRestart = false) {
    if (state.stopped) return;
    // After a restart, spread the reconnects over a second or two so that every visitor of a
    // busy shop does not arrive at the same instant.
    const delay = serverRestart
      ? 0.5 + Math.random() * 1.5
      : Math.max(minSeconds, Math.min(30, 2 ** state.attempt));
    if (!serverRestart) state.attempt += 1;
    let left = Math.ceil(delay);
    setConn("error", left);
    clearInterval(state.countdownTimer);
    state.countdownTimer = setInterval(() => {
      left -= 1;
      if (left > 0) setConn("error", left);
    }, 1000);
    state.retryTimer = setTimeout(() => {
      clearInterval(state.countdownTimer);
      connect();
    }, delay * 1000);
  }

  function reconnectNow() {
    if (state.ws || state.stopped) return;
    clearTimeout(state.retryTimer);
    clearInterval(state.countdownTimer);
    connect();
  }

  function setConn(kind, seconds) {
    state.connKind = kind;
    state.connSeconds = seconds;
    ui.conn.dataset.state = kind;
    ui.retryBtn.hidden = kind !== "error";
    const text = {
      connecting: S.connecting,
      error: state.everWelcomed ? S.connectionLost : S.cannotConnect,
      unavailable: S.unavailable,
    };
    if (ui.connText.textContent !== (text[kind] || "")) ui.connText.textContent = text[kind] || "";
    ui.countdown.textContent = kind === "error" ? fmt(S.retryIn, { s: seconds }) : "";
    const usable = kind !== "unavailable";
    ui.input.disabled = !usable;
    ui.send.disabled = !usable;
  }

  // ---------------------------------------------------------------------------------------
  // Frames from the server
  // ---------------------------------------------------------------------------------------
  function handleFrame(frame) {
    switch (frame.type) {
      case "welcome":
        onWelcome(frame);
        break;
      case "ack":
        onAck(frame);
        break;
      case "message":
        onMessage(frame, true);
        break;
      case "status":
        setStatus(frame);
        break;
      case "typing":
        if (frame.sender === "agent") showAgentTyping(Boolean(frame.is_typing));
        break;
      case "read":
        if (frame.reader === "agent" && Number.isInteger(frame.seq)) {
          state.agentRead = Math.max(state.agentRead, frame.seq);
          updateReceipt();
        }
        break;
      case "verification_sent":
        onVerificationSent(frame);
        break;
      case "identified":
        onIdentified(frame);
        break;
      case "preferences_saved":
        onPreferencesSaved(frame);
        break;
      case "csat_thanks":
        state.csatDone = true;
        ui.csat.hidden = true;
        ui.csatThanks.hidden = false;
        break;
      case "error":
        onError(frame);
        break;
      default:
        break; // newer server, older widget: ignore what we do not know
    }
  }

  function onWelcome(frame) {
    if (frame.visitor_token) store.set("token", frame.visitor_token);
    if (frame.shop) setPlain(ui.title, "text", frame.shop);
    const firstWelcome = !state.everWelcomed;
    const changed =
      state.everWelcomed &&
      frame.conversation_id !== null &&
      frame.conversation_id !== state.conversationId;
    if (changed) {
      // Another tab started a new conversation meanwhile: our after_seq means nothing there.
      archiveConversation();
      if (state.helloAfter > 0) {
        state.everWelcomed = false;
        state.ws.close(1000);
        return;
      }
    }
    if (frame.conversation_id !== state.conversationId) {
      state.seenSeq = 0;
      store.set("seen_seq", 0);
    }
    // Offline when the customer wrote after the end: the server still reports the finished
    // conversation, which is already archived on screen; the queued message starts the next.
    const stale = state.archivedFor && frame.conversation_id === state.archivedFor;
    if (!stale) setConversation(frame.conversation_id);
    if (typeof frame.identified === "boolean") {
      state.identified = frame.identified;
      // Identified meanwhile (another tab, or before a reconnect): the form has no use now.
      if (state.identified && verify.node && !verify.pending) removeVerifyForm();
    }
    if (frame.welcome_message && !ui.log.querySelector(".welcome")) {
      ui.log.prepend(
        el(
          "div",
          { class: "msg msg-bot welcome", "data-testid": "welcome" },
          el("div", { class: "meta", text: T("bot") }),
          el("div", { class: "bubble", text: frame.welcome_message }),
        ),
      );
    }
    const fresh = [];
    if (!stale) {
      for (const m of frame.messages || []) fresh.push(onMessage(m, false));
      state.csatDone = frame.csat_score !== null && frame.csat_score !== undefined;
      setStatus(frame.status_detail || { status: frame.status || "new" });
    }
    if (frame.proactive && typeof frame.proactive === "object") {
      fresh.push(showProactive(frame.proactive));
    }
    state.ready = true;
    state.everWelcomed = true;
    state.attempt = 0;
    setConn("online");
    flushOutbox();
    countUnreadFromHistory(frame.messages || []);
    maybeSendRead();
    // A fresh page starts at the end of the history; after a reconnect what came meanwhile
    // is new like any live message.
    if (firstWelcome) jumpToEnd();
    else arrived(fresh);
    helloAgain(); // the language changed while this socket was saying hello
  }

  function onAck(frame) {
    const index = outbox.findIndex((item) => item.client_id === frame.client_id);
    if (index >= 0) {
      outbox.splice(index, 1);
      saveOutbox();
    }
    const node = byClient.get(frame.client_id);
    if (node && Number.isInteger(frame.seq)) confirmNode(node, frame.seq);
    if (state.status === "new" || state.status === "closed") setStatus({ status: "bot" });
  }

  function onMessage(m, live) {
    if (!m || !Number.isInteger(m.seq)) return null;
    if (live && m.conversation_id !== undefined && m.conversation_id !== state.conversationId) {
      if (state.conversationId !== null && !state.archivedFor) archiveConversation();
      setConversation(m.conversation_id);
    }
    if (bySeq.has(m.seq)) return null;
    if (live && m.payload && m.payload.identification_required) state.identified = false;
    const pending = m.client_id ? byClient.get(m.client_id) : null;
    let node = null; // a message new on screen (not a pending one being confirmed)
    if (pending) {
      confirmNode(pending, m.seq);
    } else {
      node = renderMessage(m);
      insertBySeq(node, m.seq);
    }
    state.lastSeq = Math.max(state.lastSeq, m.seq);
    if (m.sender === "agent") showAgentTyping(false);
    if (live && m.sender !== "customer" && !isVisible()) {
      state.unread += 1;
      updateBadge();
    }
    if (live) {
      updateReceipt();
      maybeSendRead();
      arrived([node]);
    }
    return node;
  }

  function onError(frame) {
    // Answers to the verification form and the suggestions card are shown where they were
    // asked, not as a passing notice.
    const inFlight = frame.code === "rate_limited" || frame.code === "invalid_field";
    if (verify.node && (VERIFY_ERRORS.has(frame.code) || (inFlight && verify.pending))) {
      onVerifyError(frame);
      if (frame.code === "rate_limited") setTimeout(flushOutbox, 4000);
      return;
    }
    if (
      proactive.node &&
      proactive.pending &&
      (frame.code === "identification_required" || inFlight)
    ) {
      setProactivePending(false);
      showText(proactive.node.querySelector(".proactive-error"), errorText(frame));
      if (frame.code === "rate_limited") setTimeout(flushOutbox, 4000);
      return;
    }
    showNotice(String(errorText(frame)));
    if (frame.code === "invalid_identity") {
      // The hello was refused: carry on anonymously rather than leaving the customer stuck.
      state.identity = null;
      if (state.ws && state.ws.readyState === WebSocket.OPEN && !state.ready) {
        sayHello(state.ws, 0);
      }
    } else if (frame.code === "rate_limited") {
      // A throttled message got no ack; offer it again once the bucket has refilled.
      setTimeout(flushOutbox, 4000);
    } else if (frame.code === "temporarily_unavailable") {
      // The server lost its database for a moment: unacknowledged messages go again.
      const seconds = Number.isFinite(frame.retry_after) ? frame.retry_after : 3;
      setTimeout(flushOutbox, Math.min(30, Math.max(1, seconds)) * 1000);
    } else if (frame.code === "hello_required") {
      state.ready = false;
    }
  }

  // ---------------------------------------------------------------------------------------
  // Rendering
  // ---------------------------------------------------------------------------------------
  const SENDER_LABEL = { customer: "you", bot: "bot", agent: "agent", system: "system" };

  /** An error code's text in the widget's language, else the server's own words. */
  const errorText = (frame) => {
    if (Object.prototype.hasOwnProperty.call(S.errors, frame.code)) {
      return T(`errors.${frame.code}`);
    }
    return frame.detail ? String(frame.detail) : T("errors.generic");
  };

  /** ``text`` (a UI string, or plain text) as the node's content. */
  function showText(node, text) {
    if (text instanceof Tr) setTr(node, "text", text);
    else setPlain(node, "text", String(text ?? ""));
  }

  function renderMessage(m) {
    const sender = ["customer", "bot", "agent", "system"].includes(m.sender) ? m.sender : "system";
    const payload = m.payload && typeof m.payload === "object" ? m.payload : {};
    const node = el("div", {
      class: `msg msg-${sender}`,
      "data-testid": "message",
      "data-sender": sender,
      "data-seq": String(m.seq),
    });
    if (m.client_id) {
      node.dataset.clientId = m.client_id;
      byClient.set(m.client_id, node);
    }
    bySeq.set(m.seq, node);
    if (sender !== "system") {
      const who = sender === "agent" && m.agent_name ? m.agent_name : T(SENDER_LABEL[sender]);
      node.append(metaLine(who, m.created_at));
    }
    const bubble = el("div", { class: "bubble" });
    if (sender === "bot") {
      // Bot answers are sanitised on the server before they are stored; nothing else is HTML.
      bubble.innerHTML = m.text || "";
      for (const link of bubble.querySelectorAll("a[href]")) {
        link.target = "_blank";
        link.rel = "noopener noreferrer";
      }
    } else {
      bubble.textContent = m.text || "";
    }
    node.append(bubble);
    if (sender === "bot") appendBotExtras(node, m.seq, payload);
    return node;
  }

  function appendBotExtras(node, seq, payload) {
    if (payload.identification_required && !state.identified) attachVerifyForm(node, seq);
    const suggestions = Array.isArray(payload.suggestions) ? payload.suggestions : [];
    if (suggestions.length) {
      const chips = el("div", { class: "chips" }, el("span", {
        class: "chips-label",
        text: T("didYouMean"),
      }));
      for (const s of suggestions) {
        if (!s || !s.question) continue;
        chips.append(
          el("button", {
            type: "button",
            class: "chip",
            "data-testid": "suggestion",
            text: s.question,
            onclick: () => sendMessage(s.question),
          }),
        );
      }
      node.append(chips);
    }
    const quick = Array.isArray(payload.quick_replies) ? payload.quick_replies : [];
    if (quick.length) {
      const chips = el("div", { class: "chips" });
      for (const text of quick) {
        if (typeof text !== "string" || !text) continue;
        chips.append(
          el("button", {
            type: "button",
            class: "chip",
            "data-testid": "quick-reply",
            text,
            onclick: () => sendMessage(text),
          }),
        );
      }
      node.append(chips);
    }
    if (payload.handoff_offered) {
      ui.handoffBtn.classList.add("prominent");
      node.append(
        el(
          "div",
          { class: "chips handoff-offer" },
          el("button", {
            type: "button",
            class: "chip",
            "data-testid": "handoff-offer",
            text: T("handoff"),
            onclick: requestHandoff,
          }),
        ),
      );
    }
    if (payload.feedback_allowed) {
      const chosen = ["up", "down"].includes(payload.feedback) ? payload.feedback : "";
      const box = el("div", { class: "feedback", role: "group", "aria-label": T("helpful") });
      box.append(el("span", { text: T("helpful") }));
      for (const value of ["up", "down"]) {
        const button = el("button", {
          type: "button",
          class: `thumb thumb-${value}`,
          "data-testid": `thumb-${value}`,
          "data-value": value,
          "aria-label": T(value === "up" ? "thumbUp" : "thumbDown"),
          title: T(value === "up" ? "thumbUp" : "thumbDown"),
          "aria-pressed": String(chosen === value),
          html: ICON_THUMB,
        });
        if (value === "down") button.firstChild.style.transform = "rotate(180deg)";
        button.addEventListener("click", () => {
          if (!send({ type: "feedback", seq, value })) return;
          for (const b of box.querySelectorAll(".thumb")) {
            b.setAttribute("aria-pressed", String(b.dataset.value === value));
          }
        });
        box.append(button);
      }
      node.append(box);
    }
  }

  // --- Verification by one-time code ---------------------------------------------------
  const VERIFY_ERRORS = new Set([
    "invalid_address",
    "too_many_codes",
    "wrong_code",
    "code_expired",
    "no_verification_pending",
  ]);

  function attachVerifyForm(node, seq) {
    if (verify.node && verify.host && seq <= verify.hostSeq) return; // an older question
    if (!verify.node) buildVerifyForm();
    verify.host = node;
    verify.hostSeq = seq;
    node.append(verify.node); // moves it from an older message, keeping what was typed
  }

  function buildVerifyForm() {
    const error = el("p", {
      class: "verify-error",
      id: "cs-verify-error",
      role: "alert",
      "data-testid": "verify-error",
    });
    const address = el("input", {
      id: "cs-verify-address",
      type: "text",
      name: "address",
      maxlength: "254",
      autocomplete: "username", // a phone number or an e-mail: what sign-in forms ask for
      autocapitalize: "off",
      spellcheck: "false",
      placeholder: T("verifyAddressHint"),
      "aria-describedby": "cs-verify-error",
      "data-testid": "verify-address",
    });
    const sendCode = el("button", {
      type: "submit",
      class: "primary",
      "data-testid": "verify-send",
      text: T("sendCode"),
    });
    const addressForm = el(
      "form",
      { class: "verify-step", "data-testid": "verify-address-form", novalidate: true },
      el("label", { for: "cs-verify-address", text: T("verifyAddress") }),
      el("div", { class: "verify-row" }, address, sendCode),
    );
    const sentNote = el("p", {
      class: "verify-note",
      id: "cs-verify-sent",
      role: "status",
      "data-testid": "verify-sent",
    });
    const code = el("input", {
      id: "cs-verify-code",
      class: "code",
      type: "text",
      name: "code",
      inputmode: "numeric",
      autocomplete: "one-time-code",
      maxlength: "12", // six digits, with room for a pasted "123 456"
      "aria-describedby": "cs-verify-sent cs-verify-error",
      "data-testid": "verify-code",
    });
    const check = el("button", {
      type: "submit",
      class: "primary",
      "data-testid": "verify-submit",
      text: T("verify"),
    });
    const again = el("button", {
      type: "button",
      class: "link",
      "data-testid": "verify-new-code",
      text: T("newCode"),
    });
    const codeForm = el(
      "form",
      {
        class: "verify-step",
        "data-testid": "verify-code-form",
        novalidate: true,
        hidden: true,
      },
      sentNote,
      el("label", { for: "cs-verify-code", text: T("codeLabel") }),
      el("div", { class: "verify-row" }, code, check),
      again,
    );
    verify.node = el(
      "div",
      {
        class: "verify",
        role: "group",
        "aria-labelledby": "cs-verify-title",
        "data-testid": "verify-form",
      },
      el("p", { class: "verify-title", id: "cs-verify-title", text: T("verifyTitle") }),
      addressForm,
      codeForm,
      error,
    );
    verify.parts = { error, address, sendCode, addressForm, sentNote, code, check, codeForm };

    addressForm.addEventListener("submit", (event) => {
      event.preventDefault();
      if (verify.pending) return;
      const value = address.value.trim();
      if (!value) {
        showVerifyError(T("enterAddress"), address);
        return;
      }
      if (!state.ready || !send({ type: "verify_start", address: value.slice(0, 254) })) {
        showVerifyError(T("cannotConnect"));
        return;
      }
      setVerifyPending(true);
    });
    codeForm.addEventListener("submit", (event) => {
      event.preventDefault();
      if (verify.pending) return;
      const digits = code.value.replace(/\D/g, "");
      if (digits.length !== 6) {
        showVerifyError(T("enterCode"), code);
        return;
      }
      if (!state.ready || !send({ type: "verify_code", code: digits })) {
        showVerifyError(T("cannotConnect"));
        return;
      }
      setVerifyPending(true);
    });
    again.addEventListener("click", () => {
      setVerifyStage("address");
      showVerifyError("");
      address.focus();
    });
    setVerifyStage(verify.stage);
  }

  function setVerifyStage(stage) {
    verify.stage = stage;
    if (!verify.node) return;
    verify.node.dataset.stage = stage;
    verify.parts.addressForm.hidden = stage !== "address";
    verify.parts.codeForm.hidden = stage !== "code";
    revealVerify();
  }

  /** The form changes height between steps and with errors: keep all of it in view. */
  function revealVerify() {
    if (verify.node && verify.node.isConnected && isVisible()) {
      verify.node.scrollIntoView({ block: "nearest" });
      // The widget's own scrolling: the customer did not scroll away from the end.
      state.autoTop = ui.log.scrollTop;
      state.follow = atEnd();
    }
  }

  function setVerifyPending(on) {
    verify.pending = on;
    if (!verify.node) return;
    verify.node.setAttribute("aria-busy", String(on));
    // aria-disabled, not disabled: a disabled button would drop the keyboard focus.
    verify.parts.sendCode.setAttribute("aria-disabled", String(on));
    verify.parts.check.setAttribute("aria-disabled", String(on));
    if (on) showVerifyError("");
  }

  /** ``text`` inline under the form; ``field`` (if any) is marked invalid and focused. */
  function showVerifyError(text, field) {
    if (!verify.node) return;
    const { error, address, code } = verify.parts;
    showText(error, text);
    address.removeAttribute("aria-invalid");
    code.removeAttribute("aria-invalid");
    if (field && text) {
      field.setAttribute("aria-invalid", "true");
      field.focus();
    }
    if (text) revealVerify();
  }

  function focusIsIn(node) {
    const active = shadow.activeElement;
    return Boolean(active && node && node.contains(active));
  }

  function onVerificationSent(frame) {
    setVerifyPending(false);
    setVerifyStage("code");
    if (!verify.node) return;
    const { sentNote, code } = verify.parts;
    const note = [T("codeSent", { to: String(frame.masked || "") })];
    if (Number.isFinite(frame.expires_in) && frame.expires_in > 0) {
      note.push(T("codeValid", { m: Math.max(1, Math.round(frame.expires_in / 60)) }));
    }
    setTr(sentNote, "text", note);
    code.value = "";
    showVerifyError("");
    if (isVisible()) code.focus();
    revealVerify();
  }

  function onVerifyError(frame) {
    setVerifyPending(false);
    const { address, code } = verify.parts;
    let text = errorText(frame);
    if (frame.code === "wrong_code") {
      // The count of attempts left: a field if the server sends one, else the number in
      // its (English or Chinese) detail text.
      let left = Number.isInteger(frame.attempts_left) ? frame.attempts_left : null;
      if (left === null) {
        const found = /(\d+)/.exec(String(frame.detail || ""));
        if (found) left = Number(found[1]);
      }
      if (left !== null) text = T("wrongCodeLeft", { n: left });
      code.value = "";
      showVerifyError(text, code);
      return;
    }
    if (frame.code === "code_expired" || frame.code === "no_verification_pending") {
      // Nothing left to answer: back to asking for a code, the address still filled in.
      setVerifyStage("address");
      showVerifyError(text, address);
      return;
    }
    showVerifyError(text, verify.stage === "code" ? code : address);
  }

  function onIdentified(frame) {
    state.identified = true;
    if (!verify.node) return;
    const name = typeof frame.display_name === "string" ? frame.display_name.trim() : "";
    const done = el("div", {
      class: "verified",
      role: "status",
      tabindex: "-1",
      "data-testid": "verified",
      text: name ? T("verifiedAs", { name }) : T("verified"),
    });
    const hadFocus = focusIsIn(verify.node);
    verify.node.replaceWith(done);
    resetVerify();
    if (hadFocus) ui.input.focus();
  }

  function removeVerifyForm() {
    if (verify.node) verify.node.remove();
    resetVerify();
  }

  function resetVerify() {
    verify.node = null;
    verify.parts = null;
    verify.host = null;
    verify.hostSeq = -1;
    verify.stage = "address";
    verify.pending = false;
  }

  // --- Proactive suggestions --------------------------------------------------------------
  function formatPrice(price, currency) {
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

  function productList(products) {
    const list = el("ul", { class: "products", "aria-label": T("products") });
    for (const p of Array.isArray(products) ? products : []) {
      if (!p || typeof p.name !== "string" || !p.name) continue;
      list.append(
        el(
          "li",
          { class: "product", "data-testid": "product", "data-sku": String(p.sku ?? "") },
          el("span", { class: "product-name", text: p.name }),
          el("span", {
            class: "product-price",
            // Kept to format the price again in another language's conventions.
            "data-price": String(p.price ?? ""),
            "data-currency": String(p.currency ?? ""),
            text: formatPrice(p.price, p.currency),
          }),
        ),
      );
    }
    return list.childElementCount ? list : null;
  }

  function showProactive(data) {
    if (typeof data.text !== "string" || !data.text.trim()) return null;
    const skus = Array.isArray(data.products) ? data.products.map((p) => p && p.sku) : [];
    const key = JSON.stringify([data.text, skus]);
    // Reconnecting brings the same welcome again: the card was already shown on this page.
    if (proactive.seen.has(key)) return null;
    proactive.seen.add(key);
    if (proactive.node && !proactive.node.dataset.done) proactive.node.remove();
    const bubble = el(
      "div",
      { class: "bubble" },
      el("span", { class: "proactive-title", text: T("proactive") }),
      el("span", { "data-testid": "proactive-text", text: data.text }),
      productList(data.products),
    );
    const node = el(
      "div",
      {
        class: "msg msg-bot proactive",
        role: "group",
        "aria-label": T("proactive"),
        "data-testid": "proactive",
      },
      el("div", { class: "meta", text: T("bot") }),
      bubble,
    );
    if (data.opt_out) {
      const optOut = el("button", {
        type: "button",
        class: "link",
        "data-testid": "proactive-opt-out",
        text: T("proactiveOptOut"),
      });
      optOut.addEventListener("click", () => {
        if (proactive.pending) return;
        const error = node.querySelector(".proactive-error");
        if (!state.ready || !send({ type: "preferences", proactive_suggestions: false })) {
          setTr(error, "text", T("cannotConnect"));
          return;
        }
        showText(error, "");
        setProactivePending(true);
      });
      node.append(
        optOut,
        el("p", { class: "proactive-error", role: "alert", "data-testid": "proactive-error" }),
      );
    }
    proactive.node = node;
    proactive.pending = false;
    // At the top of the conversation that is starting: after what is already on screen
    // (the welcome, an earlier conversation), before anything still being sent.
    const firstPending = ui.log.querySelector('.msg[data-pending="true"]');
    if (firstPending) firstPending.before(node);
    else ui.log.append(node);
    return node;
  }

  function setProactivePending(on) {
    proactive.pending = on;
    const button = proactive.node && proactive.node.querySelector(".link");
    if (button) button.setAttribute("aria-disabled", String(on)); // keeps the focus, see above
  }

  function onPreferencesSaved(frame) {
    setProactivePending(false);
    const prefs = frame.preferences && typeof frame.preferences === "object" ? frame.preferences : {};
    if (prefs.proactive_suggestions !== false || !proactive.node) return;
    const node = proactive.node;
    const hadFocus = focusIsIn(node);
    const done = el("div", {
      class: "bubble",
      role: "status",
      tabindex: "-1",
      "data-testid": "proactive-done",
      text: T("proactiveOff"),
    });
    node.replaceChildren(el("div", { class: "meta", text: T("bot") }), done);
    node.dataset.done = "true";
    if (hadFocus) done.focus();
  }

  function metaLine(who, iso) {
    const meta = el("div", { class: "meta" }, el("span", { text: who }));
    const time = formatTime(iso);
    if (time) meta.append(" · ", el("time", { datetime: iso, text: time }));
    return meta;
  }

  function formatTime(iso) {
    if (!iso) return "";
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return "";
    return date.toLocaleTimeString(locale(), { hour: "2-digit", minute: "2-digit" });
  }

  function insertBySeq(node, seq) {
    for (const other of ui.log.querySelectorAll(".msg[data-seq]:not(.archived)")) {
      if (Number(other.dataset.seq) > seq) {
        other.before(node);
        return;
      }
    }
    const firstPending = ui.log.querySelector('.msg[data-pending="true"]');
    if (firstPending) firstPending.before(node);
    else ui.log.append(node);
  }

  function confirmNode(node, seq) {
    if (node.dataset.seq === String(seq)) return;
    node.dataset.seq = String(seq);
    node.removeAttribute("data-pending");
    bySeq.set(seq, node);
    state.lastSeq = Math.max(state.lastSeq, seq);
    const meta = node.querySelector(".meta");
    if (meta) meta.replaceWith(metaLine(T("you"), new Date().toISOString()));
    node.remove();
    insertBySeq(node, seq);
    updateReceipt();
  }

  function renderPending(item) {
    const node = el(
      "div",
      {
        class: "msg msg-customer",
        "data-testid": "message",
        "data-sender": "customer",
        "data-pending": "true",
        "data-client-id": item.client_id,
      },
      el("div", { class: "meta", text: T("sending") }),
      el("div", { class: "bubble", text: item.text }),
    );
    byClient.set(item.client_id, node);
    ui.log.append(node);
    return node;
  }

  /** Move the finished conversation's messages out of the seq bookkeeping, keeping them
   * on screen under a divider: the next conversation numbers its messages from 1 again. */
  function archiveConversation() {
    const nodes = ui.log.querySelectorAll(".msg[data-seq]:not(.archived)");
    if (!nodes.length) return;
    for (const node of nodes) {
      node.classList.add("archived");
      node.dataset.testid = "message-archived";
      node.dataset.oldSeq = node.dataset.seq;
      node.removeAttribute("data-seq");
      node.querySelector(".receipt")?.remove();
      if (verify.host === node) removeVerifyForm();
      for (const b of node.querySelectorAll("button, input")) b.disabled = true;
    }
    const last = nodes[nodes.length - 1];
    last.after(el("div", { class: "divider", role: "separator" }));
    const first = nodes[0];
    first.before(el("div", { class: "divider", text: T("previous") }));
    bySeq.clear();
    for (const [clientId, node] of byClient) {
      if (node.classList.contains("archived")) byClient.delete(clientId);
    }
    state.lastSeq = 0;
    state.readSent = 0;
    state.agentRead = 0;
    state.csatDone = false;
    state.archivedFor = state.conversationId;
  }

  function setConversation(id) {
    if (id === state.conversationId) return;
    state.conversationId = id;
    state.archivedFor = null;
    if (id === null || id === undefined) store.remove("conversation");
    else store.set("conversation", id);
  }

  function setStatus(frame) {
    state.status = frame.status || "new";
    state.detail = frame;
    ui.root.dataset.status = state.status;
    const text = [];
    if (state.status === "bot") text.push(T("statusBot"));
    else if (state.status === "waiting") {
      text.push(T("statusWaiting", { n: frame.queue_position ?? "?" }));
      if (Number.isFinite(frame.expected_wait_seconds)) {
        const minutes = Math.max(1, Math.round(frame.expected_wait_seconds / 60));
        text.push(T("expectedWait", { m: minutes }));
      }
    } else if (state.status === "assigned") {
      text.push(
        frame.agent_name
          ? T("statusAssigned", { name: String(frame.agent_name) })
          : T("statusAssignedNoName"),
      );
    } else if (state.status === "closed") text.push(T("statusClosed"));
    if (text.length) setTr(ui.status, "text", text);
    else setPlain(ui.status, "text", "");
    if (state.status !== "assigned") showAgentTyping(false);
    const closed = state.status === "closed";
    ui.csat.hidden = !closed || state.csatDone;
    if (!closed) ui.csatThanks.hidden = true;
  }

  function updateReceipt() {
    ui.log.querySelector(".receipt")?.remove();
    const mine = ui.log.querySelectorAll('.msg-customer[data-seq]:not(.archived)');
    const last = mine[mine.length - 1];
    if (last && state.agentRead >= Number(last.dataset.seq)) {
      last.append(el("div", { class: "receipt", "data-testid": "read-receipt", text: T("read") }));
    }
  }

  function showAgentTyping(on) {
    clearTimeout(state.agentTypingTimer);
    ui.typing.hidden = !on;
    if (on) {
      const name = state.detail.agent_name ? String(state.detail.agent_name) : S.anAgent;
      setTr(ui.typing, "text", T("typing", { name }));
      // A lost "stopped typing" frame must not leave the indicator up for ever.
      state.agentTypingTimer = setTimeout(() => showAgentTyping(false), 8000);
    }
  }

  function showNotice(text) {
    clearTimeout(state.noticeTimer);
    ui.notice.textContent = text;
    state.noticeTimer = setTimeout(() => (ui.notice.textContent = ""), 6000);
  }

  // --- Scrolling ----------------------------------------------------------------------------
  // The transcript follows what arrives, unless the customer has scrolled up to read: then it
  // stays where it is and the "new message" pill says that something arrived below.
  const LOG_PAD = 12; // the transcript's top padding, kept above a message scrolled to the top
  const END_SLACK = 24; // this close to the end still counts as "at the end"

  const logShown = () => !ui.panel.hidden && ui.log.clientHeight > 0;

  function atEnd() {
    const log = ui.log;
    return log.scrollHeight - log.scrollTop - log.clientHeight <= END_SLACK;
  }

  function scrollLogTo(top) {
    const log = ui.log;
    log.scrollTop = Math.max(0, Math.min(top, log.scrollHeight - log.clientHeight));
    state.autoTop = log.scrollTop; // the scroll event this fires is ours, not the customer's
  }

  /** Bring ``node`` and everything after it into view. When that is taller than the
   * transcript, ``node`` is shown from its start: a long answer is read from the top. */
  function reveal(node) {
    state.anchor = node && node.isConnected ? node : null;
    scrollLogTo(state.anchor ? state.anchor.offsetTop - LOG_PAD : Infinity);
  }

  function jumpToEnd() {
    reveal(null);
    state.follow = true;
    state.unseen = [];
    updatePill();
  }

  /** ``nodes`` just appeared in the transcript; ``force`` when the customer caused them
   * (they sent a message and expect to see it). */
  function arrived(nodes, force = false) {
    const fresh = nodes.filter((node) => node && node.isConnected);
    if (!fresh.length) return;
    if (!logShown()) {
      // Closed panel: opening it starts at the end (and the launcher counts unread replies).
      state.follow = true;
      return;
    }
    if (force || state.follow) {
      reveal(fresh[0]);
      state.follow = true;
      state.unseen = [];
    } else {
      state.unseen.push(...fresh);
    }
    updatePill();
  }

  function updatePill() {
    state.unseen = state.unseen.filter((node) => node.isConnected);
    const n = state.unseen.length;
    if (n) setTr(ui.pillText, "text", n === 1 ? T("newMessage") : T("newMessages", { n }));
    if (!n && focusIsIn(ui.pill)) ui.log.focus({ preventScroll: true }); // keep the keyboard here
    ui.pill.hidden = n === 0;
  }

  /** The customer scrolled: follow again once they are back at the end; a new message they
   * have scrolled to is no longer new. */
  function onLogScroll() {
    const log = ui.log;
    // The widget's own scrolling leaves the mode as it is. The customer's first move away
    // forgets that position, so coming back to it later counts as theirs.
    if (state.autoTop !== null && Math.abs(log.scrollTop - state.autoTop) <= 1) return;
    state.autoTop = null;
    state.follow = atEnd();
    const bottom = log.scrollTop + log.clientHeight;
    state.unseen = state.follow ? [] : state.unseen.filter((node) => node.offsetTop >= bottom);
    updatePill();
  }

  /** The transcript's content or size changed by itself (an image in an answer loaded, the
   * composer grew, a phone's keyboard opened): keep following what was in view. */
  function keepFollowing() {
    if (state.follow && logShown()) reveal(state.anchor);
  }

  function updateBadge() {
    const shown = state.unread > 0 && !state.isOpen;
    ui.badge.hidden = !shown;
    ui.badge.textContent = shown ? String(Math.min(state.unread, 99)) : "";
    let label = state.isOpen ? S.closeChat : S.openChat;
    if (shown) label += ` (${fmt(S.unread, { n: state.unread })})`;
    ui.launcher.setAttribute("aria-label", label);
  }

  function countUnreadFromHistory(messages) {
    if (state.isOpen) return;
    const fresh = messages.filter((m) => m.sender !== "customer" && m.seq > state.seenSeq);
    state.unread = fresh.length;
    updateBadge();
  }

  // ---------------------------------------------------------------------------------------
  // Customer actions
  // ---------------------------------------------------------------------------------------
  function sendMessage(raw) {
    const text = String(raw || "").trim().slice(0, 2000);
    if (!text || state.stopped) return false;
    if (state.status === "closed") {
      // Writing after the end starts a new conversation on the server (seq restarts at 1).
      archiveConversation();
      ui.csat.hidden = true;
      ui.csatThanks.hidden = true;
    }
    const item = { client_id: newClientId(), text, t: Date.now() };
    outbox.push(item);
    saveOutbox();
    arrived([renderPending(item)], true);
    stopTyping();
    if (state.ready) send({ type: "message", client_id: item.client_id, text });
    else if (!state.ws) reconnectNow();
    return true;
  }

  function flushOutbox() {
    if (!state.ready) return;
    for (const item of outbox) {
      if (!byClient.has(item.client_id)) renderPending(item);
      send({ type: "message", client_id: item.client_id, text: item.text });
    }
  }

  function requestHandoff() {
    if (!send({ type: "handoff" })) showNotice(S.connecting);
  }

  function noteTyping() {
    if (!state.ready) return;
    const now = Date.now();
    // At most one "typing" frame every 3 s, then a "stopped" one after 4 s of quiet.
    if (now - state.typingSentAt > 3000) {
      state.typingSentAt = now;
      send({ type: "typing", is_typing: true });
    }
    clearTimeout(state.typingIdleTimer);
    state.typingIdleTimer = setTimeout(stopTyping, 4000);
  }

  function stopTyping() {
    clearTimeout(state.typingIdleTimer);
    if (state.typingSentAt) {
      state.typingSentAt = 0;
      send({ type: "typing", is_typing: false });
    }
  }

  const isVisible = () => state.isOpen && document.visibilityState === "visible";

  function maybeSendRead() {
    if (!state.ready || !isVisible()) return;
    if (state.lastSeq > state.readSent) {
      state.readSent = state.lastSeq;
      send({ type: "read", seq: state.lastSeq });
    }
    if (state.lastSeq > state.seenSeq) {
      state.seenSeq = state.lastSeq;
      store.set("seen_seq", state.seenSeq);
    }
    state.unread = 0;
    updateBadge();
  }

  /** ``focus: false`` when the page itself reopens the panel: moving the focus on load
   * would yank keyboard and screen-reader users away from where they are. */
  function open({ focus = true } = {}) {
    if (state.isOpen) return;
    state.isOpen = true;
    ui.panel.hidden = false;
    ui.launcher.setAttribute("aria-expanded", "true");
    if (!fullPage) session.set("open", "1");
    if (!state.ws && !state.retryTimer) connect();
    updateBadge();
    maybeSendRead();
    jumpToEnd();
    if (focus) ui.input.focus();
  }

  function close() {
    if (!state.isOpen || fullPage) return;
    state.isOpen = false;
    ui.panel.hidden = true;
    ui.launcher.setAttribute("aria-expanded", "false");
    session.set("open", "0");
    stopTyping();
    updateBadge();
    ui.launcher.focus();
  }

  ui.launcher.addEventListener("click", () => (state.isOpen ? close() : open()));
  ui.closeBtn.addEventListener("click", close);
  ui.retryBtn.addEventListener("click", () => {
    state.attempt = 0;
    reconnectNow();
  });
  ui.root.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && state.isOpen && !fullPage) {
      event.stopPropagation();
      close();
    }
  });
  ui.composer.addEventListener("submit", (event) => {
    event.preventDefault();
    if (sendMessage(ui.input.value)) {
      ui.input.value = "";
      autoGrow();
    }
  });
  ui.input.addEventListener("keydown", (event) => {
    // Enter sends, Shift+Enter is a new line; never while an IME is composing Chinese.
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      ui.composer.requestSubmit();
    }
  });
  const autoGrow = () => {
    ui.input.style.height = "auto";
    ui.input.style.height = `${Math.min(ui.input.scrollHeight + 2, 140)}px`;
  };
  ui.input.addEventListener("input", () => {
    autoGrow();
    if (ui.input.value.trim()) noteTyping();
    else stopTyping();
  });
  ui.handoffBtn.addEventListener("click", requestHandoff);
  ui.endBtn.addEventListener("click", () => {
    if (!send({ type: "close" })) showNotice(S.connecting);
  });
  ui.csat.addEventListener("submit", (event) => {
    event.preventDefault();
    const score = Number(ui.csat.elements.score.value);
    if (!(score >= 1 && score <= 5)) return;
    const comment = ui.csat.elements.comment.value.trim().slice(0, 1000);
    const frame = { type: "csat", score };
    if (comment) frame.comment = comment;
    if (!send(frame)) showNotice(S.connecting);
  });
  document.addEventListener("visibilitychange", maybeSendRead);
  window.addEventListener("online", () => {
    state.attempt = 0;
    reconnectNow();
  });

  ui.log.addEventListener("scroll", onLogScroll, { passive: true });
  // "load" does not bubble; listening in the capture phase sees every image in an answer.
  ui.log.addEventListener("load", keepFollowing, true);
  if (typeof ResizeObserver === "function") new ResizeObserver(keepFollowing).observe(ui.log);
  ui.pill.addEventListener("click", () => {
    const first = state.unseen.find((node) => node.isConnected);
    reveal(first);
    state.follow = atEnd();
    state.unseen = state.follow ? [] : state.unseen.slice(state.unseen.indexOf(first) + 1);
    updatePill();
  });

  // --- Language -------------------------------------------------------------------------------
  function setLanguage(key) {
    if (key === lang || !STRINGS[key]) return;
    lang = key;
    S = STRINGS[key];
    const tag = langInfo()[1];
    store.set("lang", tag);
    ui.root.setAttribute("lang", tag);
    ui.langSelect.value = tag;
    relabel();
    // What is worked out rather than remembered: times, prices, connection, launcher label.
    for (const time of shadow.querySelectorAll("time[datetime]")) {
      time.textContent = formatTime(time.getAttribute("datetime"));
    }
    for (const price of shadow.querySelectorAll(".product-price[data-price]")) {
      price.textContent = formatPrice(price.dataset.price, price.dataset.currency);
    }
    setConn(state.connKind, state.connSeconds);
    updateBadge();
    state.relanguage = true;
    helloAgain();
  }

  /** The server learns the language from the hello (a conversation started from now on is in
   * it): say hello again on the open socket. A one-time code already sent stays valid: it
   * belongs to the visitor, not to the socket's session. */
  function helloAgain() {
    if (!state.relanguage || !state.ready || !state.ws) return;
    sayHello(state.ws, state.lastSeq);
  }

  ui.langSelect.addEventListener("change", () => {
    const found = LANGUAGES.find((l) => l[1] === ui.langSelect.value);
    if (found) setLanguage(found[0]);
  });
  // The visitor chose in another tab of this shop: follow it here too.
  window.addEventListener("storage", (event) => {
    if (event.key !== storeKey("lang")) return;
    const found = LANGUAGES.find((l) => l[1] === store.get("lang", null));
    if (found) setLanguage(found[0]);
  });

  window.CSChatWidget = { open: () => open(), close: () => close() };

  function start() {
    document.body.append(host);
    setConn("idle");
    for (const item of outbox) renderPending(item);
    if (fullPage) {
      // On a phone the keyboard must not pop up before the customer chooses to write.
      open({ focus: !matchMedia("(pointer: coarse)").matches });
    } else if (session.get("open") === "1") {
      open({ focus: false });
    } else if (store.get("token", null) && state.conversationId !== null) {
      // A returning visitor with a conversation hears about new replies without opening.
      connect();
    }
  }

  if (document.body) start();
  else document.addEventListener("DOMContentLoaded", start, { once: true });
})();
