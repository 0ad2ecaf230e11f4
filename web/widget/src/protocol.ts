// The shapes of the customer API and hub (docs/api.md, "Customer API"). JSON is camelCase, enums lower-case.

import type { CustomerContext } from "./page";

export type Sender = "customer" | "agent" | "system";

export interface Message {
  seq: number;
  sender: Sender;
  senderName: string | null;
  text: string;
  /** Server time, ISO-8601 with offset. */
  sentAt: string;
  clientMessageId: string | null;
  /** A file the message carries, with links minted for this read (they expire). */
  attachment?: Attachment | null;
}

export interface Attachment {
  id: string;
  name: string;
  contentType: string;
  size: number;
  url: string;
  previewUrl: string | null;
}

export type ConversationState = "queued" | "assigned" | "ended";

export type NoEstimateReason = "nobodyServing" | "agentsBusy";

export interface Status {
  state: ConversationState;
  agentName?: string | null;
  /** 1 = next in line; only while queued. */
  position?: number | null;
  /** Estimated seconds until an agent answers; null when there is no honest estimate (see noEstimate). */
  estimatedWaitSeconds?: number | null;
  /** Why there is no estimate: nobody serves the queue right now, or every agent is busy longer than usual. */
  noEstimate?: NoEstimateReason | null;
  /** The queue the chat is in, when it may have changed (on resume, and when a transfer or overflow moved it). */
  queueDisplayName?: string | null;
}

/** The queue's own wording; null: the widget's (translated) words. */
export interface Survey {
  question?: string | null;
  commentLabel?: string | null;
}

/** A scheduled announcement of the queue that is showing now ("High volume today — expect longer waits"). */
export interface Announcement {
  id: string;
  text: string;
}

export interface ResumeResult {
  status: Status;
  messages: Message[];
  serverTime: string;
}

export interface SendResult {
  seq: number;
  sentAt: string;
}

export interface TypingEvent {
  sender: string;
  name: string;
}

export interface Question {
  id: string;
  label: string;
  /** `text` or `choice`. */
  type: string;
  options?: string[] | null;
  required: boolean;
}

export interface QueueInfo {
  name: string;
  displayName: string;
  welcome?: string | null;
  questions?: Question[] | null;
  /** Open, closed by the queue's calendar, or open with no agent signed in; the policy in force and the next opening. */
  availability?: Availability | null;
  /** The queue's announcements showing now, in start order. */
  announcements?: Announcement[] | null;
}

export interface Availability {
  state: "open" | "closed" | "noAgents";
  /** `hide`: no launcher; `message`: the leave-a-message form; `queue`: the chat, with an honest line. Null when open. */
  policy?: "hide" | "message" | "queue" | null;
  /** ISO-8601 UTC, when closed and an opening is known. */
  nextOpening?: string | null;
}

export interface LeaveMessageRequest {
  customer: { name: string; email: string };
  text: string;
  answers: Record<string, string>;
}

export interface StartRequest {
  queue: string;
  customer: { name: string; email?: string; timeZone?: string };
  answers: Record<string, string>;
  /** From an earlier start in this browser: a returning customer may reach the same agent again. */
  visitorToken?: string;
  /** The page and browser the chat starts from, for the agent. */
  context?: CustomerContext;
}

export interface StartResult {
  conversationId: string;
  customerToken: string;
  visitorToken?: string | null;
  status?: Status | null;
}

export interface ConversationInfo {
  conversationId: string;
  queue: string;
  status: Status;
  lastSeq: number;
  /** Once ended: the queue's satisfaction survey while the chat may still be rated (null when off, rated or too late). */
  survey?: Survey | null;
}

/** RFC 9457 problem details, as the server returns them. */
export interface ProblemDetails {
  status?: number;
  title?: string;
  detail?: string;
  errors?: Record<string, string[] | string>;
}

/** Server-side limits the widget checks before sending (the server checks them again). */
export const limits = {
  messageLength: 4000,
  nameLength: 100,
  emailLength: 254,
  answerLength: 500,
  commentLength: 1000,
};

/** Parses a server time. .NET may send 7 fractional digits; not every browser accepts more than 3. */
export function parseServerTime(iso: string): number {
  return Date.parse(iso.replace(/(\.\d{3})\d+/, "$1"));
}
