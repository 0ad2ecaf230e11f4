// What follows a chat that has ended, above "Start a new chat": the queue's satisfaction survey (a rating 1–5 and an
// optional comment, once) and "Email me the transcript".

import { describeError } from "./api";
import { h, replaceChildren } from "./dom";
import { limits, type Survey } from "./protocol";
import { t } from "./strings";

export interface AfterwordActions {
  rate(rating: number, comment: string | null): Promise<void>;
  mailTranscript(email: string | null): Promise<void>;
}

let ids = 0;

export class Afterword {
  readonly element: HTMLElement;
  private readonly surveySlot: HTMLElement;
  private readonly transcriptSlot: HTMLElement;

  /** `email`: the address given at the start, if any (the transcript goes there unless the customer types another). */
  constructor(private readonly actions: AfterwordActions, private readonly email: string | null) {
    this.surveySlot = h("div", { "data-part": "survey-slot" });
    this.transcriptSlot = h("div", { class: "afterword-item" });
    this.element = h("div", { class: "afterword" }, this.surveySlot, this.transcriptSlot);
    this.showTranscriptButton();
  }

  /** Shows the survey (once the server said the chat may be rated). */
  showSurvey(survey: Survey): void {
    if (this.surveySlot.firstChild) return;
    const n = ++ids;
    const status = h("p", { class: "afterword-status", role: "status" });
    const choices = [1, 2, 3, 4, 5].map((value) =>
      h("label", { class: "rate" },
        h("input", { type: "radio", name: `parley-rating-${n}`, value, "data-part": `rating-${value}` }),
        h("span", { "aria-hidden": "true" }, String(value)),
        h("span", { class: "sr-only" }, t("ratingOf", { value })),
      ));
    const commentId = `parley-comment-${n}`;
    const comment = h("textarea", { id: commentId, class: "input", rows: 2, maxlength: limits.commentLength, "data-part": "survey-comment" });
    const send = h("button", { type: "submit", class: "btn btn-primary", "data-part": "survey-send" }, t("surveySend"));
    const form = h("form", { class: "survey", "data-part": "survey", novalidate: true },
      h("fieldset", {},
        h("legend", {}, survey.question || t("surveyQuestion")),
        h("div", { class: "rates" }, ...choices),
        h("div", { class: "rate-ends", "aria-hidden": "true" }, h("span", {}, t("ratingLow")), h("span", {}, t("ratingHigh"))),
      ),
      h("label", { for: commentId }, survey.commentLabel || t("surveyComment"), " ", h("span", { class: "muted" }, t("optional"))),
      comment,
      status,
      send,
    );
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const picked = form.querySelector<HTMLInputElement>("input[type=radio]:checked");
      if (!picked) {
        status.textContent = t("ratingRequired");
        return;
      }
      send.disabled = true;
      status.textContent = t("sendingMessage");
      this.actions.rate(Number(picked.value), comment.value.trim() || null).then(
        () => this.done(this.surveySlot, t("surveyThanks")),
        (error: unknown) => {
          send.disabled = false;
          status.textContent = describeError(error).map((e) => e.message).join(" ");
        },
      );
    });
    this.surveySlot.appendChild(form);
  }

  private showTranscriptButton(): void {
    const open = h("button", { type: "button", class: "btn btn-secondary wide", "data-part": "transcript" }, t("transcriptAsk"));
    open.addEventListener("click", () => this.showTranscriptForm());
    replaceChildren(this.transcriptSlot, open);
  }

  private showTranscriptForm(): void {
    const id = `parley-transcript-${++ids}`;
    const input = h("input", { id, type: "email", class: "input", autocomplete: "email", maxlength: limits.emailLength, value: this.email ?? "", "data-part": "transcript-email" });
    const status = h("p", { class: "afterword-status", role: "status" });
    const send = h("button", { type: "submit", class: "btn btn-primary", "data-part": "transcript-send" }, t("transcriptSend"));
    const form = h("form", { class: "transcript", novalidate: true }, h("label", { for: id }, t("transcriptEmail")), input, status, send);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const email = input.value.trim();
      if (!email || input.validity.typeMismatch) {
        status.textContent = t("emailInvalidRequired");
        input.setAttribute("aria-invalid", "true");
        return;
      }
      send.disabled = true;
      status.textContent = t("sendingMessage");
      this.actions.mailTranscript(email === this.email ? null : email).then(
        () => this.done(this.transcriptSlot, t("transcriptSent", { email })),
        (error: unknown) => {
          send.disabled = false;
          status.textContent = describeError(error).map((e) => e.message).join(" ");
        },
      );
    });
    replaceChildren(this.transcriptSlot, form);
    input.focus();
  }

  private done(slot: HTMLElement, text: string): void {
    const line = h("p", { class: "afterword-done", role: "status", tabindex: -1 }, text);
    replaceChildren(slot, line);
    line.focus();
  }
}
