/*
 * Customer chat widget, the entry module. static/widget.js (the embed tag's script) imports
 * it and calls start() with the script element; see that file for the embed tag's attributes.
 *
 * Native ES modules, no dependencies or build step: it has to run unchanged on any shop page.
 * Everything lives in a Shadow DOM so the shop's CSS and ours cannot affect each other, and no
 * iframe is used because the platform refuses to be framed (X-Frame-Options: DENY).
 * The websocket protocol is described in docs/chat-protocol.md ("Customer socket").
 */
import { buildAttachControls, requestHandoff, stopTyping, wireComposer } from "./composer.js";
import { ICON_CHAT, ICON_CLOSE, ICON_DOWN, el, relabel } from "./dom.js";
import { connect, helloAgain, reconnectNow, send, setConn } from "./socket.js";
import { cfg, init, outbox, session, state, store, storeKey, ui } from "./store.js";
import { LANGUAGES, S, T, chosenLang, formatDateTime, formatPrice, formatTime, lang, langInfo, setLang } from "./strings.js";
import { adoptStyles } from "./styles.js";
import { atEnd, jumpToEnd, keepFollowing, maybeSendRead, onLogScroll, renderPending, reveal, showNotice, updateBadge, updatePill } from "./transcript.js";

/** Build the widget from the embed tag ``script``; ``api`` is the window.CSChatWidget object
 * the loader exposed at once, which now gets the real open() and close(). */
export function start(script, api) {
  init(script);
  if (!setLang(chosenLang(store.get("lang", null), cfg.pageLang))) setLang("en");
  ui.host = document.createElement("cs-chat-widget");
  ui.host.setAttribute("data-testid", "chat-widget");
  if (cfg.fullPage) ui.host.setAttribute("data-mode", "fullpage");
  ui.shadow = ui.host.attachShadow({ mode: "open" });
  adoptStyles(ui.shadow);
  buildUi();
  wire();
  wireComposer();
  api.open = () => open();
  api.close = () => close();
  if (document.body) show();
  else document.addEventListener("DOMContentLoaded", show, { once: true });
}

function show() {
  document.body.append(ui.host);
  setConn("idle");
  for (const item of outbox) renderPending(item);
  if (cfg.fullPage) {
    // On a phone the keyboard must not pop up before the customer chooses to write.
    open({ focus: !matchMedia("(pointer: coarse)").matches });
  } else if (session.get("open") === "1") {
    open({ focus: false });
  } else if (store.get("token", null) && state.conversationId !== null) {
    // A returning visitor with a conversation hears about new replies without opening.
    connect();
  }
}

function buildUi() {
  ui.root = el("div", {
    class: `root ${cfg.fullPage ? "fullpage" : "floating"}`,
    lang: langInfo()[1],
    "data-status": "new",
  });
  ui.badge = el("span", { class: "badge", "data-testid": "unread", hidden: true });
  ui.launcher = el(
    "button",
    {
      type: "button",
      class: "launcher",
      "data-testid": "launcher",
      "aria-label": S.openChat,
      "aria-expanded": "false",
      "aria-controls": "cs-panel",
      html: ICON_CHAT,
    },
  );
  ui.launcher.append(ui.badge);
  ui.title = el("h2", { id: "cs-title", text: T("title") });
  ui.closeBtn = el("button", {
    type: "button",
    class: "icon-btn",
    "data-testid": "close-panel",
    "aria-label": T("closeChat"),
    title: T("closeChat"),
    html: ICON_CLOSE,
  });
  ui.connText = el("span");
  // The ticking countdown stays out of the live region: a screen reader should hear
  // "connection lost" once, not a number every second.
  ui.countdown = el("span", { "aria-hidden": "true" });
  ui.retryBtn = el("button", {
    type: "button",
    "data-testid": "retry",
    text: T("retryNow"),
    hidden: true,
  });
  ui.conn = el(
    "div",
    { class: "conn", "data-testid": "connection", "data-state": "idle" },
    el("span", { role: "status" }, ui.connText, " ", ui.countdown),
    ui.retryBtn,
  );
  ui.status = el("div", { class: "status", "data-testid": "status", role: "status" });
  ui.log = el("div", {
    class: "log",
    role: "log",
    "aria-live": "polite",
    "aria-label": T("messages"),
    "data-testid": "messages",
    tabindex: "0",
  });
  ui.typing = el("div", { class: "typing", "data-testid": "typing", hidden: true });
  ui.notice = el("div", { class: "notice", "data-testid": "notice", role: "status" });
  ui.handoffBtn = el("button", {
    type: "button",
    class: "tool handoff",
    "data-testid": "handoff",
    text: T("handoff"),
  });
  ui.endBtn = el("button", {
    type: "button",
    class: "tool end",
    "data-testid": "end-chat",
    text: T("endChat"),
  });
  ui.tools = el("div", { class: "tools" }, ui.handoffBtn, ui.endBtn);
  ui.csat = buildCsatForm();
  ui.csatThanks = el("div", {
    class: "csat-thanks",
    "data-testid": "csat-thanks",
    role: "status",
    text: T("csatThanks"),
    hidden: true,
  });
  ui.input = el("textarea", {
    id: "cs-input",
    rows: "1",
    maxlength: "2000",
    placeholder: T("placeholder"),
    "data-testid": "input",
    autocomplete: "off",
  });
  ui.send = el("button", {
    type: "submit",
    class: "primary",
    "data-testid": "send",
    text: T("send"),
  });
  buildAttachControls();
  ui.composer = el(
    "form",
    { class: "composer", "data-testid": "composer" },
    el("label", { class: "sr-only", for: "cs-input", text: T("inputLabel") }),
    ui.attachBtn,
    ui.cameraBtn,
    ui.fileInput,
    ui.cameraInput,
    ui.input,
    ui.send,
  );
  // A native select: keyboards, screen readers and phones already know how to work it. Each
  // language is named in its own script, so anyone can find theirs whatever is shown now.
  ui.langSelect = el("select", {
    id: "cs-lang",
    class: "lang",
    "data-testid": "language",
    "aria-label": T("language"),
    title: T("language"),
  });
  for (const [key, tag, name] of LANGUAGES) {
    const option = el("option", { value: tag, lang: tag, text: name, selected: key === lang });
    ui.langSelect.append(option);
  }
  ui.pillText = el("span");
  ui.pill = el(
    "button",
    { type: "button", class: "new-pill", "data-testid": "new-messages", hidden: true },
    ui.pillText,
  );
  ui.pill.insertAdjacentHTML("beforeend", ICON_DOWN);
  ui.logWrap = el("div", { class: "log-wrap" }, ui.log, ui.pill);
  ui.panel = el(
    "section",
    {
      id: "cs-panel",
      class: "panel",
      role: cfg.fullPage ? "main" : "dialog",
      "aria-labelledby": "cs-title",
      "data-testid": "panel",
      hidden: !cfg.fullPage,
    },
    el("header", {}, ui.title, ui.langSelect, cfg.fullPage ? null : ui.closeBtn),
    ui.conn,
    ui.status,
    ui.logWrap,
    ui.typing,
    ui.notice,
    ui.csat,
    ui.csatThanks,
    ui.tools,
    ui.tray,
    ui.composer,
    ui.drop,
  );
  ui.root.append(cfg.fullPage ? "" : ui.launcher, ui.panel);
  ui.shadow.append(ui.root);
}

function buildCsatForm() {
  const stars = el("div", { class: "stars" });
  for (let n = 1; n <= 5; n += 1) {
    const id = `cs-star-${n}`;
    stars.append(
      el("input", { type: "radio", name: "score", value: String(n), id, required: n === 1 }),
      el("label", {
        for: id,
        "data-testid": `csat-star-${n}`,
        "aria-label": T("star", { n }),
        title: T("star", { n }),
        text: "★",
      }),
    );
  }
  const form = el(
    "form",
    { class: "csat", "data-testid": "csat-form", hidden: true },
    el("fieldset", {}, el("legend", { text: T("csatTitle") }), stars),
    el("label", { class: "sr-only", for: "cs-csat-comment", text: T("comment") }),
    el("textarea", {
      id: "cs-csat-comment",
      name: "comment",
      maxlength: "1000",
      placeholder: T("comment"),
      "data-testid": "csat-comment",
    }),
    el("button", {
      type: "submit",
      class: "primary",
      "data-testid": "csat-submit",
      text: T("submitRating"),
    }),
  );
  stars.addEventListener("change", () => {
    const score = Number(form.elements.score.value || 0);
    stars.querySelectorAll("label").forEach((label, i) => {
      label.classList.toggle("on", i < score);
    });
  });
  return form;
}

/** ``focus: false`` when the page itself reopens the panel: moving the focus on load
 * would yank keyboard and screen-reader users away from where they are. */
function open({ focus = true } = {}) {
  if (state.isOpen) return;
  state.isOpen = true;
  ui.panel.hidden = false;
  ui.launcher.setAttribute("aria-expanded", "true");
  if (!cfg.fullPage) session.set("open", "1");
  if (!state.ws && !state.retryTimer) connect();
  updateBadge();
  maybeSendRead();
  jumpToEnd();
  if (focus) ui.input.focus();
}

function close() {
  if (!state.isOpen || cfg.fullPage) return;
  state.isOpen = false;
  ui.panel.hidden = true;
  ui.launcher.setAttribute("aria-expanded", "false");
  session.set("open", "0");
  stopTyping();
  updateBadge();
  ui.launcher.focus();
}

function wire() {
  ui.launcher.addEventListener("click", () => (state.isOpen ? close() : open()));
  ui.closeBtn.addEventListener("click", close);
  ui.retryBtn.addEventListener("click", () => {
    state.attempt = 0;
    reconnectNow();
  });
  ui.root.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && state.isOpen && !cfg.fullPage) {
      event.stopPropagation();
      close();
    }
  });
  ui.handoffBtn.addEventListener("click", requestHandoff);
  ui.endBtn.addEventListener("click", () => {
    if (!send({ type: "close" })) showNotice(S.connecting);
  });
  ui.csat.addEventListener("submit", (event) => {
    event.preventDefault();
    const score = Number(ui.csat.elements.score.value);
    if (!(score >= 1 && score <= 5)) return;
    const comment = ui.csat.elements.comment.value.trim().slice(0, 1000);
    const frame = { type: "csat", score };
    if (comment) frame.comment = comment;
    if (!send(frame)) showNotice(S.connecting);
  });
  document.addEventListener("visibilitychange", maybeSendRead);
  window.addEventListener("online", () => {
    state.attempt = 0;
    reconnectNow();
  });

  ui.log.addEventListener("scroll", onLogScroll, { passive: true });
  // "load" does not bubble; listening in the capture phase sees every image in an answer.
  ui.log.addEventListener("load", keepFollowing, true);
  if (typeof ResizeObserver === "function") new ResizeObserver(keepFollowing).observe(ui.log);
  ui.pill.addEventListener("click", () => {
    const first = state.unseen.find((node) => node.isConnected);
    reveal(first);
    state.follow = atEnd();
    state.unseen = state.follow ? [] : state.unseen.slice(state.unseen.indexOf(first) + 1);
    updatePill();
  });
  ui.langSelect.addEventListener("change", () => {
    const found = LANGUAGES.find((l) => l[1] === ui.langSelect.value);
    if (found) setLanguage(found[0]);
  });
  // The visitor chose in another tab of this shop: follow it here too.
  window.addEventListener("storage", (event) => {
    if (event.key !== storeKey("lang")) return;
    const found = LANGUAGES.find((l) => l[1] === store.get("lang", null));
    if (found) setLanguage(found[0]);
  });
}

// --- Language ------------------------------------------------------------------------------
function setLanguage(key) {
  if (key === lang || !setLang(key)) return;
  const tag = langInfo()[1];
  store.set("lang", tag);
  ui.root.setAttribute("lang", tag);
  ui.langSelect.value = tag;
  relabel();
  // What is worked out rather than remembered: times, prices, connection, launcher label.
  for (const time of ui.shadow.querySelectorAll("time[datetime]")) {
    const iso = time.getAttribute("datetime");
    time.textContent = time.dataset.long ? formatDateTime(iso) : formatTime(iso);
  }
  for (const price of ui.shadow.querySelectorAll(".product-price[data-price]")) {
    price.textContent = formatPrice(price.dataset.price, price.dataset.currency);
  }
  setConn(state.connKind, state.connSeconds);
  updateBadge();
  state.relanguage = true;
  helloAgain();
}
