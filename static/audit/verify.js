// "Verify now" on the audit log: start the hash-chain check, follow its progress, then reload
// the page so the banner shows the new result. Without JavaScript the form still works: the
// server redirects back here with ?run=… and the page shows where the check is.
(function () {
  "use strict";
  const form = document.querySelector("[data-verify-form]");
  const box = document.querySelector("[data-testid=verify-progress]");
  if (!form || !box) return;
  const bar = box.querySelector("progress");
  const message = box.querySelector("[data-verify-message]");
  const POLL_MS = 400;

  function show(state) {
    box.hidden = false;
    bar.max = Math.max(1, state.total || 0);
    bar.value = state.checked || 0;
    message.textContent = state.message || "";
  }

  function finished() {
    // The banner is rendered by the server: a fresh page shows the run's result and record.
    const url = new URL(window.location.href);
    url.searchParams.delete("run");
    window.location.assign(url.toString());
  }

  function follow(url) {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then((response) => (response.ok ? response.json() : Promise.reject(response.status)))
      .then((state) => {
        show(state);
        if (state.state === "done" || state.state === "failed") finished();
        else window.setTimeout(() => follow(url), POLL_MS);
      })
      .catch(() => window.setTimeout(() => follow(url), POLL_MS * 5));
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    form.querySelector("button").disabled = true;
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    })
      .then((response) => (response.ok ? response.json() : Promise.reject(response.status)))
      .then((started) => {
        show({ checked: 0, total: 0, message: "" });
        follow(started.progress_url);
      })
      .catch(() => form.submit());
  });

  if (box.dataset.url) follow(box.dataset.url);
})();
