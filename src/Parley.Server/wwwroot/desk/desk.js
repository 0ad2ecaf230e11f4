// Small browser helpers for the Parley agent desktop and admin pages (called through Blazor JS interop).
(() => {
  "use strict";

  const nearBottom = (el) => el.scrollHeight - el.scrollTop - el.clientHeight < 160;

  // The chime: off unless the agent turned it on in this browser.
  const soundKey = "parley:desk:sound";
  const soundOn = () => {
    try {
      return localStorage.getItem(soundKey) === "on";
    } catch {
      return false;
    }
  };

  let audio = null;
  /** A short two-note chime, synthesized (no audio file to fetch or allow in the CSP). */
  const chime = () => {
    try {
      const Context = window.AudioContext || window.webkitAudioContext;
      if (!Context) {
        return;
      }
      audio ??= new Context();
      const start = audio.currentTime;
      [880, 1175].forEach((frequency, i) => {
        const tone = audio.createOscillator();
        const gain = audio.createGain();
        const at = start + i * 0.12;
        tone.frequency.value = frequency;
        gain.gain.setValueAtTime(0.0001, at);
        gain.gain.exponentialRampToValueAtTime(0.15, at + 0.02);
        gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.25);
        tone.connect(gain).connect(audio.destination);
        tone.start(at);
        tone.stop(at + 0.3);
      });
    } catch {
      // No sound (autoplay policy, no audio device): the title and notifications still tell.
    }
  };

  const shorten = (text, max) => (text.length > max ? text.slice(0, max - 1) + "…" : text);

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

    soundEnabled() {
      return soundOn();
    },

    /** Turns the chime on or off for this browser; turning it on plays it once (the click lets audio start). */
    setSound(on) {
      try {
        if (on) {
          localStorage.setItem(soundKey, "on");
        } else {
          localStorage.removeItem(soundKey);
        }
      } catch {
        // Storage refused: the choice lasts until the page closes.
      }
      if (on) {
        chime();
      }
    },

    /** A new offer: the chime if on, and a notification (shown by the browser only while permitted). */
    offered(title, body) {
      if (soundOn()) {
        chime();
      }
      window.parleyDesk.notify(title, body, "parley-offer");
    },

    /**
     * A customer wrote. In the chat the agent is looking at, with the desk focused, that is sign enough; otherwise
     * the chime (if on), and a notification while the desk is not focused.
     */
    customerMessage(name, text, background) {
      const focused = document.hasFocus();
      if (!background && focused) {
        return;
      }
      if (soundOn()) {
        chime();
      }
      if (!focused) {
        window.parleyDesk.notify(name, shorten(text, 140), "parley-message");
      }
    },

    /** Shows a browser notification if permitted; clicking it brings the desktop to the front. */
    notify(title, body, tag) {
      if (!("Notification" in window) || Notification.permission !== "granted") {
        return;
      }
      try {
        const n = new Notification(title, { body, tag: tag || "parley-offer", renotify: true });
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

    /** A file dropped on or pasted into the composer goes to the attach button's input, as if picked there. */
    bindAttach(label) {
      const composer = label?.closest("[data-composer]");
      const input = label?.querySelector("input[type=file]");
      if (!composer || !input || composer.dataset.parleyAttach) {
        return;
      }
      composer.dataset.parleyAttach = "true";
      const take = (files) => {
        if (!files || files.length === 0 || input.disabled) {
          return false;
        }
        const picked = new DataTransfer();
        picked.items.add(files[0]);
        input.files = picked.files;
        input.dispatchEvent(new Event("change", { bubbles: true }));
        return true;
      };
      composer.addEventListener("paste", (e) => {
        if (take(e.clipboardData?.files)) {
          e.preventDefault();
        }
      });
      composer.addEventListener("dragover", (e) => {
        if (e.dataTransfer?.types.includes("Files")) {
          e.preventDefault();
        }
      });
      composer.addEventListener("drop", (e) => {
        if (take(e.dataTransfer?.files)) {
          e.preventDefault();
        }
      });
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
        // A preview still loading grows the transcript after this scroll: follow it to the end, unless the agent
        // scrolled away meanwhile.
        const at = element.scrollTop;
        element.querySelectorAll("img").forEach((img) => {
          if (!img.complete) {
            img.addEventListener("load", () => {
              if (element.scrollTop >= at - 2) {
                element.scrollTop = element.scrollHeight;
              }
            }, { once: true });
          }
        });
      }
    },
  };
})();

// The reconnect notice (App.razor): Blazor sets its state classes and raises this event; the dialog opens and closes
// with it, and its buttons retry or resume (a rejected circuit reloads the page).
(() => {
  "use strict";
  const modal = document.getElementById("components-reconnect-modal");
  if (!modal) {
    return;
  }

  const retry = async () => {
    try {
      if (!(await window.Blazor.reconnect())) {
        location.reload();
      }
    } catch {
      // Still no connection: Blazor keeps the failed state and the button stays.
    }
  };

  const resume = async () => {
    try {
      if (!(await window.Blazor.resumeCircuit())) {
        location.reload();
      }
    } catch {
      location.reload();
    }
  };

  modal.addEventListener("components-reconnect-state-changed", (event) => {
    const state = event.detail && event.detail.state;
    if (state === "show" && !modal.open) {
      modal.showModal();
    } else if (state === "hide" && modal.open) {
      modal.close();
    } else if (state === "rejected") {
      location.reload();
    }
  });
  document.getElementById("components-reconnect-button")?.addEventListener("click", retry);
  document.getElementById("components-resume-button")?.addEventListener("click", resume);
})();
