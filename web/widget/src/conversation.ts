// One conversation, from "Connecting…" to "This chat has ended": its chat view, its hub connection, its status.

import { uploadFile } from "./attach";
import { Afterword } from "./afterword";
import { isSessionRejected, type Api } from "./api";
import { ChatView } from "./chatview";
import { watchPage } from "./page";
import { ChatConnection, type ConnectionEvents } from "./connection";
import { parseServerTime, type ConversationState, type Message, type ResumeResult, type Status } from "./protocol";
import type { Session, SessionStore } from "./storage";
import { t } from "./strings";
import { uuid } from "./uuid";
import type { Shell } from "./view";

export interface ConversationHost {
  readonly base: string;
  readonly api: Api;
  readonly store: SessionStore;
  readonly shell: Shell;
  /** The session is no good any more (token rejected, or over when reopened after a reload): forget it. */
  discard(): void;
  /** The customer wants a new chat. */
  newChat(): void;
  /** Messages were added (the unread count may have changed). */
  changed(): void;
  /** The chat is in this queue now (a transfer or overflow may have moved it). */
  queueNamed(displayName: string): void;
}

const TYPING_INTERVAL_MS = 2000;

export class Conversation {
  readonly view: ChatView;
  /** A Status push named the queue since the last Resume answer. */
  private pushNamedQueue = false;
  private connection: ChatConnection;
  private state: ConversationState | null = null;
  private resumedOnce = false;
  /** An agent had the chat; a later "queued" means it is being transferred (to a queue, or by overflow). */
  private hadAgent = false;
  private transferring = false;
  private disposed = false;
  private unwatchPage: (() => void) | null = null;
  private verifying = false;
  private skewMs = 0;
  private lastTypingSent = 0;

  /** `restored`: the session came from storage (a reload), not from the pre-chat form just now. */
  constructor(
    readonly session: Session,
    private readonly restored: boolean,
    private readonly host: ConversationHost,
    initial: Status | null = null,
  ) {
    this.view = new ChatView(() => Date.now() + this.skewMs, {
      send: (text) => this.send(text),
      attach: (file) => uploadFile(this.host.base, this.session.conversationId, this.session.customerToken, file),
      typing: () => this.typing(),
      newChat: () => host.newChat(),
    });
    // From storage only the unsent messages are shown; the history comes from Resume(0).
    for (const item of session.outbox) {
      this.view.list.setPending(item.clientMessageId, item.text, "queued");
    }
    const id = session.conversationId;
    this.connection = new ChatConnection(
      host.base,
      session.customerToken,
      session.outbox,
      () => this.view.list.contiguousSeq,
      { add: (item) => host.store.addToOutbox(id, item), remove: (cid) => host.store.removeFromOutbox(id, cid) },
      this.events(),
    );
    host.shell.setBody(this.view.element, () => this.view.focus());
    host.shell.setStatus(t("connecting"));
    host.shell.setQueuePosition("");
    host.shell.showEnd(true);
    host.shell.setLink("connecting");
    if (initial && initial.state !== "ended") {
      // The start answer already says where we stand: show it while the hub connects.
      this.applyStatus(initial);
    }
  }

  get ended(): boolean {
    return this.state === "ended";
  }

  /** Connects. After a reload, first asks the REST API whether the stored session is still good. */
  async start(): Promise<void> {
    if (this.restored) {
      try {
        const info = await this.host.api.getConversation(this.session.conversationId, this.session.customerToken);
        if (this.disposed) return;
        if (info.status.state === "ended") {
          this.host.discard();
          return;
        }
        this.applyStatus(info.status);
      } catch (error) {
        if (this.disposed) return;
        if (isSessionRejected(error)) {
          this.host.discard();
          return;
        }
        // Server unreachable: the connection keeps trying.
      }
    }
    this.unwatchPage = watchPage((visibility) => this.connection.pageVisibility(visibility));
    this.connection.start();
  }

  dispose(): void {
    this.disposed = true;
    this.unwatchPage?.();
    this.view.dispose();
    void this.connection.stop();
  }

  /** Ends the chat (after the customer confirmed): over the hub, or over REST when the hub is down. */
  async end(): Promise<void> {
    if (this.ended) return;
    try {
      await this.connection.end();
    } catch {
      try {
        await this.host.api.endConversation(this.session.conversationId, this.session.customerToken);
      } catch (error) {
        if (!isSessionRejected(error)) {
          if (!this.disposed) this.host.shell.setStatus(t("endFailed"));
          return;
        }
      }
    }
    if (this.disposed) return;
    this.applyStatus({ state: "ended" });
    if (this.host.shell.isOpen) this.view.focus();
  }

  private events(): ConnectionEvents {
    const live = () => !this.disposed;
    const view = this.view;
    return {
      link: (state) => live() && !this.ended && this.host.shell.setLink(state),
      resumed: (result, statusCurrent) => live() && this.resumed(result, statusCurrent),
      message: (message) => live() && this.accept(message),
      typing: (event) => live() && event.sender !== "customer" && event.name && view.showTyping(event.name),
      status: (status) => {
        if (!live()) return;
        this.pushNamedQueue ||= !!status.queueDisplayName;
        this.applyStatus(status);
      },
      suspect: () => live() && void this.verify(),
      pending: (item, state) => live() && view.list.setPending(item.clientMessageId, item.text, state),
      failed: (item, error) => live() && view.list.setPending(item.clientMessageId, item.text, { error }),
      sent: (item, result) =>
        live() &&
        this.accept({
          seq: result.seq,
          sentAt: result.sentAt,
          sender: "customer",
          senderName: this.session.customerName,
          text: item.text,
          clientMessageId: item.clientMessageId,
        }),
    };
  }

  private resumed(result: ResumeResult, statusCurrent: boolean): void {
    const server = parseServerTime(result.serverTime);
    if (!Number.isNaN(server)) {
      this.skewMs = server - Date.now();
    }
    if (result.status.state === "ended" && this.restored && !this.resumedOnce) {
      this.host.discard();
      return;
    }
    this.resumedOnce = true;
    for (const message of result.messages) {
      this.accept(message);
    }
    if (statusCurrent) {
      this.applyStatus(result.status);
    } else if (!this.pushNamedQueue && result.status.queueDisplayName) {
      // A newer status came meanwhile, without the queue's name: the name is still news.
      this.host.queueNamed(result.status.queueDisplayName);
    }
    this.pushNamedQueue = false;
  }

  /** Shows a message once (by seq), replacing its pending bubble and forgetting it from the outbox. */
  private accept(message: Message): void {
    if (message.clientMessageId) {
      this.connection.acknowledge(message.clientMessageId);
    }
    if (!this.view.list.add(message)) return;
    if (message.sender === "agent") {
      this.view.hideTyping(message.senderName ?? undefined);
    }
    this.host.changed();
  }

  private applyStatus(status: Status): void {
    if (this.ended) return;
    if (status.queueDisplayName) {
      this.host.queueNamed(status.queueDisplayName);
    }
    this.state = status.state;
    if (status.state === "assigned") {
      this.hadAgent = true;
      this.transferring = false;
    } else if (status.state === "queued" && this.hadAgent) {
      this.transferring = true;
    }
    this.host.shell.setStatus(this.transferring && status.state === "queued" ? t("transferring") : statusText(status));
    this.host.shell.setQueuePosition(positionText(status));
    if (status.state === "ended") {
      this.finish();
    }
  }

  /**
   * Over: keep the transcript, replace the composer by the survey, "Email me the transcript" and "Start a new chat",
   * forget the stored session.
   */
  private finish(): void {
    this.host.shell.showEnd(false);
    this.host.shell.setLink("connected");
    this.view.setEnded(true);
    for (const item of this.connection.drain()) {
      this.view.list.setPending(item.clientMessageId, item.text, { error: t("endedNotSent") });
    }
    void this.connection.stop();
    this.host.store.clear(this.session.conversationId);
    const { conversationId: id, customerToken: token } = this.session;
    const api = this.host.api;
    const afterword = new Afterword({
      rate: (rating, comment) => api.rate(id, token, rating, comment),
      mailTranscript: (email) => api.requestTranscript(id, token, email),
    }, this.session.email ?? null);
    this.view.setAfterword(afterword.element);
    // Whether to ask, and in which words, is the server's to say (the queue's workflow, not rated yet).
    api.getConversation(id, token).then((info) => !this.disposed && info.survey && afterword.showSurvey(info.survey), () => undefined);
  }

  private send(text: string): boolean {
    if (this.ended) return false;
    this.connection.enqueue({ clientMessageId: uuid(), text });
    this.lastTypingSent = 0;
    return true;
  }

  private typing(): void {
    const now = Date.now();
    if (now - this.lastTypingSent >= TYPING_INTERVAL_MS) {
      this.lastTypingSent = now;
      this.connection.typing();
    }
  }

  /** The hub turned us away: ask the REST API whether this session is still good. */
  private async verify(): Promise<void> {
    if (this.verifying) return;
    this.verifying = true;
    try {
      const info = await this.host.api.getConversation(this.session.conversationId, this.session.customerToken);
      if (!this.disposed && info.status.state === "ended") {
        if (this.restored && !this.resumedOnce) this.host.discard();
        else this.applyStatus(info.status);
      }
    } catch (error) {
      if (!this.disposed && isSessionRejected(error)) this.host.discard();
    } finally {
      this.verifying = false;
    }
  }
}

export function statusText(status: Status): string {
  switch (status.state) {
    case "queued":
      return t("queued");
    case "assigned":
      return status.agentName ? t("assigned", { agentName: status.agentName }) : t("assignedNoName");
    case "ended":
      return t("ended");
    default:
      return "";
  }
}

/** "less than a minute", "about 2 minutes", "more than an hour". */
export function waitText(seconds: number): string {
  if (seconds < 60) {
    return t("waitUnderMinute");
  }
  const minutes = Math.round(seconds / 60);
  if (minutes <= 1) {
    return t("waitMinute");
  }
  return minutes > 60 ? t("waitOverHour") : t("waitMinutes", { count: minutes });
}

/** The place in line with the estimate, while queued ("You are number 3 — about 2 minutes"); else "". */
export function positionText(status: Status): string {
  const position = status.position;
  if (status.state !== "queued" || typeof position !== "number" || !Number.isFinite(position) || position < 1) {
    return "";
  }
  const seconds = status.estimatedWaitSeconds;
  const wait = typeof seconds === "number" && Number.isFinite(seconds) && seconds >= 0 ? waitText(seconds) : null;
  const next = position === 1;
  if (wait) {
    return next ? t("queueNextWait", { wait }) : t("queuePositionWait", { position, wait });
  }
  // No number rather than a false one; say why when the server knows.
  switch (status.noEstimate) {
    case "agentsBusy":
      return next ? t("queueNextBusy") : t("queuePositionBusy", { position });
    case "nobodyServing":
      return next ? t("queueNextNobody") : t("queuePositionNobody", { position });
    default:
      return next ? t("queueNext") : t("queuePosition", { position });
  }
}
