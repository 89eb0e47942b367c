import { html } from 'ghtml';
import { formatDuration, incidentDuration } from '../../incidents/duration';
import { incidentRef } from '../../incidents/model';
import { formatLongDate } from '../../incidents/time';
import { impactLabels, stageLabels } from '../../incidents/vocabulary';
import { maintenanceRef } from '../../maintenance/reference';
import { maintenanceStageLabels } from '../../maintenance/vocabulary';
import { type HistoryPageData, historyTime } from '../../status/history-pages';
import type { PublicIncidentHeader } from '../../status/model';
import type { PublicMaintenance } from '../../status/public-maintenance';
import { htmlDocument, timeHtml } from './html';

export interface HistoryOptions {
  orgName: string;
  timeZone: string;
  now: Date;
}

/** `September 2022`, in the display time zone. */
function monthHeading(date: Date, timeZone: string): string {
  return formatLongDate(date, timeZone).replace(/ \d+,/, '');
}

function incidentLine(incident: PublicIncidentHeader, options: HistoryOptions): string {
  const ref = incidentRef(incident);
  const duration = formatDuration(incidentDuration(incident, options.now));
  const outcome = incident.resolvedAt
    ? html`Resolved !${timeHtml(incident.resolvedAt, options.timeZone)} · lasted ${duration}`
    : html`${stageLabels[incident.stage]} · ongoing for ${duration}`;
  return html`<li class="row"><span><a href="/incidents/${ref}">${incident.title}</a> <span class="meta">${ref}</span><span class="description">Started !${timeHtml(incident.startedAt, options.timeZone)} · !${outcome}</span></span><span class="badge impact-${incident.impact}">${impactLabels[incident.impact]}</span></li>`;
}

function maintenanceLine(maintenance: PublicMaintenance, options: HistoryOptions): string {
  const ref = maintenanceRef(maintenance);
  const { timeZone } = options;
  const when =
    maintenance.stage === 'cancelled'
      ? html`Scheduled for !${timeHtml(maintenance.scheduledFor, timeZone)} · cancelled`
      : html`Scheduled !${timeHtml(maintenance.scheduledFor, timeZone)} to !${timeHtml(maintenance.scheduledUntil, timeZone)} · ${maintenanceStageLabels[maintenance.stage]}`;
  return html`<li class="row"><span><a href="/maintenances/${ref}">${maintenance.title}</a> <span class="meta">${ref}</span><span class="description">!${when}</span></span><span class="badge impact-maintenance">Maintenance</span></li>`;
}

function pageLink(page: number, text: string, rel: string): string {
  return html`<a href="${page === 1 ? '/history' : `/history?page=${page}`}" rel="${rel}">${text}</a>`;
}

/** `GET /history`: every public incident and maintenance, newest first, under month headings. */
export function renderHistoryPage(data: HistoryPageData, options: HistoryOptions): string {
  const months = new Map<string, string[]>();
  for (const item of data.items) {
    const month = monthHeading(historyTime(item), options.timeZone);
    const lines = months.get(month) ?? [];
    lines.push(
      item.kind === 'incident'
        ? incidentLine(item.incident, options)
        : maintenanceLine(item.maintenance, options),
    );
    months.set(month, lines);
  }
  const blocks = [...months].map(
    ([month, lines]) => html`<section class="month"><h2>${month}</h2><ul>!${lines.join('')}</ul></section>`,
  );
  const nav = [
    data.page > 1 ? pageLink(data.page - 1, '← Newer', 'prev') : '',
    data.pages > 1 ? html`<span class="meta">Page ${data.page} of ${data.pages}</span>` : '',
    data.page < data.pages ? pageLink(data.page + 1, 'Older →', 'next') : '',
  ].join(' ');
  const body = [
    html`<header><p><a href="/">${options.orgName} status</a></p><a href="/history.atom">Subscribe to updates</a></header>`,
    html`<h1>Incident history</h1>`,
    blocks.length > 0 ? blocks.join('\n') : '<section><p>No incidents or maintenances yet.</p></section>',
    nav.trim() ? html`<nav class="pages" aria-label="History pages">!${nav}</nav>` : '',
  ].join('\n');
  return htmlDocument({ title: `Incident history · ${options.orgName}`, orgName: options.orgName, body });
}
