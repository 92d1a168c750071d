/*
 * The desk (issue 21): the work list with filters, sorting and counts; labels on the open
 * conversation; snooze; macros; @mentions with their unread badge. Talks to the /desk/ JSON
 * endpoints (docs/chat-protocol.md) and listens to the console socket's desk frames
 * (labels, snoozed, woken, mention, mentions_read) beside socket.js's own handler.
 * Every text from the server goes in through textContent (dom.js's el).
 */
import { openConversation } from "./conversation.js";
import { el } from "./dom.js";
import { renderLists } from "./lists.js";
import { state, ui } from "./state.js";
import { S, customerLabel, fmt, lang, locale } from "./strings.js";
import { showNotice } from "./transcript.js";

const STRINGS = {
  en: {
    workList: "Work list",
    view: "View",
    views: { all: "All", mine: "Mine", unassigned: "Unassigned", team: "My teams", snoozed: "Snoozed" },
    withCount: "{name} ({n})",
    label: "Label",
    anyLabel: "Any label",
    channel: "Channel",
    anyChannel: "Any channel",
    mood: "Mood",
    anyMood: "Any mood",
    moods: { negative: "Unhappy", neutral: "Neutral", positive: "Happy" },
    waiting: "Waiting",
    anyWait: "Any time",
    waitingOver: "over {n} min",
    sort: "Sort by",
    sorts: { activity: "Last activity", priority: "Priority", waiting: "Waiting time" },
    emptyList: "Nothing here.",
    snoozedUntil: "Snoozed until {t}",
    snoozedReply: "Snoozed until the customer replies",
    labels: "Labels",
    noLabels: "No labels",
    customerLabel: "customer",
    removeLabel: "Remove label {name}",
    applyLabel: "Apply label",
    chooseLabel: "Choose a label…",
    onCustomer: "on the customer",
    apply: "Apply",
    snooze: "Snooze",
    snoozeFor: "Snooze for",
    snoozeOptions: { 60: "1 hour", 240: "4 hours", tomorrow: "Until tomorrow 9:00", reply: "Until the customer replies" },
    wake: "Wake now",
    macro: "Macro",
    chooseMacro: "Choose a macro…",
    run: "Run",
    newMacro: "New macro…",
    macroDone: "Macro “{name}” done.",
    macroFailed: "Macro “{name}” stopped at step {n}: {detail}",
    macroForm: "New macro",
    macroName: "Name",
    macroShared: "Shared with the team",
    macroSteps: "Steps (JSON list)",
    macroHelp: 'e.g. [{"action": "add_label", "params": {"label": "refund"}}, {"action": "send_reply", "params": {"text": "Hello {customer.name}"}}, {"action": "close"}]. Actions: {actions}.',
    save: "Save",
    cancel: "Cancel",
    close: "Close",
    saved: "Macro saved.",
    mentions: "Mentions",
    mentionsCount: "Mentions ({n})",
    noMentions: "Nobody has mentioned you.",
    mentionedBy: "{by} mentioned you in #{id}",
    mentionNotice: "{by} mentioned you in conversation #{id}.",
    readOnly: "Conversation #{id} (read-only)",
    privateNote: "Private note",
    failed: "That did not work: {detail}",
    lines: {
      snoozedUntil: "Snoozed until {t}",
      snoozedReply: "Snoozed until the customer replies",
      snoozedBoth: "Snoozed until {t} or until the customer replies",
      by: " by {by}",
      woken: { time: "Snooze ended: the time came", reply: "Snooze ended: the customer replied", manual: "Snooze ended" },
      priority: "Priority set to {p}",
      team: "Moved to team {team}",
    },
  },
  zh: {
    workList: "工作列表",
    view: "视图",
    views: { all: "全部", mine: "我的", unassigned: "未分配", team: "我的团队", snoozed: "已暂停" },
    withCount: "{name}（{n}）",
    label: "标签",
    anyLabel: "全部标签",
    channel: "渠道",
    anyChannel: "全部渠道",
    mood: "情绪",
    anyMood: "全部情绪",
    moods: { negative: "不满", neutral: "平和", positive: "满意" },
    waiting: "等待",
    anyWait: "不限",
    waitingOver: "超过 {n} 分钟",
    sort: "排序",
    sorts: { activity: "最近活动", priority: "优先级", waiting: "等待时长" },
    emptyList: "这里没有会话。",
    snoozedUntil: "暂停至 {t}",
    snoozedReply: "暂停至客户回复",
    labels: "标签",
    noLabels: "无标签",
    customerLabel: "客户",
    removeLabel: "移除标签 {name}",
    applyLabel: "添加标签",
    chooseLabel: "选择标签…",
    onCustomer: "加在客户上",
    apply: "添加",
    snooze: "暂停",
    snoozeFor: "暂停时长",
    snoozeOptions: { 60: "1 小时", 240: "4 小时", tomorrow: "到明天 9:00", reply: "直到客户回复" },
    wake: "立即唤醒",
    macro: "宏",
    chooseMacro: "选择宏…",
    run: "运行",
    newMacro: "新建宏…",
    macroDone: "宏“{name}”已完成。",
    macroFailed: "宏“{name}”在第 {n} 步停止：{detail}",
    macroForm: "新建宏",
    macroName: "名称",
    macroShared: "与团队共享",
    macroSteps: "步骤（JSON 列表）",
    macroHelp: '例如 [{"action": "add_label", "params": {"label": "refund"}}, {"action": "send_reply", "params": {"text": "您好 {customer.name}"}}, {"action": "close"}]。可用动作：{actions}。',
    save: "保存",
    cancel: "取消",
    close: "关闭",
    saved: "宏已保存。",
    mentions: "提及",
    mentionsCount: "提及（{n}）",
    noMentions: "还没有人提及您。",
    mentionedBy: "{by} 在 #{id} 中提及了您",
    mentionNotice: "{by} 在会话 #{id} 中提及了您。",
    readOnly: "会话 #{id}（只读）",
    privateNote: "内部备注",
    failed: "操作未成功：{detail}",
    lines: {
      snoozedUntil: "已暂停至 {t}",
      snoozedReply: "已暂停至客户回复",
      snoozedBoth: "已暂停至 {t} 或客户回复",
      by: "（{by}）",
      woken: { time: "暂停结束：时间到了", reply: "暂停结束：客户回复了", manual: "暂停已结束" },
      priority: "优先级设为 {p}",
      team: "转到团队 {team}",
    },
  },
};
export const T = STRINGS[lang];

export const desk = {
  labels: [], // every shop's labels
  onCurrent: { labels: [], customer_labels: [] },
  snoozed: new Map(), // id -> {until, until_reply}
  macros: [],
  actions: [],
  mayShare: false,
  query: { view: "all", label: "", channel: "", mood: "", waiting: "", sort: "activity" },
  counts: null,
  list: [],
  unread: 0,
  refreshTimer: null,
  nodes: {},
};

// --- HTTP --------------------------------------------------------------------------------------

function csrfToken() {
  const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
  if (match) return decodeURIComponent(match[1]);
  const input = document.querySelector("input[name='csrfmiddlewaretoken']");
  return input ? input.value : "";
}

export async function api(method, url, body) {
  const options = { method, credentials: "same-origin", headers: { Accept: "application/json" } };
  if (body !== undefined) {
    options.headers["Content-Type"] = "application/json";
    options.headers["X-CSRFToken"] = csrfToken();
    options.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(url, options);
  } catch {
    return { ok: false, status: 0, data: { message: "network error" } };
  }
  let data = {};
  try {
    data = await response.json();
  } catch {
    data = {};
  }
  return { ok: response.ok, status: response.status, data };
}

function failed(result) {
  showNotice(fmt(T.failed, { detail: (result.data && result.data.message) || result.status }));
}

// --- helpers -----------------------------------------------------------------------------------

const timeText = (iso) => {
  const date = new Date(iso || "");
  if (Number.isNaN(date.getTime())) return "";
  return date.toLocaleString(locale, { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });
};

function chip(label, extra = {}, ...children) {
  const colour = /^#[0-9a-fA-F]{6}$/.test(label.colour || "") ? label.colour : "#6b7280";
  return el("li", { class: "desk-chip", style: `--chip: ${colour}`, "data-testid": "label-chip", "data-name": label.name, ...extra },
    el("span", { class: "desk-dot", "aria-hidden": "true" }), el("span", { class: "desk-name", text: label.name }), ...children);
}

function option(value, text, selected) {
  return el("option", { value: String(value), text, selected: selected ? true : false });
}

function field(labelText, control) {
  return el("label", { class: "desk-field" }, el("span", { text: labelText }), control);
}

const currentSummary = () => {
  if (state.current === null) return null;
  return state.conversations.get(state.current) || state.queue.find((c) => c.id === state.current)
    || desk.list.find((c) => c.id === state.current) || null;
};

// --- the work list -----------------------------------------------------------------------------

function buildListPanel() {
  const sidebar = document.querySelector(".sidebar");
  if (!sidebar) return;
  const n = desk.nodes;
  n.view = el("select", { "data-testid": "desk-view", onchange: () => setQuery("view", n.view.value) });
  n.label = el("select", { "data-testid": "desk-label-filter", onchange: () => setQuery("label", n.label.value) });
  n.channel = el("select", { "data-testid": "desk-channel-filter", onchange: () => setQuery("channel", n.channel.value) });
  n.mood = el("select", { "data-testid": "desk-mood-filter", onchange: () => setQuery("mood", n.mood.value) });
  n.waiting = el("select", { "data-testid": "desk-waiting-filter", onchange: () => setQuery("waiting", n.waiting.value) },
    option("", T.anyWait), ...[5, 15, 30, 60].map((m) => option(m, fmt(T.waitingOver, { n: m }))));
  n.sort = el("select", { "data-testid": "desk-sort", onchange: () => setQuery("sort", n.sort.value) },
    ...Object.entries(T.sorts).map(([k, v]) => option(k, v, k === "activity")));
  n.list = el("ul", { class: "conv-list", "data-testid": "desk-list", "aria-labelledby": "desk-heading" });
  n.empty = el("p", { class: "empty", text: T.emptyList, hidden: true });
  const panel = el("section", { "aria-labelledby": "desk-heading", "data-testid": "desk-panel", class: "desk-panel" },
    el("h2", { id: "desk-heading", text: T.workList }),
    el("div", { class: "desk-filters" },
      field(T.view, n.view), field(T.label, n.label), field(T.channel, n.channel),
      field(T.mood, n.mood), field(T.waiting, n.waiting), field(T.sort, n.sort)),
    n.list, n.empty);
  sidebar.prepend(panel);
  renderFilters();
}

function setQuery(key, value) {
  desk.query[key] = value;
  refreshList();
}

function renderFilters() {
  const n = desk.nodes;
  if (!n.view) return;
  const counts = desk.counts || {};
  n.view.replaceChildren(...Object.entries(T.views).map(([key, name]) =>
    option(key, counts[key] === undefined ? name : fmt(T.withCount, { name, n: counts[key] }), key === desk.query.view)));
  const labelCounts = counts.labels || {};
  n.label.replaceChildren(option("", T.anyLabel), ...desk.labels.map((l) =>
    option(l.id, fmt(T.withCount, { name: labelName(l), n: labelCounts[String(l.id)] || 0 }), String(l.id) === desk.query.label)));
  const channels = Object.keys(counts.channels || {}).sort();
  if (desk.query.channel && !channels.includes(desk.query.channel)) channels.push(desk.query.channel);
  n.channel.replaceChildren(option("", T.anyChannel), ...channels.map((c) =>
    option(c, fmt(T.withCount, { name: c, n: (counts.channels || {})[c] || 0 }), c === desk.query.channel)));
  const moods = counts.moods || {};
  n.mood.replaceChildren(option("", T.anyMood), ...Object.entries(T.moods).map(([k, v]) =>
    option(k, fmt(T.withCount, { name: v, n: moods[k] || 0 }), k === desk.query.mood)));
}

const labelName = (l) => {
  const shops = new Set(desk.labels.map((x) => x.shop));
  return shops.size > 1 ? `${l.name} · ${l.shop}` : l.name;
};

export async function refreshList() {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(desk.query)) if (v) params.set(k, v);
  const result = await api("GET", `/desk/conversations/?${params}`);
  if (!result.ok) return;
  desk.counts = result.data.counts;
  desk.labels = result.data.labels || desk.labels;
  desk.list = result.data.conversations || [];
  if (desk.query.view !== "snoozed") {
    // The view shows what is awake; learn what sleeps from a view that does not.
    for (const c of desk.list) desk.snoozed.delete(c.id);
  } else {
    for (const c of desk.list) if (c.snoozed) desk.snoozed.set(c.id, c.snoozed);
  }
  renderFilters();
  renderList();
  renderLabelPicker();
}

export function scheduleRefresh() {
  clearTimeout(desk.refreshTimer);
  desk.refreshTimer = setTimeout(refreshList, 300);
}

function renderList() {
  const n = desk.nodes;
  if (!n.list) return;
  n.list.replaceChildren(...desk.list.map(listItem));
  n.empty.hidden = desk.list.length > 0;
}

function listItem(c) {
  const labels = Array.isArray(c.labels) ? c.labels : [];
  const details = el("span", { class: "conv-line small" });
  if (c.priority) details.append(el("span", { class: "pill priority", text: `P${c.priority}` }));
  if (c.snoozed) {
    details.append(el("span", { class: "pill desk-snoozed", "data-testid": "snoozed-flag",
      text: c.snoozed.until ? fmt(T.snoozedUntil, { t: timeText(c.snoozed.until) }) : T.snoozedReply }));
  }
  if (c.waiting_since) details.append(el("span", { class: "waited", "data-since": c.waiting_since }));
  if (c.agent_name) details.append(el("span", { text: c.agent_name }));
  const button = el("button", {
    type: "button", class: "conv-item", "data-testid": "desk-item", "data-id": String(c.id),
    "aria-current": c.id === state.current ? "true" : false,
    onclick: () => openConversation(c.id),
  },
  el("span", { class: "conv-line" },
    el("strong", { class: "label", text: customerLabel(c) }),
    el("span", { class: `pill status-${c.status}`, text: S.status[c.status] || c.status })),
  details);
  if (labels.length) button.append(el("ul", { class: "desk-chips", "aria-label": T.labels }, ...labels.map((l) => chip(l))));
  if (c.last_message) button.append(el("span", { class: "last", text: c.last_message }));
  return el("li", {}, button);
}

// --- the open conversation's tools -------------------------------------------------------------

function buildTools() {
  const head = document.querySelector(".conv-head");
  if (!head) return;
  const n = desk.nodes;
  n.chips = el("ul", { class: "desk-chips", "data-testid": "conversation-labels", "aria-label": T.labels });
  n.labelSelect = el("select", { id: "desk-label-select", "data-testid": "label-select" });
  n.onCustomer = el("input", { type: "checkbox", "data-testid": "label-on-customer" });
  n.snoozeSelect = el("select", { id: "desk-snooze-select", "data-testid": "snooze-select" },
    ...Object.entries(T.snoozeOptions).map(([k, v]) => option(k, v)));
  n.wake = el("button", { type: "button", class: "secondary", "data-testid": "wake", text: T.wake, hidden: true, onclick: wakeCurrent });
  n.macroSelect = el("select", { id: "desk-macro-select", "data-testid": "macro-select" });
  n.tools = el("div", { class: "desk-tools", "data-testid": "desk-tools" },
    n.chips,
    el("span", { class: "desk-group" },
      field(T.applyLabel, n.labelSelect),
      el("label", { class: "desk-check" }, n.onCustomer, el("span", { text: T.onCustomer })),
      el("button", { type: "button", class: "secondary", "data-testid": "label-apply", text: T.apply, onclick: applyLabel })),
    el("span", { class: "desk-group" },
      field(T.snoozeFor, n.snoozeSelect),
      el("button", { type: "button", class: "secondary", "data-testid": "snooze", text: T.snooze, onclick: snoozeCurrent }),
      n.wake),
    el("span", { class: "desk-group" },
      field(T.macro, n.macroSelect),
      el("button", { type: "button", class: "secondary", "data-testid": "macro-run", text: T.run, onclick: runMacro }),
      el("button", { type: "button", class: "secondary", "data-testid": "macro-new", text: T.newMacro, onclick: openMacroForm })));
  head.after(n.tools);
}

function renderLabelPicker() {
  const n = desk.nodes;
  if (!n.labelSelect) return;
  const summary = currentSummary();
  const shop = summary ? summary.shop : null;
  const on = new Set(desk.onCurrent.labels.map((l) => l.id));
  const usable = desk.labels.filter((l) => (!shop || l.shop === shop) && !on.has(l.id));
  const picked = n.labelSelect.value;
  n.labelSelect.replaceChildren(option("", T.chooseLabel), ...usable.map((l) => option(l.id, l.name)));
  if (picked) n.labelSelect.value = picked;
}

function renderChips() {
  const n = desk.nodes;
  if (!n.chips) return;
  const items = [];
  for (const [labels, onCustomer] of [[desk.onCurrent.labels, false], [desk.onCurrent.customer_labels, true]]) {
    for (const l of labels) {
      const text = onCustomer ? `${l.name} (${T.customerLabel})` : l.name;
      items.push(chip(l, { "data-on": onCustomer ? "customer" : "conversation" },
        el("button", {
          type: "button", class: "desk-remove", "aria-label": fmt(T.removeLabel, { name: text }), text: "×",
          onclick: () => changeLabel(l.id, true, onCustomer),
        })));
      if (onCustomer) items[items.length - 1].querySelector(".desk-name").textContent = text;
    }
  }
  if (!items.length) items.push(el("li", { class: "empty", text: T.noLabels }));
  n.chips.replaceChildren(...items);
  const snoozed = state.current !== null && desk.snoozed.has(state.current);
  n.wake.hidden = !snoozed;
}

async function loadCurrentLabels() {
  const id = state.current;
  if (id === null) return;
  const result = await api("GET", `/desk/conversations/${id}/labels/`);
  if (!result.ok || id !== state.current) return;
  desk.onCurrent = result.data;
  renderChips();
  renderLabelPicker();
}

async function changeLabel(labelId, remove, onCustomer) {
  if (state.current === null || !labelId) return;
  const result = await api("POST", `/desk/conversations/${state.current}/labels/`,
    { label: Number(labelId), remove, customer: onCustomer });
  if (!result.ok) {
    failed(result);
    return;
  }
  desk.onCurrent = result.data;
  renderChips();
  renderLabelPicker();
  scheduleRefresh();
}

function applyLabel() {
  const n = desk.nodes;
  if (!n.labelSelect.value) {
    n.labelSelect.focus();
    return;
  }
  changeLabel(n.labelSelect.value, false, n.onCustomer.checked);
}

async function snoozeCurrent() {
  if (state.current === null) return;
  const choice = desk.nodes.snoozeSelect.value;
  const params = {};
  if (choice === "reply") params.until_reply = true;
  else if (choice === "tomorrow") {
    const t = new Date();
    t.setDate(t.getDate() + 1);
    t.setHours(9, 0, 0, 0);
    params.until = t.toISOString();
  } else params.minutes = Number(choice);
  const result = await api("POST", `/desk/conversations/${state.current}/actions/`, { action: "snooze", params });
  if (!result.ok) failed(result);
}

async function wakeCurrent() {
  if (state.current === null) return;
  const result = await api("POST", `/desk/conversations/${state.current}/unsnooze/`, {});
  if (!result.ok) failed(result);
}

// --- macros ------------------------------------------------------------------------------------

async function loadMacros() {
  const result = await api("GET", "/desk/macros/");
  if (!result.ok) return;
  desk.macros = result.data.macros || [];
  desk.actions = result.data.actions || [];
  desk.mayShare = Boolean(result.data.may_share);
  const select = desk.nodes.macroSelect;
  if (!select) return;
  select.replaceChildren(option("", T.chooseMacro), ...desk.macros.map((m) => option(m.id, m.name)));
}

async function runMacro() {
  const select = desk.nodes.macroSelect;
  if (state.current === null) return;
  if (!select.value) {
    select.focus();
    return;
  }
  const result = await api("POST", `/desk/macros/${select.value}/run/`, { conversation: state.current });
  const report = result.data || {};
  if (result.ok) {
    showNotice(fmt(T.macroDone, { name: report.macro ? report.macro.name : "" }));
  } else if (result.status === 422) {
    const step = (report.steps || [])[(report.failed_step || 1) - 1] || {};
    showNotice(fmt(T.macroFailed, {
      name: report.macro ? report.macro.name : "", n: report.failed_step, detail: step.error ? step.error.detail : "",
    }));
  } else failed(result);
  loadCurrentLabels();
  scheduleRefresh();
}

function dialog(title, testid, ...body) {
  const heading = el("h2", { id: `${testid}-title`, text: title });
  const node = el("dialog", { class: "desk-dialog", "data-testid": testid, "aria-labelledby": `${testid}-title` },
    heading, ...body);
  node.addEventListener("close", () => {
    node.remove();
    if (node.returnFocus) node.returnFocus.focus();
  });
  document.body.append(node);
  node.returnFocus = document.activeElement;
  node.showModal();
  return node;
}

function openMacroForm() {
  const name = el("input", { type: "text", maxlength: "80", required: true, "data-testid": "macro-name" });
  const shared = el("input", { type: "checkbox", "data-testid": "macro-shared" });
  const steps = el("textarea", { rows: "6", required: true, "data-testid": "macro-steps", "aria-describedby": "macro-help" });
  const error = el("p", { class: "notice", role: "alert" });
  const form = el("form", { method: "dialog" },
    field(T.macroName, name),
    desk.mayShare ? el("label", { class: "desk-check" }, shared, el("span", { text: T.macroShared })) : null,
    field(T.macroSteps, steps),
    el("p", { id: "macro-help", class: "hint", text: fmt(T.macroHelp, { actions: desk.actions.join(", ") }) }),
    error,
    el("div", { class: "desk-buttons" },
      el("button", { type: "submit", "data-testid": "macro-save", text: T.save }),
      el("button", { type: "button", class: "secondary", text: T.cancel, onclick: () => node.close() })));
  const node = dialog(T.macroForm, "macro-form", form);
  name.focus();
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    let actions;
    try {
      actions = JSON.parse(steps.value);
    } catch {
      error.textContent = fmt(T.failed, { detail: "JSON" });
      steps.focus();
      return;
    }
    const result = await api("POST", "/desk/macros/", { name: name.value, actions, shared: shared.checked });
    if (!result.ok) {
      error.textContent = fmt(T.failed, { detail: result.data.message || result.status });
      return;
    }
    node.close();
    showNotice(T.saved);
    await loadMacros();
  });
}

// --- mentions ----------------------------------------------------------------------------------

function buildBadge() {
  const bar = document.querySelector(".console-bar");
  if (!bar) return;
  desk.nodes.badge = el("button", {
    type: "button", class: "secondary desk-badge", "data-testid": "mentions-badge", onclick: openMentions,
  });
  bar.querySelector(".connection")?.before(desk.nodes.badge);
  renderBadge();
}

function renderBadge() {
  const badge = desk.nodes.badge;
  if (!badge) return;
  badge.textContent = desk.unread ? fmt(T.mentionsCount, { n: desk.unread }) : T.mentions;
  badge.dataset.unread = String(desk.unread);
}

async function loadMentions() {
  const result = await api("GET", "/desk/mentions/");
  if (!result.ok) return null;
  desk.unread = result.data.unread || 0;
  renderBadge();
  return result.data;
}

async function openMentions() {
  const data = await loadMentions();
  const items = (data && data.mentions) || [];
  const list = el("ul", { class: "desk-mentions" }, ...items.map((m) => el("li", {},
    el("button", {
      type: "button", class: `conv-item${m.read ? "" : " fresh"}`, "data-testid": "mention-item",
      onclick: () => { node.close(); openReadOnly(m.conversation_id); },
    },
    el("strong", { text: fmt(T.mentionedBy, { by: m.by, id: m.conversation_id }) }),
    el("span", { class: "last", text: m.excerpt })))));
  const node = dialog(T.mentions, "mentions-dialog",
    items.length ? list : el("p", { class: "empty", text: T.noMentions }),
    el("button", { type: "button", class: "secondary", text: T.close, onclick: () => node.close() }));
}

async function openReadOnly(id) {
  const result = await api("GET", `/desk/conversations/${id}/mentioned/`);
  if (!result.ok) {
    failed(result);
    return;
  }
  const log = el("div", { class: "transcript desk-readonly", role: "log", tabindex: "0", "data-testid": "readonly-transcript" },
    ...(result.data.messages || []).map((m) => el("div", { class: `msg msg-${m.sender}${m.private ? " msg-note" : ""}` },
      el("div", { class: "meta", text: `${m.private ? `${T.privateNote} · ` : ""}${m.agent_name || m.sender} · ${timeText(m.created_at)}` }),
      el("div", { class: "bubble", text: deskLine(m) || (m.sender === "bot" ? plain(m.text) : m.text || "") }))));
  const node = dialog(fmt(T.readOnly, { id }), "readonly-dialog", log,
    el("button", { type: "button", class: "secondary", text: T.close, onclick: () => node.close() }));
}

const plain = (html) => new DOMParser().parseFromString(String(html || ""), "text/html").body.textContent || "";

// --- transcript lines of desk actions, in the console's language -------------------------------

function deskLine(m) {
  const p = m && m.payload;
  if (!p || typeof p.desk !== "string") return "";
  const L = T.lines;
  const by = p.by ? fmt(L.by, { by: p.by }) : "";
  switch (p.desk) {
    case "snoozed":
      if (p.until && p.until_reply) return fmt(L.snoozedBoth, { t: timeText(p.until) }) + by;
      if (p.until) return fmt(L.snoozedUntil, { t: timeText(p.until) }) + by;
      return L.snoozedReply + by;
    case "snooze_woken":
      return L.woken[p.reason] || L.woken.manual;
    case "priority":
      return fmt(L.priority, { p: p.priority }) + by;
    case "team":
      return fmt(L.team, { team: p.team }) + by;
    default:
      return "";
  }
}

function reword(messages) {
  for (const m of messages) {
    const text = deskLine(m);
    if (!text) continue;
    const bubble = state.bySeq.get(m.seq)?.querySelector(".bubble");
    if (bubble) bubble.textContent = text;
  }
}

// --- frames ------------------------------------------------------------------------------------

function hideSnoozed() {
  let changed = false;
  for (const id of desk.snoozed.keys()) {
    if (state.conversations.delete(id)) changed = true;
  }
  if (changed) renderLists();
}

export function onFrame(frame) {
  switch (frame.type) {
    case "snapshot":
      refreshAll();
      break;
    case "transcript":
      if (frame.conversation_id === state.current) {
        reword(frame.messages || []);
        loadCurrentLabels();
      }
      break;
    case "message":
      if (frame.conversation_id === state.current) reword([frame]);
      break;
    case "labels":
      if (frame.conversation_id === state.current) {
        desk.onCurrent = { labels: frame.labels || [], customer_labels: frame.customer_labels || [] };
        renderChips();
        renderLabelPicker();
      }
      scheduleRefresh();
      break;
    case "snoozed":
      desk.snoozed.set(frame.conversation_id, { until: frame.until, until_reply: frame.until_reply });
      hideSnoozed();
      if (frame.conversation_id === state.current) renderChips();
      scheduleRefresh();
      break;
    case "woken":
      desk.snoozed.delete(frame.conversation_id);
      if (frame.conversation_id === state.current) renderChips();
      scheduleRefresh();
      break;
    case "conversation":
      // socket.js has put it back in the lists; a snoozed one stays out of them.
      if (desk.snoozed.has(frame.id)) hideSnoozed();
      scheduleRefresh();
      break;
    case "queue":
    case "conversation_gone":
      scheduleRefresh();
      break;
    case "mention":
      desk.unread = Number(frame.unread) || desk.unread + 1;
      renderBadge();
      showNotice(fmt(T.mentionNotice, { by: frame.by || "", id: frame.conversation_id }));
      break;
    case "mentions_read":
      desk.unread = Number(frame.unread) || 0;
      renderBadge();
      break;
    default:
      break;
  }
}

async function refreshAll() {
  // What sleeps, so the socket's lists leave it out.
  const asleep = await api("GET", "/desk/conversations/?view=snoozed");
  if (asleep.ok) {
    desk.snoozed = new Map((asleep.data.conversations || []).map((c) => [c.id, c.snoozed]));
    hideSnoozed();
  }
  await Promise.all([refreshList(), loadMacros(), loadMentions()]);
  if (state.current !== null) loadCurrentLabels();
}

// socket.js owns the socket and its handler; the desk listens to the same socket beside it.
// Its listener is added after socket.js's, so a frame reaches the lists first, then here.
let watched = null;
function follow() {
  if (state.ws && state.ws !== watched) {
    watched = state.ws;
    watched.addEventListener("message", (event) => {
      let frame;
      try {
        frame = JSON.parse(event.data);
      } catch {
        return;
      }
      if (frame && typeof frame.type === "string") onFrame(frame);
    });
    // Already open: it may have missed the snapshot while it was being attached.
    if (watched.readyState === WebSocket.OPEN) refreshAll();
  }
}

export function wireDesk() {
  const link = el("link", { rel: "stylesheet", href: new URL("./desk.css", import.meta.url).href });
  document.head.append(link);
  buildBadge();
  buildListPanel();
  buildTools();
  // Opening another conversation: its labels.
  const observer = new MutationObserver(() => {
    const id = ui.conv.dataset.id ? Number(ui.conv.dataset.id) : null;
    if (id !== desk.shown) {
      desk.shown = id;
      desk.onCurrent = { labels: [], customer_labels: [] };
      renderChips();
      loadCurrentLabels();
      for (const b of desk.nodes.list ? desk.nodes.list.querySelectorAll("[data-testid='desk-item']") : []) {
        b.setAttribute("aria-current", Number(b.dataset.id) === id ? "true" : "false");
      }
    }
  });
  observer.observe(ui.conv, { attributes: true, attributeFilter: ["data-id"] });
  setInterval(follow, 200);
  follow();
}
