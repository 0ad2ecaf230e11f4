// A click on a figure opens the conversations behind it: the conversations report narrowed to the row's queue or
// agent, its interval, and the outcome the figure counts.

export interface DrillContext {
  /** The page of the conversations report (relative to the document's base). */
  page: string;
  /** The report's own filter as query pairs (from, to, interval, timeZone, queue…, agent…). */
  filter: [string, string][];
}

/** The outcome (of GET /api/v1/reports/conversations) a column counts; none: every conversation of the row. */
const outcomes: Record<string, string> = {
  answered: "answered",
  answeredWithinServiceLevel: "answered",
  asaSeconds: "answered",
  asaP90Seconds: "answered",
  firstResponseSeconds: "answered",
  handled: "answered",
  handleSeconds: "answered",
  ahtSeconds: "answered",
  chatsAccepted: "answered",
  chatsHandled: "answered",
  abandoned: "abandoned",
  shortAbandoned: "shortAbandoned",
  expired: "expired",
  ended: "ended",
};

export function outcomeOf(column: string): string | undefined {
  return outcomes[column];
}

/**
 * The link to the conversations behind one figure. A row of an interval narrows to that interval (`at` = its start; the
 * page ends it at the next boundary in the report's zone); a row's queue or agent replaces the report's own list.
 */
export function drillLink(context: DrillContext, row: Record<string, unknown>, column: string | undefined): string {
  const query = new URLSearchParams();
  const queue = typeof row["queue"] === "string" ? row["queue"] : undefined;
  const agent = typeof row["agent"] === "string" ? row["agent"] : undefined;
  for (const [name, value] of context.filter) {
    if ((name === "queue" && queue !== undefined) || (name === "agent" && agent !== undefined)) {
      continue;
    }
    query.append(name, value);
  }
  if (queue !== undefined) {
    query.append("queue", queue);
  }
  if (agent !== undefined) {
    query.append("agent", agent);
  }
  if (typeof row["intervalStart"] === "string") {
    query.set("at", row["intervalStart"]);
  }
  const outcome = column === undefined ? undefined : outcomeOf(column);
  if (outcome !== undefined) {
    query.set("outcome", outcome);
  }
  return `${context.page}?${query.toString()}`;
}
