/*
 * Agent console: the staff side of the live chat (docs/chat-protocol.md, "Agent console socket").
 * Plain ES2020, no build step. Every piece of text that comes from the server is inserted with
 * textContent, except bot answers, which the server stores already sanitised.
 */
(() => {
  "use strict";

  const root = document.getElementById("console");
  if (!root) return;

  const STRINGS = {
    en: {
      connecting: "Connecting…",
      online: "Connected",
      retrying: "Connection lost. Retrying in {s} s…",
      loggedOut: "Your session has ended. Please log in again.",
      forbidden: "Your account may not use the console.",
      status: { bot: "With the bot", waiting: "Waiting", assigned: "With an agent", closed: "Closed" },
      presence: { online: "Online", away: "Away", offline: "Offline" },
      priority: "Priority {p}",
      waitingFor: "waiting {t}",
      seconds: "{n} s",
      minutes: "{n} min",
      hours: "{n} h {m} min",
      assignedTo: "Agent: {name}",
      unassigned: "Unassigned",
      reason: "Why this agent: {summary}",
      handoffReason: "Handoff: {reason}",
      handoffReasons: {
        customer_asked: "Customer asked for a person",
        low_confidence: "The bot could not answer",
      },
      bot: "Bot",
      customer: "Customer",
      agent: "Agent",
      system: "System",
      note: "Private note",
      read: "Read by the customer",
      sending: "Sending…",
      notSent: "Not sent",
      typing: "The customer is typing…",
      chooseAgent: "Transfer to…",
      load: "{load}/{capacity}",
      agentOption: "{name} ({status}, {load}/{capacity})",
      notesOnly: "This conversation is not assigned to you: you can add private notes only.",
      closedHint: "This conversation is closed: you can add private notes only.",
      sendReply: "Send",
      addNote: "Add note",
      me: "(me)",
      moodAlert: "Upset customer in conversation #{id}: {reason}",
      emotions: {
        angry: "angry", anxious: "anxious", disappointed: "disappointed",
        satisfied: "satisfied", neutral: "neutral",
      },
      errors: {
        forbidden: "Not allowed: {detail}",
        not_found: "Not found: {detail}",
        rate_limited: "Too many actions; slow down a little.",
        generic: "Error: {detail}",
      },
      profile: {
        loading: "Loading…",
        anonymous: "Anonymous visitor — not identified yet",
        customer: "Customer",
        orders: "Orders",
        past: "Past conversations",
        mood: "Mood",
        preferences: "Preferences",
        viewed: "Recently viewed",
        vip: "VIP",
        segments: { vip: "VIP", new: "New", at_risk: "At risk" },
        customerId: "Shop id",
        phone: "Phone",
        email: "E-mail",
        reveal: "Show",
        revealReason: "Why do you need it?",
        unknown: "unknown",
        identities: "Channels",
        verified: "verified",
        unverified: "not verified",
        noOrders: "No orders yet.",
        ordersShown: "Latest {shown} of {total}",
        tracking: "{carrier} {number}",
        placed: "Placed {date}",
        item: "{quantity} × {name}",
        noPast: "No earlier conversations.",
        csat: "Rated {score}/5",
        moodValue: "#{id}, {date}: mood {mood}",
        moodCurrent: "#{id} (this conversation), {date}: mood {mood}",
        moodRow: "Mood per conversation, oldest first",
        moodLegend: "Oldest → this one",
        noPreferences: "None set.",
        yes: "yes",
        no: "no",
        noViews: "Nothing viewed recently.",
      },
    },
    zh: {
      connecting: "正在连接…",
      online: "已连接",
      retrying: "连接已断开，{s} 秒后重试…",
      loggedOut: "登录已失效，请重新登录。",
      forbidden: "您的账号无权使用客服工作台。",
      status: { bot: "机器人接待中", waiting: "排队中", assigned: "人工服务中", closed: "已结束" },
      presence: { online: "在线", away: "离开", offline: "离线" },
      priority: "优先级 {p}",
      waitingFor: "已等待 {t}",
      seconds: "{n} 秒",
      minutes: "{n} 分钟",
      hours: "{n} 小时 {m} 分",
      assignedTo: "客服：{name}",
      unassigned: "未分配",
      reason: "分配原因：{summary}",
      handoffReason: "转人工：{reason}",
      handoffReasons: { customer_asked: "顾客要求人工服务", low_confidence: "机器人无法回答" },
      bot: "机器人",
      customer: "顾客",
      agent: "客服",
      system: "系统",
      note: "内部备注",
      read: "顾客已读",
      sending: "发送中…",
      notSent: "未发送",
      typing: "顾客正在输入…",
      chooseAgent: "转接给…",
      load: "{load}/{capacity}",
      agentOption: "{name}（{status}，{load}/{capacity}）",
      notesOnly: "该会话未分配给您：只能添加内部备注。",
      closedHint: "该会话已结束：只能添加内部备注。",
      sendReply: "发送",
      addNote: "添加备注",
      me: "（我）",
      errors: {
        forbidden: "无权操作：{detail}",
        not_found: "未找到：{detail}",
        rate_limited: "操作过于频繁，请稍后再试。",
        generic: "出错：{detail}",
      },
      moodAlert: "会话 #{id} 的顾客情绪不佳：{reason}",
      emotions: { angry: "生气", anxious: "焦急", disappointed: "失望", satisfied: "满意", neutral: "平静" },
      profile: {
        loading: "加载中…",
        anonymous: "匿名访客——尚未识别身份",
        customer: "顾客",
        orders: "订单",
        past: "历史会话",
        mood: "情绪",
        preferences: "偏好",
        viewed: "最近浏览",
        vip: "VIP",
        segments: { vip: "VIP", new: "新顾客", at_risk: "流失风险" },
        customerId: "店铺账号",
        phone: "电话",
        email: "邮箱",
        reveal: "显示",
        revealReason: "查看原因",
        unknown: "未知",
        identities: "渠道",
        verified: "已验证",
        unverified: "未验证",
        noOrders: "暂无订单。",
        ordersShown: "最近 {shown} 笔，共 {total} 笔",
        tracking: "{carrier} {number}",
        placed: "下单于 {date}",
        item: "{quantity} × {name}",
        noPast: "没有历史会话。",
        csat: "评分 {score}/5",
        moodValue: "#{id}，{date}：情绪 {mood}",
        moodCurrent: "#{id}（当前会话），{date}：情绪 {mood}",
        moodRow: "每次会话的情绪，从早到晚",
        moodLegend: "最早 → 当前",
        noPreferences: "未设置。",
        yes: "是",
        no: "否",
        noViews: "最近没有浏览记录。",
      },
    },
  };
  const lang = /^zh/i.test(document.documentElement.lang || "") ? "zh" : "en";
  const S = STRINGS[lang];
  const locale = lang === "zh" ? "zh-CN" : "en";
  const fmt = (text, values) => text.replace(/\{(\w+)\}/g, (_, k) => String(values[k] ?? ""));
  const $ = (id) => document.getElementById(id);

  const el = (tag, attrs = {}, ...children) => {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) {
      if (value === false || value === null || value === undefined) continue;
      if (name === "text") node.textContent = value;
      else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
      else node.setAttribute(name, value === true ? "" : value);
    }
    for (const child of children) if (child !== null && child !== undefined) node.append(child);
    return node;
  };

  const ui = {
    presence: $("presence"),
    connection: $("connection"),
    notice: $("notice"),
    mine: $("mine"),
    mineEmpty: $("mine-empty"),
    mineCount: $("mine-count"),
    queue: $("queue"),
    queueEmpty: $("queue-empty"),
    queueCount: $("queue-count"),
    all: $("all"),
    allEmpty: $("all-empty"),
    allCount: $("all-count"),
    agents: $("agents"),
    placeholder: $("conv-placeholder"),
    conv: $("conv"),
    title: $("conv-title"),
    status: $("conv-status"),
    agent: $("conv-agent"),
    reason: $("conv-reason"),
    accept: $("accept"),
    transferBox: $("transfer-box"),
    transferSelect: $("transfer-select"),
    transfer: $("transfer"),
    closeConv: $("close-conv"),
    transcript: $("transcript"),
    typing: $("customer-typing"),
    form: $("reply-form"),
    canned: $("canned"),
    noteToggle: $("note-toggle"),
    hint: $("reply-hint"),
    input: $("reply-input"),
    send: $("reply-send"),
    profile: $("profile"),
    profileBody: $("profile-body"),
  };

  const state = {
    ws: null,
    attempt: 0,
    stopped: false,
    me: null,
    desiredPresence: null,
    conversations: new Map(), // id -> summary (not waiting)
    queue: [],
    agents: [],
    current: null, // id of the open conversation
    bySeq: new Map(),
    pending: new Map(), // client_id -> node
    customerRead: 0,
    readSent: 0,
    typingSentAt: 0,
    typingIdle: null,
    customerTypingTimer: null,
    noticeTimer: null,
    fresh: new Set(), // assigned to me but not opened yet
    forcedNote: false,
  };
  const isSupervisor = () =>
    state.me ? ["supervisor", "administrator"].includes(state.me.role)
      : ["supervisor", "administrator"].includes(root.dataset.role);

  // ---------------------------------------------------------------------------------------
  // Socket
  // ---------------------------------------------------------------------------------------
  const wsUrl =
    (location.protocol === "https:" ? "wss://" : "ws://") + location.host + root.dataset.wsPath;

  const send = (frame) => {
    if (state.ws && state.ws.readyState === WebSocket.OPEN) {
      state.ws.send(JSON.stringify(frame));
      return true;
    }
    showNotice(S.connecting);
    return false;
  };

  function connect() {
    if (state.stopped) return;
    setConnection("connecting", S.connecting);
    const ws = new WebSocket(wsUrl);
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

  function setConnection(kind, text) {
    ui.connection.dataset.state = kind;
    ui.connection.textContent = text;
  }

  function handle(frame) {
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
        showAlert(fmt(S.moodAlert, { id: frame.conversation_id, reason: frame.reason || "" }));
        break;
      case "error":
        onError(frame);
        break;
      default:
        break;
    }
  }

  function showAlert(text) {
    let region = document.querySelector("[data-testid='alerts']");
    if (!region) {
      region = el("div", { class: "alerts", role: "alert", "data-testid": "alerts" });
      document.querySelector("main").prepend(region);
    }
    region.prepend(el("p", { class: "alert", text }));
    while (region.childNodes.length > 5) region.lastChild.remove();
  }

  function onSnapshot(frame) {
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

  function onConversation(summary) {
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

  function onQueue(queue) {
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

  function onAgents() {
    renderAgents();
    renderTransferOptions();
    const mine = state.me && state.agents.find((a) => a.id === state.me.id);
    if (mine && mine.status !== ui.presence.value && !state.desiredPresence) {
      ui.presence.value = mine.status;
    }
  }

  function onAck(frame) {
    const node = state.pending.get(frame.client_id);
    if (!node || !Number.isInteger(frame.seq)) return;
    state.pending.delete(frame.client_id);
    confirmNode(node, frame.seq);
  }

  function onError(frame) {
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

  // ---------------------------------------------------------------------------------------
  // Lists
  // ---------------------------------------------------------------------------------------
  function summaryById(id) {
    return state.conversations.get(id) || state.queue.find((c) => c.id === id) || null;
  }

  function waitedText(iso) {
    const start = Date.parse(iso || "");
    if (Number.isNaN(start)) return "";
    const seconds = Math.max(0, Math.round((Date.now() - start) / 1000));
    if (seconds < 60) return fmt(S.seconds, { n: seconds });
    const minutes = Math.floor(seconds / 60);
    if (minutes < 60) return fmt(S.minutes, { n: minutes });
    return fmt(S.hours, { n: Math.floor(minutes / 60), m: minutes % 60 });
  }

  function conversationItem(c, testid) {
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
        el("strong", { class: "label", text: c.customer_label || `#${c.id}` }),
        el("span", { class: `pill status-${c.status}`, text: S.status[c.status] || c.status }),
      ),
    );
    const details = el("span", { class: "conv-line small" });
    if (c.priority) {
      details.append(el("span", { class: "pill priority", text: fmt(S.priority, { p: c.priority }) }));
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

  function fillList(list, empty, count, items, testid) {
    if (!list) return;
    list.replaceChildren(...items.map((c) => conversationItem(c, testid)));
    empty.hidden = items.length > 0;
    count.textContent = items.length ? `(${items.length})` : "";
  }

  function renderLists() {
    const all = [...state.conversations.values()].sort((a, b) =>
      String(b.updated_at).localeCompare(String(a.updated_at)),
    );
    const mine = all.filter((c) => state.me && c.agent_id === state.me.id);
    fillList(ui.mine, ui.mineEmpty, ui.mineCount, mine, "conversation-item");
    fillList(ui.queue, ui.queueEmpty, ui.queueCount, state.queue, "queue-item");
    fillList(ui.all, ui.allEmpty, ui.allCount, all, "open-conversation-item");
  }

  function renderAgents() {
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

  function renderTransferOptions() {
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

  function renderCanned(replies) {
    const first = ui.canned.options[0];
    ui.canned.replaceChildren(first);
    for (const r of replies) {
      ui.canned.append(el("option", { value: String(r.id), "data-text": r.text, text: r.title }));
    }
    ui.canned.disabled = replies.length === 0;
  }

  // ---------------------------------------------------------------------------------------
  // The open conversation
  // ---------------------------------------------------------------------------------------
  function openConversation(id) {
    if (state.current !== id) {
      stopTyping();
      state.current = id;
      state.bySeq.clear();
      state.pending.clear();
      state.customerRead = 0;
      state.readSent = 0;
      ui.transcript.replaceChildren();
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

  function onTranscript(frame) {
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

  // ---------------------------------------------------------------------------------------
  // Customer profile (the transcript frame's "profile"): all text via textContent.
  // ---------------------------------------------------------------------------------------
  const P = S.profile;
  const asList = (items) => Array.isArray(items) ? items : [];

  function profileSection(key, title, ...children) {
    return el("section", { class: "profile-section", "data-testid": `profile-section-${key}` },
      el("h3", { text: title }), ...children);
  }

  function formatDate(iso) {
    const date = new Date(iso || "");
    if (Number.isNaN(date.getTime())) return "";
    return date.toLocaleDateString(locale, { year: "numeric", month: "short", day: "numeric" });
  }

  function formatMoney(amount, currency) {
    const value = Number(amount);
    try {
      if (!Number.isNaN(value) && currency) {
        return new Intl.NumberFormat(locale, { style: "currency", currency }).format(value);
      }
    } catch {
      // An unknown currency code: fall through to the plain form.
    }
    return `${amount ?? ""} ${currency || ""}`.trim();
  }

  const signed = (n) => (n > 0 ? "+" : "") + n.toFixed(2);
  // The same thresholds as the mood badge in the conversation list.
  const moodClass = (n) => (n <= -0.3 ? "mood-bad" : n >= 0.3 ? "mood-good" : "mood-neutral");

  function renderProfile(profile, conversationId) {
    if (profile === undefined) {
      ui.profile.hidden = true;
      return;
    }
    ui.profile.hidden = false;
    if (!profile || typeof profile !== "object") {
      ui.profileBody.replaceChildren(
        el("p", { class: "empty anonymous", "data-testid": "profile-anonymous", text: P.anonymous }),
      );
      return;
    }
    ui.profileBody.replaceChildren(
      customerSection(profile),
      ordersSection(profile),
      pastSection(profile),
      moodSection(profile, conversationId),
      preferencesSection(profile),
      viewedSection(profile),
    );
  }

  function customerSection(p) {
    const name = el("p", { class: "profile-name" },
      el("strong", { "data-testid": "profile-name", text: p.display_name || p.external_id || `#${p.customer_id}` }));
    if (p.is_vip) name.append(" ", el("span", { class: "pill vip", "data-testid": "vip-badge", text: P.vip }));
    for (const segment of asList(p.segments)) {
      if (segment === "vip") continue;
      name.append(" ", el("span", { class: "pill", text: P.segments[segment] || String(segment) }));
    }
    const contact = p.contact || {};
    const facts = el("dl", { class: "facts" });
    const fact = (term, value, testid, revealable) => {
      const dd = el("dd", { "data-testid": testid }, el("span", { class: "value", text: value || P.unknown }));
      if (revealable && value) dd.append(" ", revealControl(revealable));
      facts.append(el("dt", { text: term }), dd);
    };
    if (p.external_id) fact(P.customerId, p.external_id, "profile-external-id");
    fact(P.phone, contact.phone, "profile-phone", "phone");
    fact(P.email, contact.email, "profile-email", "email");
    const identities = asList(p.identities);
    if (identities.length) {
      facts.append(el("dt", { text: P.identities }), el("dd", {}, el("ul", { class: "plain" },
        ...identities.map((i) => el("li", { "data-testid": "profile-identity" },
          String(i.label || i.kind), " ",
          el("span", { class: i.verified ? "verified" : "small", text: i.verified ? `✓ ${P.verified}` : P.unverified }))))));
    }
    return profileSection("customer", P.customer, name, facts);
  }

  // The full number is fetched only on demand, with a reason the server writes to the audit log.
  function revealControl(field) {
    const button = el("button", { type: "button", class: "link", "data-testid": `reveal-${field}`, text: P.reveal });
    button.addEventListener("click", () => {
      const input = el("input", {
        type: "text", required: true, minlength: "3", maxlength: "200",
        placeholder: P.revealReason, "aria-label": P.revealReason, "data-testid": `reveal-reason-${field}`,
      });
      const form = el("form", { class: "reveal-form" }, input, el("button", { type: "submit", text: P.reveal }));
      form.addEventListener("submit", (event) => {
        event.preventDefault();
        send({ type: "reveal", conversation_id: state.current, field, reason: input.value });
      });
      button.replaceWith(form);
      input.focus();
    });
    return button;
  }

  function onRevealed(frame) {
    if (frame.conversation_id !== state.current) return;
    const dd = ui.profileBody.querySelector(`[data-testid="profile-${frame.field}"]`);
    if (!dd) return;
    dd.replaceChildren(el("span", { class: "value revealed", text: String(frame.value || P.unknown) }));
  }

  function ordersSection(p) {
    const orders = asList(p.orders);
    if (!orders.length) return profileSection("orders", P.orders, el("p", { class: "empty", text: P.noOrders }));
    const items = orders.map((o) => {
      const node = el("li", { class: "profile-item", "data-testid": "profile-order" },
        el("span", { class: "conv-line" },
          el("strong", { class: "label", text: String(o.number) }),
          el("span", { class: `pill order-${o.status}`, text: o.status_label || o.status })),
        el("span", { class: "conv-line small" },
          el("span", { text: formatMoney(o.total, o.currency) }),
          el("span", { text: fmt(P.placed, { date: formatDate(o.placed_at) }) })));
      if (o.tracking_number) {
        node.append(el("span", { class: "small", "data-testid": "profile-tracking",
          text: fmt(P.tracking, { carrier: o.carrier || "", number: o.tracking_number }).trim() }));
      }
      const lines = asList(o.items).map((i) => fmt(P.item, { quantity: i.quantity, name: i.name || i.sku }));
      if (lines.length) node.append(el("span", { class: "small items", text: lines.join(", ") }));
      return node;
    });
    const section = profileSection("orders", P.orders, el("ul", { class: "plain stack-list" }, ...items));
    if (Number(p.orders_total) > orders.length) {
      section.append(el("p", { class: "small", text: fmt(P.ordersShown, { shown: orders.length, total: p.orders_total }) }));
    }
    return section;
  }

  function pastSection(p) {
    const past = asList(p.past_conversations);
    if (!past.length) return profileSection("past", P.past, el("p", { class: "empty", text: P.noPast }));
    return profileSection("past", P.past, el("ul", { class: "plain stack-list" }, ...past.map((c) => {
      const mood = Number(c.mood) || 0;
      const node = el("li", { class: "profile-item", "data-testid": "profile-past-conversation" },
        el("span", { class: "conv-line small" },
          el("span", { text: `#${c.id} · ${formatDate(c.started_at)}` }),
          el("span", { class: `pill status-${c.status}`, text: S.status[c.status] || c.status }),
          el("span", { class: `pill ${moodClass(mood)}`, text: signed(mood) }),
          Number.isInteger(c.csat_score) ? el("span", { text: fmt(P.csat, { score: c.csat_score }) }) : null));
      if (c.first_message) node.append(el("q", { class: "first-message", text: c.first_message }));
      return node;
    })));
  }

  function moodSection(p, conversationId) {
    const history = asList(p.mood_history);
    const row = el("ol", { class: "mood-row", "aria-label": P.moodRow, "data-testid": "mood-history" },
      ...history.map((h) => {
        const mood = Number(h.mood) || 0;
        const current = h.conversation_id === conversationId;
        const label = fmt(current ? P.moodCurrent : P.moodValue,
          { id: h.conversation_id, date: formatDate(h.at), mood: signed(mood) });
        // A bar from the middle line: up for a happy customer, down for an upset one.
        const bar = el("span", { class: "mood-bar" });
        bar.style.height = `${Math.max(8, Math.round(Math.abs(mood) * 100)) / 2}%`;
        bar.style[mood < 0 ? "top" : "bottom"] = "50%";
        return el("li", {
          class: `mood-dot ${moodClass(mood)}${current ? " current" : ""}`,
          title: label,
          "data-testid": "mood-dot",
          "data-mood": mood.toFixed(2),
        }, bar, el("span", { class: "visually-hidden", text: label }));
      }));
    return profileSection("mood", P.mood, row, el("p", { class: "small", text: P.moodLegend }));
  }

  function preferenceValue(value) {
    if (value === true) return P.yes;
    if (value === false) return P.no;
    if (value !== null && typeof value === "object") return JSON.stringify(value);
    return String(value ?? "");
  }

  function preferencesSection(p) {
    const entries = p.preferences && typeof p.preferences === "object" ? Object.entries(p.preferences) : [];
    if (!entries.length) return profileSection("preferences", P.preferences, el("p", { class: "empty", text: P.noPreferences }));
    const facts = el("dl", { class: "facts" });
    for (const [key, value] of entries) {
      facts.append(el("dt", { text: key.replace(/_/g, " ") }), el("dd", { text: preferenceValue(value) }));
    }
    return profileSection("preferences", P.preferences, facts);
  }

  function viewedSection(p) {
    const viewed = asList(p.recently_viewed);
    if (!viewed.length) return profileSection("viewed", P.viewed, el("p", { class: "empty", text: P.noViews }));
    return profileSection("viewed", P.viewed, el("ul", { class: "plain" }, ...viewed.map((v) =>
      el("li", { "data-testid": "profile-viewed-item" }, v.name ? `${v.name} ` : "",
        el("span", { class: "small", text: v.name ? `(${v.sku})` : String(v.sku) })))));
  }

  function canReply(summary) {
    return Boolean(
      summary && state.me && summary.agent_id === state.me.id && summary.status === "assigned",
    );
  }

  function renderHeader(summary) {
    ui.conv.dataset.status = summary.status;
    ui.conv.dataset.id = String(summary.id);
    ui.title.textContent = summary.customer_label || `#${summary.id}`;
    ui.status.textContent = S.status[summary.status] || summary.status;
    ui.status.className = `pill status-${summary.status}`;
    ui.agent.textContent = summary.agent_name ? fmt(S.assignedTo, { name: summary.agent_name }) : "";
    const reason = summary.assignment_reason;
    const summaryText = reason && typeof reason === "object" && typeof reason.summary === "string"
      ? reason.summary : "";
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

  function syncNoteMode() {
    const note = ui.noteToggle.checked;
    ui.form.classList.toggle("note-mode", note);
    ui.send.textContent = note ? S.addNote : S.sendReply;
    if (note) stopTyping();
  }

  const SENDER_LABEL = { customer: S.customer, bot: S.bot, agent: S.agent, system: S.system };

  function renderMessage(m) {
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
    node.append(bubble);
    state.bySeq.set(m.seq, node);
    return node;
  }

  function formatTime(iso) {
    const date = new Date(iso || "");
    if (Number.isNaN(date.getTime())) return "";
    return date.toLocaleTimeString(locale, { hour: "2-digit", minute: "2-digit" });
  }

  function addMessage(m, live) {
    if (!Number.isInteger(m.seq) || state.bySeq.has(m.seq)) return;
    // Our own replies come back with the server's "agent:<id>:" prefix on the client id.
    const prefix = state.me ? `agent:${state.me.id}:` : null;
    if (prefix && typeof m.client_id === "string" && m.client_id.startsWith(prefix)) {
      const node = state.pending.get(m.client_id.slice(prefix.length));
      if (node) {
        state.pending.delete(m.client_id.slice(prefix.length));
        confirmNode(node, m.seq);
        return;
      }
    }
    insertBySeq(renderMessage(m), m.seq);
    if (m.sender === "customer") showCustomerTyping(false);
    if (live) {
      const summary = state.conversations.get(state.current);
      if (summary && !m.private) summary.last_message = String(m.text || "").slice(0, 140);
      updateReceipt();
      scrollToEnd(m.sender === "agent");
      maybeSendRead();
    }
  }

  function insertBySeq(node, seq) {
    for (const other of ui.transcript.querySelectorAll(".msg[data-seq]")) {
      if (Number(other.dataset.seq) > seq) {
        other.before(node);
        return;
      }
    }
    const firstPending = ui.transcript.querySelector('.msg[data-pending="true"]');
    if (firstPending) firstPending.before(node);
    else ui.transcript.append(node);
  }

  function confirmNode(node, seq) {
    if (state.bySeq.has(seq)) {
      node.remove(); // the echo got there first
      return;
    }
    node.removeAttribute("data-pending");
    node.removeAttribute("data-failed");
    node.removeAttribute("data-frame");
    node.dataset.seq = String(seq);
    state.bySeq.set(seq, node);
    const label = node.querySelector(".meta .state");
    if (label) {
      const now = new Date().toISOString();
      label.replaceWith(" · ", el("time", { datetime: now, text: formatTime(now) }));
    }
    node.remove();
    insertBySeq(node, seq);
    updateReceipt();
  }

  function scrollToEnd(force) {
    const t = ui.transcript;
    if (force || t.scrollHeight - t.scrollTop - t.clientHeight < 80) t.scrollTop = t.scrollHeight;
  }

  function updateReceipt() {
    ui.transcript.querySelector(".receipt")?.remove();
    const replies = ui.transcript.querySelectorAll('.msg-agent[data-private="false"][data-seq]');
    const last = replies[replies.length - 1];
    if (last && state.customerRead >= Number(last.dataset.seq)) {
      last.append(el("div", { class: "receipt", "data-testid": "read-receipt", text: S.read }));
    }
  }

  function maybeSendRead() {
    const summary = summaryById(state.current);
    if (!canReply(summary) || document.visibilityState !== "visible") return;
    let latest = 0;
    for (const seq of state.bySeq.keys()) latest = Math.max(latest, seq);
    if (latest > state.readSent) {
      state.readSent = latest;
      send({ type: "read", conversation_id: state.current, seq: latest });
    }
  }

  function showCustomerTyping(on) {
    clearTimeout(state.customerTypingTimer);
    ui.typing.hidden = !on;
    ui.typing.textContent = on ? S.typing : "";
    if (on) state.customerTypingTimer = setTimeout(() => showCustomerTyping(false), 8000);
  }

  function showNotice(text) {
    clearTimeout(state.noticeTimer);
    ui.notice.textContent = text;
    state.noticeTimer = setTimeout(() => (ui.notice.textContent = ""), 8000);
  }

  const newClientId = () =>
    window.crypto && typeof crypto.randomUUID === "function"
      ? crypto.randomUUID()
      : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;

  // ---------------------------------------------------------------------------------------
  // Agent actions
  // ---------------------------------------------------------------------------------------
  ui.presence.addEventListener("change", () => {
    state.desiredPresence = ui.presence.value;
    send({ type: "presence", status: ui.presence.value });
  });

  ui.form.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = ui.input.value.trim();
    if (!text || state.current === null) return;
    const note = ui.noteToggle.checked;
    const clientId = newClientId();
    const frame = {
      type: note ? "note" : "reply",
      conversation_id: state.current,
      client_id: clientId,
      text,
    };
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
      el("div", { class: "bubble", text }),
    );
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

  function stopTyping() {
    clearTimeout(state.typingIdle);
    if (state.typingSentAt && state.current !== null) {
      state.typingSentAt = 0;
      if (canReply(summaryById(state.current))) {
        send({ type: "typing", conversation_id: state.current, is_typing: false });
      }
    }
  }

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

  connect();
})();
