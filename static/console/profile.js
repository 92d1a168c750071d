/* Customer profile (the transcript frame's "profile"): all text via textContent. */
import { catalogueSection, sendCardButton } from "./cards.js";
import { el } from "./dom.js";
import { send } from "./socket.js";
import { state, ui } from "./state.js";
import { S, fmt, locale } from "./strings.js";

export const P = S.profile;
export const asList = (items) => Array.isArray(items) ? items : [];

export function profileSection(key, title, ...children) {
  return el("section", { class: "profile-section", "data-testid": `profile-section-${key}` },
    el("h3", { text: title }), ...children);
}

export function formatDate(iso) {
  const date = new Date(iso || "");
  if (Number.isNaN(date.getTime())) return "";
  return date.toLocaleDateString(locale, { year: "numeric", month: "short", day: "numeric" });
}

export function formatMoney(amount, currency) {
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

export const signed = (n) => (n > 0 ? "+" : "") + n.toFixed(2);
// The same thresholds as the mood badge in the conversation list.
export const moodClass = (n) => (n <= -0.3 ? "mood-bad" : n >= 0.3 ? "mood-good" : "mood-neutral");

export function renderProfile(profile, conversationId) {
  if (profile === undefined) {
    ui.profile.hidden = true;
    return;
  }
  ui.profile.hidden = false;
  if (!profile || typeof profile !== "object") {
    ui.profileBody.replaceChildren(
      el("p", { class: "empty anonymous", "data-testid": "profile-anonymous", text: P.anonymous }),
      catalogueSection(),
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
    catalogueSection(),
  );
}

export function customerSection(p) {
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
export function revealControl(field) {
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

export function onRevealed(frame) {
  if (frame.conversation_id !== state.current) return;
  const dd = ui.profileBody.querySelector(`[data-testid="profile-${frame.field}"]`);
  if (!dd) return;
  dd.replaceChildren(el("span", { class: "value revealed", text: String(frame.value || P.unknown) }));
}

export function ordersSection(p) {
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
    node.append(sendCardButton({ type: "order", number: String(o.number) }, "send-order-card"));
    return node;
  });
  const section = profileSection("orders", P.orders, el("ul", { class: "plain stack-list" }, ...items));
  if (Number(p.orders_total) > orders.length) {
    section.append(el("p", { class: "small", text: fmt(P.ordersShown, { shown: orders.length, total: p.orders_total }) }));
  }
  return section;
}

export function pastSection(p) {
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

export function moodSection(p, conversationId) {
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

export function preferenceValue(value) {
  if (value === true) return P.yes;
  if (value === false) return P.no;
  if (value !== null && typeof value === "object") return JSON.stringify(value);
  return String(value ?? "");
}

export function preferencesSection(p) {
  const entries = p.preferences && typeof p.preferences === "object" ? Object.entries(p.preferences) : [];
  if (!entries.length) return profileSection("preferences", P.preferences, el("p", { class: "empty", text: P.noPreferences }));
  const facts = el("dl", { class: "facts" });
  for (const [key, value] of entries) {
    facts.append(el("dt", { text: key.replace(/_/g, " ") }), el("dd", { text: preferenceValue(value) }));
  }
  return profileSection("preferences", P.preferences, facts);
}

export function viewedSection(p) {
  const viewed = asList(p.recently_viewed);
  if (!viewed.length) return profileSection("viewed", P.viewed, el("p", { class: "empty", text: P.noViews }));
  return profileSection("viewed", P.viewed, el("ul", { class: "plain" }, ...viewed.map((v) =>
    el("li", { "data-testid": "profile-viewed-item" }, v.name ? `${v.name} ` : "",
      el("span", { class: "small", text: v.name ? `(${v.sku})` : String(v.sku) }), " ",
      sendCardButton({ type: "product", sku: String(v.sku) }, "send-product-card")))));
}

