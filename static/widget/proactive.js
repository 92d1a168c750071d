/* The proactive suggestions card from the welcome frame, and the opt-out. */
import { el, focusIsIn, setTr, showText } from "./dom.js";
import { send } from "./socket.js";
import { proactive, state, ui } from "./store.js";
import { T, formatPrice } from "./strings.js";

export function productList(products) {
  const list = el("ul", { class: "products", "aria-label": T("products") });
  for (const p of Array.isArray(products) ? products : []) {
    if (!p || typeof p.name !== "string" || !p.name) continue;
    list.append(
      el(
        "li",
        { class: "product", "data-testid": "product", "data-sku": String(p.sku ?? "") },
        el("span", { class: "product-name", text: p.name }),
        el("span", {
          class: "product-price",
          // Kept to format the price again in another language's conventions.
          "data-price": String(p.price ?? ""),
          "data-currency": String(p.currency ?? ""),
          text: formatPrice(p.price, p.currency),
        }),
      ),
    );
  }
  return list.childElementCount ? list : null;
}

export function showProactive(data) {
  if (typeof data.text !== "string" || !data.text.trim()) return null;
  const skus = Array.isArray(data.products) ? data.products.map((p) => p && p.sku) : [];
  const key = JSON.stringify([data.text, skus]);
  // Reconnecting brings the same welcome again: the card was already shown on this page.
  if (proactive.seen.has(key)) return null;
  proactive.seen.add(key);
  if (proactive.node && !proactive.node.dataset.done) proactive.node.remove();
  const bubble = el(
    "div",
    { class: "bubble" },
    el("span", { class: "proactive-title", text: T("proactive") }),
    el("span", { "data-testid": "proactive-text", text: data.text }),
    productList(data.products),
  );
  const node = el(
    "div",
    {
      class: "msg msg-bot proactive",
      role: "group",
      "aria-label": T("proactive"),
      "data-testid": "proactive",
    },
    el("div", { class: "meta", text: T("bot") }),
    bubble,
  );
  if (data.opt_out) {
    const optOut = el("button", {
      type: "button",
      class: "link",
      "data-testid": "proactive-opt-out",
      text: T("proactiveOptOut"),
    });
    optOut.addEventListener("click", () => {
      if (proactive.pending) return;
      const error = node.querySelector(".proactive-error");
      if (!state.ready || !send({ type: "preferences", proactive_suggestions: false })) {
        setTr(error, "text", T("cannotConnect"));
        return;
      }
      showText(error, "");
      setProactivePending(true);
    });
    node.append(
      optOut,
      el("p", { class: "proactive-error", role: "alert", "data-testid": "proactive-error" }),
    );
  }
  proactive.node = node;
  proactive.pending = false;
  // At the top of the conversation that is starting: after what is already on screen
  // (the welcome, an earlier conversation), before anything still being sent.
  const firstPending = ui.log.querySelector('.msg[data-pending="true"]');
  if (firstPending) firstPending.before(node);
  else ui.log.append(node);
  return node;
}

export function setProactivePending(on) {
  proactive.pending = on;
  const button = proactive.node && proactive.node.querySelector(".link");
  if (button) button.setAttribute("aria-disabled", String(on)); // keeps the focus, see above
}

export function onPreferencesSaved(frame) {
  setProactivePending(false);
  const prefs = frame.preferences && typeof frame.preferences === "object" ? frame.preferences : {};
  if (prefs.proactive_suggestions !== false || !proactive.node) return;
  const node = proactive.node;
  const hadFocus = focusIsIn(node);
  const done = el("div", {
    class: "bubble",
    role: "status",
    tabindex: "-1",
    "data-testid": "proactive-done",
    text: T("proactiveOff"),
  });
  node.replaceChildren(el("div", { class: "meta", text: T("bot") }), done);
  node.dataset.done = "true";
  if (hadFocus) done.focus();
}
