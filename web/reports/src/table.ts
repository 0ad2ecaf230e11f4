// The report's table, built with DOM nodes and textContent only: customer and agent text is never parsed as HTML.

import { type DrillContext, drillLink } from "./drill";
import { type Cell, format, label } from "./format";

export type Row = Record<string, Cell>;

/** The columns a view shows first (the export has them all); other columns follow when `all` is asked. */
export const shown: Record<string, string[]> = {
  queues: [
    "queue", "intervalStart", "offered", "answered", "abandoned", "shortAbandoned", "expired", "transfersOut",
    "overflowsOut", "serviceLevel", "asaSeconds", "asaP90Seconds", "longestWaitSeconds", "firstResponseSeconds",
    "ahtSeconds", "satisfaction", "ratings",
  ],
  agents: [
    "displayName", "intervalStart", "chatsHandled", "ahtSeconds", "firstResponseSeconds", "transfers", "satisfaction",
    "ratings", "signedInSeconds", "availableSeconds", "busySeconds", "wrapUpSeconds", "awaySeconds",
    "doNotDisturbSeconds", "occupancy",
  ],
};

/** Text columns: names and times, not figures (no drill-down link, left-aligned). */
const texts = new Set(["queue", "agent", "displayName", "intervalStart", "id", "firstQueue", "lastQueue", "medium",
  "site", "edge", "queuedAt", "answeredAt", "endedAt", "endedBy", "outcome", "reasons"]);

export function columnsOf(view: string, rows: Row[]): string[] {
  const first = rows[0];
  const all = first === undefined ? (shown[view] ?? []) : Object.keys(first);
  const wanted = shown[view];
  return wanted === undefined ? all : wanted.filter((c) => first === undefined || c in first);
}

export function buildTable(view: string, rows: Row[], drill: DrillContext | undefined, limit: number): HTMLTableElement {
  const columns = columnsOf(view, rows);
  const table = document.createElement("table");
  table.className = "board-table report-table";
  table.dataset["part"] = "report-table";
  const head = table.createTHead().insertRow();
  for (const column of columns) {
    const th = document.createElement("th");
    th.scope = "col";
    th.textContent = label(column);
    th.dataset["column"] = column;
    if (!texts.has(column)) {
      th.className = "num";
    }
    head.appendChild(th);
  }
  const body = table.createTBody();
  for (const row of rows.slice(0, limit)) {
    const tr = body.insertRow();
    tr.dataset["part"] = "report-row";
    for (const column of columns) {
      const td = tr.insertCell();
      td.dataset["column"] = column;
      const text = format(column, row[column]);
      if (texts.has(column) || drill === undefined || row[column] === null || row[column] === undefined) {
        td.textContent = text;
        if (!texts.has(column)) {
          td.className = "num";
        }
        continue;
      }
      // Every figure opens the conversations behind it.
      td.className = "num";
      const link = document.createElement("a");
      link.href = drillLink(drill, row, column);
      link.textContent = text;
      link.dataset["part"] = "drill";
      link.title = `The conversations behind this figure`;
      td.appendChild(link);
    }
  }
  if (rows.length === 0) {
    const td = body.insertRow().insertCell();
    td.colSpan = Math.max(columns.length, 1);
    td.className = "muted";
    td.textContent = "Nothing in these dates.";
  }
  return table;
}
