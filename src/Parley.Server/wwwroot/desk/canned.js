// The canned-response picker's keys: while its list is open, ↑ ↓ Enter Tab and Esc in the composer go to the list
// (the capture on the composer runs before desk.js's Enter-sends), everything else is typing as usual.
(() => {
  "use strict";

  const keys = new Set(["ArrowUp", "ArrowDown", "Enter", "Tab", "Escape"]);

  window.parleyCanned = {
    bind(host, picker) {
      const composer = host?.closest("[data-composer]");
      if (!composer || composer.dataset.parleyCanned) {
        return;
      }
      composer.dataset.parleyCanned = "true";
      composer.addEventListener("keydown", (e) => {
        // Esc closes an open list; the other keys belong to it only while it offers something (else Enter sends).
        const list = e.key === "Escape" ? "[data-part=canned-picker]" : "[data-part=canned-option]";
        if (!keys.has(e.key) || e.shiftKey || e.isComposing || e.target?.dataset?.part !== "composer" || !host.querySelector(list)) {
          return;
        }
        e.preventDefault();
        e.stopPropagation();
        picker.invokeMethodAsync("KeyAsync", e.key).catch(() => {});
      }, { capture: true });
    },

    /** Focuses the first element that matches in the picker's composer (or the page, for its dialog). */
    focus(host, selector) {
      const composer = host?.closest("[data-composer]");
      const element = composer?.querySelector(selector) ?? document.querySelector(selector);
      element?.focus();
    },
  };
})();
