/*
 * Attachments in the transcript: images as thumbnails that open in a lightbox (a native modal
 * <dialog>: focus moves into it and back, Esc closes it), other files as a card with their
 * name, size and a download link. docs/chat-protocol.md, "Attachments".
 */
import { el } from "./dom.js";
import { S, fmt, formatSize } from "./strings.js";

/** Only http(s) links (and same-origin paths) are used, never "javascript:". */
export const safeUrl = (value) => {
  if (typeof value !== "string" || !value) return "";
  try {
    const url = new URL(value, location.href);
    return url.protocol === "https:" || url.protocol === "http:" ? url.href : "";
  } catch {
    return "";
  }
};

/** A message's attachments, or null when it has none. */
export function attachmentList(attachments) {
  const items = Array.isArray(attachments) ? attachments.filter((a) => a && a.id) : [];
  if (!items.length) return null;
  return el("div", { class: "atts", "data-testid": "attachments" }, ...items.map(attachmentItem));
}

function attachmentItem(a) {
  const name = String(a.name || "");
  const url = safeUrl(a.url);
  if (a.kind === "image" && url) {
    const img = el("img", { src: safeUrl(a.thumbnail_url) || url, alt: name, loading: "lazy" });
    if (Number.isInteger(a.width) && Number.isInteger(a.height) && a.width > 0) {
      img.style.aspectRatio = `${a.width} / ${a.height}`;
    }
    // A button, not a link: it opens the lightbox; the keyboard reaches it like any control.
    return el(
      "button",
      {
        type: "button",
        class: "att-image",
        "data-testid": "attachment-thumbnail",
        "data-id": String(a.id),
        "aria-label": fmt(S.openImage, { name }),
        onclick: (event) => openLightbox(url, name, event.currentTarget),
      },
      img,
    );
  }
  return el(
    "div",
    { class: "att-file", "data-testid": "attachment-file", "data-id": String(a.id) },
    el("span", { class: "att-icon", "aria-hidden": "true", text: "📄" }),
    el(
      "span",
      { class: "att-text" },
      el("span", { class: "att-name", "data-testid": "attachment-name", text: name }),
      el("span", { class: "att-size small", text: formatSize(a.size) }),
    ),
    url
      ? el("a", {
          class: "att-download",
          href: url,
          download: name,
          "data-testid": "attachment-download",
          text: S.download,
        })
      : null,
  );
}

let dialog = null;

function lightbox() {
  if (dialog) return dialog;
  const image = el("img", { class: "lightbox-image", alt: "", "data-testid": "lightbox-image" });
  const close = el("button", {
    type: "button",
    class: "lightbox-close",
    "data-testid": "lightbox-close",
    text: S.closeImage,
  });
  dialog = el(
    "dialog",
    { class: "lightbox", "data-testid": "lightbox" },
    el("div", { class: "lightbox-bar" }, close),
    image,
  );
  close.addEventListener("click", () => dialog.close());
  // A click on the backdrop (the dialog itself, outside the picture) closes it too.
  dialog.addEventListener("click", (event) => {
    if (event.target === dialog) dialog.close();
  });
  dialog.addEventListener("close", () => {
    image.removeAttribute("src");
    if (dialog.opener && dialog.opener.isConnected) dialog.opener.focus();
  });
  document.body.append(dialog);
  return dialog;
}

export function openLightbox(url, name, opener) {
  const box = lightbox();
  const image = box.querySelector("img");
  image.src = url;
  image.alt = name;
  box.setAttribute("aria-label", fmt(S.imageViewer, { name }));
  box.opener = opener || null;
  if (!box.open) box.showModal();
  box.querySelector(".lightbox-close").focus();
}
