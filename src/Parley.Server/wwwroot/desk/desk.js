// Small browser helpers for the Parley agent desktop and admin pages (called through Blazor JS interop).
(() => {
  "use strict";

  const nearBottom = (el) => el.scrollHeight - el.scrollTop - el.clientHeight < 160;

  // Signing out returns the agent's open chats to their queue: ask first. The desk counts its open tabs live;
  // other pages use the count the server rendered into the form.
  const openChats = (form) => {
    const list = document.querySelector(".chat-list");
    return list
      ? list.querySelectorAll("[data-part=tab]:not(.ended)").length
      : Number.parseInt(form.dataset.openChats || "0", 10) || 0;
  };

  document.addEventListener("submit", (e) => {
    const form = e.target;
    if (!(form instanceof HTMLFormElement) || !form.matches("[data-part=sign-out-form]")) {
      return;
    }
    const count = openChats(form);
    const dialog = document.querySelector("[data-part=sign-out-dialog]");
    if (count === 0 || !dialog || typeof dialog.showModal !== "function") {
      return;
    }
    e.preventDefault();
    dialog.querySelector("[data-part=sign-out-count]").textContent = count === 1 ? "1 open chat" : `${count} open chats`;
    if (!dialog.dataset.parleyBound) {
      dialog.dataset.parleyBound = "true";
      dialog.querySelector("[data-part=sign-out-cancel]").addEventListener("click", () => dialog.close());
      // submit() sends the form without another submit event, so this handler does not ask again.
      dialog.querySelector("[data-part=sign-out-confirm]").addEventListener("click", () =>
        document.querySelector("[data-part=sign-out-form]")?.submit());
    }
    dialog.showModal();
    dialog.querySelector("[data-part=sign-out-cancel]").focus();
  }, true);

  window.parleyDesk = {
    /** The browser's IANA time zone, for showing server times in the agent's local time. */
    timeZone() {
      try {
        return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
      } catch {
        return "UTC";
      }
    },

    setTitle(title) {
      document.title = title;
    },

    /** Asks for permission to show notifications; must run in a click handler (user gesture). */
    requestNotifications() {
      if (!("Notification" in window) || Notification.permission !== "default") {
        return;
      }
      try {
        const answer = Notification.requestPermission();
        if (answer && answer.catch) {
          answer.catch(() => { });
        }
      } catch {
        // Old browsers: callback form only; not worth supporting.
      }
    },

    /** Shows a browser notification if permitted; clicking it brings the desktop to the front. */
    notify(title, body) {
      if (!("Notification" in window) || Notification.permission !== "granted") {
        return;
      }
      try {
        const n = new Notification(title, { body, tag: "parley-offer", renotify: true });
        n.onclick = () => {
          window.focus();
          n.close();
        };
      } catch {
        // Some browsers only allow notifications from a service worker.
      }
    },

    /** Enter sends (clicks the send button), Shift+Enter makes a new line. */
    bindComposer(textarea) {
      if (!textarea || textarea.dataset.parleyBound) {
        return;
      }
      textarea.dataset.parleyBound = "true";
      textarea.addEventListener("keydown", (e) => {
        if (e.key !== "Enter" || e.shiftKey || e.isComposing || e.keyCode === 229) {
          return;
        }
        e.preventDefault();
        const send = textarea.closest("[data-composer]")?.querySelector("[data-part=send]");
        if (send && !send.disabled) {
          send.click();
        }
      });
      textarea.focus();
    },

    focus(element) {
      element?.focus();
    },

    /** Scrolls a transcript to its newest message (always when forced, else only if the reader is near the end). */
    scrollToEnd(element, force) {
      if (!element) {
        return;
      }
      if (force || nearBottom(element)) {
        element.scrollTop = element.scrollHeight;
      }
    },
  };
})();
