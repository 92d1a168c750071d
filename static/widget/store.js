/*
 * What the widget knows: where the platform is (cfg), the DOM it built (ui), the state of the
 * conversation and of the socket, and what is kept in the browser between page loads.
 * Filled by init() once the embed tag has been read; every other module imports from here.
 */

/** From the embed tag: siteKey, fullPage, identity, pageLang, and the platform's URLs. */
export const cfg = {};
/** The widget's DOM nodes (built by main.js), including ``host`` and its ``shadow`` root. */
export const ui = {};
export const state = {};
export const bySeq = new Map();
export const byClient = new Map();
// Unacknowledged messages survive a reload; a day later they are stale, not worth resending.
export const OUTBOX_MAX_AGE_MS = 24 * 3600 * 1000;
export let outbox = [];

/** Read the embed tag: the platform's root is everything before "/static/" in its src, so the
 * platform may live under a path prefix. */
export function init(script) {
  const srcUrl = new URL(script.src, location.href);
  const staticAt = srcUrl.pathname.indexOf("/static/");
  const basePath = staticAt >= 0 ? srcUrl.pathname.slice(0, staticAt) : "";
  cfg.siteKey = (script.dataset.site || "").trim();
  cfg.fullPage = script.dataset.mode === "fullpage";
  cfg.pageLang = script.dataset.lang;
  cfg.identity = script.dataset.customerId
    ? { customer_id: script.dataset.customerId, signature: script.dataset.customerSignature || "" }
    : null;
  cfg.origin = srcUrl.origin;
  cfg.base = srcUrl.origin + basePath;
  cfg.wsUrl =
    (srcUrl.protocol === "https:" ? "wss://" : "ws://") +
    srcUrl.host +
    basePath +
    "/ws/chat/" +
    encodeURIComponent(cfg.siteKey) +
    "/";

  const kept = store.get("outbox", []);
  outbox = (Array.isArray(kept) ? kept : []).filter(
    (item) =>
      item &&
      item.client_id &&
      (item.text || (Array.isArray(item.attachments) && item.attachments.length)) &&
      Date.now() - (item.t || 0) < OUTBOX_MAX_AGE_MS,
  );

  Object.assign(state, {
    isOpen: false,
    ws: null,
    ready: false, // welcome received on the current socket
    everWelcomed: false,
    attempt: 0,
    retryTimer: null,
    countdownTimer: null,
    stopped: false,
    conversationId: store.get("conversation", null),
    status: "new",
    detail: {},
    lastSeq: 0,
    readSent: 0,
    agentRead: 0,
    unread: 0,
    seenSeq: store.get("seen_seq", 0),
    csatDone: false,
    identity: cfg.identity,
    typingSentAt: 0,
    typingIdleTimer: null,
    agentTypingTimer: null,
    noticeTimer: null,
    archivedFor: null, // conversation whose messages were moved under "previous conversation"
    helloAfter: 0,
    identified: false, // the server knows who this visitor is (signed, or answered a code)
    connKind: "idle",
    connSeconds: 0,
    // Scrolling: whether the transcript follows what arrives (the customer has not scrolled
    // up to read), and what arrived meanwhile, behind the "new message" pill.
    follow: true,
    unseen: [],
    autoTop: null, // where the widget itself last scrolled to, to tell it from the customer
    anchor: null, // the message last scrolled to (null: the end)
    relanguage: false, // the server is still to hear of a language switch
  });
}

export const storeKey = (name) => `cschat:${cfg.siteKey}:${name}`;
export const store = {
  get(name, fallback) {
    try {
      const raw = localStorage.getItem(storeKey(name));
      return raw === null ? fallback : JSON.parse(raw);
    } catch {
      return fallback; // storage blocked or corrupt: behave like a first visit
    }
  },
  set(name, value) {
    try {
      localStorage.setItem(storeKey(name), JSON.stringify(value));
    } catch {
      /* quota or privacy mode: the widget still works, it just forgets on reload */
    }
  },
  remove(name) {
    try {
      localStorage.removeItem(storeKey(name));
    } catch {
      /* see set() */
    }
  },
};

export const session = {
  get(name) {
    try {
      return sessionStorage.getItem(storeKey(name));
    } catch {
      return null;
    }
  },
  set(name, value) {
    try {
      sessionStorage.setItem(storeKey(name), value);
    } catch {
      /* see store.set() */
    }
  },
};

export const newClientId = () => {
  if (window.crypto && typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = new Uint8Array(16);
  if (window.crypto && crypto.getRandomValues) crypto.getRandomValues(bytes);
  else for (let i = 0; i < 16; i += 1) bytes[i] = Math.floor(Math.random() * 256);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
};

export const saveOutbox = () =>
  outbox.length ? store.set("outbox", outbox) : store.remove("outbox");

// The one-time-code form. A single form exists; it sits under the latest bot message that
// asked the visitor to identify, so only that one is active and a started verification
// (code already sent) carries over when the bot asks again.
export const verify = {
  node: null, // the form's container, or null when none is shown
  host: null, // the message it sits under
  hostSeq: -1,
  stage: "address", // "address" → "code"
  pending: false, // a verify_start / verify_code is waiting for its answer
  parts: null,
};
// The proactive suggestions card from the welcome frame, shown once per page.
export const proactive = { node: null, pending: false, seen: new Set() };
