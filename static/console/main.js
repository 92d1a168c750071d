/*
 * Agent console: the staff side of the live chat (docs/chat-protocol.md, "Agent console socket").
 * Native ES modules, no build step; this is the entry module (templates/chatbot/console.html).
 * Every piece of text that comes from the server is inserted with textContent, except bot
 * answers, which the server stores already sanitised.
 *
 * Modules: strings (texts), dom (element helper), state (DOM nodes and state), socket (frames),
 * lists (conversation lists, agents), conversation (the open conversation's header),
 * transcript (messages), profile (customer panel), composer (reply box). Features added later
 * are new modules whose wiring function is called from start() below.
 */
import { wireComposer } from "./composer.js";
import { wireDesk } from "./desk.js";
import { renderLists, waitedText } from "./lists.js";
import { wireReplyWindow } from "./replywindow.js";
import { wireSearch } from "./search.js";
import { connect, send } from "./socket.js";
import { root, state, ui } from "./state.js";
import { S, fmt } from "./strings.js";
import { wireShortcuts } from "./shortcuts.js";
import { maybeSendRead } from "./transcript.js";

function start() {
  wireComposer();
  wireDesk();
  wireShortcuts();
  ui.presence.addEventListener("change", () => {
    state.desiredPresence = ui.presence.value;
    send({ type: "presence", status: ui.presence.value });
    renderLists();
  });
  ui.accept.addEventListener("click", () => {
    if (state.current !== null) send({ type: "accept", conversation_id: state.current });
  });
  ui.transfer.addEventListener("click", () => {
    const agentId = Number(ui.transferSelect.value);
    if (state.current === null || !agentId) {
      ui.transferSelect.focus();
      return;
    }
    send({ type: "transfer", conversation_id: state.current, agent_id: agentId });
  });
  ui.closeConv.addEventListener("click", () => {
    if (state.current !== null) send({ type: "close", conversation_id: state.current });
  });
  document.addEventListener("visibilitychange", maybeSendRead);

  // Waiting times tick without any server frame.
  setInterval(() => {
    for (const node of document.querySelectorAll(".waited[data-since]")) {
      node.textContent = fmt(S.waitingFor, { t: waitedText(node.dataset.since) });
    }
  }, 15000);
  wireSearch();
  wireReplyWindow();
  connect();
}

if (root) start();
