/*
 * Keyboard shortcuts (issue 21): single keys while no text field has the focus, so typing a
 * reply never triggers one. "?" lists them in a dialog (a native modal <dialog>: it keeps the
 * focus inside, Escape closes it, and the focus returns where it was). Every action they
 * reach is also a button or a form control that works with Tab and Enter.
 */
import { syncNoteMode } from "./conversation.js";
import { el } from "./dom.js";
import { state, ui } from "./state.js";
import { lang } from "./strings.js";
import { showNotice } from "./transcript.js";

const STRINGS = {
  en: {
    title: "Keyboard shortcuts",
    hint: "Keys work while no text field has the focus; Escape leaves a text field.",
    close: "Close",
    noSearch: "There is no search box on this page.",
    closeAsk: "Close this conversation?",
    keys: {
      j: "Next conversation",
      k: "Previous conversation",
      r: "Reply to the customer",
      n: "Write a private note",
      c: "Close the conversation",
      s: "Snooze",
      l: "Apply a label",
      m: "Run a macro",
      "/": "Focus search",
      "?": "Show this list",
      Escape: "Leave a text field, close a dialog",
    },
  },
  zh: {
    title: "键盘快捷键",
    hint: "焦点不在输入框时可用；按 Esc 离开输入框。",
    close: "关闭",
    noSearch: "此页面没有搜索框。",
    closeAsk: "要关闭这个会话吗？",
    keys: {
      j: "下一个会话",
      k: "上一个会话",
      r: "回复客户",
      n: "写内部备注",
      c: "关闭会话",
      s: "暂停",
      l: "添加标签",
      m: "运行宏",
      "/": "聚焦搜索",
      "?": "显示此列表",
      Escape: "离开输入框、关闭对话框",
    },
  },
};
const K = STRINGS[lang];

function typing(target) {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

// The conversations in the order the sidebar shows them: the work list when it has any,
// otherwise the socket's own lists.
function listed() {
  let items = [...document.querySelectorAll("[data-testid='desk-item']")];
  if (!items.length) items = [...document.querySelectorAll(".sidebar .conv-item")];
  const seen = new Set();
  return items.filter((b) => {
    const id = b.dataset.id;
    if (!id || seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

function step(delta) {
  const items = listed();
  if (!items.length) return;
  const at = items.findIndex((b) => Number(b.dataset.id) === state.current);
  const next = at === -1 ? (delta > 0 ? 0 : items.length - 1)
    : Math.min(items.length - 1, Math.max(0, at + delta));
  items[next].click();
  // The list may be re-rendered by the click; focus the item that stands for it now.
  const id = items[next].dataset.id;
  const again = listed().find((b) => b.dataset.id === id) || items[next];
  again.focus();
}

function compose(note) {
  if (state.current === null || ui.conv.hidden) return;
  if (!ui.noteToggle.disabled) ui.noteToggle.checked = note;
  syncNoteMode();
  ui.input.focus();
}

function focusControl(id) {
  const node = document.getElementById(id);
  if (node && state.current !== null && !ui.conv.hidden) node.focus();
}

function focusSearch() {
  const box = document.querySelector("[data-testid='console-search'], input[type='search']");
  if (box) box.focus();
  else showNotice(K.noSearch);
}

function closeConversation() {
  if (ui.closeConv.hidden || state.current === null) return;
  if (window.confirm(K.closeAsk)) ui.closeConv.click();
}

export function showShortcuts() {
  const existing = document.querySelector("[data-testid='shortcuts-dialog']");
  if (existing) return existing;
  const rows = Object.entries(K.keys).map(([key, what]) =>
    el("tr", { "data-testid": "shortcut" },
      el("th", { scope: "row" }, el("kbd", { text: key === "Escape" ? "Esc" : key })),
      el("td", { text: what })));
  const close = el("button", { type: "button", "data-testid": "shortcuts-close", text: K.close });
  const node = el("dialog", { class: "desk-dialog", "data-testid": "shortcuts-dialog", "aria-labelledby": "shortcuts-title" },
    el("h2", { id: "shortcuts-title", text: K.title }),
    el("p", { class: "hint", text: K.hint }),
    el("table", { class: "shortcuts" }, el("tbody", {}, ...rows)),
    close);
  const returnTo = document.activeElement;
  close.addEventListener("click", () => node.close());
  node.addEventListener("close", () => {
    node.remove();
    if (returnTo instanceof HTMLElement) returnTo.focus();
  });
  document.body.append(node);
  node.showModal();
  close.focus();
  return node;
}

const ACTIONS = {
  j: () => step(1),
  k: () => step(-1),
  r: () => compose(false),
  n: () => compose(true),
  c: closeConversation,
  s: () => focusControl("desk-snooze-select"),
  l: () => focusControl("desk-label-select"),
  m: () => focusControl("desk-macro-select"),
  "/": focusSearch,
  "?": showShortcuts,
};

export function wireShortcuts() {
  document.addEventListener("keydown", (event) => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    if (document.querySelector("dialog[open]")) return; // the dialog has the keyboard
    if (typing(event.target)) {
      if (event.key === "Escape") event.target.blur();
      return;
    }
    const action = ACTIONS[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  });
  // A visible way in for those who do not know the "?" key.
  const bar = document.querySelector(".console-bar");
  if (bar) {
    bar.querySelector(".connection")?.before(el("button", {
      type: "button", class: "secondary", "data-testid": "shortcuts-button", "aria-keyshortcuts": "?",
      text: `${K.title} (?)`, onclick: showShortcuts,
    }));
  }
}
