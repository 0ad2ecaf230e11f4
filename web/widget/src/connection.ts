// The SignalR connection to /hubs/customer: connect, never give up reconnecting, Resume after every
// (re)connect, then flush the outbox (messages are resent with the same clientMessageId, which the server
// deduplicates).

import { HubConnectionBuilder, HubConnectionState, LogLevel, type HubConnection, type RetryContext } from "@microsoft/signalr";
import type { Message, ResumeResult, SendResult, Status, TypingEvent } from "./protocol";
import type { PageVisibility } from "./page";
import type { OutboxItem } from "./storage";
import { t } from "./strings";

export type LinkState = "connecting" | "connected" | "reconnecting";
/** `slow`: the server asked us to slow down; the message goes out by itself in a moment. */
export type PendingState = "sending" | "queued" | "slow";

export interface ConnectionEvents {
  link(state: LinkState): void;
  /**
   * `statusCurrent` is false when a Status push arrived while Resume was answered: pushes and answers share the
   * connection, so that push is at least as new as the answer's status (a queued status read just before an
   * agent accepted would otherwise read as a transfer).
   */
  resumed(result: ResumeResult, statusCurrent: boolean): void;
  message(message: Message): void;
  typing(event: TypingEvent): void;
  status(status: Status): void;
  /** The server refused us in a way that may mean the session is gone; the owner should check and decide. */
  suspect(): void;
  pending(item: OutboxItem, state: PendingState): void;
  sent(item: OutboxItem, result: SendResult): void;
  failed(item: OutboxItem, error: string): void;
}

export interface OutboxStore {
  add(item: OutboxItem): void;
  remove(clientMessageId: string): void;
}

/** 0, 1 s, 2 s, 5 s, then every 10 s (plus a little jitter so a restarted server is not hit all at once). */
export function retryDelay(attempt: number): number {
  const steps = [0, 1000, 2000, 5000];
  const step = steps[attempt];
  return step ?? 10_000 + Math.floor(Math.random() * 1000);
}

/** The edge could not reach the core (broker or core restarting): the hub error starts with this; resend later, same id. */
const RETRY_MARKER = "[retry]";

function isRetryable(error: unknown): boolean {
  return error instanceof Error && error.message.includes(`HubException: ${RETRY_MARKER}`);
}

/** A connection that lasted this long counts as healthy again. */
const STABLE_MS = 10_000;

/** A negotiate failure carries the HTTP status only in its message: "…: Status code '401'". */
function isAuthFailure(error: unknown): boolean {
  return error instanceof Error && /Status code '(401|403|404)'/.test(error.message);
}

export class ChatConnection {
  private readonly hub: HubConnection;
  private readonly outbox: OutboxItem[];
  private state: LinkState = "connecting";
  private ready = false;
  private visibility: PageVisibility | null = null;
  private flushing = false;
  /** Sends in a row the server asked us to retry (core unreachable): they push the next attempt further out. */
  private unavailable = 0;
  private stopped = false;
  private looping = false;
  private wake: (() => void) | null = null;
  /** Connections in a row that died soon after opening: they push the next retry further out. */
  private flaps = 0;
  private connectedAt = 0;
  private readonly onOnline = () => this.wake?.();
  /** Set by the server's SlowDown push, which arrives just before the refusal of the call it is about. */
  private slowDownMs: number | null = null;
  /** Status pushes received so far: tells whether one arrived while a Resume was being answered. */
  private statusPushes = 0;
  /** Until when the outbox waits after a SlowDown (new messages join the wait instead of being refused too). */
  private slowUntil = 0;

  constructor(
    base: string,
    token: string,
    outbox: readonly OutboxItem[],
    private readonly afterSeq: () => number,
    private readonly store: OutboxStore,
    private readonly on: ConnectionEvents,
  ) {
    this.outbox = [...outbox];
    // No cookies (withCredentials: false): the token is the credential, and the server can allow any origin.
    this.hub = new HubConnectionBuilder()
      .withUrl(`${base}/hubs/customer`, { accessTokenFactory: () => token, withCredentials: false })
      .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (context) => this.nextDelay(context) })
      .configureLogging(LogLevel.Warning)
      .build();

    this.hub.on("Message", (message: Message) => on.message(message));
    this.hub.on("Typing", (event: TypingEvent) => on.typing(event));
    this.hub.on("Status", (status: Status) => {
      this.statusPushes++;
      on.status(status);
    });
    // The edge lost the core for a while (broker or core restart): events may have been missed, fetch them.
    this.hub.on("Resync", () => void this.resync());
    // The conversation spent its budget: the call being refused now is to be made again after this long.
    this.hub.on("SlowDown", (retryAfterMs: number) => {
      this.slowDownMs = Math.min(Math.max(Number(retryAfterMs) || 0, 100), 60_000);
    });
    this.hub.onreconnecting(() => {
      this.ready = false;
      this.noteDisconnect();
      this.setState("reconnecting");
    });
    this.hub.onreconnected(() => void this.afterConnect());
    this.hub.onclose(() => {
      // Only if automatic reconnect stopped anyway: start over with our own backoff.
      this.ready = false;
      if (!this.stopped) {
        this.noteDisconnect();
        this.setState("reconnecting");
        void this.connectLoop(1);
      }
    });
    window.addEventListener("online", this.onOnline);
  }

  /** Connected and resumed: messages sent now go straight out. */
  get isReady(): boolean {
    return this.ready;
  }

  start(): void {
    void this.connectLoop(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.ready = false;
    this.wake?.();
    window.removeEventListener("online", this.onOnline);
    try {
      await this.hub.stop();
    } catch {
      // Already stopped.
    }
  }

  /** Queues a message and sends it as soon as the connection is ready. */
  enqueue(item: OutboxItem): void {
    this.outbox.push(item);
    this.store.add(item);
    const waiting = Date.now() < this.slowUntil;
    // Connected to the edge while the core is out of reach (Resume keeps failing): not sent yet, and said so.
    const held = this.state === "reconnecting" || (!this.ready && this.unavailable > 0);
    this.on.pending(item, held ? "queued" : waiting ? "slow" : "sending");
    if (this.ready && !waiting) {
      void this.flush();
    }
  }

  /** The server has this message (seen in a push or Resume): forget it from the outbox. */
  acknowledge(clientMessageId: string): void {
    const index = this.outbox.findIndex((o) => o.clientMessageId === clientMessageId);
    if (index >= 0) {
      this.outbox.splice(index, 1);
      this.store.remove(clientMessageId);
    }
  }

  /** Drops every unsent message (the chat has ended); returns them. */
  drain(): OutboxItem[] {
    const items = this.outbox.splice(0);
    items.forEach((item) => this.store.remove(item.clientMessageId));
    return items;
  }

  /** The page's visibility: sent now when connected, else (and again after every reconnect and resync) once resumed. */
  pageVisibility(visibility: PageVisibility): void {
    this.visibility = visibility;
    this.sendVisibility();
  }

  private sendVisibility(): void {
    if (this.ready && this.visibility) {
      this.hub.send("PageVisibility", this.visibility).catch(() => undefined);
    }
  }

  typing(): void {
    if (this.ready) {
      this.hub.send("Typing").catch(() => undefined);
    }
  }

  /** Ends the chat over the hub; throws when not connected so the caller can fall back to REST. */
  async end(): Promise<void> {
    if (this.hub.state !== HubConnectionState.Connected) {
      throw new Error("Not connected.");
    }
    await this.hub.invoke("End");
  }

  private nextDelay(context: RetryContext): number {
    if (isAuthFailure(context.retryReason)) {
      this.on.suspect();
    }
    return retryDelay(context.previousRetryCount + this.flaps);
  }

  /** A connection that keeps dropping right after it opens must not turn into a tight reconnect loop. */
  private noteDisconnect(): void {
    this.flaps = Date.now() - this.connectedAt < STABLE_MS ? this.flaps + 1 : 0;
  }

  private setState(state: LinkState): void {
    if (this.state !== state) {
      this.state = state;
      this.on.link(state);
    }
  }

  private async connectLoop(firstAttempt: number): Promise<void> {
    if (this.looping) {
      return;
    }
    this.looping = true;
    try {
      for (let attempt = firstAttempt + this.flaps; ; attempt++) {
        await this.sleep(retryDelay(attempt));
        if (this.stopped) {
          return;
        }
        try {
          await this.hub.start();
          break;
        } catch (error) {
          if (this.stopped) {
            return;
          }
          this.setState("reconnecting");
          if (isAuthFailure(error)) {
            this.on.suspect();
          }
        }
      }
    } finally {
      this.looping = false;
    }
    await this.afterConnect();
  }

  private sleep(ms: number): Promise<void> {
    if (ms <= 0) {
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }

  private async afterConnect(): Promise<void> {
    if (this.stopped) {
      return;
    }
    this.connectedAt = Date.now();
    this.setState("connected");
    let result: ResumeResult;
    this.slowDownMs = null;
    const pushes = this.statusPushes;
    try {
      result = await this.hub.invoke<ResumeResult>("Resume", this.afterSeq());
    } catch (error) {
      const slowDown = this.takeSlowDown();
      if (slowDown !== null && !this.stopped) {
        // Limited, not refused: resume once the server says so.
        setTimeout(() => void this.afterConnect(), slowDown);
        return;
      }
      if (isRetryable(error) && !this.stopped) {
        // Connected to the edge, but the core is briefly unreachable: resume again shortly, nothing is wrong with the session.
        // What waits to be sent says so meanwhile.
        this.outbox.forEach((o) => this.on.pending(o, "queued"));
        setTimeout(() => void this.afterConnect(), retryDelay(Math.min(++this.unavailable, 4)));
        return;
      }
      if (this.hub.state === HubConnectionState.Connected && !this.stopped) {
        // The server refused to resume: let the owner check the session, and try again from scratch.
        this.on.suspect();
        await this.hub.stop().catch(() => undefined);
      }
      return;
    }
    if (this.stopped) {
      return;
    }
    this.unavailable = 0;
    this.on.resumed(result, this.statusPushes === pushes);
    this.ready = this.hub.state === HubConnectionState.Connected;
    this.sendVisibility();
    void this.flush();
  }

  /** The wait the server asked for with the refusal just received, if it was a SlowDown; clears it. */
  private takeSlowDown(): number | null {
    const wait = this.slowDownMs;
    this.slowDownMs = null;
    return wait;
  }

  private async resync(): Promise<void> {
    if (!this.ready || this.stopped) {
      return;
    }
    try {
      const pushes = this.statusPushes;
      const result = await this.hub.invoke<ResumeResult>("Resume", this.afterSeq());
      if (!this.stopped) {
        this.on.resumed(result, this.statusPushes === pushes);
        // The core may have restarted and forgotten the page's visibility (it keeps it in memory only): tell it again.
        this.sendVisibility();
        void this.flush();
      }
    } catch {
      // The next Resync or reconnect tries again.
    }
  }

  private async flush(): Promise<void> {
    if (this.flushing) {
      return;
    }
    this.flushing = true;
    try {
      while (this.ready && !this.stopped) {
        const item = this.outbox[0];
        if (!item) {
          return;
        }
        this.on.pending(item, "sending");
        this.slowDownMs = null;
        try {
          const result = await this.hub.invoke<SendResult>("Send", item.clientMessageId, item.text);
          this.unavailable = 0;
          this.acknowledge(item.clientMessageId);
          this.on.sent(item, result);
        } catch (error) {
          if (this.stopped) {
            return;
          }
          if (this.hub.state !== HubConnectionState.Connected) {
            // A connection problem: keep everything, resend with the same ids after the next Resume.
            this.outbox.forEach((o) => this.on.pending(o, "queued"));
            return;
          }
          const slowDown = this.takeSlowDown();
          if (slowDown !== null) {
            // Sent faster than the conversation's budget: not a rejection and not a failure. Keep the messages
            // ("Sending in a moment…") and send them again, same ids, once the server's wait is over.
            this.outbox.forEach((o) => this.on.pending(o, "slow"));
            this.slowUntil = Date.now() + slowDown;
            setTimeout(() => void this.flush(), slowDown);
            return;
          }
          if (isRetryable(error)) {
            // The chat service is briefly unreachable: keep the message ("Not sent yet — will retry"), resend it with the same id.
            this.outbox.forEach((o) => this.on.pending(o, "queued"));
            setTimeout(() => void this.flush(), retryDelay(Math.min(++this.unavailable, 4)));
            return;
          }
          // The server answered with an error (HubException): show it, do not retry.
          this.acknowledge(item.clientMessageId);
          this.on.failed(item, hubErrorText(error));
        }
      }
    } finally {
      this.flushing = false;
    }
  }
}

/**
 * The server sends a HubException as "An unexpected error occurred invoking 'Send' on the server. HubException: <sentence>";
 * the sentence is for customers, any other failure gets a generic one.
 */
function hubErrorText(error: unknown): string {
  const message = error instanceof Error ? error.message.trim() : "";
  const sentence = /HubException: ([\s\S]+)$/.exec(message)?.[1]?.trim();
  if (sentence) {
    return sentence;
  }
  return !message || /unexpected error|Exception/i.test(message) ? t("sendFailed") : message;
}
