/* The open conversation: opening it, its transcript frame, its header and what the agent
 * may do in it (reply, or notes only). */
import { clearAll } from "./attachments.js";
import { stopTyping } from "./composer.js";
import { el } from "./dom.js";
import { renderLists, renderTransferOptions, summaryById } from "./lists.js";
import { renderProfile } from "./profile.js";
import { send } from "./socket.js";
import { isSupervisor, state, ui } from "./state.js";
import { S, customerLabel, fmt } from "./strings.js";
import { addMessage, maybeSendRead, showCustomerTyping, updateReceipt } from "./transcript.js";

export function openConversation(id) {
  if (state.current !== id) {
    stopTyping();
    state.current = id;
    state.bySeq.clear();
    state.pending.clear();
    state.customerRead = 0;
    state.readSent = 0;
    ui.transcript.replaceChildren();
    clearAll(); // files picked for the previous conversation are not sent into this one
    showCustomerTyping(false);
    // Never leave the previous customer's details beside this conversation.
    ui.profileBody.replaceChildren(el("p", { class: "empty", text: S.profile.loading }));
  }
  ui.profile.hidden = false;
  state.fresh.delete(id);
  const summary = summaryById(id);
  if (summary) renderHeader(summary);
  ui.placeholder.hidden = true;
  ui.conv.hidden = false;
  renderLists();
  send({ type: "open", conversation_id: id });
}

export function onTranscript(frame) {
  if (frame.conversation_id !== state.current) return;
  ui.transcript.replaceChildren();
  state.bySeq.clear();
  if (frame.conversation) {
    renderHeader(frame.conversation);
    if (frame.conversation.status !== "closed" && frame.conversation.status !== "waiting"
        && (isSupervisor() || frame.conversation.agent_id === state.me?.id)) {
      state.conversations.set(frame.conversation.id, frame.conversation);
    }
  }
  renderProfile(frame.profile, frame.conversation_id);
  for (const m of frame.messages || []) addMessage(m, false);
  for (const node of state.pending.values()) ui.transcript.append(node);
  updateReceipt();
  ui.transcript.scrollTop = ui.transcript.scrollHeight;
  maybeSendRead();
  ui.input.focus();
}

export function canReply(summary) {
  return Boolean(
    summary && state.me && summary.agent_id === state.me.id && summary.status === "assigned",
  );
}

// Why this agent, in the console's language, from the facts the server stored (its
// "summary" is an English line for logs, shown only when there are no facts).
export function reasonText(reason) {
  if (!reason || typeof reason !== "object") return "";
  const f = reason.facts && typeof reason.facts === "object" ? reason.facts : {};
  if (reason.sla_breached) return S.reasonSlaKept;
  let text = "";
  if (typeof f.agent === "string") {
    text = fmt(S.reasonScored, {
      agent: f.agent, score: Number(f.score).toFixed(2), match: Number(f.skill_match).toFixed(2),
      load: f.load, capacity: f.capacity, n: f.candidates,
    });
    if (f.fallback) text += S.reasonFallback;
    if (Array.isArray(f.rules) && f.rules.length) text += fmt(S.reasonRules, { rules: f.rules.join(", ") });
    if (reason.kind === "sla_reroute") text = S.reasonSlaMoved + text;
  } else if (typeof f.by === "string" && f.by) {
    text = fmt(reason.kind === "transfer" ? S.reasonTransferred : S.reasonAccepted, { by: f.by });
  } else if (typeof reason.summary === "string") {
    text = reason.summary;
  }
  return text;
}

export function renderHeader(summary) {
  ui.conv.dataset.status = summary.status;
  ui.conv.dataset.id = String(summary.id);
  ui.title.textContent = customerLabel(summary);
  ui.status.textContent = S.status[summary.status] || summary.status;
  ui.status.className = `pill status-${summary.status}`;
  ui.agent.textContent = summary.agent_name ? fmt(S.assignedTo, { name: summary.agent_name }) : "";
  const summaryText = reasonText(summary.assignment_reason);
  const lines = [];
  if (summaryText) lines.push(fmt(S.reason, { summary: summaryText }));
  if (summary.handoff_reason) {
    const why = S.handoffReasons[summary.handoff_reason] || summary.handoff_reason;
    lines.push(fmt(S.handoffReason, { reason: why }));
  }
  ui.reason.textContent = lines.join(" · ");
  ui.reason.hidden = lines.length === 0;

  const mine = state.me && summary.agent_id === state.me.id;
  const open = summary.status !== "closed";
  ui.accept.hidden = summary.status !== "waiting";
  ui.transferBox.hidden = !open || summary.status === "bot" || !(mine || isSupervisor());
  ui.closeConv.hidden = !open || !(mine || isSupervisor());
  renderTransferOptions();

  const replyAllowed = canReply(summary);
  // Notes only while replying is impossible; the agent's own choice is left alone otherwise.
  if (!replyAllowed) {
    ui.noteToggle.checked = true;
    state.forcedNote = true;
  } else if (state.forcedNote) {
    ui.noteToggle.checked = false;
    state.forcedNote = false;
  }
  ui.noteToggle.disabled = !replyAllowed;
  ui.hint.hidden = replyAllowed;
  ui.hint.textContent = replyAllowed ? "" : open ? S.notesOnly : S.closedHint;
  if (!open) showCustomerTyping(false);
  syncNoteMode();
}

export function syncNoteMode() {
  const note = ui.noteToggle.checked;
  ui.form.classList.toggle("note-mode", note);
  ui.send.textContent = note ? S.addNote : S.sendReply;
  if (note) stopTyping();
}

