/* The sidebar: my conversations, the queue, all open conversations, the agents table. */
import { openConversation } from "./conversation.js";
import { el } from "./dom.js";
import { isSupervisor, state, ui } from "./state.js";
import { S, customerLabel, fmt } from "./strings.js";

export function summaryById(id) {
  return state.conversations.get(id) || state.queue.find((c) => c.id === id) || null;
}

export function waitedText(iso) {
  const start = Date.parse(iso || "");
  if (Number.isNaN(start)) return "";
  return durationText(Math.max(0, Math.round((Date.now() - start) / 1000)));
}

export function durationText(seconds) {
  if (seconds < 60) return fmt(S.seconds, { n: seconds });
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return fmt(S.minutes, { n: minutes });
  return fmt(S.hours, { n: Math.floor(minutes / 60), m: minutes % 60 });
}

export function conversationItem(c, testid) {
  const button = el(
    "button",
    {
      type: "button",
      class: "conv-item",
      "data-testid": testid,
      "data-id": String(c.id),
      "data-status": c.status,
      "aria-current": c.id === state.current ? "true" : false,
      onclick: () => openConversation(c.id),
    },
    el("span", { class: "conv-line" },
      el("strong", { class: "label", text: customerLabel(c) }),
      el("span", { class: `pill status-${c.status}`, text: S.status[c.status] || c.status }),
    ),
  );
  const details = el("span", { class: "conv-line small" });
  if (c.priority) {
    details.append(el("span", { class: "pill priority", text: fmt(S.priority, { p: c.priority }) }));
  }
  // Kept with an agent who missed the first-reply SLA because nobody else was free.
  if (c.assignment_reason && c.assignment_reason.sla_breached && c.status === "assigned") {
    details.append(el("span", { class: "pill sla-overdue", "data-testid": "sla-flag", text: S.slaFlag }));
  }
  if (typeof c.mood === "number" && c.mood <= -0.3) {
    details.append(el("span", { class: "pill mood-bad", "data-testid": "mood-badge", text: `☹ ${c.mood.toFixed(1)}` }));
  }
  if (c.status === "waiting") {
    details.append(
      el("span", {
        class: "waited",
        "data-since": c.queued_at || c.updated_at || "",
        text: fmt(S.waitingFor, { t: waitedText(c.queued_at || c.updated_at) }),
      }),
    );
  } else if (isSupervisor()) {
    details.append(el("span", { text: c.agent_name || S.unassigned }));
  }
  if (details.childNodes.length) button.append(details);
  if (c.last_message) button.append(el("span", { class: "last", text: c.last_message }));
  if (state.fresh.has(c.id)) button.classList.add("fresh");
  return el("li", {}, button);
}

export function fillList(list, empty, count, items, testid) {
  if (!list) return;
  list.replaceChildren(...items.map((c) => conversationItem(c, testid)));
  empty.hidden = items.length > 0;
  count.textContent = items.length ? `(${items.length})` : "";
}

export function renderLists() {
  const all = [...state.conversations.values()].sort((a, b) =>
    String(b.updated_at).localeCompare(String(a.updated_at)),
  );
  const mine = all.filter((c) => state.me && c.agent_id === state.me.id);
  // Routing gives conversations only to online agents: an agent who has not chosen "Online"
  // yet would otherwise watch the queue fill up and wonder why nothing comes to them.
  ui.mineEmpty.textContent =
    ui.presence.value === "online" ? S.mineEmpty : S.mineEmptyNotOnline;
  fillList(ui.mine, ui.mineEmpty, ui.mineCount, mine, "conversation-item");
  fillList(ui.queue, ui.queueEmpty, ui.queueCount, state.queue, "queue-item");
  fillList(ui.all, ui.allEmpty, ui.allCount, all, "open-conversation-item");
}

export function renderAgents() {
  if (!ui.agents) return;
  ui.agents.replaceChildren(
    ...state.agents.map((a) => {
      const full = a.capacity > 0 && a.load >= a.capacity;
      return el(
        "tr",
        { "data-testid": "agent-row", "data-id": String(a.id) },
        el("td", { text: state.me && a.id === state.me.id ? `${a.name} ${S.me}` : a.name }),
        el("td", {}, el("span", {
          class: `pill presence-${a.status}`,
          text: S.presence[a.status] || a.status,
        })),
        el("td", { class: full ? "full" : "" }, el("meter", {
          min: "0",
          max: String(Math.max(1, a.capacity)),
          value: String(a.load),
          "aria-label": fmt(S.load, a),
        }), " ", fmt(S.load, a)),
      );
    }),
  );
}

export function renderTransferOptions() {
  const current = state.current !== null ? summaryById(state.current) : null;
  const options = [el("option", { value: "", text: S.chooseAgent })];
  for (const a of state.agents) {
    if (current && a.id === current.agent_id) continue;
    options.push(
      el("option", {
        value: String(a.id),
        text: fmt(S.agentOption, { ...a, status: S.presence[a.status] || a.status }),
      }),
    );
  }
  // Agents updates arrive at any time: keep what the supervisor already picked.
  const picked = ui.transferSelect.value;
  ui.transferSelect.replaceChildren(...options);
  if (picked && options.some((o) => o.value === picked)) ui.transferSelect.value = picked;
}

export function renderCanned(replies) {
  const first = ui.canned.options[0];
  ui.canned.replaceChildren(first);
  for (const r of replies) {
    ui.canned.append(el("option", { value: String(r.id), "data-text": r.text, text: r.title }));
  }
  ui.canned.disabled = replies.length === 0;
}

