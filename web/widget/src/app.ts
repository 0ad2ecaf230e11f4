// The widget as a whole: launcher and panel, the pre-chat form, the stored session, the unread badge.

import { setFileBase } from "./attach";
import { Api, ApiError, describeError, type FieldError } from "./api";
import { Conversation, type ConversationHost } from "./conversation";
import { customerContext } from "./page";
import { availabilityLine, isHidden, takesMessages } from "./availability";
import { notice, PrechatForm, type PrechatValues } from "./prechat";
import { isTransient, StartRetry, type AttemptOutcome } from "./startretry";
import type { QueueInfo, StartResult, Status } from "./protocol";
import { SessionStore, VisitorStore, type Session } from "./storage";
import { t } from "./strings";
import { uuid } from "./uuid";
import { Shell } from "./view";

/** How often a hidden widget asks whether it may show again (the queue opened, an agent signed in). */
const HIDDEN_RECHECK_MS = 60_000;

/** How often an open panel asks for the queue again, so announcements come and go before and during a chat. */
const REFRESH_MS = 60_000;

/** One start attempt: to be retried, or answered — started (`refused` null) or refused with the reasons. */
type StartOutcome = Extract<AttemptOutcome, { retry: true }> | { retry: false; refused: FieldError[] | null };

export interface Config {
  /** Server base URL: origin plus path prefix, no trailing slash. */
  base: string;
  queue: string;
  title: string | null;
}

/** The browser's IANA time zone, so a mailed transcript shows the customer's own times. */
function timeZone(): { timeZone?: string } {
  try {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    return zone ? { timeZone: zone } : {};
  } catch {
    return {};
  }
}

export class App implements ConversationHost {
  readonly base: string;
  readonly api: Api;
  readonly store: SessionStore;
  readonly visitor: VisitorStore;
  readonly shell: Shell;
  private queueInfo: QueueInfo | null = null;
  private queueLoad: Promise<QueueInfo> | null = null;
  private conversation: Conversation | null = null;
  private showingPrechat = false;
  /** Bumped whenever the body changes hands; late answers meant for an older body are dropped. */
  private generation = 0;
  private lastName = "";
  /** The display name of the queue the current chat is in, once the server named it (it may have moved). */
  private chatQueueName: string | null = null;
  /** The pre-chat form on show (or behind the retry notice), so what the customer typed survives a retry. */
  private form: PrechatForm | null = null;
  /** The Idempotency-Key of the start being tried: the same for every retry, new after the server's answer. */
  private startKey: string | null = null;
  private retry: StartRetry | null = null;
  /** While the queue's policy hides the widget: the timer that asks again whether it may show. */
  private hiddenRecheck: ReturnType<typeof setTimeout> | null = null;
  /** The Idempotency-Key of the message being sent (the same for a retry after no answer). */
  private messageKey: string | null = null;
  /** While the panel is open: the timer that fetches the queue again (its announcements). */
  private refresh: ReturnType<typeof setInterval> | null = null;

  constructor(private readonly config: Config) {
    this.base = config.base;
    setFileBase(config.base);
    this.api = new Api(config.base);
    this.store = new SessionStore(config.base, config.queue);
    this.visitor = new VisitorStore(config.base);
    this.shell = new Shell({
      opened: () => this.opened(),
      closed: () => this.panelClosed(),
      endConfirmed: () => void this.conversation?.end(),
    });
    this.applyTitle();
  }

  /**
   * Resumes a stored chat, if any. Without one it asks once whether the queue shows the widget now (a queue may hide it
   * out of hours); until the answer the launcher shows, so a slow or failed answer never hides a working chat.
   */
  start(): void {
    const session = this.store.load();
    if (session) {
      this.lastName = session.customerName;
      this.enterChat(session, true);
      // Reloaded mid-chat with the panel open: open it again, without taking the page's focus.
      if (session.open) {
        this.shell.open(false);
      }
      return;
    }
    this.checkHidden();
  }

  /** Hides the launcher while the queue's policy says so, and asks again every minute meanwhile. */
  private checkHidden(): void {
    this.queueLoad = null;
    this.loadQueue().then(
      (info) => {
        const hidden = isHidden(info.availability) && !this.conversation;
        this.shell.setLauncherVisible(!hidden);
        if (hidden) {
          this.hiddenRecheck = setTimeout(() => this.checkHidden(), HIDDEN_RECHECK_MS);
        }
      },
      () => undefined,
    );
  }

  queueNamed(displayName: string): void {
    this.chatQueueName = displayName;
    this.applyTitle();
  }

  // ---- ConversationHost -----------------------------------------------------------------------------------

  discard(): void {
    this.newChat();
  }

  newChat(): void {
    if (this.conversation) {
      this.store.clear(this.conversation.session.conversationId);
      this.conversation.dispose();
      this.conversation = null;
    }
    this.chatQueueName = null;
    this.applyTitle();
    this.generation++;
    this.shell.setUnread(0);
    this.shell.setStatus("");
    this.shell.setQueuePosition("");
    this.shell.showEnd(false);
    this.shell.setLink("connected");
    if (this.shell.isOpen) {
      this.showPrechat();
    }
  }

  changed(): void {
    const conversation = this.conversation;
    if (!conversation) {
      this.shell.setUnread(0);
      return;
    }
    const { session, view } = conversation;
    if (!this.shell.isOpen) {
      this.shell.setUnread(view.list.unreadAfter(session.readSeq));
      return;
    }
    const seen = view.list.maxSeq;
    if (seen > session.readSeq) {
      session.readSeq = seen;
      this.store.update(session.conversationId, (s) => (s.readSeq = Math.max(s.readSeq, seen)));
    }
    this.shell.setUnread(0);
  }

  // ---- panel and pre-chat ------------------------------------------------------------------------------------

  private opened(): void {
    this.rememberOpen(true);
    if (!this.showingPrechat) {
      // What the queue offers may have changed since the page loaded (it opened, agents left, an announcement): ask again.
      this.queueLoad = null;
    }
    this.loadQueue().catch(() => undefined);
    this.refresh ??= setInterval(() => {
      this.queueLoad = null;
      this.loadQueue().catch(() => undefined);
    }, REFRESH_MS);
    if (!this.conversation) {
      this.showPrechat();
    }
    this.conversation?.view.list.scrollToBottom();
    this.changed();
  }

  /**
   * Closing the panel stops what was being retried: a start (the form comes back with what the customer typed), or
   * loading the form (opening the panel again tries again at once).
   */
  private panelClosed(): void {
    this.rememberOpen(false);
    if (this.refresh) {
      clearInterval(this.refresh);
      this.refresh = null;
    }
    if (!this.retry) {
      return;
    }
    this.stopRetry();
    const form = this.form;
    if (form) {
      form.idle();
      this.shell.setBody(form.element, () => form.focus());
    } else {
      this.generation++;
      this.showingPrechat = false;
    }
  }

  private stopRetry(): void {
    this.retry?.stop();
    this.retry = null;
  }

  private applyTitle(): void {
    this.shell.setTitle(this.config.title || this.chatQueueName || this.queueInfo?.displayName || t("defaultTitle"));
  }

  /** Whether the panel is open is kept with the chat, so a reload mid-chat shows it as it was. */
  private rememberOpen(open: boolean): void {
    const id = this.conversation?.session.conversationId;
    if (id) {
      this.store.update(id, (s) => (s.open = open));
    }
  }

  private loadQueue(): Promise<QueueInfo> {
    this.queueLoad ??= this.api.getQueue(this.config.queue).then(
      (info) => {
        this.queueInfo = info;
        this.applyTitle();
        this.shell.setAnnouncements(info.announcements ?? []);
        return info;
      },
      (error: unknown) => {
        this.queueLoad = null;
        throw error;
      },
    );
    return this.queueLoad;
  }

  private showPrechat(): void {
    if (this.showingPrechat || this.conversation) {
      return;
    }
    const gen = ++this.generation;
    this.showingPrechat = true;
    this.shell.setBody(notice(t("loading")), () => undefined);
    this.loadQueue().then(
      (info) => {
        if (gen !== this.generation) return;
        this.showForm(info);
      },
      (error: unknown) => {
        if (gen !== this.generation) return;
        if (!isTransient(error, false)) {
          this.showQueueError(error);
          return;
        }
        // The service cannot be reached: keep trying in the background, and show the form once it answers.
        const retry = new StartRetry(async () => {
          try {
            const info = await this.loadQueue();
            if (this.retry === retry) {
              this.stopRetry();
              this.showForm(info);
            }
            return { retry: false };
          } catch (next) {
            if (isTransient(next, true)) {
              return { retry: true, retryAfterMs: next instanceof ApiError ? next.retryAfterMs : null };
            }
            if (this.retry === retry) {
              this.stopRetry();
              this.showQueueError(next);
            }
            return { retry: false };
          }
        }, error instanceof ApiError ? error.retryAfterMs : null, { retrying: "loadRetrying", gaveUp: "loadRetryGaveUp" });
        this.retry = retry;
        this.shell.setBody(retry.element, () => retry.focus());
      },
    );
  }

  private showForm(info: QueueInfo): void {
    const message = takesMessages(info.availability);
    const form = new PrechatForm(info, this.lastName, (values) => (message ? this.leaveMessage(values) : this.startChat(values)), {
      mode: message ? "message" : "chat",
      line: availabilityLine(info.availability),
    });
    this.form = form;
    this.shell.setBody(form.element, () => form.focus());
  }

  /** The "leave a message" form's submit: once sent, a thank-you in place of the form. */
  private async leaveMessage(values: PrechatValues): Promise<FieldError[] | null> {
    this.messageKey ??= uuid();
    try {
      await this.api.leaveMessage(this.config.queue, { customer: { name: values.name, email: values.email }, text: values.text, answers: values.answers }, this.messageKey);
    } catch (error) {
      if (!isTransient(error, false)) {
        this.messageKey = null; // refused: a corrected message is a new one
      }
      return describeError(error);
    }
    this.messageKey = null;
    this.lastName = values.name;
    this.form = null;
    const thanks = notice(t("messageSent", { email: values.email }), { title: t("messageSentTitle", { name: values.name }) });
    this.shell.setBody(thanks, () => thanks.focus());
    return null;
  }

  private showQueueError(error: unknown): void {
    const notFound = error instanceof ApiError && error.status === 404;
    const retry = () => {
      this.showingPrechat = false;
      this.showPrechat();
    };
    const body = notice(notFound ? t("queueNotFound") : t("queueUnavailable"), { error: true, retry: notFound ? undefined : retry });
    this.shell.setBody(body, () => body.querySelector("button")?.focus());
  }

  /** The form's submit: one attempt; when the service cannot be reached, the retry notice takes over. */
  private async startChat(values: PrechatValues): Promise<FieldError[] | null> {
    this.stopRetry();
    const outcome = await this.attemptStart(values, false);
    if (outcome.retry) {
      const retry = new StartRetry(async () => {
        const next = await this.attemptStart(values, true);
        if (!next.retry && next.refused && this.retry === retry) {
          // Refused while retrying (say, the queue filled up meanwhile): back to the form, with the reason.
          this.showRefused(next.refused);
        }
        return next;
      }, outcome.retryAfterMs);
      this.retry = retry;
      this.shell.setBody(retry.element, () => retry.focus());
      return null;
    }
    return outcome.refused;
  }

  private showRefused(errors: FieldError[]): void {
    this.stopRetry();
    const form = this.form;
    if (form) {
      this.shell.setBody(form.element, () => form.focus());
      form.fail(errors);
    }
  }

  /**
   * Sends the start once, with the key every retry of it shares: if an earlier attempt did start the chat and only
   * its answer was lost, the server answers that chat. On success the chat opens.
   */
  private async attemptStart(values: PrechatValues, retrying: boolean): Promise<StartOutcome> {
    const gen = this.generation;
    const customer = { name: values.name, ...(values.email ? { email: values.email } : {}), ...timeZone() };
    this.startKey ??= uuid();
    let result: StartResult;
    try {
      const visitorToken = this.visitor.load();
      result = await this.api.startConversation(
        {
          queue: this.config.queue,
          customer,
          answers: values.answers,
          ...(visitorToken ? { visitorToken } : {}),
          context: customerContext(),
        },
        this.startKey,
      );
    } catch (error) {
      if (isTransient(error, retrying)) {
        return { retry: true, retryAfterMs: error instanceof ApiError ? error.retryAfterMs : null };
      }
      // An answer (a full queue, a refused form): the next start is a new one. describeError shows the sentence.
      this.startKey = null;
      return { retry: false, refused: describeError(error) };
    }
    this.startKey = null;
    this.stopRetry();
    this.visitor.save(result.visitorToken);
    if (gen !== this.generation) return { retry: false, refused: null };
    this.lastName = values.name;
    const session: Session = {
      conversationId: result.conversationId,
      customerToken: result.customerToken,
      customerName: values.name,
      ...(values.email ? { email: values.email } : {}),
      outbox: [],
      readSeq: 0,
      open: this.shell.isOpen,
    };
    this.store.save(session);
    this.form = null;
    this.enterChat(session, false, result.status ?? null);
    return { retry: false, refused: null };
  }

  private enterChat(session: Session, restored: boolean, status: Status | null = null): void {
    if (this.hiddenRecheck) {
      clearTimeout(this.hiddenRecheck);
      this.hiddenRecheck = null;
    }
    this.conversation?.dispose();
    this.generation++;
    this.showingPrechat = false;
    this.conversation = new Conversation(session, restored, this, status);
    void this.conversation.start();
  }
}
