// Makes the http(s) links in a message's plain text clickable. Everything else (javascript:, data:, markup) stays
// text: the text goes in as text nodes, a link as an <a> built by the DOM, opened in a new tab without opener or referrer.

import { h } from "./dom";

const CANDIDATE = /(^|[^\p{L}\p{N}])(https?:\/\/[^\s<>"'`]+)/giu;

/** Drops sentence punctuation and closing brackets the link did not open ("see https://x.com." links to x.com). */
function trimEnd(url: string): string {
  let end = url.length;
  const count = (c: string): number => url.slice(0, end).split(c).length - 1;
  while (end > 0) {
    const c = url[end - 1] ?? "";
    if (
      ".,;:!?".includes(c) ||
      (c === ")" && count("(") < count(")")) ||
      (c === "]" && count("[") < count("]")) ||
      (c === "}" && count("{") < count("}"))
    ) {
      end--;
    } else {
      break;
    }
  }
  return url.slice(0, end);
}

/** The absolute http(s) URL, escaped as the browser would send it; null when it is not one. */
function safeHref(candidate: string): string | null {
  try {
    const url = new URL(candidate);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname ? url.href : null;
  } catch {
    return null;
  }
}

/** The text as strings and <a> elements, for h() or append(). */
export function linkify(text: string): (string | HTMLAnchorElement)[] {
  const parts: (string | HTMLAnchorElement)[] = [];
  let at = 0;
  for (const match of text.matchAll(CANDIDATE)) {
    const start = (match.index ?? 0) + (match[1]?.length ?? 0);
    const candidate = trimEnd(match[2] ?? "");
    const href = safeHref(candidate);
    if (!href) continue;
    if (start > at) parts.push(text.slice(at, start));
    parts.push(
      h("a", { href, target: "_blank", rel: "noopener noreferrer", "data-part": "message-link" }, candidate),
    );
    at = start + candidate.length;
  }
  if (at < text.length) parts.push(text.slice(at));
  return parts;
}
