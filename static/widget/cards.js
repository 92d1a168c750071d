/*
 * Rich content in a message: attachments (images as thumbnails that open the picture, other
 * files as a card with name, size and download) and cards (a product with "ask about this";
 * an order with its status history). docs/chat-protocol.md, "Attachments" and "Cards".
 * Everything from the server goes in through textContent or as a URL attribute.
 */
import { sendMessage } from "./composer.js";
import { ICON_FILE, el } from "./dom.js";
import { cfg } from "./store.js";
import { T, formatDateTime, formatPrice, formatSize } from "./strings.js";

/** Only http(s) links are followed, never "javascript:". A path is the platform's (the
 * server's file links are), not the page's: the widget runs on the shop's site. */
export const safeUrl = (value) => {
  if (typeof value !== "string" || !value) return "";
  try {
    const url = new URL(value, `${cfg.origin}/`);
    return url.protocol === "https:" || url.protocol === "http:" ? url.href : "";
  } catch {
    return "";
  }
};

/** The attachments of a message, or null when it has none. */
export function attachmentList(attachments) {
  const items = Array.isArray(attachments) ? attachments.filter((a) => a && a.id) : [];
  if (!items.length) return null;
  const box = el("div", { class: "atts", "data-testid": "attachments" });
  for (const a of items) box.append(attachmentItem(a));
  return box;
}

function attachmentItem(a) {
  const name = String(a.name || "");
  const url = safeUrl(a.url);
  if (a.kind === "image" && url) {
    const img = el("img", {
      src: safeUrl(a.thumbnail_url) || url,
      alt: name,
      loading: "lazy",
      decoding: "async",
    });
    if (Number.isInteger(a.width) && Number.isInteger(a.height) && a.width > 0) {
      // Reserve the space before the thumbnail arrives, so the transcript does not jump.
      img.style.aspectRatio = `${a.width} / ${a.height}`;
    }
    return el(
      "a",
      {
        class: "att-image",
        href: url,
        target: "_blank",
        rel: "noopener noreferrer",
        "data-testid": "attachment-image",
        "data-id": String(a.id),
        "aria-label": T("openImage", { name }),
      },
      img,
    );
  }
  return el(
    "div",
    { class: "att-file", "data-testid": "attachment-file", "data-id": String(a.id) },
    el("span", { class: "att-icon", html: ICON_FILE }),
    el(
      "span",
      { class: "att-text" },
      el("span", { class: "att-name", "data-testid": "attachment-name", text: name }),
      el("span", { class: "att-size", text: formatSize(a.size) }),
    ),
    url
      ? el("a", {
          class: "att-download",
          href: url,
          download: name,
          rel: "noopener noreferrer",
          "data-testid": "attachment-download",
          text: T("download"),
        })
      : null,
  );
}

/** The cards of a message, or null when it has none. */
export function cardList(cards) {
  const items = Array.isArray(cards) ? cards.filter((c) => c && typeof c === "object") : [];
  const nodes = items
    .map((c) => (c.type === "product" ? productCard(c) : c.type === "order" ? orderCard(c) : null))
    .filter(Boolean);
  if (!nodes.length) return null;
  return el("div", { class: "cards" }, ...nodes);
}

function productCard(c) {
  const name = String(c.name || c.sku || "");
  // The platform's own chat page allows its own images only (Content-Security-Policy): a
  // shop's picture from elsewhere is left out there rather than logged as a violation.
  let image = safeUrl(c.image_url);
  if (image && cfg.fullPage && new URL(image).origin !== location.origin) image = "";
  const link = safeUrl(c.url);
  const stock = Number(c.stock);
  return el(
    "div",
    {
      class: "card card-product",
      role: "group",
      "aria-label": T("productCard", { name }),
      "data-testid": "product-card",
      "data-sku": String(c.sku ?? ""),
    },
    image ? el("img", { class: "card-img", src: image, alt: "", loading: "lazy" }) : null,
    el(
      "div",
      { class: "card-body" },
      el("p", { class: "card-title", "data-testid": "card-name", text: name }),
      el("p", {
        class: "card-price product-price",
        "data-testid": "card-price",
        // Kept to format the price again in another language's conventions.
        "data-price": String(c.price ?? ""),
        "data-currency": String(c.currency ?? ""),
        text: formatPrice(c.price, c.currency),
      }),
      el("p", {
        class: `card-stock${stock > 0 ? "" : " out"}`,
        "data-testid": "card-stock",
        text: stock > 0 ? T("inStock", { n: stock }) : T("outOfStock"),
      }),
      el(
        "div",
        { class: "card-actions" },
        el("button", {
          type: "button",
          class: "chip",
          "data-testid": "ask-about",
          text: T("askAbout"),
          onclick: () => sendMessage(String(T("askAboutText", { name }))),
        }),
        link
          ? el("a", {
              class: "card-link",
              href: link,
              target: "_blank",
              rel: "noopener noreferrer",
              "data-testid": "card-link",
              text: T("viewProduct"),
            })
          : null,
      ),
    ),
  );
}

function orderCard(c) {
  const number = String(c.number ?? "");
  const steps = Array.isArray(c.timeline) ? c.timeline.filter((s) => s && s.label) : [];
  const body = el(
    "div",
    { class: "card-body" },
    el(
      "p",
      { class: "card-title" },
      el("span", { "data-testid": "card-order-number", text: T("orderNumber", { number }) }),
      " ",
      el("span", {
        class: "card-status",
        "data-testid": "card-status",
        text: String(c.status_label || c.status || ""),
      }),
    ),
  );
  if (c.total !== undefined && c.total !== null && c.total !== "") {
    const total = el("p", { class: "card-total" });
    total.append(
      el("span", {
        class: "product-price",
        "data-price": String(c.total),
        "data-currency": String(c.currency ?? ""),
        text: formatPrice(c.total, c.currency),
      }),
    );
    body.append(total);
  }
  if (steps.length) {
    body.append(
      el(
        "ol",
        { class: "timeline", "aria-label": T("orderTimeline"), "data-testid": "order-timeline" },
        ...steps.map((s, i) =>
          el(
            "li",
            {
              class: i === steps.length - 1 ? "step current" : "step",
              "data-testid": "order-step",
              "data-status": String(s.status ?? ""),
              "aria-current": i === steps.length - 1 ? "step" : false,
            },
            el("span", { class: "step-label", text: String(s.label) }),
            s.at
              ? el("time", {
                  datetime: String(s.at),
                  "data-long": "true",
                  text: formatDateTime(s.at),
                })
              : null,
          ),
        ),
      ),
    );
  }
  return el(
    "div",
    {
      class: "card card-order",
      role: "group",
      "aria-label": T("orderCard", { number }),
      "data-testid": "order-card",
      "data-number": number,
    },
    body,
  );
}
