/*
 * The widget's stylesheet, applied inside its shadow root as a constructed stylesheet
 * (CSSStyleSheet + adoptedStyleSheets): the shop's CSS cannot reach in, ours cannot leak out,
 * and a constructed sheet is not an "inline style" for a shop's Content-Security-Policy.
 */

export const CSS = `
:host { all: initial !important; display: block !important; position: fixed !important;
  right: 0 !important; bottom: 0 !important; width: 0 !important; height: 0 !important;
  z-index: 2147483000 !important; }
:host([data-mode="fullpage"]) { inset: 0 !important; width: 100% !important;
  height: 100% !important; }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
.root { --accent: #0b57d0; --accent-dark: #0842a0; --fg: #1a1a1a; --muted: #555; --bg: #fff;
  --line: #d5d9e0; --soft: #f1f4f9; --error: #b3261e; --focus: #f9ab00;
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", "PingFang SC", "Microsoft YaHei",
    "Noto Sans CJK SC", sans-serif;
  color: var(--fg); text-align: left; }
button, textarea, input, select { font: inherit; color: inherit; }
button { cursor: pointer; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.sr-only { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0;
  overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }

.launcher { position: fixed; right: 20px; bottom: 20px; width: 60px; height: 60px;
  border-radius: 50%; border: 0; background: var(--accent); color: #fff;
  box-shadow: 0 4px 14px rgba(0,0,0,.25); display: flex; align-items: center;
  justify-content: center; }
.launcher:hover { background: var(--accent-dark); }
.launcher svg { width: 28px; height: 28px; }
.badge { position: absolute; top: -4px; right: -4px; min-width: 22px; height: 22px;
  padding: 0 6px; border-radius: 11px; background: var(--error); color: #fff; font-size: 12px;
  font-weight: 700; line-height: 22px; text-align: center; }

.panel { position: fixed; right: 20px; bottom: 92px; width: 380px; max-width: calc(100vw - 40px);
  height: 580px; max-height: calc(100vh - 112px); display: flex; flex-direction: column;
  background: var(--bg); border: 1px solid var(--line); border-radius: 12px; overflow: hidden;
  box-shadow: 0 10px 30px rgba(0,0,0,.25); }
.fullpage .panel { inset: 0; width: 100%; max-width: none; height: 100%; max-height: none;
  border: 0; border-radius: 0; box-shadow: none; }
@media (max-width: 480px) {
  .floating .panel { inset: 0; width: 100%; max-width: none; height: 100%; max-height: none;
    border-radius: 0; }
}

header { display: flex; align-items: center; gap: 8px; padding: 10px 12px 10px 16px;
  background: var(--accent); color: #fff; }
header h2 { flex: 1; margin: 0; font-size: 16px; font-weight: 600; overflow: hidden;
  text-overflow: ellipsis; white-space: nowrap; }
.icon-btn { border: 0; background: transparent; color: inherit; width: 36px; height: 36px;
  border-radius: 6px; display: inline-flex; align-items: center; justify-content: center; }
.icon-btn:hover { background: rgba(255,255,255,.18); }
.icon-btn svg { width: 20px; height: 20px; }
header :focus-visible { outline-color: #fff; }
.lang { flex: none; max-width: 7.5em; height: 32px; padding: 0 4px;
  border: 1px solid rgba(255,255,255,.7); border-radius: 6px; background: transparent;
  color: #fff; font-size: 13px; }
.lang option { color: var(--fg); background: var(--bg); }

.conn { padding: 6px 16px; font-size: 13px; background: #fff4ce; color: #4d3800;
  display: flex; gap: 8px; align-items: center; justify-content: space-between; }
.conn[data-state="error"], .conn[data-state="unavailable"] { background: #fce8e6;
  color: #8c1d18; }
.conn[data-state="online"], .conn[data-state="idle"] { display: none; }
.conn button { border: 1px solid currentColor; background: transparent; border-radius: 4px;
  padding: 2px 8px; font-size: 13px; }

.status { padding: 8px 16px; font-size: 13px; color: var(--muted); background: var(--soft);
  border-bottom: 1px solid var(--line); }
.status:empty { display: none; }

.log-wrap { position: relative; flex: 1; min-height: 0; display: flex; flex-direction: column; }
.log { position: relative; flex: 1; overflow-y: auto; padding: 12px 14px; display: flex;
  flex-direction: column; gap: 10px; overscroll-behavior: contain; }
.new-pill { position: absolute; left: 50%; bottom: 10px; transform: translateX(-50%);
  display: inline-flex; align-items: center; gap: 6px; border: 0; border-radius: 16px;
  padding: 6px 14px; background: var(--accent); color: #fff; font-size: 13px; font-weight: 600;
  white-space: nowrap; box-shadow: 0 2px 8px rgba(0,0,0,.3); }
.new-pill:hover { background: var(--accent-dark); }
.new-pill svg { width: 16px; height: 16px; }
.fullpage .log, .fullpage .composer, .fullpage .status, .fullpage .tools, .fullpage .csat {
  width: 100%; max-width: 760px; margin-left: auto; margin-right: auto; }
.msg { display: flex; flex-direction: column; max-width: 85%; align-self: flex-start; }
.msg-customer { align-self: flex-end; align-items: flex-end; }
.msg-system, .divider { align-self: center; max-width: 95%; text-align: center; }
.meta { font-size: 12px; color: var(--muted); margin: 0 4px 2px; }
.bubble { padding: 8px 12px; border-radius: 14px; background: var(--soft);
  overflow-wrap: anywhere; white-space: pre-wrap; }
.msg-bot .bubble { white-space: normal; border: 1px solid var(--line); background: #fff; }
.msg-bot .bubble p { margin: 0 0 .5em; } .msg-bot .bubble p:last-child { margin-bottom: 0; }
.msg-bot .bubble a { color: var(--accent); }
.msg-bot .bubble img { max-width: 100%; height: auto; }
.msg-customer .bubble { background: var(--accent); color: #fff; border-bottom-right-radius: 4px; }
.msg-agent .bubble { background: #e6f4ea; border-bottom-left-radius: 4px; }
.msg-system .bubble { background: transparent; color: var(--muted); font-size: 13px;
  padding: 2px 8px; }
.msg[data-pending="true"] .bubble { opacity: .7; }
.receipt { font-size: 12px; color: var(--muted); margin: 2px 4px 0; }
.welcome .bubble { white-space: pre-wrap; }
.divider { font-size: 12px; color: var(--muted); border-top: 1px solid var(--line);
  padding-top: 4px; width: 100%; }
.archived { opacity: .75; }

.chips { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 6px; }
.chips-label { width: 100%; font-size: 12px; color: var(--muted); }
.chip { border: 1px solid var(--accent); background: #fff; color: var(--accent);
  border-radius: 16px; padding: 4px 12px; font-size: 14px; text-align: left; }
.chip:hover { background: #e8f0fe; }
.feedback { display: flex; align-items: center; gap: 4px; margin-top: 4px; font-size: 12px;
  color: var(--muted); }
.thumb { border: 1px solid var(--line); background: #fff; border-radius: 6px; width: 32px;
  height: 28px; display: inline-flex; align-items: center; justify-content: center;
  color: var(--muted); }
.thumb svg { width: 16px; height: 16px; }
.thumb[aria-pressed="true"] { background: var(--accent); border-color: var(--accent);
  color: #fff; }
.root:not([data-status="bot"]) .handoff-offer { display: none; }

.verify { margin-top: 6px; padding: 10px 12px; border: 1px solid var(--line);
  border-radius: 10px; background: var(--soft); }
.verify-title { margin: 0 0 6px; font-size: 14px; font-weight: 600; }
.verify-note { margin: 0 0 6px; font-size: 13px; color: var(--muted); }
.verify-row { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; }
.verify label { display: block; font-size: 13px; margin-bottom: 2px; }
.verify input { flex: 1 1 12em; min-width: 0; padding: 7px 10px; border: 1px solid #8a8f98;
  border-radius: 8px; background: #fff; }
.verify input[aria-invalid="true"] { border-color: var(--error); }
.verify input.code { flex: 0 1 120px; letter-spacing: .2em; font-variant-numeric: tabular-nums; }
.verify .primary { padding: 7px 14px; }
.verify .link, .proactive .link { border: 0; background: none; padding: 2px 0; color: var(--accent);
  text-decoration: underline; font-size: 13px; }
.verify-error { margin: 6px 0 0; font-size: 13px; color: var(--error); }
.verify-error:empty { display: none; }
.verified { margin-top: 6px; font-size: 13px; font-weight: 600; color: #0d652d; }
.verified::before { content: "✓ "; }
.proactive { max-width: 90%; }
.proactive .bubble { white-space: normal; }
.proactive-title { display: block; font-size: 12px; font-weight: 600; color: var(--muted);
  margin-bottom: 2px; }
.products { list-style: none; margin: 6px 0 0; padding: 0; display: flex; flex-direction: column;
  gap: 4px; }
.product { display: flex; justify-content: space-between; gap: 8px; padding: 6px 10px;
  border: 1px solid var(--line); border-radius: 8px; background: #fff; font-size: 14px; }
.product-name { overflow-wrap: anywhere; }
.product-price { white-space: nowrap; font-weight: 600; color: #8c1d18; }
.proactive .link { margin: 6px 4px 0; align-self: flex-start; }
.proactive-error { margin: 4px 0 0; font-size: 13px; color: var(--error); }
.proactive-error:empty { display: none; }

.typing { padding: 0 16px 6px; font-size: 13px; color: var(--muted); font-style: italic; }
.notice { margin: 0 12px 6px; padding: 6px 10px; border-radius: 6px; font-size: 13px;
  background: #fce8e6; color: #8c1d18; }
.notice:empty { display: none; }

.tools { display: flex; gap: 8px; padding: 6px 12px 0; flex-wrap: wrap; }
.tool { border: 1px solid var(--line); background: #fff; color: var(--fg); border-radius: 16px;
  padding: 4px 12px; font-size: 13px; }
.tool:hover { background: var(--soft); }
.tool.prominent { border-color: var(--accent); color: var(--accent); font-weight: 600; }
.root:not([data-status="bot"]) .handoff { display: none; }
.root[data-status="new"] .end, .root[data-status="closed"] .end { display: none; }

.csat { margin: 4px 12px 8px; padding: 12px; border: 1px solid var(--line); border-radius: 10px;
  background: var(--soft); }
.csat fieldset { border: 0; margin: 0; padding: 0; }
.csat legend { font-weight: 600; margin-bottom: 6px; padding: 0; }
.stars { display: flex; gap: 2px; }
.stars input { position: absolute; opacity: 0; width: 1px; height: 1px; }
.stars label { font-size: 28px; line-height: 1; color: #767676; cursor: pointer;
  padding: 2px 4px; border-radius: 4px; }
.stars label.on { color: #b06000; }
.stars input:focus-visible + label { outline: 3px solid var(--focus); outline-offset: 1px; }
.csat textarea { width: 100%; margin-top: 8px; min-height: 56px; padding: 6px 8px;
  border: 1px solid #8a8f98; border-radius: 6px; resize: vertical; background: #fff; }
.csat .primary { margin-top: 8px; }
.csat-thanks { margin: 4px 12px 8px; padding: 10px 12px; border-radius: 10px;
  background: #e6f4ea; color: #0d652d; }

.composer { display: flex; gap: 8px; align-items: flex-end; padding: 8px 12px 12px; }
.composer textarea { flex: 1; min-height: 42px; max-height: 140px; padding: 9px 12px;
  border: 1px solid #8a8f98; border-radius: 10px; resize: none; background: #fff; }
.primary { border: 0; background: var(--accent); color: #fff; border-radius: 8px;
  padding: 9px 16px; font-weight: 600; }
.primary:hover { background: var(--accent-dark); }
.primary:disabled, .primary[aria-disabled="true"] { background: #8a8f98; cursor: default; }
.link[aria-disabled="true"] { color: var(--muted); cursor: default; }
.composer .attach { flex: none; color: var(--muted); height: 42px; }
.composer .attach:hover { background: var(--soft); color: var(--fg); }
.composer .attach:disabled { opacity: .5; cursor: default; }
.tray { list-style: none; margin: 0; padding: 6px 12px 0; display: flex; flex-direction: column;
  gap: 4px; }
.tray-item { display: flex; align-items: center; gap: 8px; padding: 4px 6px;
  border: 1px solid var(--line); border-radius: 8px; background: #fff; font-size: 13px;
  flex-wrap: wrap; }
.tray-item[data-state="failed"] { border-color: var(--error); }
.tray-thumb { width: 36px; height: 36px; flex: none; border-radius: 4px; object-fit: cover;
  background: var(--soft); }
.tray-text { flex: 1 1 8em; min-width: 0; display: flex; flex-direction: column; }
.tray-name { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.tray-size, .tray-status { color: var(--muted); font-size: 12px; }
.tray-status progress { width: 80px; }
.tray-error { flex-basis: 100%; color: var(--error); font-size: 12px; }
.tray-error:empty { display: none; }
.tray-item .link { border: 0; background: none; color: var(--accent); text-decoration: underline;
  font-size: 13px; padding: 2px 0; }
.tray-remove { border: 0; background: transparent; width: 28px; height: 28px; border-radius: 50%;
  font-size: 18px; line-height: 1; color: var(--muted); }
.tray-remove:hover { background: var(--soft); color: var(--fg); }
.drop { position: absolute; inset: 8px; display: flex; align-items: center;
  justify-content: center; border: 3px dashed var(--accent); border-radius: 12px;
  background: rgba(232,240,254,.92); color: var(--accent-dark); font-weight: 600;
  text-align: center; padding: 16px; pointer-events: none; }
.atts { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 4px; }
.msg-customer .atts { justify-content: flex-end; }
.att-image { display: block; border-radius: 10px; overflow: hidden; border: 1px solid var(--line);
  background: var(--soft); }
.att-image img { display: block; max-width: 220px; max-height: 220px; width: auto; height: auto; }
.att-file { display: flex; align-items: center; gap: 8px; padding: 8px 10px; max-width: 260px;
  border: 1px solid var(--line); border-radius: 10px; background: #fff; color: var(--fg); }
.att-icon svg { width: 24px; height: 24px; color: var(--muted); display: block; }
.att-text { display: flex; flex-direction: column; min-width: 0; flex: 1; }
.att-name { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; font-size: 14px; }
.att-size { font-size: 12px; color: var(--muted); }
.att-download { font-size: 13px; color: var(--accent); white-space: nowrap; }
.cards { display: flex; flex-direction: column; gap: 6px; margin-top: 6px; width: 100%; }
.card { display: flex; gap: 10px; padding: 10px; border: 1px solid var(--line);
  border-radius: 10px; background: #fff; max-width: 300px; }
.card-img { width: 72px; height: 72px; flex: none; object-fit: cover; border-radius: 6px;
  background: var(--soft); }
.card-body { min-width: 0; flex: 1; }
.card-body p { margin: 0 0 2px; }
.card-title { font-weight: 600; overflow-wrap: anywhere; }
.card-price { color: #8c1d18; font-weight: 600; }
.card-stock { font-size: 13px; color: #0d652d; }
.card-stock.out { color: var(--error); }
.card-actions { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin-top: 6px; }
.card-actions .chip { font-size: 13px; }
.card-link { font-size: 13px; color: var(--accent); }
.card-status { display: inline-block; margin-left: 4px; padding: 0 8px; border-radius: 10px;
  background: #e6f4ea; color: #0d652d; font-size: 12px; font-weight: 600; }
.card-total { font-size: 14px; }
.timeline { list-style: none; margin: 6px 0 0; padding: 0 0 0 14px;
  border-left: 2px solid var(--line); }
.timeline .step { position: relative; margin: 0 0 6px; font-size: 13px; color: var(--muted); }
.timeline .step::before { content: ""; position: absolute; left: -20px; top: 5px; width: 10px;
  height: 10px; border-radius: 50%; background: var(--line); }
.timeline .step.current { color: var(--fg); font-weight: 600; }
.timeline .step.current::before { background: var(--accent); }
.timeline time { display: block; font-size: 12px; font-weight: normal; color: var(--muted); }
@media (prefers-reduced-motion: no-preference) {
  .launcher, .chip, .tool, .primary { transition: background-color .15s; }
}
`;

export let shared = null;

/** Give ``shadow`` the widget's styles (one sheet object, built on first use). */
export function adoptStyles(shadow, extra = "") {
  if ("adoptedStyleSheets" in Document.prototype && "replaceSync" in CSSStyleSheet.prototype) {
    if (!shared) {
      shared = new CSSStyleSheet();
      shared.replaceSync(CSS + extra);
    }
    shadow.adoptedStyleSheets = [shared];
  } else {
    const style = document.createElement("style");
    style.textContent = CSS + extra;
    shadow.append(style);
  }
}
