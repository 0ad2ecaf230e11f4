// The message list: one bubble per seq, always in seq order, plus pending bubbles (not yet acknowledged)
// at the end, keyed by clientMessageId.

import { renderAttachment } from "./attach";
import { h } from "./dom";
import { linkify } from "./links";
import { parseServerTime, type Message } from "./protocol";
import { t } from "./strings";

export type PendingView = "sending" | "queued" | "slow" | { error: string };

export class MessageList {
  readonly element: HTMLElement;
  private readonly bySeq = new Map<number, HTMLElement>();
  private readonly senders = new Map<number, Message["sender"]>();
  private seqs: number[] = [];
  private readonly pending = new Map<string, HTMLElement>();
  private contiguous = 0;

  /** `serverNow` is the current time on the server's clock (local clock corrected by the measured skew). */
  constructor(private readonly serverNow: () => number) {
    this.element = h("div", {
      class: "messages",
      role: "log",
      "aria-live": "polite",
      "aria-label": t("messagesLabel"),
      "data-part": "messages",
      tabindex: 0,
    });
  }

  /** Highest seq shown. */
  get maxSeq(): number {
    return this.seqs.length ? (this.seqs[this.seqs.length - 1] ?? 0) : 0;
  }

  /** Highest seq with every seq before it shown: the safe point to Resume from. */
  get contiguousSeq(): number {
    return this.contiguous;
  }

  /** Messages from agents or the system after `seq`. */
  unreadAfter(seq: number): number {
    let count = 0;
    for (const [s, sender] of this.senders) {
      if (s > seq && sender !== "customer") {
        count++;
      }
    }
    return count;
  }

  /** Shows a message unless its seq is already shown; replaces the pending bubble with the same clientMessageId. */
  add(message: Message): boolean {
    if (message.clientMessageId) {
      this.removePending(message.clientMessageId);
    }
    if (this.bySeq.has(message.seq)) {
      return false;
    }
    const stick = this.isNearBottom() || message.sender === "customer";
    const el = renderMessage(message, this.serverNow());
    const index = insertionIndex(this.seqs, message.seq);
    const next = this.seqs[index];
    const before = next !== undefined ? this.bySeq.get(next) : this.firstPending();
    this.element.insertBefore(el, before ?? null);
    this.seqs.splice(index, 0, message.seq);
    this.bySeq.set(message.seq, el);
    this.senders.set(message.seq, message.sender);
    while (this.bySeq.has(this.contiguous + 1)) {
      this.contiguous++;
    }
    if (stick) {
      this.scrollToBottom();
    }
    return true;
  }

  hasPending(clientMessageId: string): boolean {
    return this.pending.has(clientMessageId);
  }

  /** Shows (or updates) the bubble of a message the server has not acknowledged yet. */
  setPending(clientMessageId: string, text: string, view: PendingView): void {
    let el = this.pending.get(clientMessageId);
    if (!el) {
      el = h(
        "div",
        { class: "msg customer", "data-part": "message", "data-sender": "customer", "data-client-id": clientMessageId },
        h("div", { class: "bubble", "data-part": "message-text" }, text),
        h("div", { class: "meta", "data-part": "message-state" }),
      );
      this.pending.set(clientMessageId, el);
      this.element.appendChild(el);
      this.scrollToBottom();
    }
    const meta = el.querySelector<HTMLElement>(".meta");
    if (typeof view === "object") {
      el.removeAttribute("data-pending");
      el.setAttribute("data-failed", "");
      el.classList.add("failed");
      if (meta) meta.textContent = view.error;
    } else {
      el.setAttribute("data-pending", view);
      if (meta) meta.textContent = view === "sending" ? t("sending") : view === "slow" ? t("slowDown") : t("notSent");
    }
  }

  removePending(clientMessageId: string): void {
    this.pending.get(clientMessageId)?.remove();
    this.pending.delete(clientMessageId);
  }

  scrollToBottom(): void {
    this.element.scrollTop = this.element.scrollHeight;
  }

  private isNearBottom(): boolean {
    const el = this.element;
    return el.scrollHeight - el.scrollTop - el.clientHeight < 80;
  }

  private firstPending(): HTMLElement | undefined {
    for (const el of this.pending.values()) {
      return el;
    }
    return undefined;
  }
}

/** Binary search: where `seq` goes in the sorted `seqs`. */
function insertionIndex(seqs: readonly number[], seq: number): number {
  let lo = 0;
  let hi = seqs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((seqs[mid] ?? 0) < seq) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

function renderMessage(message: Message, serverNow: number): HTMLElement {
  const sender = message.sender === "agent" || message.sender === "customer" ? message.sender : "system";
  const when = formatTime(message.sentAt, serverNow);
  const time = h("time", { class: "time", "data-part": "message-time", datetime: message.sentAt, title: when.full }, when.short);
  if (sender === "system") {
    return h(
      "div",
      { class: "msg system", "data-part": "message", "data-seq": message.seq, "data-sender": sender },
      h("span", { "data-part": "message-text" }, ...linkify(message.text)),
      h("span", { class: "meta" }, " · ", time),
    );
  }
  return h(
    "div",
    { class: `msg ${sender}`, "data-part": "message", "data-seq": message.seq, "data-sender": sender },
    sender === "agent" && h("div", { class: "name" }, message.senderName || t("agentFallbackName")),
    h("div", { class: "bubble", "data-part": "message-text" }, ...(message.attachment ? [renderAttachment(message.attachment)] : linkify(message.text))),
    h("div", { class: "meta" }, time),
  );
}

/** A server time in the viewer's time zone: hour:minute, with the date when it is not today (by the server's clock). */
export function formatTime(iso: string, serverNow: number): { short: string; full: string } {
  const ms = parseServerTime(iso);
  if (Number.isNaN(ms)) {
    return { short: "", full: "" };
  }
  const date = new Date(ms);
  const time = date.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  const today = new Date(serverNow).toDateString() === date.toDateString();
  const short = today ? time : `${date.toLocaleDateString([], { month: "short", day: "numeric" })}, ${time}`;
  return { short, full: date.toLocaleString() };
}
