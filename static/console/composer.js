/* The reply box: replies and private notes, canned replies, the typing indicator. */
import { clearSent, readyAttachments, wireAttachments } from "./attachments.js";
import { canReply, syncNoteMode } from "./conversation.js";
import { el } from "./dom.js";
import { summaryById } from "./lists.js";
import { attachmentList } from "./media.js";
import { send } from "./socket.js";
import { state, ui } from "./state.js";
import { S } from "./strings.js";
import { scrollToEnd, showNotice } from "./transcript.js";

export const newClientId = () =>
  window.crypto && typeof crypto.randomUUID === "function"
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;


export function stopTyping() {
  clearTimeout(state.typingIdle);
  if (state.typingSentAt && state.current !== null) {
    state.typingSentAt = 0;
    if (canReply(summaryById(state.current))) {
      send({ type: "typing", conversation_id: state.current, is_typing: false });
    }
  }
}

export function wireComposer() {
  wireAttachments();
  ui.form.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = ui.input.value.trim();
    if (state.current === null) return;
    const files = readyAttachments();
    if (files === null) {
      showNotice(S.waitForUploads);
      return;
    }
    if (!text && !files.length) return;
    const note = ui.noteToggle.checked;
    const clientId = newClientId();
    const frame = {
      type: note ? "note" : "reply",
      conversation_id: state.current,
      client_id: clientId,
      text,
    };
    if (files.length) frame.attachments = files.map((f) => f.result.id);
    if (!send(frame)) return;
    stopTyping();
    const node = el(
      "div",
      {
        class: `msg msg-agent${note ? " msg-note" : ""}`,
        "data-testid": "transcript-message",
        "data-sender": "agent",
        "data-private": note ? "true" : "false",
        "data-pending": "true",
        "data-frame": JSON.stringify(frame),
      },
      el("div", { class: "meta" },
        note ? el("span", { class: "tag tag-note", text: S.note }) : null,
        el("span", { text: state.me ? state.me.name : S.agent }),
        el("span", { class: "state", text: ` · ${S.sending}` }),
      ),
      text ? el("div", { class: "bubble", text }) : null,
      attachmentList(files.map((f) => f.result)),
    );
    clearSent(files);
    state.pending.set(clientId, node);
    ui.transcript.append(node);
    scrollToEnd(true);
    ui.input.value = "";
    ui.input.focus();
  });

  ui.input.addEventListener("keydown", (event) => {
    // Ctrl/Cmd+Enter sends; plain Enter keeps writing multi-line replies.
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && !event.isComposing) {
      event.preventDefault();
      ui.form.requestSubmit();
    }
  });

  ui.input.addEventListener("input", () => {
    if (ui.noteToggle.checked || !canReply(summaryById(state.current))) return;
    if (!ui.input.value.trim()) {
      stopTyping();
      return;
    }
    const now = Date.now();
    if (now - state.typingSentAt > 3000) {
      state.typingSentAt = now;
      send({ type: "typing", conversation_id: state.current, is_typing: true });
    }
    clearTimeout(state.typingIdle);
    state.typingIdle = setTimeout(stopTyping, 4000);
  });

  ui.noteToggle.addEventListener("change", syncNoteMode);

  ui.canned.addEventListener("change", () => {
    const option = ui.canned.selectedOptions[0];
    const text = option ? option.dataset.text : "";
    if (text) {
      const current = ui.input.value.trimEnd();
      ui.input.value = current ? `${current}\n${text}` : text;
      ui.input.dispatchEvent(new Event("input"));
    }
    ui.canned.value = "";
    ui.input.focus();
  });
}
