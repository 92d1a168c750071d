/* Verification by one-time code: the form under the bot's question, and its frames. */
import { el, focusIsIn, setTr, showText } from "./dom.js";
import { send } from "./socket.js";
import { state, ui, verify } from "./store.js";
import { T } from "./strings.js";
import { atEnd, errorText, isVisible } from "./transcript.js";

export const VERIFY_ERRORS = new Set([
  "invalid_address",
  "too_many_codes",
  "wrong_code",
  "code_expired",
  "no_verification_pending",
]);

export function attachVerifyForm(node, seq) {
  if (verify.node && verify.host && seq <= verify.hostSeq) return; // an older question
  if (!verify.node) buildVerifyForm();
  verify.host = node;
  verify.hostSeq = seq;
  node.append(verify.node); // moves it from an older message, keeping what was typed
}

export function buildVerifyForm() {
  const error = el("p", {
    class: "verify-error",
    id: "cs-verify-error",
    role: "alert",
    "data-testid": "verify-error",
  });
  const address = el("input", {
    id: "cs-verify-address",
    type: "text",
    name: "address",
    maxlength: "254",
    autocomplete: "username", // a phone number or an e-mail: what sign-in forms ask for
    autocapitalize: "off",
    spellcheck: "false",
    placeholder: T("verifyAddressHint"),
    "aria-describedby": "cs-verify-error",
    "data-testid": "verify-address",
  });
  const sendCode = el("button", {
    type: "submit",
    class: "primary",
    "data-testid": "verify-send",
    text: T("sendCode"),
  });
  const addressForm = el(
    "form",
    { class: "verify-step", "data-testid": "verify-address-form", novalidate: true },
    el("label", { for: "cs-verify-address", text: T("verifyAddress") }),
    el("div", { class: "verify-row" }, address, sendCode),
  );
  const sentNote = el("p", {
    class: "verify-note",
    id: "cs-verify-sent",
    role: "status",
    "data-testid": "verify-sent",
  });
  const code = el("input", {
    id: "cs-verify-code",
    class: "code",
    type: "text",
    name: "code",
    inputmode: "numeric",
    autocomplete: "one-time-code",
    maxlength: "12", // six digits, with room for a pasted "123 456"
    "aria-describedby": "cs-verify-sent cs-verify-error",
    "data-testid": "verify-code",
  });
  const check = el("button", {
    type: "submit",
    class: "primary",
    "data-testid": "verify-submit",
    text: T("verify"),
  });
  const again = el("button", {
    type: "button",
    class: "link",
    "data-testid": "verify-new-code",
    text: T("newCode"),
  });
  const codeForm = el(
    "form",
    {
      class: "verify-step",
      "data-testid": "verify-code-form",
      novalidate: true,
      hidden: true,
    },
    sentNote,
    el("label", { for: "cs-verify-code", text: T("codeLabel") }),
    el("div", { class: "verify-row" }, code, check),
    again,
  );
  verify.node = el(
    "div",
    {
      class: "verify",
      role: "group",
      "aria-labelledby": "cs-verify-title",
      "data-testid": "verify-form",
    },
    el("p", { class: "verify-title", id: "cs-verify-title", text: T("verifyTitle") }),
    addressForm,
    codeForm,
    error,
  );
  verify.parts = { error, address, sendCode, addressForm, sentNote, code, check, codeForm };

  addressForm.addEventListener("submit", (event) => {
    event.preventDefault();
    if (verify.pending) return;
    const value = address.value.trim();
    if (!value) {
      showVerifyError(T("enterAddress"), address);
      return;
    }
    if (!state.ready || !send({ type: "verify_start", address: value.slice(0, 254) })) {
      showVerifyError(T("cannotConnect"));
      return;
    }
    setVerifyPending(true);
  });
  codeForm.addEventListener("submit", (event) => {
    event.preventDefault();
    if (verify.pending) return;
    const digits = code.value.replace(/\D/g, "");
    if (digits.length !== 6) {
      showVerifyError(T("enterCode"), code);
      return;
    }
    if (!state.ready || !send({ type: "verify_code", code: digits })) {
      showVerifyError(T("cannotConnect"));
      return;
    }
    setVerifyPending(true);
  });
  again.addEventListener("click", () => {
    setVerifyStage("address");
    showVerifyError("");
    address.focus();
  });
  setVerifyStage(verify.stage);
}

export function setVerifyStage(stage) {
  verify.stage = stage;
  if (!verify.node) return;
  verify.node.dataset.stage = stage;
  verify.parts.addressForm.hidden = stage !== "address";
  verify.parts.codeForm.hidden = stage !== "code";
  revealVerify();
}

/** The form changes height between steps and with errors: keep all of it in view. */
export function revealVerify() {
  if (verify.node && verify.node.isConnected && isVisible()) {
    verify.node.scrollIntoView({ block: "nearest" });
    // The widget's own scrolling: the customer did not scroll away from the end.
    state.autoTop = ui.log.scrollTop;
    state.follow = atEnd();
  }
}

export function setVerifyPending(on) {
  verify.pending = on;
  if (!verify.node) return;
  verify.node.setAttribute("aria-busy", String(on));
  // aria-disabled, not disabled: a disabled button would drop the keyboard focus.
  verify.parts.sendCode.setAttribute("aria-disabled", String(on));
  verify.parts.check.setAttribute("aria-disabled", String(on));
  if (on) showVerifyError("");
}

/** ``text`` inline under the form; ``field`` (if any) is marked invalid and focused. */
export function showVerifyError(text, field) {
  if (!verify.node) return;
  const { error, address, code } = verify.parts;
  showText(error, text);
  address.removeAttribute("aria-invalid");
  code.removeAttribute("aria-invalid");
  if (field && text) {
    field.setAttribute("aria-invalid", "true");
    field.focus();
  }
  if (text) revealVerify();
}


export function onVerificationSent(frame) {
  setVerifyPending(false);
  setVerifyStage("code");
  if (!verify.node) return;
  const { sentNote, code } = verify.parts;
  const note = [T("codeSent", { to: String(frame.masked || "") })];
  if (Number.isFinite(frame.expires_in) && frame.expires_in > 0) {
    note.push(T("codeValid", { m: Math.max(1, Math.round(frame.expires_in / 60)) }));
  }
  setTr(sentNote, "text", note);
  code.value = "";
  showVerifyError("");
  if (isVisible()) code.focus();
  revealVerify();
}

export function onVerifyError(frame) {
  setVerifyPending(false);
  const { address, code } = verify.parts;
  let text = errorText(frame);
  if (frame.code === "wrong_code") {
    // The count of attempts left: a field if the server sends one, else the number in
    // its (English or Chinese) detail text.
    let left = Number.isInteger(frame.attempts_left) ? frame.attempts_left : null;
    if (left === null) {
      const found = /(\d+)/.exec(String(frame.detail || ""));
      if (found) left = Number(found[1]);
    }
    if (left !== null) text = T("wrongCodeLeft", { n: left });
    code.value = "";
    showVerifyError(text, code);
    return;
  }
  if (frame.code === "code_expired" || frame.code === "no_verification_pending") {
    // Nothing left to answer: back to asking for a code, the address still filled in.
    setVerifyStage("address");
    showVerifyError(text, address);
    return;
  }
  showVerifyError(text, verify.stage === "code" ? code : address);
}

export function onIdentified(frame) {
  state.identified = true;
  if (!verify.node) return;
  const name = typeof frame.display_name === "string" ? frame.display_name.trim() : "";
  const done = el("div", {
    class: "verified",
    role: "status",
    tabindex: "-1",
    "data-testid": "verified",
    text: name ? T("verifiedAs", { name }) : T("verified"),
  });
  const hadFocus = focusIsIn(verify.node);
  verify.node.replaceWith(done);
  resetVerify();
  if (hadFocus) ui.input.focus();
}

export function removeVerifyForm() {
  if (verify.node) verify.node.remove();
  resetVerify();
}

export function resetVerify() {
  verify.node = null;
  verify.parts = null;
  verify.host = null;
  verify.hostSeq = -1;
  verify.stage = "address";
  verify.pending = false;
}
