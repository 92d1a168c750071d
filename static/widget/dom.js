/* Building the widget's DOM: an element helper and UI strings that follow the language. */
import { T, Tr } from "./strings.js";
import { ui } from "./store.js";

export const ICON_CHAT =
  '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path fill="currentColor" ' +
  'd="M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H8l-4.6 3.7A.9.9 0 0 1 2 21V5a2 2 0 0 1 2-2Zm3 6' +
  'a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3Zm5 0a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3Zm5 0a1.5 1.5' +
  ' 0 1 0 0 3 1.5 1.5 0 0 0 0-3Z"/></svg>';
export const ICON_CLOSE =
  '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path fill="none" ' +
  'stroke="currentColor" stroke-width="2.2" stroke-linecap="round" d="M6 6l12 12M18 6 6 18"/>' +
  "</svg>";
export const ICON_DOWN =
  '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path fill="none" ' +
  'stroke="currentColor" stroke-width="2.4" stroke-linecap="round" stroke-linejoin="round" ' +
  'd="M12 5v14m-6-6 6 6 6-6"/></svg>';
export const ICON_THUMB =
  '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path fill="currentColor" ' +
  'd="M2 10h4v11H2V10Zm6 11V10l5.3-7.1a1.8 1.8 0 0 1 3.2 1.5L15.3 9H21a2 2 0 0 1 2 2.3l-1.4 ' +
  '8A2 2 0 0 1 19.6 21H8Z"/></svg>';
export const ICON_CLIP =
  '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path fill="none" ' +
  'stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" ' +
  'd="m21 11-8.6 8.6a5.5 5.5 0 0 1-7.8-7.8l8.9-8.9a3.7 3.7 0 0 1 5.2 5.2l-8.9 8.9a1.8 1.8 0 0 ' +
  '1-2.6-2.6L15.5 6.1"/></svg>';
export const ICON_CAMERA =
  '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path fill="none" ' +
  'stroke="currentColor" stroke-width="2" stroke-linejoin="round" d="M3 8a2 2 0 0 1 2-2h2.5l1.5-2h6' +
  'l1.5 2H19a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V8Z"/><circle cx="12" cy="13" r="4" ' +
  'fill="none" stroke="currentColor" stroke-width="2"/></svg>';
export const ICON_FILE =
  '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path fill="none" ' +
  'stroke="currentColor" stroke-width="2" stroke-linejoin="round" d="M6 2h8l5 5v15H6V2Zm8 0v5h5"/>' +
  "</svg>";

/** Small element builder: el("button", {class: "x", "data-testid": "y"}, "text"). */
export const el = (tag, attrs = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    if (isTr(value)) setTr(node, name, value);
    else if (name === "text") node.textContent = value;
    else if (name === "html") node.innerHTML = value; // trusted constants only (icons)
    else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children) if (child) node.append(child);
  return node;
};

export const isTr = (value) =>
  value instanceof Tr ||
  (Array.isArray(value) && value.length > 0 && value.every((v) => v instanceof Tr));

/** Show ``value`` (a Tr, or a list of them joined by spaces) as the node's text or as its
 * attribute ``name``, and remember the keys so that relabel() can redo it. */
export function setTr(node, name, value) {
  const parts = Array.isArray(value) ? value : [value];
  const bindings = JSON.parse(node.dataset.i18n || "{}");
  bindings[name] = parts.map((part) => [part.key, part.values]);
  node.dataset.i18n = JSON.stringify(bindings);
  putText(node, name, parts.map(String).join(" "));
}

/** Text that is not a UI string (the shop's name, what the server said) in place of one. */
export function setPlain(node, name, text) {
  const bindings = JSON.parse(node.dataset.i18n || "{}");
  delete bindings[name];
  if (Object.keys(bindings).length) node.dataset.i18n = JSON.stringify(bindings);
  else delete node.dataset.i18n;
  putText(node, name, text);
}

export function putText(node, name, text) {
  if (name === "text") {
    if (node.textContent !== text) node.textContent = text;
  } else node.setAttribute(name, text);
}

/** After a language switch: every remembered UI string on screen, in the new language. */
export function relabel() {
  for (const node of ui.shadow.querySelectorAll("[data-i18n]")) {
    for (const [name, parts] of Object.entries(JSON.parse(node.dataset.i18n))) {
      putText(node, name, parts.map(([key, values]) => String(T(key, values))).join(" "));
    }
  }
}

/** ``text`` (a UI string, or plain text) as the node's content. */
export function showText(node, text) {
  if (text instanceof Tr) setTr(node, "text", text);
  else setPlain(node, "text", String(text ?? ""));
}

export function focusIsIn(node) {
  const active = ui.shadow.activeElement;
  return Boolean(active && node && node.contains(active));
}
