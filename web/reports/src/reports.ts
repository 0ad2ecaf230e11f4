// The admin report pages' browser half (loaded by the Blazor page as an ES module): reads the report API with the
// page's cookie, draws the chart and the table, and turns every figure into a link to the conversations behind it.

import type { Chart } from "chart.js";
import { drawChart } from "./chart";
import type { DrillContext } from "./drill";
import { buildTable, type Row } from "./table";

export interface DrawOptions {
  /** queues, agents or conversations. */
  view: string;
  /** The report API's URL with the page's filter (JSON). */
  api: string;
  /** Where a figure's conversations open, and the filter they keep. */
  drill: DrillContext;
  /** The most rows the table shows (the download has them all). */
  limit: number;
}

const charts = new WeakMap<HTMLElement, Chart>();

function part(host: HTMLElement, name: string, tag = "div"): HTMLElement {
  const element = document.createElement(tag);
  element.dataset["part"] = name;
  host.appendChild(element);
  return element;
}

async function problemText(response: Response): Promise<string> {
  try {
    const problem = (await response.json()) as { title?: string; errors?: Record<string, string[]> };
    const errors = Object.values(problem.errors ?? {}).flat();
    return [problem.title ?? `The report answered ${response.status}.`, ...errors].join(" ");
  } catch {
    return `The report answered ${response.status}.`;
  }
}

/** Draws the report into `host` (replacing what was there); resolves with the number of rows. */
export async function draw(host: HTMLElement, options: DrawOptions): Promise<number> {
  clear(host);
  const status = part(host, "report-status", "p");
  status.className = "muted small";
  status.textContent = "Loading…";
  let rows: Row[];
  try {
    const response = await fetch(options.api, { credentials: "same-origin", headers: { Accept: "application/json" } });
    if (!response.ok) {
      status.className = "field-error";
      status.textContent = await problemText(response);
      return 0;
    }
    rows = (await response.json()) as Row[];
  } catch {
    status.className = "field-error";
    status.textContent = "The report could not be read. Try again.";
    return 0;
  }

  status.textContent = rows.length > options.limit
    ? `${rows.length} rows; the first ${options.limit} are shown — the download has them all.`
    : `${rows.length} ${rows.length === 1 ? "row" : "rows"}.`;
  if (options.view !== "conversations" && rows.length > 0) {
    const box = part(host, "report-chart");
    box.className = "report-chart";
    const canvas = document.createElement("canvas");
    canvas.setAttribute("role", "img");
    canvas.setAttribute("aria-label", options.view === "agents" ? "Time in each state per agent" : "Conversations per interval by outcome");
    box.appendChild(canvas);
    const chart = drawChart(canvas, options.view, rows, options.drill);
    if (chart !== undefined) {
      charts.set(host, chart);
      host.dataset["chart"] = "drawn";
    }
  }
  const wrap = part(host, "report-table-wrap");
  wrap.className = "report-table-wrap";
  wrap.appendChild(buildTable(options.view, rows, options.view === "conversations" ? undefined : options.drill, options.limit));
  host.dataset["rows"] = String(rows.length);
  return rows.length;
}

export function clear(host: HTMLElement): void {
  charts.get(host)?.destroy();
  charts.delete(host);
  delete host.dataset["chart"];
  delete host.dataset["rows"];
  host.replaceChildren();
}
