/*
 * Customer chat widget: the loader. A shop embeds it with
 *   <script src="https://PLATFORM/static/widget.js" data-site="SITE_KEY" defer></script>
 * optionally adding data-customer-id / data-customer-signature (signed identity), data-lang
 * ("zh-Hans", "zh-Hant" or "en") and data-mode="fullpage" (the platform's own /chat/<key>/ page).
 *
 * The widget itself is native ES modules under static/widget/ (no build step). This classic
 * script stays so that the embed tag keeps working as it is: it finds its own URL, imports
 * widget/main.js from beside it (cross-origin, so the platform sends CORS headers on /static/)
 * and hands it the script element. window.CSChatWidget exists at once; calls made before the
 * modules have arrived are carried out when they have.
 */
(() => {
  "use strict";

  const script =
    document.currentScript || document.querySelector("script[data-site][src*='widget']");
  // Loaded twice (e.g. by a tag manager and by hand): the first copy wins.
  if (!script || window.CSChatWidget) return;
  if (!(script.dataset.site || "").trim()) {
    console.warn("CSChatWidget: the script tag needs a data-site attribute.");
    return;
  }

  const queued = [];
  const api = {
    open: () => queued.push("open"),
    close: () => queued.push("close"),
  };
  window.CSChatWidget = api;

  const base = new URL(".", new URL(script.src, location.href)).href;
  import(`${base}widget/main.js`).then(
    (widget) => {
      widget.start(script, api);
      for (const call of queued) api[call]();
    },
    (error) => console.warn("CSChatWidget: the chat could not be loaded.", error),
  );
})();
