// What the customer's browser tells the agent: the page and browser the chat started from (sent with the start), and
// whether the page is still in front of them (sent over the hub as it changes).

export type PageVisibility = "visible" | "hidden" | "left";

export interface CustomerContext {
  pageUrl?: string;
  pageTitle?: string;
  referrer?: string;
  userAgent?: string;
  brands?: string[];
  platform?: string;
  utcOffsetMinutes?: number;
}

interface UserAgentData {
  brands?: { brand: string; version: string }[];
  platform?: string;
}

/** The page, the referrer and the browser now; the server bounds every field and derives browser and system names. */
export function customerContext(): CustomerContext {
  const context: CustomerContext = {
    pageUrl: location.href,
    userAgent: navigator.userAgent,
    utcOffsetMinutes: -new Date().getTimezoneOffset(),
  };
  if (document.title) context.pageTitle = document.title;
  if (document.referrer) context.referrer = document.referrer;
  const data = (navigator as Navigator & { userAgentData?: UserAgentData }).userAgentData;
  // Browsers add a made-up "Not A Brand" entry (GREASE) so nobody relies on the list's shape: it tells nothing.
  const brands = data?.brands?.filter((b) => !/not.?a.?brand/i.test(b.brand)).map((b) => `${b.brand} ${b.version}`);
  if (brands?.length) context.brands = brands;
  if (data?.platform) context.platform = data.platform;
  return context;
}

/** Calls `report` with the page's visibility now and on every change, until the returned function is called. */
export function watchPage(report: (visibility: PageVisibility) => void): () => void {
  const now = () => report(document.visibilityState === "hidden" ? "hidden" : "visible");
  const left = () => report("left");
  // Back from the browser's back-forward cache: the page is there again.
  const shown = (event: PageTransitionEvent) => event.persisted && now();
  document.addEventListener("visibilitychange", now);
  window.addEventListener("pagehide", left);
  window.addEventListener("pageshow", shown);
  now();
  return () => {
    document.removeEventListener("visibilitychange", now);
    window.removeEventListener("pagehide", left);
    window.removeEventListener("pageshow", shown);
  };
}
