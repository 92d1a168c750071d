/*
 * Product and order cards (docs/chat-protocol.md, "Cards"): shown in the transcript as the
 * customer sees them, and sent by the agent from the profile panel (recent orders, viewed
 * products) or from a search of the shop's catalogue (GET /attachments/catalogue/).
 */
import { canReply } from "./conversation.js";
import { el } from "./dom.js";
import { summaryById } from "./lists.js";
import { safeUrl } from "./media.js";
import { formatDate, formatMoney } from "./profile.js";
import { send } from "./socket.js";
import { state } from "./state.js";
import { S, fmt, locale } from "./strings.js";
import { showNotice } from "./transcript.js";

const C = S.cards;

const newClientId = () =>
  window.crypto && typeof crypto.randomUUID === "function"
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;

/** A message's cards, or null when it has none. */
export function cardList(cards) {
  const items = Array.isArray(cards) ? cards.filter((c) => c && typeof c === "object") : [];
  const nodes = items
    .map((c) => (c.type === "product" ? productCard(c) : c.type === "order" ? orderCard(c) : null))
    .filter(Boolean);
  return nodes.length ? el("div", { class: "cards" }, ...nodes) : null;
}

// The console's Content-Security-Policy allows its own images only: a shop's picture from
// elsewhere is left out rather than logged as a violation.
const ownImage = (value) => {
  const url = safeUrl(value);
  return url && new URL(url).origin === location.origin ? url : "";
};

function productCard(c) {
  const stock = Number(c.stock);
  const image = ownImage(c.image_url);
  const link = safeUrl(c.url);
  return el(
    "div",
    { class: "card card-product", "data-testid": "product-card", "data-sku": String(c.sku ?? "") },
    image ? el("img", { class: "card-img", src: image, alt: "" }) : null,
    el(
      "div",
      { class: "card-body" },
      el("strong", { class: "card-title", "data-testid": "card-name", text: String(c.name || c.sku || "") }),
      el("span", { class: "card-price", "data-testid": "card-price", text: formatMoney(c.price, c.currency) }),
      el("span", {
        class: `small card-stock${stock > 0 ? "" : " out"}`,
        "data-testid": "card-stock",
        text: stock > 0 ? fmt(C.inStock, { n: stock }) : C.outOfStock,
      }),
      link ? el("a", { href: link, target: "_blank", rel: "noopener noreferrer", class: "small", text: C.viewProduct }) : null,
      el("span", { class: "small offered-label", text: C.askAbout }),
    ),
  );
}

function orderCard(c) {
  const steps = Array.isArray(c.timeline) ? c.timeline.filter((s) => s && s.label) : [];
  const body = el(
    "div",
    { class: "card-body" },
    el("span", { class: "conv-line" },
      el("strong", { class: "card-title", "data-testid": "card-order-number", text: fmt(C.order, { number: c.number }) }),
      el("span", { class: `pill order-${c.status}`, "data-testid": "card-status", text: String(c.status_label || c.status || "") })),
  );
  if (c.total !== undefined && c.total !== null && c.total !== "") {
    body.append(el("span", { class: "card-price", text: formatMoney(c.total, c.currency) }));
  }
  if (steps.length) {
    body.append(el("ol", { class: "timeline", "aria-label": C.timeline, "data-testid": "order-timeline" },
      ...steps.map((s, i) => el("li", {
        class: i === steps.length - 1 ? "step current" : "step",
        "data-testid": "order-step",
        "aria-current": i === steps.length - 1 ? "step" : false,
      },
      el("span", { text: String(s.label) }), " ",
      s.at ? el("time", { class: "small", datetime: String(s.at), text: formatStep(s.at) }) : null))));
  }
  return el("div", { class: "card card-order", "data-testid": "order-card", "data-number": String(c.number ?? "") }, body);
}

function formatStep(iso) {
  const date = new Date(iso || "");
  if (Number.isNaN(date.getTime())) return formatDate(iso);
  return date.toLocaleString(locale, { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });
}

/** Send a card into the open conversation: {type: "product", sku} or {type: "order", number}. */
export function sendCard(card) {
  if (state.current === null) return false;
  if (!canReply(summaryById(state.current))) {
    showNotice(C.onlyAssigned);
    return false;
  }
  return send({ type: "send_card", conversation_id: state.current, card, client_id: newClientId() });
}

/** A small "send card" button for the profile panel and the catalogue search. */
export function sendCardButton(card, testid) {
  return el("button", {
    type: "button",
    class: "link send-card",
    "data-testid": testid,
    text: card.type === "order" ? C.sendOrder : C.sendProduct,
    onclick: () => sendCard(card),
  });
}

/** The catalogue search, at the end of the profile panel. */
export function catalogueSection() {
  const input = el("input", {
    type: "search",
    maxlength: "100",
    placeholder: C.searchPlaceholder,
    "aria-label": C.search,
    "data-testid": "catalogue-query",
  });
  const results = el("ul", { class: "plain stack-list", "data-testid": "catalogue-results", "aria-live": "polite" });
  const status = el("p", { class: "small", role: "status", "data-testid": "catalogue-status" });
  const form = el("form", { class: "catalogue-form", "data-testid": "catalogue-search" },
    input, el("button", { type: "submit", class: "secondary", text: C.searchButton }));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const q = input.value.trim();
    if (!q || state.current === null) return;
    const conversation = state.current;
    status.textContent = "";
    let body = null;
    try {
      const response = await fetch(
        `/attachments/catalogue/?conversation=${encodeURIComponent(conversation)}&q=${encodeURIComponent(q)}`,
        { headers: { Accept: "application/json" }, credentials: "same-origin" },
      );
      body = await response.json().catch(() => null);
      if (!response.ok) {
        status.textContent = fmt(C.searchFailed, { detail: (body && body.message) || response.status });
        return;
      }
    } catch (error) {
      status.textContent = fmt(C.searchFailed, { detail: String(error) });
      return;
    }
    if (conversation !== state.current) return; // another conversation was opened meanwhile
    const products = Array.isArray(body && body.results) ? body.results : [];
    results.replaceChildren(...products.map((p) => el("li", { class: "profile-item", "data-testid": "catalogue-item" },
      el("span", { class: "conv-line" },
        el("strong", { text: String(p.name || p.sku) }),
        el("span", { class: "small", text: formatMoney(p.price, p.currency) })),
      el("span", { class: "conv-line small" },
        el("span", { text: String(p.sku) }),
        el("span", { text: Number(p.stock) > 0 ? fmt(C.inStock, { n: p.stock }) : C.outOfStock })),
      sendCardButton({ type: "product", sku: String(p.sku) }, "send-product-card"))));
    if (!products.length) status.textContent = C.noResults;
  });
  return el("section", { class: "profile-section", "data-testid": "profile-section-catalogue" },
    el("h3", { text: C.catalogue }), form, status, results);
}
