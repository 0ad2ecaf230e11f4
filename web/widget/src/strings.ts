// Every piece of text the customer can see or hear (screen readers included) lives here.
// To translate the widget, replace this one object. `{name}` placeholders are filled in by `format`.

export const strings = {
  defaultTitle: "Chat with us",
  openChat: "Open chat",
  openChatUnread: "Open chat ({count} unread)",
  closeChat: "Close chat",
  minimize: "Minimize chat",

  loading: "Loading…",
  prechatIntro: "Tell us a little about yourself and we'll connect you with someone who can help.",
  nameLabel: "Your name",
  emailLabel: "Email",
  optional: "(optional)",
  choosePlaceholder: "Choose…",
  startChat: "Start chat",
  starting: "Starting…",
  formErrorsTitle: "Please check the form:",
  nameRequired: "Please enter your name.",
  nameTooLong: "Your name can be at most {max} characters.",
  emailInvalid: "Please enter a valid email address, or leave it empty.",
  answerRequired: "Please answer “{label}”.",
  answerTooLong: "Your answer to “{label}” can be at most {max} characters.",
  checkForm: "Some details could not be accepted. Please check the form and try again.",
  genericError: "Something went wrong. Please try again.",
  networkError: "We couldn't reach the chat service. Please check your connection and try again.",
  queueUnavailable: "Chat isn't available right now. Please try again in a moment.",
  queueNotFound: "This chat is not available.",
  retry: "Try again",
  closedNow: "We're closed right now.",
  closedUntil: "We're closed right now. We open {when}.",
  closedQueueAnyway: "You can start a chat now and wait in line; an agent answers once we open.",
  noAgentsNow: "No agent is online right now. You can start a chat and wait; someone answers as soon as they are back.",
  noAgentsMessage: "No agent is online right now.",
  leaveMessageIntro: "Leave us a message and we'll answer you by email.",
  messageLabel: "Your message",
  emailRequired: "Please enter your email address: our answer goes there.",
  messageRequired: "Please write your message.",
  messageTooLong: "Your message can be at most {max} characters.",
  sendMessage: "Send message",
  sendingMessage: "Sending…",
  messageSentTitle: "Thank you, {name}!",
  messageSent: "We received your message and will answer you at {email}.",
  whenToday: "today at {time}",
  whenTomorrow: "tomorrow at {time}",
  whenDay: "{day} at {time}",
  startRetryTitle: "Connecting you…",
  startRetrying: "We can't reach our chat service just now. We'll keep trying and start your chat as soon as we can — your details are kept.",
  loadRetrying: "We can't reach our chat service just now. We'll keep trying and open the chat as soon as we can.",
  startRetryGaveUpTitle: "We still can't reach our chat service",
  startRetryGaveUp: "Please try again in a few minutes. Your details are kept.",
  loadRetryGaveUp: "Please try again in a few minutes.",
  startRetryNow: "Try now",

  connecting: "Connecting…",
  reconnecting: "Reconnecting…",
  queued: "Waiting for an agent…",
  queuePosition: "You are number {position} in line",
  queuePositionWait: "You are number {position} — {wait}",
  queueNext: "You are next",
  queueNextWait: "You are next — {wait}",
  queueNextBusy: "You are next — every agent is busy; we can't say how long it will take",
  queuePositionBusy: "You are number {position} — every agent is busy; we can't say how long it will take",
  queueNextNobody: "You are next — no agent is available right now",
  queuePositionNobody: "You are number {position} — no agent is available right now",
  waitUnderMinute: "less than a minute",
  waitMinute: "about 1 minute",
  waitMinutes: "about {count} minutes",
  waitOverHour: "more than an hour",
  transferring: "Waiting for the next agent…",
  queueFull: "All our agents are busy and the queue is full right now. Please try again in a few minutes.",
  assigned: "You are chatting with {agentName}",
  assignedNoName: "You are chatting with an agent",
  ended: "This chat has ended",

  messagesLabel: "Conversation",
  agentFallbackName: "Agent",
  composerLabel: "Your message",
  composerPlaceholder: "Type a message…",
  send: "Send",
  attach: "Send a file",
  fileTooLarge: "That file is too large to send.",
  fileNotAllowed: "That type of file can't be sent here. Images, PDF and text files can.",
  fileFailed: "The file could not be sent. Please try again.",
  tooLong: "That's a long one! Please keep messages under {max} characters (this one has {count}).",
  sending: "Sending…",
  notSent: "Not sent yet — will retry",
  slowDown: "Sending in a moment…",
  sendFailed: "This message could not be sent.",
  endedNotSent: "Not sent — the chat has ended.",
  typing: "{name} is typing…",

  endChat: "End chat",
  endQuestion: "End this chat?",
  endConfirm: "End chat",
  endCancel: "Cancel",
  endFailed: "The chat could not be ended right now. Please try again.",
  newChat: "Start a new chat",

  surveyQuestion: "How would you rate this chat?",
  ratingOf: "{value} out of 5",
  ratingLow: "Poor",
  ratingHigh: "Excellent",
  ratingRequired: "Please choose a rating from 1 to 5.",
  surveyComment: "Anything you'd like to add?",
  surveySend: "Send feedback",
  surveyThanks: "Thank you for your feedback!",
  transcriptAsk: "Email me the transcript",
  transcriptEmail: "Send the transcript to",
  transcriptSend: "Send transcript",
  transcriptSent: "We're sending the transcript to {email}.",
  emailInvalidRequired: "Please enter a valid email address.",
  announcementsLabel: "Announcements",
};

export type StringKey = keyof typeof strings;

/** Fills `{name}` placeholders; unknown placeholders are left as they are. */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const value = values[key];
    if (value === undefined) {
      return whole;
    }
    return typeof value === "number" ? value.toLocaleString() : value;
  });
}

/** Looks up a string and fills its placeholders. */
export function t(key: StringKey, values: Record<string, string | number> = {}): string {
  return format(strings[key], values);
}
