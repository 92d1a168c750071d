/*
 * The reply window of WhatsApp, Messenger and Instagram conversations (issue 23): above the
 * reply box, "window closed — send template" once 24 hours have passed since the customer's
 * last WhatsApp message (and which approved template the reply goes as), or the HUMAN_AGENT
 * period of Messenger and Instagram. The server sends the window with the transcript
 * (conversation.reply_window, docs/chat-protocol.md); a new customer message reopens it here,
 * and a timer closes it when its time is up. Self-contained: it reads the console's frames
 * from the socket itself, so no other module needs to know about it.
 */
import { el } from "./dom.js";
import { state, ui } from "./state.js";
import { lang } from "./strings.js";

const DAY_MS = 24 * 3600 * 1000;

const TEXT = {
  en: {
    open: "Reply window open until {t}.",
    waClosed: "WhatsApp window closed — send template. 24 hours have passed since the customer's last message.",
    waTemplate: "Your reply goes as the approved template “{name}”.",
    waNoTemplate: "No approved template is set for this channel: replies cannot be delivered (admin → Channel accounts → WhatsApp templates).",
    tagged: "24-hour window closed: only your own replies go (tagged HUMAN_AGENT) until {t}; automated messages are not sent.",
    closed: "Reply window closed: more than 7 days since the customer's last message. Nothing can be sent until they write again.",
  },
  zh: {
    open: "回复窗口开放至 {t}。",
    waClosed: "WhatsApp 窗口已关闭 — 请发送模板。距客户最后一条消息已超过 24 小时。",
    waTemplate: "您的回复将以已审核模板“{name}”发送。",
    waNoTemplate: "本渠道未设置已审核模板，回复无法送达（后台 → 渠道账号 → WhatsApp 模板）。",
    tagged: "24 小时窗口已关闭：{t} 前只有您本人的回复可发送（HUMAN_AGENT 标签），自动消息不会发送。",
    closed: "回复窗口已关闭：距客户最后一条消息已超过 7 天，客户再次来信前无法发送任何消息。",
  },
}[lang];

let current = null; // {conversation, window}
let banner = null;

const when = (iso) => new Date(iso).toLocaleString(lang === "zh" ? "zh-CN" : "en-GB", {
  month: "short", day: "numeric", hour: "2-digit", minute: "2-digit",
});
const fill = (text, values) => text.replace(/\{(\w+)\}/g, (_, k) => values[k] ?? "");

function node() {
  if (banner && banner.isConnected) return banner;
  const form = document.getElementById("reply-form");
  if (!form) return null;
  banner = el("p", { class: "hint reply-window", role: "status", "data-testid": "reply-window" });
  banner.hidden = true;
  form.before(banner);
  return banner;
}

/** Words for a window as the server describes it, at time ``now``. */
export function windowText(win, now = Date.now()) {
  if (!win || !win.closes_at) return { closed: false, text: "" };
  const closesAt = Date.parse(win.closes_at);
  if (now < closesAt) return { closed: false, text: fill(TEXT.open, { t: when(win.closes_at) }) };
  if (win.channel === "whatsapp") {
    const rest = win.template ? fill(TEXT.waTemplate, { name: win.template }) : TEXT.waNoTemplate;
    return { closed: true, text: `${TEXT.waClosed} ${rest}` };
  }
  if (win.human_agent_until && now < Date.parse(win.human_agent_until)) {
    return { closed: true, text: fill(TEXT.tagged, { t: when(win.human_agent_until) }) };
  }
  return { closed: true, text: TEXT.closed };
}

function render() {
  const target = node();
  if (!target) return;
  if (!current || current.conversation !== state.current || !current.window) {
    target.hidden = true;
    return;
  }
  const { closed, text } = windowText(current.window);
  target.textContent = text;
  target.classList.toggle("warning", closed);
  target.style.color = closed ? "#9a3412" : "";
  target.style.fontWeight = closed ? "600" : "";
  target.dataset.closed = closed ? "true" : "false";
  target.hidden = !text;
}

function onFrame(frame) {
  if (frame.type === "transcript" && frame.conversation_id === state.current) {
    current = { conversation: frame.conversation_id, window: frame.conversation?.reply_window || null };
    render();
  } else if (
    frame.type === "message" && current && frame.conversation_id === current.conversation
    && frame.sender === "customer" && current.window && frame.created_at
  ) {
    // The customer wrote: the platform's window starts again from this message.
    const last = Date.parse(frame.created_at);
    current.window = {
      ...current.window,
      closes_at: new Date(last + DAY_MS).toISOString(),
      ...(current.window.human_agent_until ? { human_agent_until: new Date(last + 7 * DAY_MS).toISOString() } : {}),
    };
    render();
  }
}

export function wireReplyWindow() {
  const watched = new WeakSet();
  const listen = () => {
    const ws = state.ws;
    if (!ws || watched.has(ws)) return;
    watched.add(ws);
    ws.addEventListener("message", (event) => {
      try {
        const frame = JSON.parse(event.data);
        if (frame && typeof frame.type === "string") onFrame(frame);
      } catch {
        // not JSON: the console's own handler ignores it too
      }
    });
  };
  // Every (re)connection makes a new socket; the connection badge changes with it.
  new MutationObserver(listen).observe(ui.connection, { attributes: true, attributeFilter: ["data-state"] });
  listen();
  setInterval(render, 30000); // the window closes without any frame
  // Another conversation opened: hide until its transcript says.
  document.addEventListener("click", () => setTimeout(render, 0), true);
}
