// Keeps the answer model's status line on the knowledge entry list current while a publish
// trains and loads, so the editor sees "in service (vN)" without reloading the page (and
// losing the selection). A separate file: the Content-Security-Policy allows no inline script.
(function () {
  "use strict";
  var line = document.getElementById("answer-model-status");
  if (!line || !window.fetch) {
    return;
  }
  var BUSY = { training: true, loading: true };
  var giveUpAt = Date.now() + 10 * 60 * 1000; // a lost task must not keep a tab polling

  function show(status) {
    line.textContent = status.label;
    line.className = status.level;
    line.setAttribute("data-state", status.state);
  }

  function poll() {
    if (!BUSY[line.getAttribute("data-state")] || Date.now() > giveUpAt) {
      return;
    }
    fetch(line.getAttribute("data-url"), {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (status) {
        if (status) {
          show(status);
        }
      })
      .catch(function () {}) // offline for a moment: the next poll tries again
      .then(function () {
        setTimeout(poll, 1000);
      });
  }

  setTimeout(poll, 1000);
})();
