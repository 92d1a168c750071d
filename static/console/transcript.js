/* The transcript of the open conversation: messages in order, pending replies, receipts. */
import { insertBySeq, placeConfirmed } from "../shared/ordering.js";
import { cardList } from "./cards.js";
import { canReply } from "./conversation.js";
import { el } from "./dom.js";
import { summaryById } from "./lists.js";
import { attachmentList } from "./media.js";
import { send } from "./socket.js";
import { state, ui } from "./state.js";
import { S, locale } from "./strings.js";

export const SENDER_LABEL = { customer: S.customer, bot: S.bot, agent: S.agent, system: S.system };

export function renderMessage(m) {
  const sender = ["customer", "bot", "agent", "system"].includes(m.sender) ? m.sender : "system";
  const isNote = Boolean(m.private);
  const node = el("div", {
    class: `msg msg-${sender}${isNote ? " msg-note" : ""}`,
    "data-testid": "transcript-message",
    "data-sender": sender,
    "data-seq": String(m.seq),
    "data-private": isNote ? "true" : "false",
  });
  let who = SENDER_LABEL[sender];
  if (sender === "agent" && m.agent_name) who = m.agent_name;
  const meta = el("div", { class: "meta" });
  if (sender === "bot") meta.append(el("span", { class: "tag tag-bot", text: S.bot }));
  if (isNote) meta.append(el("span", { class: "tag tag-note", text: S.note }));
  const emotion = m.payload && m.payload.sentiment && m.payload.sentiment.emotion;
  if (sender === "customer" && emotion && S.emotions[emotion]) {
    meta.append(el("span", { class: `tag tag-mood mood-${emotion}`, "data-testid": "emotion", text: S.emotions[emotion] }));
  }
  if (sender !== "bot") meta.append(el("span", { text: who }));
  const time = formatTime(m.created_at);
  if (time) meta.append(" · ", el("time", { datetime: m.created_at, text: time }));
  node.append(meta);
  const bubble = el("div", { class: "bubble" });
  if (sender === "bot") bubble.innerHTML = m.text || ""; // sanitised by the server
  else bubble.textContent = m.text || "";
  const files = attachmentList(m.attachments);
  const cards = cardList(m.cards);
  // A photo sent on its own has no text: no empty bubble above it.
  if (m.text || (!files && !cards)) node.append(bubble);
  if (files) node.append(files);
  if (cards) node.append(cards);
  if (sender === "bot") appendOffered(node, m.payload || {});
  state.bySeq.set(m.seq, node);
  return node;
}

// What the widget showed under a bot message (its "did you mean" chips, related questions,
// the offer of a person), so the agent reads the turn as the customer saw it. Not buttons:
// only the customer can pick one.
export function appendOffered(node, payload) {
  const texts = (items, pick) => (Array.isArray(items) ? items : [])
    .map(pick).filter((t) => typeof t === "string" && t);
  const lists = [
    ["suggestions", S.offered.suggestions, texts(payload.suggestions, (s) => s && s.question)],
    ["related", S.offered.related, texts(payload.quick_replies, (q) => q)],
  ];
  for (const [kind, label, items] of lists) {
    if (!items.length) continue;
    node.append(el("div", { class: "offered", "data-testid": `offered-${kind}` },
      el("span", { class: "offered-label", text: label }),
      el("ul", { class: "chips" }, ...items.map((t) => el("li", { class: "chip", text: t })))));
  }
  if (payload.handoff_offered) {
    node.append(el("div", { class: "offered", "data-testid": "offered-handoff" },
      el("span", { class: "chip", text: S.offered.handoff })));
  }
}

// One line of plain text for the lists, like the server's previews: a bot answer is HTML
// (sanitised), and its markup must never show as text.
export function previewText(m) {
  let text = String(m.text || "");
  if (m.sender === "bot") {
    const doc = new DOMParser().parseFromString(text, "text/html");
    for (const block of doc.body.querySelectorAll("p, br, div, li, ul, ol, h1, h2, h3, h4, tr, td")) {
      block.append(" ");
    }
    text = doc.body.textContent || "";
  }
  return text.replace(/\s+/g, " ").trim().slice(0, 140);
}

export function formatTime(iso) {
  const date = new Date(iso || "");
  if (Number.isNaN(date.getTime())) return "";
  return date.toLocaleTimeString(locale, { hour: "2-digit", minute: "2-digit" });
}

export function addMessage(m, live) {
  if (!Number.isInteger(m.seq) || state.bySeq.has(m.seq)) return;
  // Our own replies come back with the server's "agent:<id>:" prefix on the client id.
  const prefix = state.me ? `agent:${state.me.id}:` : null;
  if (prefix && typeof m.client_id === "string" && m.client_id.startsWith(prefix)) {
    const node = state.pending.get(m.client_id.slice(prefix.length));
    if (node) {
      state.pending.delete(m.client_id.slice(prefix.length));
      confirmNode(node, m.seq);
      // The stored reply's files, with links signed for this agent.
      const files = attachmentList(m.attachments);
      if (files) node.querySelector(".atts")?.replaceWith(files);
      return;
    }
  }
  insertBySeq(ui.transcript, renderMessage(m), m.seq);
  if (m.sender === "customer") showCustomerTyping(false);
  if (live) {
    const summary = state.conversations.get(state.current);
    if (summary && !m.private) summary.last_message = previewText(m);
    updateReceipt();
    scrollToEnd(m.sender === "agent");
    maybeSendRead();
  }
}

export function confirmNode(node, seq) {
  if (state.bySeq.has(seq)) {
    node.remove(); // the echo got there first
    return;
  }
  node.removeAttribute("data-failed");
  node.removeAttribute("data-frame");
  state.bySeq.set(seq, node);
  const label = node.querySelector(".meta .state");
  if (label) {
    const now = new Date().toISOString();
    label.replaceWith(" · ", el("time", { datetime: now, text: formatTime(now) }));
  }
  placeConfirmed(ui.transcript, node, seq);
  updateReceipt();
}

export function scrollToEnd(force) {
  const t = ui.transcript;
  if (force || t.scrollHeight - t.scrollTop - t.clientHeight < 80) t.scrollTop = t.scrollHeight;
}

export function updateReceipt() {
  ui.transcript.querySelector(".receipt")?.remove();
  const replies = ui.transcript.querySelectorAll('.msg-agent[data-private="false"][data-seq]');
  const last = replies[replies.length - 1];
  if (last && state.customerRead >= Number(last.dataset.seq)) {
    last.append(el("div", { class: "receipt", "data-testid": "read-receipt", text: S.read }));
  }
}

export function maybeSendRead() {
  const summary = summaryById(state.current);
  if (!canReply(summary) || document.visibilityState !== "visible") return;
  let latest = 0;
  for (const seq of state.bySeq.keys()) latest = Math.max(latest, seq);
  if (latest > state.readSent) {
    state.readSent = latest;
    send({ type: "read", conversation_id: state.current, seq: latest });
  }
}

export function showCustomerTyping(on) {
  clearTimeout(state.customerTypingTimer);
  ui.typing.hidden = !on;
  ui.typing.textContent = on ? S.typing : "";
  if (on) state.customerTypingTimer = setTimeout(() => showCustomerTyping(false), 8000);
}

export function showNotice(text) {
  clearTimeout(state.noticeTimer);
  ui.notice.textContent = text;
  state.noticeTimer = setTimeout(() => (ui.notice.textContent = ""), 8000);
}

