// REST calls of the customer API. Everything is relative to the server base the script was loaded from.

import type { ConversationInfo, LeaveMessageRequest, ProblemDetails, QueueInfo, StartRequest, StartResult } from "./protocol";
import { t } from "./strings";

/**
 * The server answered with an error status; `problem` is its problem details, when it sent any, and `retryAfterMs`
 * its `Retry-After`, when it said how long to wait.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: ProblemDetails | null,
    readonly retryAfterMs: number | null = null,
  ) {
    super(`HTTP ${status}`);
    this.name = "ApiError";
  }
}

/** True when the server says this conversation token is no good (missing, someone else's, unknown or long-closed chat). */
export function isSessionRejected(error: unknown): boolean {
  return error instanceof ApiError && [401, 403, 404, 410].includes(error.status);
}

export class Api {
  constructor(private readonly base: string) {}

  getQueue(name: string): Promise<QueueInfo> {
    return this.request<QueueInfo>(`/api/v1/queues/${encodeURIComponent(name)}`);
  }

  /** `idempotencyKey` is sent again with every retry of one start, so the server starts that chat once. */
  startConversation(body: StartRequest, idempotencyKey: string): Promise<StartResult> {
    return this.request<StartResult>("/api/v1/conversations", {
      method: "POST",
      body: JSON.stringify(body),
      headers: { "Idempotency-Key": idempotencyKey },
    });
  }

  /** The "leave a message" form; `idempotencyKey` is sent again with a retry, so the message is stored once. */
  leaveMessage(queue: string, body: LeaveMessageRequest, idempotencyKey: string): Promise<{ id: string }> {
    return this.request<{ id: string }>(`/api/v1/queues/${encodeURIComponent(queue)}/messages`, {
      method: "POST",
      body: JSON.stringify(body),
      headers: { "Idempotency-Key": idempotencyKey },
    });
  }

  getConversation(id: string, token: string): Promise<ConversationInfo> {
    return this.request<ConversationInfo>(`/api/v1/conversations/${encodeURIComponent(id)}`, {}, token);
  }

  async endConversation(id: string, token: string): Promise<void> {
    await this.request<unknown>(`/api/v1/conversations/${encodeURIComponent(id)}/end`, { method: "POST" }, token);
  }

  /** The satisfaction survey's answer: once per chat, within 24 hours of its end. */
  async rate(id: string, token: string, rating: number, comment: string | null): Promise<void> {
    await this.request<unknown>(`/api/v1/conversations/${encodeURIComponent(id)}/rating`, { method: "POST", body: JSON.stringify({ rating, comment }) }, token);
  }

  /** Mails the transcript: to `email`, or to the address given at the start when null. */
  async requestTranscript(id: string, token: string, email: string | null): Promise<void> {
    await this.request<unknown>(`/api/v1/conversations/${encodeURIComponent(id)}/transcript`, { method: "POST", body: JSON.stringify({ email }) }, token);
  }

  private async request<T>(path: string, init: RequestInit = {}, token?: string): Promise<T> {
    const headers: Record<string, string> = { Accept: "application/json", ...(init.headers as Record<string, string> | undefined) };
    if (init.body !== undefined) {
      headers["Content-Type"] = "application/json";
    }
    if (token) {
      headers["Authorization"] = `Bearer ${token}`;
    }
    // No cookies: the customer token is the only credential, so the host page's cookies never travel along.
    const response = await fetch(this.base + path, { ...init, headers, credentials: "omit", cache: "no-store" });
    if (!response.ok) {
      throw new ApiError(response.status, await readProblem(response), retryAfterOf(response));
    }
    if (response.status === 204 || !response.headers.get("Content-Type")?.includes("json")) {
      return undefined as T; // 202 Accepted and 204 No Content carry no body
    }
    return (await response.json()) as T;
  }
}

/** `Retry-After` in seconds or as an HTTP date, in milliseconds from now; null when absent or unreadable. */
function retryAfterOf(response: Response): number | null {
  const value = response.headers.get("Retry-After")?.trim();
  if (!value) {
    return null;
  }
  if (/^\d+$/.test(value)) {
    return Number(value) * 1000;
  }
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}

async function readProblem(response: Response): Promise<ProblemDetails | null> {
  try {
    const body: unknown = await response.json();
    return body !== null && typeof body === "object" ? (body as ProblemDetails) : null;
  } catch {
    return null;
  }
}

/** One validation message and the form field it is about (when we can tell). */
export interface FieldError {
  field: string | null;
  message: string;
}

/**
 * Turns a failed call into sentences a customer can read: the problem's `errors`, else its `detail`,
 * else a generic sentence. Never raw JSON.
 */
export function describeError(error: unknown): FieldError[] {
  if (!(error instanceof ApiError)) {
    return [{ field: null, message: t("networkError") }];
  }
  const problem = error.problem;
  const found: FieldError[] = [];
  if (problem?.errors && typeof problem.errors === "object") {
    for (const [key, value] of Object.entries(problem.errors)) {
      const messages = Array.isArray(value) ? value : [value];
      for (const message of messages) {
        if (typeof message === "string" && message.trim() && !found.some((f) => f.message === message)) {
          found.push({ field: fieldOf(key), message: readable(message) });
        }
      }
    }
  }
  if (found.length === 0 && typeof problem?.detail === "string" && problem.detail.trim()) {
    found.push({ field: null, message: readable(problem.detail) });
  }
  if (found.length === 0) {
    const fallback = error.status === 400 ? t("checkForm") : error.status === 503 ? t("queueFull") : t("genericError");
    found.push({ field: null, message: fallback });
  }
  return found;
}

/** Messages from the JSON reader ("The JSON value could not be converted…", "$.customer…") mean nothing to a customer. */
function readable(message: string): string {
  return /JSON|\$\.|^\s*[{[]/.test(message) ? t("checkForm") : message.trim();
}

/** Maps a problem `errors` key (`customer.name`, `Customer.Email`, `answers.topic`, `answers[topic]`, `$.x`) to a field. */
function fieldOf(key: string): string | null {
  const k = key.replace(/^\$\.?/, "");
  const lower = k.toLowerCase();
  if (lower === "name" || lower === "customer.name") {
    return "name";
  }
  if (lower === "email" || lower === "customer.email") {
    return "email";
  }
  if (lower === "text") {
    return "text";
  }
  const answer = /^answers(?:\.|\[['"]?)([^'"\]]+)/i.exec(k);
  return answer?.[1] ? `answer:${answer[1]}` : null;
}
