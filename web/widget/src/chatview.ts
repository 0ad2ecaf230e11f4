// The chat body: message list, "is typing" line, composer — or, once the chat has ended, a "Start a new chat" button.

import { h, icon } from "./dom";
import { MessageList } from "./messages";
import { limits } from "./protocol";
import { t } from "./strings";

export interface ChatViewHandlers {
  /** Returns false when the text was not accepted (the composer keeps it). */
  send(text: string): boolean;
  /** Sends a file; answers null when accepted, otherwise the sentence to show. */
  attach(file: File): Promise<string | null>;
  typing(): void;
  newChat(): void;
}

const TYPING_VISIBLE_MS = 4000;

export class ChatView {
  readonly element: HTMLElement;
  readonly list: MessageList;
  private readonly typingLine: HTMLElement;
  private readonly composer: HTMLFormElement;
  private readonly input: HTMLTextAreaElement;
  private readonly sendButton: HTMLButtonElement;
  private readonly hint: HTMLElement;
  private readonly endedFooter: HTMLElement;
  private readonly newChatButton: HTMLButtonElement;
  private readonly afterwordSlot: HTMLElement;
  private typingName: string | null = null;
  private typingTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(serverNow: () => number, private readonly handlers: ChatViewHandlers) {
    this.list = new MessageList(serverNow);
    this.typingLine = h("div", { class: "typing", "data-part": "typing", hidden: true });

    this.input = h("textarea", {
      id: "parley-composer",
      class: "input",
      rows: 1,
      placeholder: t("composerPlaceholder"),
      autocomplete: "off",
      "data-part": "composer",
      "aria-describedby": "parley-composer-hint",
    });
    this.sendButton = h(
      "button",
      { type: "submit", class: "send", "data-part": "send", title: t("send") },
      icon("send"),
      h("span", { class: "sr-only" }, t("send")),
    );
    this.hint = h("div", { id: "parley-composer-hint", class: "hint", "aria-live": "polite", hidden: true });
    this.composer = h(
      "form",
      { class: "composer", novalidate: true },
      h("label", { for: "parley-composer", class: "sr-only" }, t("composerLabel")),
      h("div", { class: "composer-row" }, this.attachButton(), this.input, this.sendButton),
      this.hint,
    );

    this.newChatButton = h("button", { type: "button", class: "btn btn-primary wide", "data-part": "new-chat" }, t("newChat"));
    this.afterwordSlot = h("div");
    this.endedFooter = h("div", { class: "ended", hidden: true }, this.afterwordSlot, this.newChatButton);

    this.element = h("div", { class: "chat" }, this.list.element, this.typingLine, this.composer, this.endedFooter);
    this.wire();
  }

  focus(): void {
    (this.composer.hidden ? this.newChatButton : this.input).focus();
  }

  /** True when keyboard focus is in the composer (so it can be moved somewhere sensible when the composer goes). */
  hasFocus(): boolean {
    const active = (this.element.getRootNode() as ShadowRoot).activeElement;
    return active === this.input || active === this.sendButton;
  }

  setEnded(ended: boolean): void {
    const moveFocus = ended && this.hasFocus();
    this.composer.hidden = ended;
    this.endedFooter.hidden = !ended;
    if (ended) {
      this.hideTyping();
    }
    if (moveFocus) {
      this.newChatButton.focus();
    }
  }

  /** What the ended chat offers above "Start a new chat" (the survey, the transcript). */
  setAfterword(content: HTMLElement): void {
    this.afterwordSlot.replaceChildren(content);
  }

  showTyping(name: string): void {
    this.typingName = name;
    this.typingLine.textContent = t("typing", { name });
    this.typingLine.hidden = false;
    clearTimeout(this.typingTimer);
    this.typingTimer = setTimeout(() => this.hideTyping(), TYPING_VISIBLE_MS);
  }

  /** Hides the typing line; with a name, only if that is who is typing. */
  hideTyping(name?: string | null): void {
    if (name !== undefined && name !== this.typingName) {
      return;
    }
    clearTimeout(this.typingTimer);
    this.typingName = null;
    this.typingLine.hidden = true;
    this.typingLine.textContent = "";
  }

  dispose(): void {
    clearTimeout(this.typingTimer);
  }

  private wire(): void {
    this.composer.addEventListener("submit", (event) => {
      event.preventDefault();
      this.submit();
    });
    this.input.addEventListener("keydown", (event) => {
      // Enter sends, Shift+Enter is a new line; never while an IME is composing (Japanese, Chinese…).
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing && event.keyCode !== 229) {
        event.preventDefault();
        this.submit();
      }
    });
    this.input.addEventListener("input", () => {
      this.autosize();
      this.checkLength();
      if (this.input.value.trim()) {
        this.handlers.typing();
      }
    });
    this.newChatButton.addEventListener("click", () => this.handlers.newChat());
  }

  /** A label around a hidden file input: the button is the platform's own file picker. */
  private attachButton(): HTMLElement {
    const picker = h("input", { type: "file", class: "sr-only", "data-part": "attach-input", accept: "image/*,application/pdf,text/plain" });
    picker.addEventListener("change", async () => {
      const file = picker.files?.[0];
      picker.value = "";
      if (!file) return;
      const refusal = await this.handlers.attach(file);
      this.hint.hidden = !refusal;
      this.hint.textContent = refusal ?? "";
    });
    return h("label", { class: "send attach", title: t("attach"), "data-part": "attach" }, icon("clip"), h("span", { class: "sr-only" }, t("attach")), picker);
  }

  private submit(): void {
    const text = this.input.value.trim();
    if (!text || !this.checkLength()) {
      return;
    }
    if (this.handlers.send(text)) {
      this.input.value = "";
      this.autosize();
      this.input.focus();
    }
  }

  /** Shows a gentle note while the text is over the limit; returns true when it fits. */
  private checkLength(): boolean {
    const length = this.input.value.trim().length;
    const fits = length <= limits.messageLength;
    this.hint.hidden = fits;
    this.hint.textContent = fits ? "" : t("tooLong", { max: limits.messageLength, count: length });
    this.sendButton.disabled = !fits;
    this.input.setAttribute("aria-invalid", String(!fits));
    return fits;
  }

  private autosize(): void {
    this.input.style.height = "auto";
    this.input.style.height = `${Math.min(this.input.scrollHeight + 2, 120)}px`;
  }
}
