// The chat session, kept in localStorage so a reload (or another page of the same site) resumes the same chat.
// Key: `parley:v1:{base}:{queue}` — one session per server and queue.

export interface OutboxItem {
  clientMessageId: string;
  text: string;
}

export interface Session {
  conversationId: string;
  customerToken: string;
  customerName: string;
  /** The e-mail address given at the start, if any: the transcript goes there unless another is typed. */
  email?: string;
  /** Messages typed but not yet acknowledged by the server; resent with the same clientMessageId. */
  outbox: OutboxItem[];
  /** Highest seq the customer has seen with the panel open (drives the unread badge). */
  readSeq: number;
  /** The panel was open when last seen: a reload opens it again. Absent in sessions stored before. */
  open?: boolean;
}

export function storageKey(base: string, queue: string): string {
  return `parley:v1:${base}:${queue}`;
}

/** One visitor token per server (not per queue); the prefix differs from session keys so no queue name can clash. */
export function visitorKey(base: string): string {
  return `parley:v1:visitor:${base}`;
}

/** Longest visitor token we keep (the server's tokens are far shorter; anything longer is not one of them). */
const MAX_VISITOR_TOKEN = 512;

/** localStorage, or memory when the browser refuses it (privacy settings, sandboxed frames). */
function backend(): Pick<Storage, "getItem" | "setItem" | "removeItem"> {
  try {
    const probe = "parley:probe";
    window.localStorage.setItem(probe, "1");
    window.localStorage.removeItem(probe);
    return window.localStorage;
  } catch {
    const memory = new Map<string, string>();
    return {
      getItem: (k) => memory.get(k) ?? null,
      setItem: (k, v) => void memory.set(k, v),
      removeItem: (k) => void memory.delete(k),
    };
  }
}

export class SessionStore {
  readonly key: string;
  private readonly store = backend();

  constructor(base: string, queue: string) {
    this.key = storageKey(base, queue);
  }

  load(): Session | null {
    let raw: string | null;
    try {
      raw = this.store.getItem(this.key);
    } catch {
      return null;
    }
    if (!raw) {
      return null;
    }
    try {
      return normalize(JSON.parse(raw));
    } catch {
      return null;
    }
  }

  save(session: Session): void {
    try {
      this.store.setItem(this.key, JSON.stringify(session));
    } catch {
      // Storage full or refused: the chat still works, it just will not survive a reload.
    }
  }

  /** Forgets the session; with `conversationId`, only if that is still the stored one. */
  clear(conversationId?: string): void {
    if (conversationId !== undefined && this.load()?.conversationId !== conversationId) {
      return;
    }
    try {
      this.store.removeItem(this.key);
    } catch {
      // Nothing more to do.
    }
  }

  /**
   * Read-modify-write of the stored session, so that two tabs sharing it do not undo each other's changes.
   * Does nothing when the stored session is not `conversationId` any more (another tab started a new chat).
   */
  update(conversationId: string, change: (session: Session) => void): void {
    const current = this.load();
    if (!current || current.conversationId !== conversationId) {
      return;
    }
    change(current);
    this.save(current);
  }

  addToOutbox(conversationId: string, item: OutboxItem): void {
    this.update(conversationId, (s) => {
      if (!s.outbox.some((o) => o.clientMessageId === item.clientMessageId)) {
        s.outbox.push(item);
      }
    });
  }

  removeFromOutbox(conversationId: string, clientMessageId: string): void {
    this.update(conversationId, (s) => {
      s.outbox = s.outbox.filter((o) => o.clientMessageId !== clientMessageId);
    });
  }
}

/**
 * The visitor token the server handed out at the last start, sent with the next start so a returning customer
 * can be routed to the agent who helped them before. Survives the end of a chat; shared by every queue.
 */
export class VisitorStore {
  readonly key: string;
  private readonly store = backend();

  constructor(base: string) {
    this.key = visitorKey(base);
  }

  load(): string | null {
    try {
      const token = this.store.getItem(this.key);
      return token && token.length <= MAX_VISITOR_TOKEN ? token : null;
    } catch {
      return null;
    }
  }

  save(token: string | null | undefined): void {
    if (!token || token.length > MAX_VISITOR_TOKEN) {
      return;
    }
    try {
      this.store.setItem(this.key, token);
    } catch {
      // Refused: the customer is simply treated as new next time.
    }
  }
}

/** Accepts only a well-formed session; anything else (old format, tampering) counts as no session. */
function normalize(value: unknown): Session | null {
  if (value === null || typeof value !== "object") {
    return null;
  }
  const v = value as Partial<Record<keyof Session, unknown>>;
  if (typeof v.conversationId !== "string" || typeof v.customerToken !== "string" || !v.conversationId || !v.customerToken) {
    return null;
  }
  const outbox = Array.isArray(v.outbox)
    ? v.outbox.filter(
        (o): o is OutboxItem =>
          o !== null && typeof o === "object" && typeof o.clientMessageId === "string" && typeof o.text === "string",
      )
    : [];
  return {
    conversationId: v.conversationId,
    customerToken: v.customerToken,
    customerName: typeof v.customerName === "string" ? v.customerName : "",
    ...(typeof v.email === "string" && v.email ? { email: v.email } : {}),
    outbox,
    readSeq: typeof v.readSeq === "number" && Number.isFinite(v.readSeq) ? v.readSeq : 0,
    open: v.open === true,
  };
}
