// wagtail-autocomplete's widget writes its strings in English: swap them for the admin's
// language (given by templates/directory/admin/autocomplete.html) whenever React renders them,
// and name on each "Remove" button the entry it removes (for screen readers).
(function () {
  if (window.newsportalAutocompleteStrings) return;
  window.newsportalAutocompleteStrings = true;

  function translate(root) {
    var strings = JSON.parse(root.dataset.autocompleteStrings);
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    var node;
    while ((node = walker.nextNode())) {
      var text = node.nodeValue;
      // Only when it changes: each change is a mutation that calls this again.
      if (Object.prototype.hasOwnProperty.call(strings, text) && strings[text] !== text) {
        node.nodeValue = strings[text];
      }
    }
    root.querySelectorAll(".c-wagtailautocomplete__selection").forEach(function (item) {
      var label = item.querySelector(".c-wagtailautocomplete__selection__label");
      var button = item.querySelector(".c-wagtailautocomplete__selection__button");
      if (label && button) {
        var name = strings.removeItem.replace("%(item)s", label.textContent);
        if (button.getAttribute("aria-label") !== name) button.setAttribute("aria-label", name);
      }
    });
  }

  function translateAll() {
    document.querySelectorAll("[data-autocomplete-strings]").forEach(translate);
  }

  new MutationObserver(translateAll).observe(document.documentElement, {
    childList: true,
    subtree: true,
    characterData: true,
  });
  document.addEventListener("DOMContentLoaded", translateAll);
})();
