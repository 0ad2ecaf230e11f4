// Attachments: the customer's upload (the attach button) and a file in a message (a preview or a download link).
// Links are relative to the server the script came from; they are signed and expire, minted with each read or push.

import { h, icon } from "./dom";
import type { Attachment } from "./protocol";
import { t } from "./strings";

let fileBase = "";

/** The server base every attachment link is relative to (set once, by the widget's start). */
export function setFileBase(base: string): void {
  fileBase = base;
}

/** A file in a message: the image's preview (without its metadata) or the file's name, linking to the original. */
export function renderAttachment(file: Attachment): HTMLElement {
  return h(
    "a",
    { class: "file", href: fileBase + file.url, target: "_blank", rel: "noopener noreferrer", "data-part": "attachment" },
    ...(file.previewUrl ? [h("img", { src: fileBase + file.previewUrl, alt: file.name })] : [icon("clip"), ` ${file.name}`]),
  );
}

/** Sends a file as the customer's message; answers null when accepted, otherwise the sentence to show. */
export async function uploadFile(base: string, conversationId: string, token: string, file: File): Promise<string | null> {
  const form = new FormData();
  form.append("file", file, file.name);
  try {
    const response = await fetch(`${base}/api/v1/conversations/${encodeURIComponent(conversationId)}/attachments`, {
      method: "POST",
      body: form,
      headers: { Authorization: `Bearer ${token}` },
    });
    if (response.ok) return null;
    return response.status === 413 ? t("fileTooLarge") : response.status === 415 ? t("fileNotAllowed") : t("fileFailed");
  } catch {
    return t("fileFailed");
  }
}
