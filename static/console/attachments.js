/*
 * Attaching files to a reply: the attach button, paste and drag-and-drop, each file uploaded at
 * once over HTTP (POST /attachments/upload/ with the session and CSRF token; never the socket)
 * with its progress, a preview of what will be sent, cancel, and retry after a failure. The
 * reply frame then names the uploaded files by id (docs/chat-protocol.md, "Attachments").
 */
import { el } from "./dom.js";
import { state, ui } from "./state.js";
import { S, fmt, formatSize } from "./strings.js";
import { showNotice } from "./transcript.js";

export const MAX_FILES = 5;
const ACCEPT =
  "image/jpeg,image/png,image/webp,image/gif,image/heic,image/heif,.heic,.heif," +
  "application/pdf,video/mp4";

/** {key, file, name, state: "uploading"|"done"|"failed", progress, result, error, retryable,
 * xhr, node, preview, conversation} */
const uploads = [];
let nextKey = 1;
let fileInput = null;
let tray = null;
let drop = null;

const csrfToken = () => {
  const input = document.querySelector("input[name='csrfmiddlewaretoken']");
  if (input && input.value) return input.value;
  const found = /(?:^|;\s*)csrftoken=([^;]+)/.exec(document.cookie);
  return found ? decodeURIComponent(found[1]) : "";
};

export function wireAttachments() {
  fileInput = el("input", {
    type: "file",
    multiple: true,
    accept: ACCEPT,
    hidden: true,
    "data-testid": "file-input",
  });
  const button = el("button", {
    type: "button",
    class: "secondary attach",
    "data-testid": "attach",
    text: `📎 ${S.attach}`,
  });
  tray = el("ul", {
    class: "tray",
    "aria-label": S.filesToSend,
    "data-testid": "attachment-tray",
    hidden: true,
  });
  drop = el("div", { class: "drop", "aria-hidden": "true", "data-testid": "drop-zone", text: S.dropHere, hidden: true });
  ui.form.querySelector(".reply-tools").append(button, fileInput);
  ui.form.querySelector(".reply-row").before(tray);
  ui.conv.append(drop);

  button.addEventListener("click", () => fileInput.click());
  fileInput.addEventListener("change", () => {
    addFiles(fileInput.files);
    fileInput.value = "";
  });
  ui.form.addEventListener("paste", (event) => {
    const files = event.clipboardData ? [...event.clipboardData.files] : [];
    if (!files.length) return;
    event.preventDefault();
    addFiles(files);
  });
  let depth = 0;
  const hasFiles = (event) =>
    Boolean(event.dataTransfer && [...event.dataTransfer.types].includes("Files"));
  ui.conv.addEventListener("dragenter", (event) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    depth += 1;
    drop.hidden = false;
  });
  ui.conv.addEventListener("dragover", (event) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "copy";
  });
  ui.conv.addEventListener("dragleave", () => {
    depth = Math.max(0, depth - 1);
    if (!depth) drop.hidden = true;
  });
  ui.conv.addEventListener("drop", (event) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    depth = 0;
    drop.hidden = true;
    addFiles(event.dataTransfer.files);
  });
}

export function addFiles(files) {
  const list = [...(files || [])].filter((f) => f instanceof Blob);
  if (!list.length || state.current === null) return;
  const room = MAX_FILES - uploads.length;
  if (list.length > room) showNotice(fmt(S.tooManyFiles, { n: MAX_FILES }));
  for (const file of list.slice(0, Math.max(0, room))) {
    const entry = {
      key: nextKey++,
      file,
      name: file.name || "image.png",
      state: "uploading",
      progress: 0,
      result: null,
      error: "",
      retryable: false,
      xhr: null,
      node: el("li", { class: "tray-item", "data-testid": "attachment-upload" }),
      preview: "",
      conversation: state.current,
    };
    uploads.push(entry);
    tray.append(entry.node);
    if (file.type && file.type.startsWith("image/") && file.size <= 10 * 1024 * 1024) {
      // A data: URL: the console's Content-Security-Policy allows those for images.
      const reader = new FileReader();
      reader.addEventListener("load", () => {
        entry.preview = String(reader.result || "");
        render(entry);
      });
      reader.readAsDataURL(file);
    }
    upload(entry);
  }
  tray.hidden = uploads.length === 0;
}

function upload(entry) {
  entry.state = "uploading";
  entry.error = "";
  entry.progress = 0;
  render(entry);
  const xhr = new XMLHttpRequest();
  entry.xhr = xhr;
  xhr.open("POST", "/attachments/upload/");
  xhr.setRequestHeader("X-CSRFToken", csrfToken());
  xhr.upload.addEventListener("progress", (event) => {
    if (!event.lengthComputable || entry.xhr !== xhr) return;
    entry.progress = event.loaded / Math.max(1, event.total);
    const bar = entry.node.querySelector("progress");
    if (bar) bar.value = Math.round(entry.progress * 100);
  });
  xhr.addEventListener("load", () => {
    if (entry.xhr !== xhr) return;
    entry.xhr = null;
    let body = null;
    try {
      body = JSON.parse(xhr.responseText);
    } catch {
      body = null;
    }
    if (xhr.status === 201 && body && typeof body.id === "string") {
      entry.state = "done";
      entry.result = body;
    } else {
      entry.state = "failed";
      entry.error = body && typeof body.message === "string" && body.message ? body.message : S.uploadFailed;
      entry.retryable = ![400, 401, 403, 404, 413, 415].includes(xhr.status);
    }
    render(entry);
  });
  xhr.addEventListener("error", () => {
    if (entry.xhr !== xhr) return;
    entry.xhr = null;
    entry.state = "failed";
    entry.error = S.uploadFailed;
    entry.retryable = true;
    render(entry);
  });
  const form = new FormData();
  form.append("conversation", String(entry.conversation));
  form.append("file", entry.file, entry.name);
  xhr.send(form);
}

function remove(entry) {
  if (entry.xhr) {
    const xhr = entry.xhr;
    entry.xhr = null;
    xhr.abort();
  }
  const index = uploads.indexOf(entry);
  if (index >= 0) uploads.splice(index, 1);
  entry.node.remove();
  tray.hidden = uploads.length === 0;
}

function render(entry) {
  const name = entry.name;
  const node = entry.node;
  node.dataset.state = entry.state;
  const preview = entry.preview
    ? el("img", { class: "tray-thumb", src: entry.preview, alt: "", "data-testid": "attachment-preview" })
    : el("span", { class: "tray-thumb tray-thumb-file", "aria-hidden": "true", text: "📄" });
  const status = el("span", { class: "tray-status small", "data-testid": "attachment-status" });
  if (entry.state === "uploading") {
    status.append(el("progress", {
      max: "100",
      value: String(Math.round(entry.progress * 100)),
      "aria-label": fmt(S.uploading, { name }),
      "data-testid": "attachment-progress",
    }));
  } else if (entry.state === "done") {
    status.textContent = S.uploaded;
  }
  const label = fmt(entry.state === "uploading" ? S.cancelUpload : S.removeFile, { name });
  node.replaceChildren(
    preview,
    el("span", { class: "tray-text" },
      el("span", { class: "tray-name", "data-testid": "attachment-upload-name", text: name }),
      el("span", { class: "small", text: formatSize(entry.file.size) })),
    status,
    el("span", { class: "tray-error", role: "alert", "data-testid": "attachment-error", text: entry.state === "failed" ? entry.error : "" }),
    entry.state === "failed" && entry.retryable
      ? el("button", { type: "button", class: "link", "data-testid": "attachment-retry", text: S.retryUpload, onclick: () => upload(entry) })
      : "",
    el("button", {
      type: "button",
      class: "tray-remove",
      "data-testid": "attachment-remove",
      "aria-label": label,
      title: label,
      text: "×",
      onclick: () => {
        remove(entry);
        ui.input.focus();
      },
    }),
  );
}

/** The uploaded files to send with the reply now, or null while some are still uploading. */
export function readyAttachments() {
  if (uploads.some((u) => u.state === "uploading")) return null;
  return uploads.filter((u) => u.state === "done" && u.conversation === state.current);
}

/** The files just sent leave the tray (failed ones stay, to be retried or removed). */
export function clearSent(entries) {
  for (const entry of entries) remove(entry);
}

/** Another conversation opened: its reply starts with an empty tray. */
export function clearAll() {
  for (const entry of [...uploads]) remove(entry);
}
