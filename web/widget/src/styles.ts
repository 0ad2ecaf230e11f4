// All of the widget's CSS. It lives in the shadow root, so the host page's CSS cannot reach in and ours cannot leak
// out. Sizes are in px (rem would follow the host page's root font size). --accent / --on-accent are set at startup.

export const css = `
:host { all: initial; }
*, *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }
.root {
  --accent: #2563eb; --on-accent: #ffffff;
  --text: #111827; --muted: #6b7280; --line: #e5e7eb; --soft: #f8fafc;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif;
  font-size: 14px; line-height: 1.45; color: var(--text); text-align: left;
  -webkit-font-smoothing: antialiased;
}
button, input, select, textarea { font: inherit; color: inherit; margin: 0; }
button { cursor: pointer; }
button:disabled { cursor: default; }
:focus { outline: none; }
:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
.sr-only { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }

.launcher {
  position: fixed; right: 20px; bottom: 20px; z-index: 2147483000;
  width: 56px; height: 56px; border-radius: 50%; border: 0; padding: 0;
  display: flex; align-items: center; justify-content: center;
  background: var(--accent); color: var(--on-accent);
  box-shadow: 0 8px 24px rgba(15, 23, 42, .24), 0 2px 6px rgba(15, 23, 42, .12);
  transition: transform .15s ease, box-shadow .15s ease;
}
.launcher:hover { transform: translateY(-1px) scale(1.04); }
.launcher:focus-visible { outline: 3px solid var(--accent); outline-offset: 3px; box-shadow: 0 0 0 3px #fff, 0 8px 24px rgba(15, 23, 42, .24); }
.launcher svg { width: 26px; height: 26px; display: block; }
.launcher .icon-close, .root.open .launcher .icon-open { display: none; }
.root.open .launcher .icon-close { display: block; }
.badge {
  position: absolute; top: -4px; right: -4px; min-width: 22px; height: 22px; padding: 0 6px;
  border-radius: 11px; border: 2px solid #fff; background: #dc2626; color: #fff;
  font-size: 11px; font-weight: 700; line-height: 18px; text-align: center;
}

.panel {
  position: fixed; right: 20px; bottom: 88px; z-index: 2147483001;
  width: 360px; height: 560px; max-width: calc(100vw - 40px); max-height: calc(100vh - 108px);
  display: flex; flex-direction: column; overflow: hidden;
  background: #fff; border: 1px solid rgba(15, 23, 42, .08); border-radius: 16px;
  box-shadow: 0 16px 48px rgba(15, 23, 42, .22), 0 2px 8px rgba(15, 23, 42, .08);
  animation: parley-in .18s ease-out;
}
.panel:focus-visible { outline: none; }
@keyframes parley-in { from { opacity: 0; transform: translateY(12px) scale(.98); } to { opacity: 1; transform: none; } }

.header {
  display: flex; align-items: center; gap: 8px; padding: 14px 12px 14px 16px;
  background: var(--accent); color: var(--on-accent);
}
.heading { flex: 1; min-width: 0; }
.title { margin: 0; font-size: 15px; font-weight: 600; line-height: 1.3; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.status { margin: 2px 0 0; font-size: 12.5px; opacity: .92; }
.queue-position {
  display: inline-block; max-width: 100%; margin: 5px 0 0; padding: 2px 8px; border-radius: 6px;
  background: rgba(255, 255, 255, .18); background: color-mix(in srgb, var(--on-accent) 16%, transparent);
  font-size: 12px; font-weight: 600; line-height: 1.5;
}
.head-actions { display: flex; align-items: center; gap: 4px; flex: none; }
.head-btn {
  border: 1px solid rgba(255, 255, 255, .4); border-color: color-mix(in srgb, var(--on-accent) 40%, transparent);
  background: transparent; color: inherit;
  border-radius: 8px; padding: 5px 10px; font-size: 12.5px; font-weight: 500;
}
.head-btn:hover { background: rgba(255, 255, 255, .14); background: color-mix(in srgb, var(--on-accent) 14%, transparent); }
.head-btn:focus-visible { outline: 2px solid var(--on-accent); outline-offset: 1px; }
.icon-btn { border-color: transparent; padding: 4px; width: 32px; height: 32px; }
.icon-btn svg { width: 22px; height: 22px; display: block; margin: auto; }

.connection { padding: 6px 14px; background: #fef3c7; color: #92400e; font-size: 12.5px; text-align: center; }
.confirm { display: flex; flex-wrap: wrap; align-items: center; gap: 8px; padding: 10px 14px; background: #fef2f2; border-bottom: 1px solid #fecaca; }
.confirm p { margin: 0; flex: 1; font-weight: 600; color: #7f1d1d; }
.confirm-actions { display: flex; gap: 8px; }

.body { flex: 1; min-height: 0; display: flex; flex-direction: column; }
.btn { border: 1px solid transparent; border-radius: 10px; padding: 8px 14px; min-height: 36px; font-weight: 600; }
.btn-primary { background: var(--accent); color: var(--on-accent); }
.btn-primary:hover:not(:disabled):not([aria-disabled="true"]) { filter: brightness(.95); }
.btn-primary:disabled, .btn-primary[aria-disabled="true"] { opacity: .65; cursor: default; }
.btn-secondary { background: #fff; border-color: #d1d5db; color: var(--text); }
.btn-secondary:hover { background: #f3f4f6; }
.btn-danger { background: #dc2626; color: #fff; }
.btn-danger:hover { background: #b91c1c; }
.wide { width: 100%; min-height: 42px; }

.prechat { flex: 1; overflow-y: auto; padding: 16px; display: flex; flex-direction: column; gap: 12px; }
.prechat.notice { justify-content: center; align-items: center; text-align: center; }
.retry .retry-title { margin: 0; font-weight: 600; color: var(--text); }
.retry .muted { max-width: 300px; }
.spinner { width: 22px; height: 22px; border-radius: 50%; border: 3px solid #e5e7eb; border-top-color: var(--accent); animation: parley-spin 1s linear infinite; }
.retry[aria-busy=false] .spinner { display: none; }
@keyframes parley-spin { to { transform: rotate(360deg); } }
.welcome { margin: 0; color: #374151; }
.availability { margin: 0; padding: 8px 10px; border-radius: 8px; background: #fffaeb; color: #93370d; }
.notice-title { margin: 0 0 4px; font-size: 16px; }
.field textarea { resize: vertical; }
.muted { margin: 0; color: var(--muted); }
.field label { display: block; margin-bottom: 5px; font-size: 13px; font-weight: 600; color: #374151; }
.field .req { color: #b91c1c; }
.field .opt { font-weight: 400; color: var(--muted); }
.field input, .field select, .field textarea {
  display: block; width: 100%; min-height: 40px; padding: 8px 11px;
  border: 1px solid #d1d5db; border-radius: 10px; background: #fff;
}
.field input:focus-visible, .field select:focus-visible, .field textarea:focus-visible, .input:focus-visible { outline: 2px solid var(--accent); outline-offset: 0; border-color: var(--accent); }
[aria-invalid="true"] { border-color: #dc2626 !important; }
.error { padding: 9px 12px; border: 1px solid #fecaca; border-radius: 10px; background: #fef2f2; color: #991b1b; font-size: 13px; }
.error p { margin: 0; }
.error ul { margin: 4px 0 0; padding-left: 18px; }

.chat { flex: 1; min-height: 0; display: flex; flex-direction: column; }
.messages {
  flex: 1; min-height: 0; overflow-y: auto; overscroll-behavior: contain;
  display: flex; flex-direction: column; gap: 10px; padding: 16px 12px 8px; background: var(--soft);
}
.messages:focus-visible { outline-offset: -2px; }
.msg { display: flex; flex-direction: column; max-width: 82%; }
.msg.customer { align-self: flex-end; align-items: flex-end; }
.msg.agent { align-self: flex-start; align-items: flex-start; }
.msg.system { display: block; align-self: center; max-width: 92%; text-align: center; font-size: 12px; color: var(--muted); }
.name { margin: 0 4px 3px; font-size: 12px; font-weight: 600; color: #4b5563; }
.bubble { padding: 8px 12px; border-radius: 16px; white-space: pre-wrap; overflow-wrap: anywhere; }
.customer .bubble { background: var(--accent); color: var(--on-accent); border-bottom-right-radius: 5px; }
.agent .bubble { background: #fff; border: 1px solid var(--line); border-bottom-left-radius: 5px; }
.bubble a { color: inherit; text-decoration: underline; text-underline-offset: 2px; }
.meta { margin: 3px 4px 0; font-size: 11.5px; color: var(--muted); }
.time { white-space: nowrap; }
.msg.system .meta { margin: 0; font-size: inherit; }
.msg[data-pending] .bubble { opacity: .7; }
.msg[data-pending="queued"] .meta { color: #b45309; }
.msg.failed .bubble { opacity: .6; }
.msg.failed .meta { color: #b91c1c; }
.typing { padding: 2px 16px 6px; background: var(--soft); font-size: 12px; font-style: italic; color: var(--muted); }

.composer { border-top: 1px solid var(--line); background: #fff; padding: 10px 12px; }
.composer-row { display: flex; align-items: flex-end; gap: 8px; }
.input {
  flex: 1; min-height: 40px; max-height: 120px; resize: none; padding: 9px 12px;
  border: 1px solid #d1d5db; border-radius: 12px; background: #fff; line-height: 1.4;
}
.send {
  flex: none; width: 40px; height: 40px; border: 0; border-radius: 12px;
  display: flex; align-items: center; justify-content: center;
  background: var(--accent); color: var(--on-accent);
}
.send svg { width: 19px; height: 19px; }
.send:disabled { opacity: .45; }
.attach { cursor: pointer; background: none; color: inherit; }
.file svg { width: 14px; height: 14px; vertical-align: -2px; }
.file img { display: block; max-width: 100%; border-radius: 8px; }
.file { color: inherit; }
.hint { margin-top: 6px; font-size: 12px; color: #b45309; }
.ended { padding: 12px; border-top: 1px solid var(--line); background: #fff; max-height: 60%; overflow-y: auto; }
.afterword-item, .survey, .transcript { margin-bottom: 10px; display: flex; flex-direction: column; gap: 6px; }
.survey fieldset { border: 0; padding: 0; margin: 0; }
.survey legend { font-weight: 600; margin-bottom: 6px; }
.rates { display: flex; gap: 6px; }
.rate { flex: 1; position: relative; }
.rate input { position: absolute; opacity: 0; inset: 0; margin: 0; cursor: pointer; }
.rate span[aria-hidden] { display: block; text-align: center; padding: 8px 0; border: 1px solid var(--line); border-radius: 8px; font-weight: 600; }
.rate input:checked + span { background: var(--accent); color: var(--on-accent); border-color: var(--accent); }
.rate input:focus-visible + span { outline: 2px solid var(--accent); outline-offset: 2px; }
.rate-ends { display: flex; justify-content: space-between; font-size: 12px; color: var(--muted); }
.afterword-status:empty { display: none; }
.afterword-status { margin: 0; font-size: 13px; color: var(--muted); }
.afterword-done { margin: 0 0 10px; font-weight: 600; }
.muted { color: var(--muted); font-weight: 400; }
.announcements { padding: 8px 14px; background: #fffbeb; border-bottom: 1px solid #fde68a; color: #78350f; font-size: 13px; }
.announcements p { margin: 0; }
.announcements p + p { margin-top: 4px; }

@media (max-width: 479.98px) {
  .panel { inset: 0; width: 100%; height: 100%; max-width: none; max-height: none; border: 0; border-radius: 0; }
  .root.open .launcher { display: none; }
  .input, .field input, .field textarea { font-size: 16px; }
}
@media (prefers-reduced-motion: reduce) {
  .panel, .launcher { animation: none; transition: none; }
  .spinner { animation-duration: 3s; }
}
`;
