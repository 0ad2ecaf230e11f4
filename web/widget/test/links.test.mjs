// Unit tests of the widget's linkifier (src/links.ts), without a browser: `npm test` bundles links.ts for Node and runs
// this file with Node's own test runner. The linkifier builds nodes through document.createElement/createTextNode
// only, so a small stand-in document records exactly what it builds — and refuses markup, which it must never parse.

import assert from "node:assert/strict";
import { beforeEach, describe, it } from "node:test";
import { linkify } from "../obj/links.mjs";

class FakeText {
  constructor(data) {
    this.nodeType = 3;
    this.data = data;
  }

  get textContent() {
    return this.data;
  }
}

class FakeElement {
  constructor(tagName) {
    this.nodeType = 1;
    this.tagName = tagName.toUpperCase();
    this.attributes = new Map();
    this.childNodes = [];
  }

  setAttribute(name, value) {
    this.attributes.set(name, String(value));
  }

  getAttribute(name) {
    return this.attributes.has(name) ? this.attributes.get(name) : null;
  }

  appendChild(child) {
    this.childNodes.push(child);
    return child;
  }

  get textContent() {
    return this.childNodes.map((c) => c.textContent).join("");
  }

  set innerHTML(_) {
    throw new Error("the linkifier must not parse markup");
  }

  set outerHTML(_) {
    throw new Error("the linkifier must not parse markup");
  }

  insertAdjacentHTML() {
    throw new Error("the linkifier must not parse markup");
  }
}

let created;

beforeEach(() => {
  created = [];
  globalThis.document = {
    createElement(tag) {
      const element = new FakeElement(tag);
      created.push(element);
      return element;
    },
    createTextNode(text) {
      return new FakeText(text);
    },
  };
});

/** The parts as plain data: a string stays a string, a link becomes { href, text }. */
function parts(text) {
  return linkify(text).map((p) => (typeof p === "string" ? p : { href: p.getAttribute("href"), text: p.textContent }));
}

/** The parts joined back: what the customer reads must be the message's text, unchanged. */
function shown(text) {
  return linkify(text)
    .map((p) => (typeof p === "string" ? p : p.textContent))
    .join("");
}

describe("linkify", () => {
  it("makes http and https addresses links and keeps the text around them", () => {
    assert.deepEqual(parts("see https://example.com/a?b=1 and http://example.org now"), [
      "see ",
      { href: "https://example.com/a?b=1", text: "https://example.com/a?b=1" },
      " and ",
      { href: "http://example.org/", text: "http://example.org" },
      " now",
    ]);
  });

  it("opens every link in a new tab without opener or referrer", () => {
    const [link] = linkify("https://example.com");
    assert.equal(link.tagName, "A");
    assert.equal(link.getAttribute("target"), "_blank");
    assert.equal(link.getAttribute("rel"), "noopener noreferrer");
    assert.equal(link.getAttribute("data-part"), "message-link");
  });

  it("leaves other schemes as text: ftp, mailto, file and addresses without a scheme", () => {
    for (const text of ["ftp://example.com/file", "mailto:someone@example.com", "file:///etc/passwd", "www.example.com", "example.com/path"]) {
      assert.deepEqual(parts(text), [text], text);
    }
  });

  it("never links javascript: in any spelling", () => {
    for (const text of ["javascript:alert(1)", "JavaScript:alert(document.cookie)", " javascript://example.com/%0Aalert(1)", "java\tscript:alert(1)"]) {
      assert.deepEqual(parts(text), [text], text);
      assert.equal(created.length, 0, text);
    }
  });

  it("never links data: URLs", () => {
    const text = "data:text/html,<script>alert(1)</script> and data:text/html;base64,PHNjcmlwdD4=";
    assert.deepEqual(parts(text), [text]);
    assert.equal(created.length, 0);
  });

  it("links only the http address inside another scheme's text, never the outer scheme", () => {
    const result = parts("javascript:https://example.com");
    assert.deepEqual(result, ["javascript:", { href: "https://example.com/", text: "https://example.com" }]);
  });

  it("does not link a scheme glued to a word, nor an address without a host", () => {
    assert.deepEqual(parts("xhttps://example.com"), ["xhttps://example.com"]);
    assert.deepEqual(parts("see https:// and http://"), ["see https:// and http://"]);
  });

  it("drops sentence punctuation at the end of a link", () => {
    for (const mark of [".", ",", ";", ":", "!", "?", "?!", "..."]) {
      assert.deepEqual(parts(`Go to https://example.com/help${mark}`), [
        "Go to ",
        { href: "https://example.com/help", text: "https://example.com/help" },
        mark,
      ], mark);
    }
  });

  it("drops a closing bracket the link did not open, keeps one it did", () => {
    assert.deepEqual(parts("(see https://example.com/a)"), ["(see ", { href: "https://example.com/a", text: "https://example.com/a" }, ")"]);
    assert.deepEqual(parts("[https://example.com/a]."), ["[", { href: "https://example.com/a", text: "https://example.com/a" }, "]."]);
    assert.deepEqual(parts("https://en.wikipedia.org/wiki/Pipe_(unit))."), [
      { href: "https://en.wikipedia.org/wiki/Pipe_(unit)", text: "https://en.wikipedia.org/wiki/Pipe_(unit)" },
      ").",
    ]);
  });

  it("keeps HTML in the text as text: no element but the link, the markup shown as typed", () => {
    const text = '<b>bold</b> <img src=x onerror="alert(1)"> https://example.com/a?b=1&c=2"><script>alert(2)</script>';
    const result = linkify(text);
    assert.deepEqual(
      created.map((e) => e.tagName),
      ["A"],
    );
    assert.equal(shown(text), text);
    assert.deepEqual(parts(text)[1], { href: "https://example.com/a?b=1&c=2", text: "https://example.com/a?b=1&c=2" });
    // The link's own text is a text node, never markup.
    const link = result.find((p) => typeof p !== "string");
    assert.ok(link.childNodes.every((c) => c instanceof FakeText));
  });

  it("escapes what the browser would escape in the href, showing the address as typed", () => {
    assert.deepEqual(parts("https://example.com/a b"), [{ href: "https://example.com/a", text: "https://example.com/a" }, " b"]);
    assert.deepEqual(parts("https://example.com/ünï"), [{ href: "https://example.com/%C3%BCn%C3%AF", text: "https://example.com/ünï" }]);
  });

  it("returns plain text untouched and nothing for nothing", () => {
    assert.deepEqual(parts("no links here."), ["no links here."]);
    assert.deepEqual(parts(""), []);
  });
});
