// The report's chart (Chart.js on a canvas): bars per interval, or per agent; a click on a bar opens its conversations.

import {
  BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip,
  type ChartDataset,
} from "chart.js";
import { type DrillContext, drillLink } from "./drill";
import { localTime } from "./format";
import type { Row } from "./table";

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Tooltip, Legend);

interface Series {
  column: string;
  label: string;
  colour: string;
}

const queueSeries: Series[] = [
  { column: "answered", label: "Answered", colour: "#16a34a" },
  { column: "abandoned", label: "Abandoned", colour: "#f59e0b" },
  { column: "expired", label: "Expired", colour: "#dc2626" },
];

const agentSeries: Series[] = [
  { column: "readySeconds", label: "Ready", colour: "#16a34a" },
  { column: "busySeconds", label: "Busy", colour: "#2563eb" },
  { column: "wrapUpSeconds", label: "Wrap-up", colour: "#7c3aed" },
  { column: "externalBusySeconds", label: "Voice", colour: "#0891b2" },
  { column: "awaySeconds", label: "Away", colour: "#f59e0b" },
  { column: "doNotDisturbSeconds", label: "Do not disturb", colour: "#dc2626" },
];

const number = (value: unknown): number => (typeof value === "number" ? value : 0);

/** Groups rows by a key, keeping the first appearance's order; each group remembers a representative row for drill-down. */
function group(rows: Row[], key: (row: Row) => string): Map<string, Row[]> {
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const k = key(row);
    const list = groups.get(k);
    if (list === undefined) {
      groups.set(k, [row]);
    } else {
      list.push(row);
    }
  }
  return groups;
}

export function drawChart(canvas: HTMLCanvasElement, view: string, rows: Row[], drill: DrillContext): Chart | undefined {
  if (view !== "queues" && view !== "agents") {
    return undefined;
  }
  const perAgent = view === "agents";
  // Queues: one bar per interval, all queues of the report summed. Agents: one bar per agent, its time in each state.
  const groups = group(rows, (row) => (perAgent ? String(row["agent"]) : String(row["intervalStart"])));
  const keys = [...groups.keys()];
  const labels = keys.map((k) => (perAgent ? String(groups.get(k)?.[0]?.["displayName"] ?? k) : localTime(k)));
  const series = perAgent ? agentSeries : queueSeries;
  const datasets: ChartDataset<"bar" | "line", number[]>[] = series.map((s) => ({
    type: "bar" as const,
    label: s.label,
    data: keys.map((k) => {
      const total = (groups.get(k) ?? []).reduce((sum, row) => sum + number(row[s.column]), 0);
      return perAgent ? Math.round(total / 60) : total;
    }),
    backgroundColor: s.colour,
    stack: "figures",
  }));
  // One queue: its service level as a line (several queues' levels are not averaged here: docs/reporting.md).
  const queues = new Set(rows.map((r) => r["queue"]));
  if (!perAgent && queues.size === 1) {
    datasets.push({
      type: "line" as const,
      label: "Service level %",
      data: keys.map((k) => {
        const level = groups.get(k)?.[0]?.["serviceLevel"];
        return typeof level === "number" ? Math.round(level * 1000) / 10 : Number.NaN;
      }),
      borderColor: "#101828",
      backgroundColor: "#101828",
      yAxisID: "percent",
      // Drawn over the bars, with points: a report of one interval has a point and no line.
      order: -1,
      pointRadius: 4,
      pointHoverRadius: 6,
    });
  }

  return new Chart(canvas, {
    type: "bar",
    data: { labels, datasets },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      interaction: { mode: "nearest", intersect: true },
      scales: {
        x: { stacked: true },
        y: { stacked: true, beginAtZero: true, title: { display: true, text: perAgent ? "minutes" : "conversations" } },
        ...(datasets.length > series.length
          ? { percent: { position: "right" as const, min: 0, max: 100, grid: { drawOnChartArea: false } } }
          : {}),
      },
      onClick: (_event, elements) => {
        const hit = elements[0];
        if (hit === undefined) {
          return;
        }
        const key = keys[hit.index];
        const s = series[hit.datasetIndex];
        const rowsOfBar = key === undefined ? undefined : groups.get(key);
        if (rowsOfBar === undefined || rowsOfBar[0] === undefined) {
          return;
        }
        // The bar's interval (queues: all the report's queues) or agent (all the report's intervals).
        const representative: Row = perAgent
          ? { agent: rowsOfBar[0]["agent"] ?? null }
          : { intervalStart: rowsOfBar[0]["intervalStart"] ?? null, ...(queues.size === 1 ? { queue: rowsOfBar[0]["queue"] ?? null } : {}) };
        window.location.assign(drillLink(drill, representative, perAgent ? "chatsHandled" : s?.column));
      },
    },
  });
}
