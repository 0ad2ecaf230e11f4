// Bootstrap. Embed with one tag:
//   <script src="https://HOST/widget.js" data-queue="support" async></script>
// Optional: data-title="…" (panel title), data-color="#0f766e" (accent colour).
// The server base is the script's own URL without "widget.js", so the widget also works under a path prefix.

import { App } from "./app";
import { css } from "./styles";

export interface ParleyApi {
  open(): void;
  close(): void;
}

declare global {
  interface Window {
    Parley?: ParleyApi;
  }
}

// Read while the script first runs: document.currentScript is null in any later callback.
boot(findScript());

function findScript(): HTMLScriptElement | null {
  const current = document.currentScript;
  if (current instanceof HTMLScriptElement && current.src) {
    return current;
  }
  const scripts = document.querySelectorAll<HTMLScriptElement>("script[src]");
  for (let i = scripts.length - 1; i >= 0; i--) {
    const script = scripts[i];
    if (script && urlOf(script.src)?.pathname.endsWith("widget.js")) {
      return script;
    }
  }
  return null;
}

function urlOf(src: string): URL | null {
  try {
    return new URL(src, document.baseURI);
  } catch {
    return null;
  }
}

/** `https://host/chat/widget.js?v=3` → `https://host/chat` */
function baseOf(url: URL): string {
  return url.origin + url.pathname.replace(/[^/]*$/, "").replace(/\/+$/, "");
}

function boot(script: HTMLScriptElement | null): void {
  if (window.Parley) {
    console.warn("Parley: the chat widget is already on this page; ignoring the second copy.");
    return;
  }
  const url = script ? urlOf(script.src) : null;
  if (!script || !url) {
    console.error("Parley: cannot find the widget's <script> tag.");
    return;
  }
  const queue = script.dataset["queue"]?.trim();
  if (!queue) {
    console.error('Parley: the widget\'s <script> tag needs a data-queue attribute, e.g. data-queue="support".');
    return;
  }
  const app = new App({ base: baseOf(url), queue, title: script.dataset["title"]?.trim() || null });
  const color = script.dataset["color"]?.trim() ?? "";
  const api: ParleyApi = {
    open: () => app.shell.open(),
    close: () => app.shell.close(false),
  };
  window.Parley = api;

  const mount = () => {
    const host = document.createElement("parley-chat");
    // The host element is the one thing the page's CSS can touch; neutralize it.
    host.style.cssText = "all: initial !important; display: block !important; position: static !important;";
    const shadow = host.attachShadow({ mode: "open" });
    addStyles(shadow);
    shadow.appendChild(app.shell.root);
    document.body.appendChild(host);
    if (color && CSS.supports("color", color)) {
      app.shell.root.style.setProperty("--accent", color);
      app.shell.root.style.setProperty("--on-accent", readableOn(app.shell.root));
    }
    app.start();
  };
  if (document.body) {
    mount();
  } else {
    document.addEventListener("DOMContentLoaded", mount, { once: true });
  }
}

/** Constructable style sheets where available (not subject to a page's inline-style CSP), else a <style>. */
function addStyles(shadow: ShadowRoot): void {
  try {
    if ("adoptedStyleSheets" in shadow && "replaceSync" in CSSStyleSheet.prototype) {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      shadow.adoptedStyleSheets = [sheet];
      return;
    }
  } catch {
    // Fall back below.
  }
  const style = document.createElement("style");
  style.textContent = css;
  shadow.appendChild(style);
}

/** White or near-black text, whichever contrasts more with the accent colour. */
function readableOn(root: HTMLElement): string {
  const probe = document.createElement("span");
  probe.style.color = "var(--accent)";
  root.appendChild(probe);
  const rgb = /rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)/.exec(getComputedStyle(probe).color);
  probe.remove();
  if (!rgb) {
    return "#ffffff";
  }
  const [r, g, b] = [rgb[1], rgb[2], rgb[3]].map((v) => {
    const c = Number(v) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  const luminance = 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
  return 1.05 / (luminance + 0.05) >= (luminance + 0.05) / 0.05 ? "#ffffff" : "#111827";
}
