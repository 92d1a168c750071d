/*
 * The composer: what the customer writes and attaches, the outbox that keeps unsent
 * messages across reconnects and reloads, and the typing indicator.
 *
 * Attachments go over HTTP, never the socket (docs/chat-protocol.md, "Attachments"): each file
 * is uploaded as soon as it is picked, pasted or dropped, with its progress shown and a way to
 * cancel it or try again; the message frame then names the uploaded files by id.
 */
import { ICON_CAMERA, ICON_CLIP, el, setTr, showText } from "./dom.js";
import { reconnectNow, send } from "./socket.js";
import { byClient, cfg, newClientId, outbox, saveOutbox, state, store, ui } from "./store.js";
import { S, T, formatSize, helloLanguage } from "./strings.js";
import { archiveConversation, arrived, renderPending, showNotice } from "./transcript.js";

export const MAX_FILES = 5;
// What the platform takes (it checks the content, not this list): the file picker offers these.
const ACCEPT =
  "image/jpeg,image/png,image/webp,image/gif,image/heic,image/heif,.heic,.heif," +
  "application/pdf,video/mp4";

/** The files attached to the message being written: {key, file, state, progress, result,
 * error, retryable, xhr, node}. state: "waiting" (no visitor token yet), "uploading",
 * "done" or "failed". */
const uploads = [];
let nextKey = 1;

const messageFrame = (item) => {
  const frame = { type: "message", client_id: item.client_id, text: item.text };
  if (Array.isArray(item.attachments) && item.attachments.length) {
    frame.attachments = item.attachments;
  }
  return frame;
};

/** What a pending message shows of a file it carries (and keeps in the outbox). */
const fileMeta = (result) => ({
  id: result.id,
  name: result.name,
  size: result.size,
  kind: result.kind,
  content_type: result.content_type,
  url: result.url,
  thumbnail_url: result.thumbnail_url,
  width: result.width,
  height: result.height,
});

/** Send ``raw`` text with ``files`` (upload results) attached; false when there is nothing
 * to send. */
export function sendMessage(raw, files = []) {
  const text = String(raw || "").trim().slice(0, 2000);
  const attached = (Array.isArray(files) ? files : []).filter((f) => f && f.id).slice(0, MAX_FILES);
  if ((!text && !attached.length) || state.stopped) return false;
  if (state.status === "closed") {
    // Writing after the end starts a new conversation on the server (seq restarts at 1).
    archiveConversation();
    ui.csat.hidden = true;
    ui.csatThanks.hidden = true;
  }
  const item = { client_id: newClientId(), text, t: Date.now() };
  if (attached.length) {
    item.attachments = attached.map((f) => f.id);
    item.files = attached.map(fileMeta);
  }
  outbox.push(item);
  saveOutbox();
  arrived([renderPending(item)], true);
  stopTyping();
  if (state.ready) send(messageFrame(item));
  else if (!state.ws) reconnectNow();
  return true;
}

export function flushOutbox() {
  if (!state.ready) return;
  for (const item of outbox) {
    if (!byClient.has(item.client_id)) renderPending(item);
    send(messageFrame(item));
  }
}

export function requestHandoff() {
  if (!send({ type: "handoff" })) showNotice(S.connecting);
}

export function noteTyping() {
  if (!state.ready) return;
  const now = Date.now();
  // At most one "typing" frame every 3 s, then a "stopped" one after 4 s of quiet.
  if (now - state.typingSentAt > 3000) {
    state.typingSentAt = now;
    send({ type: "typing", is_typing: true });
  }
  clearTimeout(state.typingIdleTimer);
  state.typingIdleTimer = setTimeout(stopTyping, 4000);
}

export function stopTyping() {
  clearTimeout(state.typingIdleTimer);
  if (state.typingSentAt) {
    state.typingSentAt = 0;
    send({ type: "typing", is_typing: false });
  }
}

export const autoGrow = () => {
  ui.input.style.height = "auto";
  ui.input.style.height = `${Math.min(ui.input.scrollHeight + 2, 140)}px`;
};

export function wireComposer() {
  ui.composer.addEventListener("submit", (event) => {
    event.preventDefault();
    if (uploads.some((u) => u.state === "uploading" || u.state === "waiting")) {
      showNotice(String(T("waitForUploads")));
      return;
    }
    const ready = uploads.filter((u) => u.state === "done");
    if (sendMessage(ui.input.value, ready.map((u) => u.result))) {
      ui.input.value = "";
      autoGrow();
      // Sent files leave the tray; failed ones stay there to be tried again or removed.
      for (const entry of ready) dropEntry(entry);
    }
  });
  ui.attachBtn.addEventListener("click", () => ui.fileInput.click());
  ui.cameraBtn.addEventListener("click", () => ui.cameraInput.click());
  for (const input of [ui.fileInput, ui.cameraInput]) {
    input.addEventListener("change", () => {
      addFiles(input.files);
      input.value = ""; // picking the same file again is a new attachment
    });
  }
  // A screenshot pasted anywhere in the panel; pasted text goes on into the textarea.
  ui.panel.addEventListener("paste", (event) => {
    const files = event.clipboardData ? [...event.clipboardData.files] : [];
    if (!files.length) return;
    event.preventDefault();
    addFiles(files);
  });
  wireDrop();
  ui.input.addEventListener("keydown", (event) => {
    // Enter sends, Shift+Enter is a new line; never while an IME is composing Chinese.
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      ui.composer.requestSubmit();
    }
  });
  ui.input.addEventListener("input", () => {
    autoGrow();
    if (ui.input.value.trim()) noteTyping();
    else stopTyping();
  });
}

// --- Attachments -----------------------------------------------------------------------------

/** Controls the panel needs: the attach and camera buttons, their file inputs, the tray of
 * files being uploaded and the drop target shown while files are dragged over the panel. */
export function buildAttachControls() {
  ui.fileInput = el("input", {
    type: "file",
    multiple: true,
    accept: ACCEPT,
    class: "sr-only",
    tabindex: "-1",
    "aria-hidden": "true",
    "data-testid": "file-input",
  });
  // The phone's camera straight away; shown on touch screens only.
  ui.cameraInput = el("input", {
    type: "file",
    accept: "image/*",
    capture: "environment",
    class: "sr-only",
    tabindex: "-1",
    "aria-hidden": "true",
    "data-testid": "camera-input",
  });
  ui.attachBtn = el("button", {
    type: "button",
    class: "icon-btn attach",
    "data-testid": "attach",
    "aria-label": T("attach"),
    title: T("attach"),
    html: ICON_CLIP,
  });
  ui.cameraBtn = el("button", {
    type: "button",
    class: "icon-btn attach",
    "data-testid": "camera",
    "aria-label": T("takePhoto"),
    title: T("takePhoto"),
    html: ICON_CAMERA,
    hidden: !matchMedia("(pointer: coarse)").matches,
  });
  ui.tray = el("ul", {
    class: "tray",
    "aria-label": T("attachments"),
    "data-testid": "attachment-tray",
    hidden: true,
  });
  ui.drop = el("div", {
    class: "drop",
    "data-testid": "drop-zone",
    "aria-hidden": "true",
    text: T("dropHere"),
    hidden: true,
  });
}

function wireDrop() {
  let depth = 0; // dragenter/dragleave fire for every child the pointer crosses
  const hasFiles = (event) =>
    Boolean(event.dataTransfer && [...event.dataTransfer.types].includes("Files"));
  ui.panel.addEventListener("dragenter", (event) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    depth += 1;
    ui.drop.hidden = false;
  });
  ui.panel.addEventListener("dragover", (event) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "copy";
  });
  ui.panel.addEventListener("dragleave", () => {
    depth = Math.max(0, depth - 1);
    if (!depth) ui.drop.hidden = true;
  });
  ui.panel.addEventListener("drop", (event) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    depth = 0;
    ui.drop.hidden = true;
    addFiles(event.dataTransfer.files);
  });
}

/** Attach ``files`` (a FileList or array), up to MAX_FILES in the tray, and start uploading. */
export function addFiles(files) {
  const list = [...(files || [])].filter((f) => f instanceof Blob);
  if (!list.length || state.stopped) return;
  const room = MAX_FILES - uploads.length;
  if (list.length > room) showNotice(String(T("tooManyFiles", { n: MAX_FILES })));
  for (const file of list.slice(0, Math.max(0, room))) {
    const entry = {
      key: nextKey++,
      file,
      name: file.name || "image.png",
      state: "waiting",
      progress: 0,
      result: null,
      error: null,
      retryable: false,
      xhr: null,
      node: null,
      preview: "",
    };
    uploads.push(entry);
    ui.tray.append(buildEntry(entry));
    if (file.type && file.type.startsWith("image/") && file.size <= 10 * 1024 * 1024) {
      // A data: URL, which pages' Content-Security-Policies allow for images, unlike blob:.
      const reader = new FileReader();
      reader.addEventListener("load", () => {
        entry.preview = String(reader.result || "");
        renderEntry(entry);
      });
      reader.readAsDataURL(file);
    }
    upload(entry);
  }
  ui.tray.hidden = uploads.length === 0;
  if (!state.ws) reconnectNow();
}

/** Uploads that waited for the visitor token (the welcome frame brings it). */
export function resumeUploads() {
  for (const entry of uploads) if (entry.state === "waiting") upload(entry);
}

function upload(entry) {
  const token = store.get("token", null);
  entry.error = null;
  entry.progress = 0;
  if (!token) {
    entry.state = "waiting";
    renderEntry(entry);
    return;
  }
  entry.state = "uploading";
  renderEntry(entry);
  const xhr = new XMLHttpRequest();
  entry.xhr = xhr;
  const lang = encodeURIComponent(helloLanguage());
  xhr.open(
    "POST",
    `${cfg.base}/attachments/${encodeURIComponent(cfg.siteKey)}/upload/?lang=${lang}`,
  );
  xhr.setRequestHeader("X-Visitor-Token", token);
  xhr.upload.addEventListener("progress", (event) => {
    if (!event.lengthComputable || entry.xhr !== xhr) return;
    entry.progress = event.loaded / Math.max(1, event.total);
    updateProgress(entry);
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
      // The server words its refusals (too large, not an allowed type) in our language.
      entry.error = body && typeof body.message === "string" && body.message
        ? body.message
        : T("uploadFailed");
      // Trying the same file again helps after a network failure, a rate limit or a server
      // error, not after a refusal of the file itself.
      entry.retryable = ![400, 401, 403, 404, 413, 415].includes(xhr.status);
    }
    renderEntry(entry);
  });
  xhr.addEventListener("error", () => {
    if (entry.xhr !== xhr) return;
    entry.xhr = null;
    entry.state = "failed";
    entry.error = T("uploadFailed");
    entry.retryable = true;
    renderEntry(entry);
  });
  const form = new FormData();
  form.append("file", entry.file, entry.name);
  xhr.send(form);
}

function dropEntry(entry) {
  if (entry.xhr) {
    const xhr = entry.xhr;
    entry.xhr = null;
    xhr.abort();
  }
  const index = uploads.indexOf(entry);
  if (index >= 0) uploads.splice(index, 1);
  entry.node?.remove();
  ui.tray.hidden = uploads.length === 0;
}

function buildEntry(entry) {
  entry.node = el("li", { class: "tray-item", "data-testid": "attachment-upload" });
  renderEntry(entry);
  return entry.node;
}

function renderEntry(entry) {
  const node = entry.node;
  if (!node) return;
  const name = entry.name;
  node.dataset.state = entry.state;
  const preview = entry.preview
    ? el("img", { class: "tray-thumb", src: entry.preview, alt: "" })
    : el("span", { class: "tray-thumb tray-thumb-file", "aria-hidden": "true" });
  const label = el(
    "span",
    { class: "tray-text" },
    el("span", { class: "tray-name", "data-testid": "attachment-upload-name", text: name }),
    el("span", { class: "tray-size", text: formatSize(entry.file.size) }),
  );
  const status = el("span", { class: "tray-status", "data-testid": "attachment-status" });
  if (entry.state === "uploading") {
    status.append(
      el("progress", {
        max: "100",
        value: String(Math.round(entry.progress * 100)),
        "aria-label": T("uploading", { name }),
        "data-testid": "attachment-progress",
      }),
    );
  } else if (entry.state === "waiting") {
    setTr(status, "text", T("waitingToUpload"));
  } else if (entry.state === "done") {
    setTr(status, "text", T("uploaded"));
  }
  const error = el("span", { class: "tray-error", role: "alert", "data-testid": "attachment-error" });
  if (entry.state === "failed") showText(error, entry.error || T("uploadFailed"));
  const retry =
    entry.state === "failed" && entry.retryable
      ? el("button", {
          type: "button",
          class: "link",
          "data-testid": "attachment-retry",
          text: T("retryUpload"),
          onclick: () => upload(entry),
        })
      : null;
  const remove = el("button", {
    type: "button",
    class: "tray-remove",
    "data-testid": "attachment-remove",
    "aria-label":
      entry.state === "uploading" ? T("cancelUpload", { name }) : T("removeFile", { name }),
    title: entry.state === "uploading" ? T("cancelUpload", { name }) : T("removeFile", { name }),
    text: "×",
    onclick: () => {
      dropEntry(entry);
      ui.input.focus();
    },
  });
  node.replaceChildren(preview, label, status, error, retry || "", remove);
}

function updateProgress(entry) {
  const bar = entry.node && entry.node.querySelector("progress");
  if (bar) bar.value = Math.round(entry.progress * 100);
  else renderEntry(entry);
}
