/**
 * The mails subscribers get: a confirmation (double opt-in) and one per public update. Each has a
 * plain-text and an HTML part (HTML escaped by ghtml), and every update mail an unsubscribe link with
 * the RFC 8058 headers, so mail clients offer one-click unsubscribe.
 */
import { html } from 'ghtml';

export interface Mail {
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
}

export interface MailComponent {
  name: string;
  /** The status as people read it, e.g. "Partial outage". */
  status: string;
}

export interface UpdateMailInput {
  orgName: string;
  /** The incident's or maintenance's title. */
  title: string;
  /** The stage key after this update, e.g. `identified` or `in_progress`. */
  stage: string;
  /** The update's message. */
  message: string;
  /** When the update happened, as the status page shows it (in `DISPLAY_TIMEZONE`). */
  when: string;
  /** The components it affects after this update, with their statuses. */
  components: MailComponent[];
  /** The incident's (or maintenance's) page under `PUBLIC_BASE_URL`. */
  pageUrl: string;
  unsubscribeUrl: string;
}

export interface ConfirmMailInput {
  orgName: string;
  confirmUrl: string;
  /** The components chosen; none means every update. */
  components: string[];
  /** When the link stops working, as people read it. */
  expires: string;
}

/** A mail header never carries a line break (header injection); titles are one line. */
function oneLine(value: string): string {
  return value.replace(/[\r\n]+/g, ' ').trim();
}

/** `identified` → `Identified`, `in_progress` → `In progress`. */
export function stageTitle(stage: string): string {
  const words = stage.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function updateSubject(orgName: string, title: string, stage: string): string {
  return oneLine(`[${orgName}] ${title}: ${stageTitle(stage)}`);
}

/** RFC 2369 `List-Unsubscribe` and RFC 8058 one-click: a mail client POSTs `List-Unsubscribe=One-Click`. */
export function unsubscribeHeaders(unsubscribeUrl: string): Record<string, string> {
  return {
    'List-Unsubscribe': `<${unsubscribeUrl}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  };
}

function page(title: string, body: string): string {
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title></head>
<body style="font-family: system-ui, sans-serif; line-height: 1.5; color: #1f2328; max-width: 40em">
!${body}
</body></html>`;
}

export function updateMail(input: UpdateMailInput): Mail {
  const stage = stageTitle(input.stage);
  const subject = updateSubject(input.orgName, input.title, input.stage);
  const componentLines = input.components.map((c) => `- ${c.name}: ${c.status}`);
  const text = [
    `${input.title}`,
    `${stage} — ${input.when}`,
    '',
    input.message,
    '',
    ...(componentLines.length > 0 ? ['Affected components:', ...componentLines, ''] : []),
    `Details: ${input.pageUrl}`,
    '',
    '--',
    `You get this mail because you subscribed to ${input.orgName}'s status updates.`,
    `Unsubscribe: ${input.unsubscribeUrl}`,
    '',
  ].join('\n');
  const components =
    input.components.length === 0
      ? ''
      : html`<h2 style="font-size: 1em">Affected components</h2>
<ul>!${input.components.map((c) => html`<li>${c.name}: ${c.status}</li>`)}</ul>`;
  const body = html`<h1 style="font-size: 1.25em">${input.title}</h1>
<p><strong>${stage}</strong> — ${input.when}</p>
<p style="white-space: pre-wrap">${input.message}</p>
!${components}
<p><a href="${input.pageUrl}">See the incident on the status page</a></p>
<hr>
<p style="font-size: 0.875em; color: #59636e">You get this mail because you subscribed to ${input.orgName}'s status updates.
<a href="${input.unsubscribeUrl}">Unsubscribe</a></p>`;
  return { subject, text, html: page(subject, body), headers: unsubscribeHeaders(input.unsubscribeUrl) };
}

export function confirmMail(input: ConfirmMailInput): Mail {
  const subject = oneLine(`[${input.orgName}] Confirm your subscription to status updates`);
  const what =
    input.components.length === 0
      ? 'every public incident and maintenance'
      : `incidents and maintenances affecting ${input.components.join(', ')}`;
  const text = [
    `Someone, probably you, asked to get ${input.orgName}'s status updates by mail: ${what}.`,
    '',
    `Confirm with this link (it works until ${input.expires}):`,
    input.confirmUrl,
    '',
    'If you did not ask for this, ignore this mail: nothing will be sent.',
    '',
  ].join('\n');
  const body = html`<p>Someone, probably you, asked to get ${input.orgName}'s status updates by mail: ${what}.</p>
<p><a href="${input.confirmUrl}">Confirm the subscription</a> (the link works until ${input.expires}).</p>
<p>If you did not ask for this, ignore this mail: nothing will be sent.</p>`;
  return { subject, text, html: page(subject, body), headers: {} };
}
