// What the queue offers now (open, closed by its calendar, no agents) in the customer's words and time zone.

import type { Availability } from "./protocol";
import { parseServerTime } from "./protocol";
import { t } from "./strings";

/** True when the widget should show no launcher now. */
export function isHidden(availability: Availability | null | undefined): boolean {
  return availability?.policy === "hide";
}

/** True when the queue takes messages, not chats, now. */
export function takesMessages(availability: Availability | null | undefined): boolean {
  return availability?.policy === "message";
}

/**
 * The honest line above the chat form when the queue accepts chats but nobody may answer soon: closed (with the next
 * opening in the customer's own time zone) or no agent signed in; null when open.
 */
export function availabilityLine(availability: Availability | null | undefined, now = Date.now()): string | null {
  if (!availability || availability.state === "open") {
    return null;
  }
  if (availability.state === "noAgents") {
    return availability.policy === "message" ? t("noAgentsMessage") : t("noAgentsNow");
  }
  const closed = availability.nextOpening ? t("closedUntil", { when: whenText(parseServerTime(availability.nextOpening), now) }) : t("closedNow");
  return availability.policy === "queue" ? `${closed} ${t("closedQueueAnyway")}` : closed;
}

/** "today at 9:00", "tomorrow at 9:00", "Monday at 9:00", "12/24 at 9:00" — in the browser's time zone and language. */
export function whenText(at: number, now = Date.now()): string {
  const time = new Date(at).toLocaleTimeString(undefined, { hour: "numeric", minute: "2-digit" });
  const days = dayNumber(at) - dayNumber(now);
  if (days <= 0) {
    return t("whenToday", { time });
  }
  if (days === 1) {
    return t("whenTomorrow", { time });
  }
  const day = days < 7
    ? new Date(at).toLocaleDateString(undefined, { weekday: "long" })
    : new Date(at).toLocaleDateString(undefined, { weekday: "long", month: "short", day: "numeric" });
  return t("whenDay", { day, time });
}

/** The local calendar day of an instant, as a number that rises by one per day. */
function dayNumber(at: number): number {
  const d = new Date(at);
  return Math.floor(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) / 86_400_000);
}
