/*
 * The transcript: messages in order, the conversation's status line, read receipts, unread
 * counts, and scrolling that follows what arrives unless the customer scrolled up to read.
 */
import { insertBySeq, placeConfirmed } from "../shared/ordering.js";
import { attachmentList, cardList } from "./cards.js";
import { requestHandoff, sendMessage } from "./composer.js";
import { ICON_THUMB, el, focusIsIn, setPlain, setTr } from "./dom.js";
import { send } from "./socket.js";
import { byClient, bySeq, state, store, ui, verify } from "./store.js";
import { S, T, fmt, formatTime } from "./strings.js";
import { attachVerifyForm, removeVerifyForm } from "./verify.js";

export function onMessage(m, live) {
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
    // The stored message's files, with links signed for this visitor.
    const files = attachmentList(m.attachments);
    if (files) {
      const shown = pending.querySelector(".atts");
      if (shown) shown.replaceWith(files);
      else pending.append(files);
    }
  } else {
    node = renderMessage(m);
    insertBySeq(ui.log, node, m.seq);
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

// ---------------------------------------------------------------------------------------
// Rendering
// ---------------------------------------------------------------------------------------
export const SENDER_LABEL = { customer: "you", bot: "bot", agent: "agent", system: "system" };

/** An error code's text in the widget's language, else the server's own words. */
export const errorText = (frame) => {
  if (Object.prototype.hasOwnProperty.call(S.errors, frame.code)) {
    return T(`errors.${frame.code}`);
  }
  return frame.detail ? String(frame.detail) : T("errors.generic");
};


export function renderMessage(m) {
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
  const files = attachmentList(m.attachments);
  const cards = cardList(m.cards);
  // A photo sent on its own has no text: no empty bubble above it.
  if (m.text || (!files && !cards)) node.append(bubble);
  if (files) node.append(files);
  if (cards) node.append(cards);
  if (sender === "bot") appendBotExtras(node, m.seq, payload);
  return node;
}

export function appendBotExtras(node, seq, payload) {
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

export function metaLine(who, iso) {
  const meta = el("div", { class: "meta" }, el("span", { text: who }));
  const time = formatTime(iso);
  if (time) meta.append(" · ", el("time", { datetime: iso, text: time }));
  return meta;
}


export function confirmNode(node, seq) {
  if (node.dataset.seq === String(seq)) return;
  bySeq.set(seq, node);
  state.lastSeq = Math.max(state.lastSeq, seq);
  const meta = node.querySelector(".meta");
  if (meta) meta.replaceWith(metaLine(T("you"), new Date().toISOString()));
  placeConfirmed(ui.log, node, seq);
  updateReceipt();
}

export function renderPending(item) {
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
    item.text ? el("div", { class: "bubble", text: item.text }) : null,
    attachmentList(item.files),
  );
  byClient.set(item.client_id, node);
  ui.log.append(node);
  return node;
}

/** Move the finished conversation's messages out of the seq bookkeeping, keeping them
 * on screen under a divider: the next conversation numbers its messages from 1 again. */
export function archiveConversation() {
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

export function setConversation(id) {
  if (id === state.conversationId) return;
  state.conversationId = id;
  state.archivedFor = null;
  if (id === null || id === undefined) store.remove("conversation");
  else store.set("conversation", id);
}

export function setStatus(frame) {
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

export function updateReceipt() {
  ui.log.querySelector(".receipt")?.remove();
  const mine = ui.log.querySelectorAll('.msg-customer[data-seq]:not(.archived)');
  const last = mine[mine.length - 1];
  if (last && state.agentRead >= Number(last.dataset.seq)) {
    last.append(el("div", { class: "receipt", "data-testid": "read-receipt", text: T("read") }));
  }
}

export function showAgentTyping(on) {
  clearTimeout(state.agentTypingTimer);
  ui.typing.hidden = !on;
  if (on) {
    const name = state.detail.agent_name ? String(state.detail.agent_name) : S.anAgent;
    setTr(ui.typing, "text", T("typing", { name }));
    // A lost "stopped typing" frame must not leave the indicator up for ever.
    state.agentTypingTimer = setTimeout(() => showAgentTyping(false), 8000);
  }
}

export function showNotice(text) {
  clearTimeout(state.noticeTimer);
  ui.notice.textContent = text;
  state.noticeTimer = setTimeout(() => (ui.notice.textContent = ""), 6000);
}

// --- Scrolling ----------------------------------------------------------------------------
// The transcript follows what arrives, unless the customer has scrolled up to read: then it
// stays where it is and the "new message" pill says that something arrived below.
export const LOG_PAD = 12; // the transcript's top padding, kept above a message scrolled to the top
export const END_SLACK = 24; // this close to the end still counts as "at the end"

export const logShown = () => !ui.panel.hidden && ui.log.clientHeight > 0;

export function atEnd() {
  const log = ui.log;
  return log.scrollHeight - log.scrollTop - log.clientHeight <= END_SLACK;
}

export function scrollLogTo(top) {
  const log = ui.log;
  log.scrollTop = Math.max(0, Math.min(top, log.scrollHeight - log.clientHeight));
  state.autoTop = log.scrollTop; // the scroll event this fires is ours, not the customer's
}

/** Bring ``node`` and everything after it into view. When that is taller than the
 * transcript, ``node`` is shown from its start: a long answer is read from the top. */
export function reveal(node) {
  state.anchor = node && node.isConnected ? node : null;
  scrollLogTo(state.anchor ? state.anchor.offsetTop - LOG_PAD : Infinity);
}

export function jumpToEnd() {
  reveal(null);
  state.follow = true;
  state.unseen = [];
  updatePill();
}

/** ``nodes`` just appeared in the transcript; ``force`` when the customer caused them
 * (they sent a message and expect to see it). */
export function arrived(nodes, force = false) {
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

export function updatePill() {
  state.unseen = state.unseen.filter((node) => node.isConnected);
  const n = state.unseen.length;
  if (n) setTr(ui.pillText, "text", n === 1 ? T("newMessage") : T("newMessages", { n }));
  if (!n && focusIsIn(ui.pill)) ui.log.focus({ preventScroll: true }); // keep the keyboard here
  ui.pill.hidden = n === 0;
}

/** The customer scrolled: follow again once they are back at the end; a new message they
 * have scrolled to is no longer new. */
export function onLogScroll() {
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
export function keepFollowing() {
  if (state.follow && logShown()) reveal(state.anchor);
}

export function updateBadge() {
  const shown = state.unread > 0 && !state.isOpen;
  ui.badge.hidden = !shown;
  ui.badge.textContent = shown ? String(Math.min(state.unread, 99)) : "";
  let label = state.isOpen ? S.closeChat : S.openChat;
  if (shown) label += ` (${fmt(S.unread, { n: state.unread })})`;
  ui.launcher.setAttribute("aria-label", label);
}

export function countUnreadFromHistory(messages) {
  if (state.isOpen) return;
  const fresh = messages.filter((m) => m.sender !== "customer" && m.seq > state.seenSeq);
  state.unread = fresh.length;
  updateBadge();
}

export const isVisible = () => state.isOpen && document.visibilityState === "visible";

export function maybeSendRead() {
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
