// The frame of the widget: launcher button, the panel (dialog) with its header, status line, connection banner,
// end-chat confirmation and a body that shows either the pre-chat form or the chat.

import { h, icon, replaceChildren } from "./dom";
import type { LinkState } from "./connection";
import type { Announcement } from "./protocol";
import { t } from "./strings";

export interface ShellHandlers {
  opened(): void;
  closed(): void;
  endConfirmed(): void;
}

export class Shell {
  readonly root: HTMLElement;
  private readonly launcher: HTMLButtonElement;
  private readonly badge: HTMLElement;
  private readonly panel: HTMLElement;
  private readonly title: HTMLElement;
  private readonly status: HTMLElement;
  private readonly queuePosition: HTMLElement;
  private readonly connection: HTMLElement;
  private readonly announcements: HTMLElement;
  private readonly endButton: HTMLButtonElement;
  private readonly confirmBar: HTMLElement;
  private readonly body: HTMLElement;
  private unread = 0;
  private focusTarget: (() => void) | null = null;

  constructor(private readonly handlers: ShellHandlers) {
    this.badge = h("span", { class: "badge", "data-part": "unread", "aria-hidden": "true", hidden: true });
    this.launcher = h(
      "button",
      {
        type: "button",
        class: "launcher",
        "data-part": "launcher",
        "aria-expanded": "false",
        "aria-controls": "parley-panel",
        "aria-label": t("openChat"),
      },
      h("span", { class: "icon-open" }, icon("chat")),
      h("span", { class: "icon-close" }, icon("chevronDown")),
      this.badge,
    );

    this.title = h("h2", { class: "title", id: "parley-title" });
    this.status = h("p", { class: "status", role: "status", "data-part": "status", hidden: true });
    this.queuePosition = h("p", { class: "queue-position", "aria-live": "polite", "data-part": "queue-position", hidden: true });
    this.endButton = h("button", { type: "button", class: "head-btn", "data-part": "end", hidden: true }, t("endChat"));
    const minimize = h("button", { type: "button", class: "head-btn icon-btn", "aria-label": t("minimize"), title: t("minimize") }, icon("chevronDown"));
    const header = h(
      "header",
      { class: "header" },
      h("div", { class: "heading" }, this.title, this.status, this.queuePosition),
      h("div", { class: "head-actions" }, this.endButton, minimize),
    );

    this.connection = h("div", { class: "connection", role: "status", "data-part": "connection", hidden: true });
    this.announcements = h("div", { class: "announcements", role: "region", "aria-label": t("announcementsLabel"), "aria-live": "polite", "data-part": "announcements", hidden: true });

    const confirm = h("button", { type: "button", class: "btn btn-danger", "data-part": "end-confirm" }, t("endConfirm"));
    const cancel = h("button", { type: "button", class: "btn btn-secondary", "data-part": "end-cancel" }, t("endCancel"));
    this.confirmBar = h("div", { class: "confirm", hidden: true }, h("p", {}, t("endQuestion")), h("div", { class: "confirm-actions" }, cancel, confirm));

    this.body = h("div", { class: "body" });
    this.panel = h(
      "div",
      { id: "parley-panel", class: "panel", role: "dialog", "aria-modal": "false", "data-part": "panel", tabindex: -1, hidden: true },
      header,
      this.connection,
      this.announcements,
      this.confirmBar,
      this.body,
    );
    this.root = h("div", { class: "root" }, this.panel, this.launcher);

    this.launcher.addEventListener("click", () => (this.isOpen ? this.close(true) : this.open()));
    minimize.addEventListener("click", () => this.close(true));
    this.endButton.addEventListener("click", () => this.showConfirm(true));
    cancel.addEventListener("click", () => {
      this.showConfirm(false);
      this.endButton.focus();
    });
    confirm.addEventListener("click", () => {
      this.showConfirm(false);
      this.panel.focus();
      this.handlers.endConfirmed();
    });
    this.root.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && this.isOpen) {
        event.stopPropagation();
        this.close(true);
      }
    });
    this.setTitle(t("defaultTitle"));
  }

  get isOpen(): boolean {
    return !this.panel.hidden;
  }

  /** Opens the panel; with `focus` (a customer's click) keyboard focus moves into it. */
  open(focus = true): void {
    if (!this.isOpen) {
      this.panel.hidden = false;
      this.root.classList.add("open");
      this.launcher.setAttribute("aria-expanded", "true");
      this.updateLauncherLabel();
      this.handlers.opened();
    }
    if (focus) {
      this.focusInside();
    }
  }

  /** Closes the panel; with `returnFocus`, keyboard focus goes back to the launcher. */
  close(returnFocus: boolean): void {
    if (!this.isOpen) {
      return;
    }
    const hadFocus = this.panel.contains((this.root.getRootNode() as ShadowRoot).activeElement);
    this.panel.hidden = true;
    this.showConfirm(false);
    this.root.classList.remove("open");
    this.launcher.setAttribute("aria-expanded", "false");
    this.updateLauncherLabel();
    this.handlers.closed();
    if (returnFocus || hadFocus) {
      this.launcher.focus();
    }
  }

  /** Shows or hides the whole widget (a queue whose policy is "hide"); an open panel stays until the customer closes it. */
  setLauncherVisible(visible: boolean): void {
    if (!visible && this.isOpen) {
      return;
    }
    this.launcher.hidden = !visible;
  }

  setTitle(title: string): void {
    this.title.textContent = title;
    this.panel.setAttribute("aria-label", title);
  }

  setStatus(text: string): void {
    this.status.textContent = text;
    this.status.hidden = !text;
  }

  /** The place in line and the estimate while queued; "" hides the line. */
  setQueuePosition(text: string): void {
    if (this.queuePosition.textContent !== text) {
      this.queuePosition.textContent = text;
    }
    this.queuePosition.hidden = !text;
  }

  setLink(state: LinkState): void {
    this.connection.hidden = state !== "reconnecting";
    this.connection.textContent = state === "reconnecting" ? t("reconnecting") : "";
  }

  /** The queue's announcements showing now; an unchanged list is left alone (no repeat for screen readers). */
  setAnnouncements(items: readonly Announcement[]): void {
    const key = items.map((a) => `${a.id}\n${a.text}`).join("\n\n");
    if (this.announcements.dataset["key"] === key) return;
    this.announcements.dataset["key"] = key;
    replaceChildren(this.announcements, ...items.map((a) => h("p", {}, a.text)));
    this.announcements.hidden = items.length === 0;
  }

  setUnread(count: number): void {
    this.unread = count;
    this.badge.hidden = count === 0;
    this.badge.textContent = count > 9 ? "9+" : String(count);
    this.updateLauncherLabel();
  }

  showEnd(visible: boolean): void {
    this.endButton.hidden = !visible;
    if (!visible) {
      this.showConfirm(false);
    }
  }

  showConfirm(visible: boolean): void {
    this.confirmBar.hidden = !visible;
    if (visible) {
      this.confirmBar.querySelector<HTMLButtonElement>("[data-part=end-cancel]")?.focus();
    }
  }

  /** Shows `content` in the body; `focus` says where keyboard focus goes when the panel is (or gets) open. */
  setBody(content: HTMLElement, focus: () => void): void {
    // Move focus along when it was in the panel, or nowhere at all (say, on a button that just went away).
    const lost = document.activeElement === null || document.activeElement === document.body;
    const moveFocus = this.isOpen && (this.hasFocusInside() || lost);
    replaceChildren(this.body, content);
    this.focusTarget = focus;
    if (moveFocus) {
      this.focusInside();
    }
  }

  private hasFocusInside(): boolean {
    const active = (this.root.getRootNode() as ShadowRoot).activeElement;
    return active !== null && this.panel.contains(active);
  }

  private focusInside(): void {
    if (this.focusTarget) {
      this.focusTarget();
    }
    if (!this.hasFocusInside()) {
      this.panel.focus();
    }
  }

  private updateLauncherLabel(): void {
    const label = this.isOpen ? t("closeChat") : this.unread > 0 ? t("openChatUnread", { count: this.unread }) : t("openChat");
    this.launcher.setAttribute("aria-label", label);
  }
}
