// How a report's cells read: counts as they are, seconds as m:ss, shares as percent, times in the report's zone.

export type Cell = string | number | boolean | null | undefined;

/** Columns whose value is a share (0–1), shown as a percent. */
const shares = new Set(["serviceLevel", "serviceLevelTarget", "occupancy", "surveyResponseRate"]);

/** "asaSeconds" → "ASA", "shortAbandoned" → "Short abandoned": short headers, the export keeps the exact names. */
const labels: Record<string, string> = {
  queue: "Queue",
  agent: "Agent",
  displayName: "Name",
  intervalStart: "Interval",
  serviceLevel: "Service level",
  serviceLevelTarget: "SL target",
  asaSeconds: "ASA",
  asaP90Seconds: "ASA p90",
  longestWaitSeconds: "Longest wait",
  firstResponseSeconds: "First response",
  ahtSeconds: "AHT",
  handleSeconds: "Handle",
  waitSeconds: "Wait",
  queuedAt: "Queued",
  answeredAt: "Answered at",
  endedAt: "Ended at",
  id: "Conversation",
};

export function label(column: string): string {
  const known = labels[column];
  if (known !== undefined) {
    return known;
  }
  const words = column.replace(/Seconds$/, "").replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function isSeconds(column: string): boolean {
  return column.endsWith("Seconds") || column.endsWith("SecondsUsed") || column.endsWith("SecondsAvailable");
}

/** An ISO instant with its offset as the server wrote it ("2026-12-01T09:00:00+01:00"): its local date and time. */
export function localTime(value: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(value);
  return match ? `${match[1]} ${match[2]}` : value;
}

export function clock(seconds: number): string {
  const total = Math.round(seconds);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const rest = total % 60;
  const mm = hours > 0 ? String(minutes).padStart(2, "0") : String(minutes);
  return `${hours > 0 ? `${hours}:` : ""}${mm}:${String(rest).padStart(2, "0")}`;
}

export function format(column: string, value: Cell): string {
  if (value === null || value === undefined || value === "") {
    return "—";
  }
  if (typeof value === "number") {
    if (shares.has(column)) {
      return `${(value * 100).toFixed(1)} %`;
    }
    if (isSeconds(column)) {
      return clock(value);
    }
    return Number.isInteger(value) ? String(value) : value.toFixed(2);
  }
  if (typeof value === "boolean") {
    return value ? "yes" : "no";
  }
  return /^\d{4}-\d{2}-\d{2}T/.test(value) ? localTime(value) : value;
}
