import { html } from 'ghtml';
import { componentLabel } from '../../incidents/model';
import { maintenanceRef } from '../../maintenance/reference';
import { maintenanceStageLabels } from '../../maintenance/vocabulary';
import {
  activeThenUpcoming,
  type PublicMaintenance,
  type PublicMaintenanceUpdate,
} from '../../status/public-maintenance';
import { htmlDocument, messageHtml, timeHtml } from './html';

export const maintenancePath = (m: Pick<PublicMaintenance, 'number'>) => `/maintenances/${maintenanceRef(m)}`;

function windowHtml(m: PublicMaintenance, timeZone: string): string {
  return `${timeHtml(m.scheduledFor, timeZone)} – ${timeHtml(m.scheduledUntil, timeZone)}`;
}

function updateHtml(update: PublicMaintenanceUpdate, timeZone: string): string {
  return html`<div class="update" id="update-${update.id}"><p><strong>${maintenanceStageLabels[update.stage]}</strong> · !${timeHtml(update.occurredAt, timeZone)}</p>!${messageHtml(update.message)}</div>`;
}

/** The page's "Scheduled maintenance" section (SPEC §12): under way first, then upcoming; empty when none. */
export function maintenanceSection(maintenances: readonly PublicMaintenance[], timeZone: string): string {
  const shown = activeThenUpcoming(maintenances);
  if (shown.length === 0) return '';
  const items = shown.map((m) => {
    const latest = m.updates.at(-1);
    return [
      html`<article class="maintenance" aria-labelledby="mnt-${m.number}">`,
      html`<h3 id="mnt-${m.number}"><a href="${maintenancePath(m)}">${m.title}</a></h3>`,
      html`<p class="meta"><span class="badge stage-${m.stage}">${maintenanceStageLabels[m.stage]}</span> ${maintenanceRef(m)} · !${windowHtml(m, timeZone)}</p>`,
      html`<p class="meta">Affects ${m.components.map(componentLabel).join(', ')}</p>`,
      latest ? updateHtml(latest, timeZone) : '',
      '</article>',
    ].join('');
  });
  return html`<section class="maintenances"><h2>Scheduled maintenance</h2>!${items.join('\n')}</section>`;
}

/** `GET /maintenances/MNT-n`: the window, the components and every update, newest first. */
export function renderMaintenancePage(
  m: PublicMaintenance,
  options: { orgName: string; timeZone: string },
): string {
  const { timeZone } = options;
  const facts: [string, string][] = [
    ['Scheduled', windowHtml(m, timeZone)],
    ['Started', m.startedAt ? timeHtml(m.startedAt, timeZone) : 'Not yet'],
    [
      m.stage === 'cancelled' ? 'Cancelled' : 'Completed',
      m.endedAt ? timeHtml(m.endedAt, timeZone) : 'Not yet',
    ],
  ];
  const components = m.components.map((c) => html`<li class="row"><span>${componentLabel(c)}</span></li>`);
  const updates = [...m.updates]
    .reverse()
    .map((update) => html`<li>!${updateHtml(update, timeZone)}</li>`)
    .join('\n');
  const body = [
    html`<header><p><a href="/">${options.orgName} status</a></p><a href="/history.atom">Subscribe to updates</a></header>`,
    '<article class="maintenance">',
    html`<p class="meta">${maintenanceRef(m)} · Scheduled maintenance</p>`,
    html`<h1>${m.title}</h1>`,
    html`<p><span class="badge stage-${m.stage}">${maintenanceStageLabels[m.stage]}</span></p>`,
    html`<dl>!${facts.map(([term, value]) => html`<dt>${term}</dt><dd>!${value}</dd>`)}</dl>`,
    '</article>',
    html`<section class="components"><h2>Components</h2><ul>!${components}</ul></section>`,
    html`<section class="updates"><h2>Updates</h2><ol class="timeline">!${updates}</ol></section>`,
  ].join('\n');
  return htmlDocument({
    title: `${maintenanceRef(m)}: ${m.title} · ${options.orgName}`,
    orgName: options.orgName,
    body,
  });
}
