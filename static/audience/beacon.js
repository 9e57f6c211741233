// Counts one view of this release (docs/audience.md): the page id, nothing else. No cookie is
// read or set; the request carries no identifier. Works behind the front cache, which serves
// the page without asking the application.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !navigator.sendBeacon) { return; }
  var url = script.getAttribute("data-beacon");
  var page = script.getAttribute("data-page");
  if (!url || !/^\d+$/.test(page || "")) { return; }
  // A page opened in a background tab is counted when it is first shown.
  function send() {
    navigator.sendBeacon(url, new URLSearchParams({ page: page }));
  }
  if (document.visibilityState === "hidden") {
    document.addEventListener("visibilitychange", function once() {
      if (document.visibilityState === "visible") {
        document.removeEventListener("visibilitychange", once);
        send();
      }
    });
  } else {
    send();
  }
})();
