// Small progressive enhancements; the site works without them.
(function () {
  "use strict";

  var PLAYERS = {
    youtube: {
      pattern: /^[A-Za-z0-9_-]{6,20}$/,
      url: function (id) { return "https://www.youtube-nocookie.com/embed/" + id + "?autoplay=1&rel=0"; }
    },
    vimeo: {
      pattern: /^\d{4,12}$/,
      url: function (id) { return "https://player.vimeo.com/video/" + id + "?dnt=1&autoplay=1"; }
    }
  };

  // Click-to-load videos: nothing is requested from the host until the reader asks for it.
  function enableVideos() {
    var buttons = document.querySelectorAll("button[data-video-provider]");
    Array.prototype.forEach.call(buttons, function (button) {
      var player = PLAYERS[button.getAttribute("data-video-provider")];
      var id = button.getAttribute("data-video-id") || "";
      if (!player || !player.pattern.test(id)) { return; }
      button.hidden = false;
      button.addEventListener("click", function () {
        var frame = button.closest("[data-video-player]");
        var iframe = document.createElement("iframe");
        iframe.src = player.url(id);
        iframe.title = button.getAttribute("data-video-title") || "";
        iframe.allow = "autoplay; fullscreen; picture-in-picture";
        iframe.allowFullscreen = true;
        iframe.referrerPolicy = "strict-origin-when-cross-origin";
        frame.replaceChildren(iframe);
        iframe.focus();
      });
    });
  }

  // Print text versions and transcripts even when they are folded.
  function openDetailsForPrint() {
    var closed = [];
    window.addEventListener("beforeprint", function () {
      closed = Array.prototype.filter.call(document.querySelectorAll("details"), function (el) {
        return !el.open;
      });
      closed.forEach(function (el) { el.open = true; });
    });
    window.addEventListener("afterprint", function () {
      closed.forEach(function (el) { el.open = false; });
      closed = [];
    });
  }

  // Printed links show where they go: as full addresses, which a reader of paper can type
  // (an attribute holds the resolved URL; CSS alone only has the relative href).
  function fullAddressesForPrint() {
    var links = document.querySelectorAll("main a[href]");
    Array.prototype.forEach.call(links, function (link) {
      var inPage = link.getAttribute("href").charAt(0) === "#";
      if (!inPage && /^https?:$/.test(link.protocol)) {
        link.setAttribute("data-print-url", link.href);
      }
    });
  }

  enableVideos();
  openDetailsForPrint();
  fullAddressesForPrint();
})();
