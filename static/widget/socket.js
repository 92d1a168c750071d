/*
 * The customer socket (docs/chat-protocol.md, "Customer socket"): connecting with back-off,
 * the hello, and the frames from the server.
 */
import { flushOutbox, resumeUploads } from "./composer.js";
import { el, setPlain, showText } from "./dom.js";
import { onPreferencesSaved, setProactivePending, showProactive } from "./proactive.js";
import { byClient, cfg, outbox, proactive, saveOutbox, state, store, ui, verify } from "./store.js";
import { S, T, fmt, helloLanguage } from "./strings.js";
import { archiveConversation, arrived, confirmNode, countUnreadFromHistory, errorText, jumpToEnd, maybeSendRead, onMessage, setConversation, setStatus, showAgentTyping, showNotice, updateReceipt } from "./transcript.js";
import { VERIFY_ERRORS, onIdentified, onVerificationSent, onVerifyError, removeVerifyForm, setVerifyPending } from "./verify.js";

export const send = (frame) => {
  if (state.ws && state.ws.readyState === WebSocket.OPEN) {
    state.ws.send(JSON.stringify(frame));
    return true;
  }
  return false;
};

export function connect() {
  if (state.stopped || state.ws) return;
  clearTimeout(state.retryTimer);
  clearInterval(state.countdownTimer);
  state.retryTimer = null;
  setConn("connecting");
  let ws;
  try {
    ws = new WebSocket(cfg.wsUrl);
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

export function sayHello(ws, afterSeq) {
  const hello = { type: "hello", after_seq: afterSeq, language: helloLanguage() };
  const token = store.get("token", null);
  if (token) hello.visitor_token = token;
  if (state.identity) Object.assign(hello, state.identity);
  state.helloAfter = afterSeq;
  state.relanguage = false;
  ws.send(JSON.stringify(hello));
}

export function scheduleReconnect(minSeconds = 0, serverRestart = false) {
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

export function reconnectNow() {
  if (state.ws || state.stopped) return;
  clearTimeout(state.retryTimer);
  clearInterval(state.countdownTimer);
  connect();
}

export function setConn(kind, seconds) {
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
  ui.attachBtn.disabled = !usable;
  ui.cameraBtn.disabled = !usable;
}

// ---------------------------------------------------------------------------------------
// Frames from the server
// ---------------------------------------------------------------------------------------
export function handleFrame(frame) {
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

export function onWelcome(frame) {
  if (frame.visitor_token) store.set("token", frame.visitor_token);
  resumeUploads(); // files attached before the visitor had a token
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

export function onAck(frame) {
  const index = outbox.findIndex((item) => item.client_id === frame.client_id);
  if (index >= 0) {
    outbox.splice(index, 1);
    saveOutbox();
  }
  const node = byClient.get(frame.client_id);
  if (node && Number.isInteger(frame.seq)) confirmNode(node, frame.seq);
  if (state.status === "new" || state.status === "closed") setStatus({ status: "bot" });
}

export function onError(frame) {
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

/** The server learns the language from the hello (a conversation started from now on is in
 * it): say hello again on the open socket. A one-time code already sent stays valid: it
 * belongs to the visitor, not to the socket's session. */
export function helloAgain() {
  if (!state.relanguage || !state.ready || !state.ws) return;
  sayHello(state.ws, state.lastSeq);
}

