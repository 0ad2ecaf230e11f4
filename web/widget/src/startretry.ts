// Starting a chat while the chat service cannot be reached (the core is restarting, the network is down): the
// widget says so calmly and tries again in the background — after 1, 2, 4 … seconds, at most 30, never sooner than
// the server's Retry-After, with some jitter so that many waiting customers do not all come back at once — until the
// chat starts, the customer closes the panel, or five minutes have passed. "Try now" tries at once.

import { ApiError } from "./api";
import { h } from "./dom";
import { t, type StringKey } from "./strings";

export const retryPolicy = {
  firstMs: 1_000,
  maxMs: 30_000,
  /** Up to this share is added at random to each wait. */
  jitter: 0.25,
  /** A Retry-After beyond this is not waited for in full. */
  maxRetryAfterMs: 5 * 60_000,
  /** After this long without an answer the widget stops trying and asks the customer to try again later. */
  giveUpAfterMs: 5 * 60_000,
};

/**
 * Whether a failed start may succeed if simply sent again: the service could not be reached (no answer at all, a
 * gateway's 502/504, a 503 saying when to come back, or one from a proxy without problem details). A full queue —
 * a 503 with the server's sentence and no Retry-After — or a refused form is an answer: shown, not retried.
 * While already retrying, a 429 (the start limit) waits its Retry-After too.
 */
export function isTransient(error: unknown, retrying: boolean): boolean {
  if (!(error instanceof ApiError)) {
    return true;
  }
  // Many customers behind one address retrying at once may meet the start limit: wait as told and go on.
  if (retrying && error.status === 429) {
    return true;
  }
  return error.status === 502 || error.status === 504 || (error.status === 503 && (error.retryAfterMs !== null || error.problem === null));
}

/** How long to wait before retry number `attempt` (1, 2, …). */
export function retryDelay(attempt: number, retryAfterMs: number | null, random: () => number = Math.random): number {
  const backoff = Math.min(retryPolicy.maxMs, retryPolicy.firstMs * 2 ** Math.max(0, attempt - 1));
  const wait = Math.max(backoff, Math.min(retryAfterMs ?? 0, retryPolicy.maxRetryAfterMs));
  return Math.round(wait * (1 + retryPolicy.jitter * random()));
}

/** What one attempt came to: `retry` (with the server's Retry-After, if any), or finished (started, or refused). */
export type AttemptOutcome = { retry: true; retryAfterMs: number | null } | { retry: false };

/** The body shown while retrying: what is going on, and "Try now". Owns the timer; `stop` ends it for good. */
export class StartRetry {
  readonly element: HTMLElement;
  private readonly title: HTMLElement;
  private readonly text: HTMLElement;
  private readonly nowButton: HTMLButtonElement;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private attempts = 0;
  private since = Date.now();
  private inFlight = false;
  private stopped = false;

  /** `words` say what is being retried: a start (the default), or loading the form. */
  constructor(
    private readonly attempt: () => Promise<AttemptOutcome>,
    firstRetryAfterMs: number | null,
    private readonly words: { retrying: StringKey; gaveUp: StringKey } = { retrying: "startRetrying", gaveUp: "startRetryGaveUp" },
  ) {
    this.title = h("p", { class: "retry-title", "data-part": "start-retry-title" });
    this.text = h("p", { class: "muted" });
    this.nowButton = h("button", { type: "button", class: "btn btn-secondary", "data-part": "start-retry-now" }, t("startRetryNow"));
    this.nowButton.addEventListener("click", () => this.tryNow());
    this.element = h(
      "div",
      { class: "prechat notice retry", role: "status", "data-part": "start-retry" },
      h("span", { class: "spinner", "aria-hidden": "true" }),
      this.title,
      this.text,
      this.nowButton,
    );
    this.show(false);
    this.schedule(firstRetryAfterMs);
  }

  focus(): void {
    this.nowButton.focus();
  }

  /** The customer closed the panel (or the chat started): no more attempts from here. */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  /** Tries at once; the five minutes start again. */
  tryNow(): void {
    if (this.inFlight || this.stopped) {
      return;
    }
    this.since = Date.now();
    this.show(false);
    void this.run();
  }

  private schedule(retryAfterMs: number | null): void {
    clearTimeout(this.timer);
    this.attempts++;
    this.timer = setTimeout(() => void this.run(), retryDelay(this.attempts, retryAfterMs));
  }

  private async run(): Promise<void> {
    clearTimeout(this.timer);
    this.inFlight = true;
    this.nowButton.setAttribute("aria-disabled", "true");
    let outcome: AttemptOutcome;
    try {
      outcome = await this.attempt();
    } finally {
      this.inFlight = false;
      this.nowButton.removeAttribute("aria-disabled");
    }
    if (this.stopped || !outcome.retry) {
      return;
    }
    if (Date.now() - this.since >= retryPolicy.giveUpAfterMs) {
      this.show(true);
      return;
    }
    this.schedule(outcome.retryAfterMs);
  }

  private show(gaveUp: boolean): void {
    this.title.textContent = gaveUp ? t("startRetryGaveUpTitle") : t("startRetryTitle");
    this.text.textContent = t(gaveUp ? this.words.gaveUp : this.words.retrying);
    this.element.setAttribute("aria-busy", String(!gaveUp));
  }
}
