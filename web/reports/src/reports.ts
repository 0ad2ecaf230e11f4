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
  /** The rows of one page of the table (the pager turns the pages; the download has them all). */
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
    ? `${rows.length} rows, ${options.limit} a page — the download has them all in one file.`
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
  const drill = options.view === "conversations" ? undefined : options.drill;
  const pager = rows.length > options.limit ? part(host, "report-pager", "nav") : undefined;
  const show = (start: number): void => {
    wrap.replaceChildren(buildTable(options.view, rows.slice(start, start + options.limit), drill, options.limit));
    if (pager !== undefined) {
      drawPager(pager, start, options.limit, rows.length, show);
    }
  };
  show(0);
  host.dataset["rows"] = String(rows.length);
  return rows.length;
}

/** "Rows 1,001–2,000 of 72,762" with the previous and next pages. */
function drawPager(pager: HTMLElement, start: number, size: number, total: number, show: (start: number) => void): void {
  pager.className = "report-pager";
  pager.setAttribute("aria-label", "Pages of the table");
  const button = (text: string, name: string, target: number, enabled: boolean): HTMLButtonElement => {
    const b = document.createElement("button");
    b.type = "button";
    b.className = "button subtle small";
    b.textContent = text;
    b.dataset["part"] = name;
    b.disabled = !enabled;
    b.addEventListener("click", () => show(target));
    return b;
  };
  const shown = document.createElement("span");
  shown.dataset["part"] = "report-page";
  shown.className = "muted small";
  const number = (n: number): string => n.toLocaleString("en-US");
  shown.textContent = `Rows ${number(start + 1)}–${number(Math.min(start + size, total))} of ${number(total)}`;
  pager.replaceChildren(
    button("Previous", "report-page-previous", Math.max(0, start - size), start > 0),
    shown,
    button("Next", "report-page-next", start + size, start + size < total));
}

export function clear(host: HTMLElement): void {
  charts.get(host)?.destroy();
  charts.delete(host);
  delete host.dataset["chart"];
  delete host.dataset["rows"];
  host.replaceChildren();
}
