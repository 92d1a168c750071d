/* The agent console socket: connecting with back-off, and the frames from the server. */
import { onTranscript, renderHeader } from "./conversation.js";
import { el } from "./dom.js";
import { durationText, renderAgents, renderCanned, renderLists, renderTransferOptions } from "./lists.js";
import { onRevealed } from "./profile.js";
import { isSupervisor, root, state, ui } from "./state.js";
import { S, fmt } from "./strings.js";
import { addMessage, confirmNode, showCustomerTyping, showNotice, updateReceipt } from "./transcript.js";

export const wsUrl = () =>
  (location.protocol === "https:" ? "wss://" : "ws://") + location.host + root.dataset.wsPath;

export const send = (frame) => {
  if (state.ws && state.ws.readyState === WebSocket.OPEN) {
    state.ws.send(JSON.stringify(frame));
    return true;
  }
  showNotice(S.connecting);
  return false;
};

export function connect() {
  if (state.stopped) return;
  setConnection("connecting", S.connecting);
  const ws = new WebSocket(wsUrl());
  state.ws = ws;
  ws.addEventListener("message", (event) => {
    let frame;
    try {
      frame = JSON.parse(event.data);
    } catch {
      return;
    }
    if (frame && typeof frame.type === "string") handle(frame);
  });
  ws.addEventListener("close", (event) => {
    if (state.ws !== ws) return;
    state.ws = null;
    ui.presence.disabled = true;
    if (event.code === 4401 || event.code === 4403) {
      state.stopped = true;
      setConnection("error", event.code === 4401 ? S.loggedOut : S.forbidden);
      return;
    }
    // 1012: that server process is restarting; another one takes the reconnect at once
    // (spread over a second or two so a whole console team does not arrive together).
    const restart = event.code === 1012;
    const delay = restart ? 0.5 + Math.random() * 1.5 : Math.min(30, 2 ** state.attempt);
    if (!restart) state.attempt += 1;
    setConnection("error", fmt(S.retrying, { s: Math.ceil(delay) }));
    setTimeout(connect, delay * 1000);
  });
}

export function setConnection(kind, text) {
  ui.connection.dataset.state = kind;
  ui.connection.textContent = text;
}

export function handle(frame) {
  switch (frame.type) {
    case "snapshot":
      onSnapshot(frame);
      break;
    case "queue":
      onQueue(Array.isArray(frame.queue) ? frame.queue : []);
      break;
    case "conversation":
      onConversation(frame);
      break;
    case "conversation_gone":
      // Transferred to a team outside this console's scope.
      if (Number.isInteger(frame.id) && state.conversations.delete(frame.id)) renderLists();
      break;
    case "agents":
      state.agents = Array.isArray(frame.agents) ? frame.agents : [];
      onAgents();
      break;
    case "transcript":
      onTranscript(frame);
      break;
    case "revealed":
      onRevealed(frame);
      break;
    case "message":
      if (frame.conversation_id === state.current) addMessage(frame, true);
      break;
    case "typing":
      if (frame.conversation_id === state.current && frame.sender === "customer") {
        showCustomerTyping(Boolean(frame.is_typing));
      }
      break;
    case "read":
      if (frame.conversation_id === state.current && frame.reader === "customer") {
        state.customerRead = Math.max(state.customerRead, Number(frame.seq) || 0);
        updateReceipt();
      }
      break;
    case "ack":
      onAck(frame);
      break;
    case "alert":
      if (frame.kind === "sla") {
        const limit = durationText(Math.max(0, Number(frame.limit_seconds) || 0));
        showAlert(fmt(S.slaAlert, { id: frame.conversation_id, agent: frame.agent_name || "", limit }));
      } else if (frame.kind === "bulk_open") {
        showAlert(fmt(S.bulkOpenAlert, { agent: frame.agent_name || "", n: Number(frame.conversations) || 0 }));
      } else if (frame.kind === "mood") {
        showAlert(fmt(S.moodAlert, { id: frame.conversation_id, reason: frame.reason || "" }));
      }
      break;
    case "error":
      onError(frame);
      break;
    default:
      break;
  }
}

export function showAlert(text) {
  let region = document.querySelector("[data-testid='alerts']");
  if (!region) {
    region = el("div", { class: "alerts", role: "alert", "data-testid": "alerts" });
    document.querySelector("main").prepend(region);
  }
  region.prepend(el("p", { class: "alert", text }));
  while (region.childNodes.length > 5) region.lastChild.remove();
}

export function onSnapshot(frame) {
  state.attempt = 0;
  setConnection("online", S.online);
  state.me = frame.me || null;
  state.conversations = new Map((frame.conversations || []).map((c) => [c.id, c]));
  state.queue = frame.queue || [];
  state.agents = frame.agents || [];
  renderCanned(frame.canned_replies || []);
  ui.presence.disabled = false;
  const serverPresence = state.me ? state.me.status : "offline";
  // After a reconnect the server has marked us offline; put back what the agent chose.
  if (state.desiredPresence && state.desiredPresence !== serverPresence) {
    send({ type: "presence", status: state.desiredPresence });
    ui.presence.value = state.desiredPresence;
  } else {
    ui.presence.value = serverPresence;
  }
  onAgents();
  renderLists();
  if (state.current !== null) {
    send({ type: "open", conversation_id: state.current });
    // Replies that were in flight when the connection dropped: the same client_id makes
    // the resend harmless if the server had stored them after all.
    for (const node of state.pending.values()) send(JSON.parse(node.dataset.frame));
  }
}

export function onConversation(summary) {
  if (!Number.isInteger(summary.id)) return;
  const mineBefore = state.conversations.has(summary.id);
  const stillMine = state.me && summary.agent_id === state.me.id;
  if (summary.status === "closed" || summary.status === "waiting") {
    state.conversations.delete(summary.id);
  } else if (stillMine || isSupervisor()) {
    state.conversations.set(summary.id, summary);
    if (stillMine && !mineBefore && summary.id !== state.current) state.fresh.add(summary.id);
  } else {
    state.conversations.delete(summary.id); // transferred away from us
  }
  if (summary.id === state.current) renderHeader(summary);
  renderLists();
}

export function onQueue(queue) {
  const wasQueued = state.queue.some((c) => c.id === state.current);
  state.queue = queue;
  const queued = queue.find((c) => c.id === state.current);
  if (queued) renderHeader(queued);
  else if (wasQueued && !state.conversations.has(state.current)) {
    // Someone else took the conversation we are looking at: ask again for its state.
    send({ type: "open", conversation_id: state.current });
  }
  renderLists();
}

export function onAgents() {
  renderAgents();
  renderTransferOptions();
  const mine = state.me && state.agents.find((a) => a.id === state.me.id);
  if (mine && mine.status !== ui.presence.value && !state.desiredPresence) {
    ui.presence.value = mine.status;
    renderLists();
  }
}

export function onAck(frame) {
  const node = state.pending.get(frame.client_id);
  if (!node || !Number.isInteger(frame.seq)) return;
  state.pending.delete(frame.client_id);
  confirmNode(node, frame.seq);
}

export function onError(frame) {
  const table = S.errors;
  const template = table[frame.code] || table.generic;
  showNotice(fmt(template, { detail: frame.detail || frame.code }));
  // Errors do not name the frame they answer, so a pending reply is only flagged: if it
  // was in fact stored, its ack clears the flag again.
  for (const node of state.pending.values()) {
    node.dataset.failed = "true";
    const label = node.querySelector(".meta .state");
    if (label) label.textContent = ` · ${S.notSent}`;
  }
}

