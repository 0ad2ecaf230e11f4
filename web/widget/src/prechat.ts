// The pre-chat form: name, optional email, then the queue's own questions — or, when the queue takes messages now, the
// "leave a message" form (email required, and the message). Validates the obvious locally and shows the server's
// validation errors in plain words.

import type { FieldError } from "./api";
import { h, replaceChildren } from "./dom";
import { limits, type Question, type QueueInfo } from "./protocol";
import { t } from "./strings";

export interface PrechatValues {
  name: string;
  email: string;
  answers: Record<string, string>;
  /** The message, in the "leave a message" form; "" in the chat form. */
  text: string;
}

/** `chat`: start a chat; `message`: leave a message, answered by email. */
export type FormMode = "chat" | "message";

export interface FormOptions {
  mode?: FormMode;
  /** An honest line above the fields (closed until…, no agent online); null for none. */
  line?: string | null;
}

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

const ERROR_ID = "parley-prechat-error";

export class PrechatForm {
  readonly element: HTMLFormElement;
  private readonly errorBox: HTMLElement;
  private readonly submitButton: HTMLButtonElement;
  /** Controls by field key: `name`, `email`, `answer:{questionId}`. */
  private readonly controls = new Map<string, Control>();
  private readonly questions: Question[];
  private readonly mode: FormMode;
  private busy = false;

  constructor(
    info: QueueInfo,
    prefillName: string,
    private readonly onSubmit: (values: PrechatValues) => Promise<FieldError[] | null>,
    options: FormOptions = {},
  ) {
    this.mode = options.mode ?? "chat";
    const message = this.mode === "message";
    this.questions = info.questions ?? [];
    this.errorBox = h("div", { id: ERROR_ID, class: "error", role: "alert", "data-part": "prechat-error", hidden: true });
    this.submitButton = h("button", { type: "submit", class: "btn btn-primary wide", "data-part": "prechat-submit" }, this.submitLabel(false));

    const name = h("input", {
      id: "parley-name",
      type: "text",
      autocomplete: "name",
      required: true,
      "aria-required": "true",
      maxlength: limits.nameLength,
      "data-part": "prechat-name",
    });
    name.value = prefillName;
    const email = h("input", {
      id: "parley-email",
      type: "email",
      autocomplete: "email",
      inputmode: "email",
      required: message,
      "aria-required": message ? "true" : undefined,
      maxlength: limits.emailLength,
      "data-part": "prechat-email",
    });
    this.controls.set("name", name);
    this.controls.set("email", email);
    const text = message
      ? h("textarea", { id: "parley-message", rows: 5, required: true, "aria-required": "true", maxlength: limits.messageLength, "data-part": "message-text" })
      : null;
    if (text) {
      this.controls.set("text", text);
    }

    this.element = h(
      "form",
      { class: "prechat", "data-part": message ? "message-form" : "prechat-form", novalidate: true },
      options.line ? h("p", { class: "availability", role: "status", "data-part": "availability" }, options.line) : null,
      h("p", { class: "welcome" }, message ? t("leaveMessageIntro") : info.welcome?.trim() || t("prechatIntro")),
      // Above the fields: under a long form the list would be below the fold, leaving only red borders in view.
      this.errorBox,
      field("parley-name", t("nameLabel"), name, true),
      field("parley-email", t("emailLabel"), email, message),
      ...this.questions.map((q, i) => this.question(q, i)),
      text ? field("parley-message", t("messageLabel"), text, true) : null,
      this.submitButton,
    );
    this.element.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.submit();
    });
  }

  /** Ready for another submit (the start it was busy with is no longer being tried). */
  idle(): void {
    this.setBusy(false);
  }

  /** The start was refused: ready again, with the reasons. */
  fail(errors: FieldError[]): void {
    this.setBusy(false);
    this.showErrors(errors);
  }

  focus(): void {
    const name = this.controls.get("name");
    const firstEmpty = [...this.controls.values()].find((c) => !c.value);
    (firstEmpty ?? name)?.focus();
  }

  private question(q: Question, index: number): HTMLElement {
    const id = `parley-q-${index}`;
    const attrs = {
      id,
      required: q.required,
      "aria-required": q.required ? "true" : undefined,
      "data-part": "prechat-question",
      "data-question-id": q.id,
    };
    let control: Control;
    if (q.type === "choice") {
      control = h("select", attrs, h("option", { value: "" }, t("choosePlaceholder")));
      for (const option of q.options ?? []) {
        const el = h("option", {}, option);
        el.value = option;
        control.appendChild(el);
      }
    } else {
      control = h("input", { ...attrs, type: "text", maxlength: limits.answerLength });
    }
    this.controls.set(`answer:${q.id}`, control);
    return field(id, q.label, control, q.required);
  }

  private async submit(): Promise<void> {
    if (this.busy) {
      return;
    }
    const values = this.values();
    const local = this.validate(values);
    if (local.length) {
      this.showErrors(local);
      return;
    }
    this.setBusy(true);
    const errors = await this.onSubmit(values);
    if (errors?.length) {
      this.setBusy(false);
      this.showErrors(errors);
    }
  }

  private values(): PrechatValues {
    const answers: Record<string, string> = {};
    for (const q of this.questions) {
      const value = this.controls.get(`answer:${q.id}`)?.value.trim() ?? "";
      if (value) {
        answers[q.id] = value;
      }
    }
    return {
      name: this.controls.get("name")?.value.trim() ?? "",
      email: this.controls.get("email")?.value.trim() ?? "",
      answers,
      text: this.controls.get("text")?.value.trim() ?? "",
    };
  }

  private validate(values: PrechatValues): FieldError[] {
    const errors: FieldError[] = [];
    if (!values.name) {
      errors.push({ field: "name", message: t("nameRequired") });
    } else if (values.name.length > limits.nameLength) {
      errors.push({ field: "name", message: t("nameTooLong", { max: limits.nameLength }) });
    }
    const email = this.controls.get("email");
    if (this.mode === "message" && !values.email) {
      errors.push({ field: "email", message: t("emailRequired") });
    } else if (values.email && (values.email.length > limits.emailLength || (email instanceof HTMLInputElement && email.validity.typeMismatch))) {
      errors.push({ field: "email", message: t("emailInvalid") });
    }
    for (const q of this.questions) {
      const answer = values.answers[q.id] ?? "";
      if (q.required && !answer) {
        errors.push({ field: `answer:${q.id}`, message: t("answerRequired", { label: q.label }) });
      } else if (answer.length > limits.answerLength) {
        errors.push({ field: `answer:${q.id}`, message: t("answerTooLong", { label: q.label, max: limits.answerLength }) });
      }
    }
    if (this.mode === "message") {
      if (!values.text) {
        errors.push({ field: "text", message: t("messageRequired") });
      } else if (values.text.length > limits.messageLength) {
        errors.push({ field: "text", message: t("messageTooLong", { max: limits.messageLength }) });
      }
    }
    return errors;
  }

  private submitLabel(busy: boolean): string {
    return this.mode === "message" ? (busy ? t("sendingMessage") : t("sendMessage")) : busy ? t("starting") : t("startChat");
  }

  private showErrors(errors: FieldError[]): void {
    for (const control of this.controls.values()) {
      control.removeAttribute("aria-invalid");
      control.removeAttribute("aria-describedby");
    }
    let first: Control | undefined;
    for (const error of errors) {
      const control = error.field ? this.controls.get(error.field) : undefined;
      if (control) {
        control.setAttribute("aria-invalid", "true");
        control.setAttribute("aria-describedby", ERROR_ID);
        first ??= control;
      }
    }
    const [only] = errors;
    if (errors.length === 1 && only) {
      replaceChildren(this.errorBox, h("p", {}, only.message));
    } else {
      replaceChildren(
        this.errorBox,
        h("p", {}, t("formErrorsTitle")),
        h("ul", {}, ...errors.map((e) => h("li", {}, e.message))),
      );
    }
    this.errorBox.hidden = false;
    this.errorBox.scrollIntoView({ block: "nearest" });
    first?.focus({ preventScroll: true });
  }

  /** While busy the button stays focusable (aria-disabled), so keyboard focus is not thrown out of the panel. */
  private setBusy(busy: boolean): void {
    this.busy = busy;
    this.submitButton.setAttribute("aria-disabled", String(busy));
    this.submitButton.textContent = this.submitLabel(busy);
    this.element.setAttribute("aria-busy", String(busy));
  }
}

function field(id: string, label: string, control: Control, required: boolean): HTMLElement {
  return h(
    "div",
    { class: "field" },
    h(
      "label",
      { for: id },
      label,
      required ? h("span", { class: "req", "aria-hidden": "true" }, " *") : h("span", { class: "opt" }, ` ${t("optional")}`),
    ),
    control,
  );
}

/** What the body shows while the queue settings load, or when they cannot be loaded. */
export function notice(message: string, options: { error?: boolean; retry?: () => void; title?: string } = {}): HTMLElement {
  const text = options.error
    ? h("div", { class: "error", role: "alert", "data-part": "prechat-error" }, h("p", {}, message))
    : h("p", { class: "muted", role: "status" }, message);
  const retry = options.retry;
  // A titled notice is an answer (a message was sent), not a wait: focusable, so the keyboard lands on it.
  return h(
    "div",
    options.title
      ? { class: "prechat notice", "data-part": "message-sent", tabindex: -1 }
      : { class: "prechat notice", "aria-busy": options.error ? undefined : "true" },
    options.title ? h("h3", { class: "notice-title" }, options.title) : null,
    text,
    retry && buttonWith(t("retry"), retry),
  );
}

function buttonWith(label: string, onClick: () => void): HTMLButtonElement {
  const button = h("button", { type: "button", class: "btn btn-secondary" }, label);
  button.addEventListener("click", onClick);
  return button;
}
