/*
 * Conversation search from the console (issue 21): a search box in the console's bar that
 * opens the results page (/search/), and opening the conversation a result links to
 * (/console/?conversation=<id>) once the console is connected.
 */
import { openConversation } from "./conversation.js";
import { el } from "./dom.js";
import { ui } from "./state.js";
import { lang } from "./strings.js";

const TEXT = {
  en: { label: "Search conversations", placeholder: "Words, order number, phone…", go: "Search" },
  zh: { label: "搜索会话", placeholder: "关键词、订单号、电话…", go: "搜索" },
}[lang];

function searchBox() {
  const input = el("input", {
    type: "search",
    name: "q",
    id: "console-search",
    placeholder: TEXT.placeholder,
    maxlength: "200",
    required: true,
    "data-testid": "console-search",
  });
  return el(
    "form",
    {
      class: "console-search",
      role: "search",
      method: "get",
      action: "/search/",
      style: "display:flex;gap:.4rem;align-items:center;margin:0 1rem",
    },
    el("label", { for: "console-search", class: "visually-hidden", text: TEXT.label }),
    input,
    el("button", { type: "submit", class: "secondary", text: TEXT.go }),
  );
}

function openFromAddress() {
  const params = new URLSearchParams(window.location.search);
  const id = Number(params.get("conversation"));
  if (!Number.isInteger(id) || id <= 0) return;
  const openWhenOnline = () => {
    if (ui.connection.dataset.state !== "online") return false;
    openConversation(id);
    params.delete("conversation");
    const rest = params.toString();
    window.history.replaceState(null, "", window.location.pathname + (rest ? `?${rest}` : ""));
    return true;
  };
  if (openWhenOnline()) return;
  // The snapshot sets the connection state to "online": open the conversation after it.
  const watcher = new MutationObserver(() => {
    if (openWhenOnline()) watcher.disconnect();
  });
  watcher.observe(ui.connection, { attributes: true, attributeFilter: ["data-state"] });
}

export function wireSearch() {
  const bar = document.querySelector(".console-bar");
  if (bar && !document.getElementById("console-search")) {
    const box = searchBox();
    const connection = bar.querySelector(".connection");
    bar.insertBefore(box, connection);
  }
  openFromAddress();
}
