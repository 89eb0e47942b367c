import { html } from 'ghtml';
import { componentLabel } from '../../incidents/model';
import type { PublicComponent } from '../../status/model';
import { htmlDocument } from './html';

/** `/`'s "Subscribe to updates" form (SPEC §13): a plain form POST, so it works without script. */
export function subscribeSection(components: readonly PublicComponent[]): string {
  const choices = components.map(
    (c) =>
      html`<li><label><input type="checkbox" name="component" value="${c.key}"> ${componentLabel(c)}</label></li>`,
  );
  const fieldset =
    choices.length === 0
      ? ''
      : html`<fieldset><legend>Only for these components (none ticked: every update)</legend><ul>!${choices}</ul></fieldset>`;
  return html`<section id="subscribe" class="subscribe"><h2>Subscribe to updates</h2>
<form method="post" action="/subscriptions">
<p><label for="subscribe-email">Email address</label> <input id="subscribe-email" type="email" name="email" required maxlength="254" autocomplete="email"></p>
!${fieldset}
<p><button type="submit">Subscribe</button></p>
<p class="meta">We mail you a link to confirm; nothing is sent until you do. Every mail has a link to unsubscribe.</p>
</form></section>`;
}

export interface SubscriptionPageArgs {
  orgName: string;
  /** The page's heading and title. */
  heading: string;
  /** Plain sentences, one paragraph each. */
  lines: string[];
  /** A form of one button posting to `action` (the unsubscribe page). */
  button?: { action: string; label: string };
}

/** The pages of the subscription routes: a heading, a few sentences, maybe one button. */
export function subscriptionPage(args: SubscriptionPageArgs): string {
  const button = args.button
    ? html`<form method="post" action="${args.button.action}"><input type="hidden" name="List-Unsubscribe" value="One-Click"><p><button type="submit">${args.button.label}</button></p></form>`
    : '';
  const body = [
    html`<header><p><a href="/">${args.orgName} status</a></p></header>`,
    html`<section><h1>${args.heading}</h1>!${args.lines.map((line) => html`<p>${line}</p>`)}!${button}</section>`,
  ].join('\n');
  return htmlDocument({ title: `${args.heading} · ${args.orgName}`, orgName: args.orgName, body });
}
