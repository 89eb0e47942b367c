import { html } from 'ghtml';
import { formatDuration, incidentDuration } from '../../incidents/duration';
import { componentLabel, incidentRef } from '../../incidents/model';
import { summarySentence } from '../../incidents/summary';
import { formatLongDate } from '../../incidents/time';
import {
  type ComponentStatus,
  componentStatusLabels,
  impactLabels,
  stageLabels,
} from '../../incidents/vocabulary';
import { withMaintenances } from '../../maintenance/component-status';
import {
  type ComponentEntry,
  type ComponentRow,
  componentLayout,
  currentStatuses,
  latestUpdate,
  newestFirst,
  overallStatus,
} from '../../status/derive';
import type { PublicComponent, PublicIncident, PublicIncidentHeader } from '../../status/model';
import { coverageOf, type PublicMaintenance } from '../../status/public-maintenance';
import type { UptimeHistory } from '../../status/uptime-history';
import { htmlDocument, messageHtml, timeHtml } from './html';
import { maintenanceSection } from './maintenance-html';
import { subscribeSection } from './subscription-html';
import { uptimeSection } from './uptime-html';

export interface PageOptions {
  /** `ORG_NAME`: the page title and the subject of summary sentences. */
  orgName: string;
  /** `DISPLAY_TIMEZONE`. */
  timeZone: string;
  /** The end of open incidents' durations so far. */
  now: Date;
}

export interface StatusPageData {
  components: PublicComponent[];
  /** Unresolved incidents, newest first. */
  openIncidents: PublicIncident[];
  /** Incidents started in the history window, newest first. */
  history: PublicIncidentHeader[];
  historyDays: number;
  /** True when `history` was cut at its limit. */
  historyTruncated: boolean;
  /** Public maintenances scheduled or under way (SPEC §12). */
  maintenances?: PublicMaintenance[];
  uptime: UptimeHistory;
  /** `SMTP_URL` is set: the page offers the "Subscribe to updates" form (SPEC §13). */
  emailSubscriptions?: boolean;
}

const incidentPath = (incident: Pick<PublicIncident, 'number'>) => `/incidents/${incidentRef(incident)}`;

/** `GET /`: banner, components by group, open incidents with their latest update, recent history. */
export function renderStatusPage(data: StatusPageData, options: PageOptions): string {
  const statuses = withMaintenances(currentStatuses(data.openIncidents), coverageOf(data.maintenances ?? []));
  const overall = overallStatus(
    statuses.values(),
    data.openIncidents.map((incident) => incident.impact),
  );
  const open = data.openIncidents.length;
  const bannerMeta =
    open === 0 ? '' : html`<p class="meta">${open} open incident${open === 1 ? '' : 's'}</p>`;
  const body = [
    html`<header><h1>${options.orgName}</h1><a href="${data.emailSubscriptions ? '#subscribe' : '/history.atom'}">Subscribe to updates</a></header>`,
    html`<section class="banner indicator-${overall.indicator}" role="status"><p>${overall.headline}</p>!${bannerMeta}</section>`,
    open > 0 ? openIncidentsSection(data.openIncidents, options) : '',
    maintenanceSection(data.maintenances ?? [], options.timeZone),
    componentsSection(componentLayout(data.components, statuses)),
    uptimeSection(data.components, data.uptime),
    historySection(data, options),
    data.emailSubscriptions ? subscribeSection(data.components) : '',
  ].join('\n');
  return htmlDocument({ title: options.orgName, orgName: options.orgName, body });
}

function openIncidentsSection(incidents: PublicIncident[], options: PageOptions): string {
  const items = incidents.map((incident) => {
    const latest = latestUpdate(incident.updates);
    const affected = incident.components.filter((c) => c.status !== 'operational');
    const started = timeHtml(incident.startedAt, options.timeZone);
    const ongoing = formatDuration(incidentDuration(incident, options.now));
    return [
      html`<article class="incident" aria-labelledby="open-${incident.number}">`,
      html`<h3 id="open-${incident.number}"><a href="${incidentPath(incident)}">${incident.title}</a></h3>`,
      html`<p class="meta"><span class="badge impact-${incident.impact}">${impactLabels[incident.impact]} impact</span> ${incidentRef(incident)} · started !${started} · ongoing for ${ongoing}</p>`,
      affected.length > 0
        ? html`<p class="meta">Affects ${affected.map(({ component }) => componentLabel(component)).join(', ')}</p>`
        : '',
      latest ? updateHtml(latest, options.timeZone) : '',
      '</article>',
    ].join('');
  });
  return html`<section class="open-incidents"><h2>Open incidents</h2>!${items.join('\n')}</section>`;
}

function updateHtml(
  update: Pick<PublicIncident['updates'][number], 'id' | 'stage' | 'message' | 'occurredAt'>,
  timeZone: string,
): string {
  return html`<div class="update" id="update-${update.id}"><p><strong>${stageLabels[update.stage]}</strong> · !${timeHtml(update.occurredAt, timeZone)}</p>!${messageHtml(update.message)}</div>`;
}

function statusHtml(status: ComponentStatus): string {
  return html`<span class="status ${status}">${componentStatusLabels[status]}</span>`;
}

function componentRowHtml({ component, status }: ComponentRow, label: string): string {
  const description = component.description
    ? html`<span class="description">${component.description}</span>`
    : '';
  return html`<li class="row"><span>${label}!${description}</span>!${statusHtml(status)}</li>`;
}

function componentsSection(entries: ComponentEntry[]): string {
  if (entries.length === 0)
    return '<section class="components"><h2>Components</h2><p class="meta">No components.</p></section>';
  const items = entries.map((entry) => {
    if (entry.kind === 'component') return componentRowHtml(entry, entry.component.name);
    const members = entry.members.map((row) => componentRowHtml(row, row.component.name));
    return html`<li class="group"><div class="row"><strong>${entry.name}</strong>!${statusHtml(entry.status)}</div><ul>!${members}</ul></li>`;
  });
  return html`<section class="components"><h2>Components</h2><ul>!${items.join('\n')}</ul></section>`;
}

function historySection(data: StatusPageData, options: PageOptions): string {
  const window = data.historyTruncated ? `, the ${data.history.length} most recent` : '';
  const heading = html`<h2>Past incidents</h2><p class="meta">The last ${data.historyDays} days${window}. <a href="/history">All incidents and maintenances</a></p>`;
  if (data.history.length === 0) {
    return html`<section class="history">!${heading}<p>No incidents in the last ${data.historyDays} days.</p></section>`;
  }
  const days = new Map<string, PublicIncidentHeader[]>();
  for (const incident of data.history) {
    const day = formatLongDate(incident.startedAt, options.timeZone);
    const list = days.get(day) ?? [];
    list.push(incident);
    days.set(day, list);
  }
  const blocks = [...days].map(
    ([day, incidents]) =>
      html`<div class="day"><h3>${day}</h3><ul>!${incidents.map((incident) => historyItem(incident, options))}</ul></div>`,
  );
  return html`<section class="history">!${heading}!${blocks.join('\n')}</section>`;
}

function historyItem(incident: PublicIncidentHeader, options: PageOptions): string {
  const duration = formatDuration(incidentDuration(incident, options.now));
  const outcome = incident.resolvedAt
    ? html`Resolved !${timeHtml(incident.resolvedAt, options.timeZone)} · lasted ${duration}`
    : html`${stageLabels[incident.stage]} · ongoing for ${duration}`;
  return html`<li class="row"><span><a href="${incidentPath(incident)}">${incident.title}</a> <span class="meta">${incidentRef(incident)}</span><span class="description">!${outcome}</span></span><span class="badge impact-${incident.impact}">${impactLabels[incident.impact]}</span></li>`;
}

/** `GET /incidents/INC-n`, laid out like SPEC §1. */
export function renderIncidentPage(incident: PublicIncident, options: PageOptions): string {
  const { timeZone } = options;
  const sentence = summarySentence({
    orgName: options.orgName,
    // The sentence reads names, groups and positions only; the public component carries no channels.
    incident: {
      ...incident,
      components: incident.components.map(({ component }) => ({
        component: { ...component, announceChannels: [] },
      })),
    },
    now: options.now,
    timeZone,
  });
  const duration = formatDuration(incidentDuration(incident, options.now));
  // Each value is HTML already.
  const facts: [string, string][] = [
    ['Started', timeHtml(incident.startedAt, timeZone)],
    ['Resolved', incident.resolvedAt ? timeHtml(incident.resolvedAt, timeZone) : 'Not yet'],
    ['Duration', html`${incident.resolvedAt ? duration : `${duration} so far`}`],
  ];
  if (incident.detectedBy || incident.detectedAt) {
    const by = incident.detectedBy ? html`${incident.detectedBy}` : '';
    const at = incident.detectedAt ? timeHtml(incident.detectedAt, timeZone) : '';
    facts.push(['Detected by', by && at ? `${by} at ${at}` : by || at]);
  }
  const components =
    incident.components.length === 0
      ? ''
      : html`<section class="components"><h2>Affected components</h2><ul>!${incident.components.map((row) =>
          componentRowHtml(row, componentLabel(row.component)),
        )}</ul></section>`;
  const updates = newestFirst(incident.updates)
    .map((update) => html`<li>!${updateHtml(update, timeZone)}</li>`)
    .join('\n');
  const body = [
    html`<header><p><a href="/">${options.orgName} status</a></p><a href="/history.atom">Subscribe to updates</a></header>`,
    '<article class="incident">',
    html`<p class="meta">${incidentRef(incident)}</p>`,
    html`<h1>${incident.title}</h1>`,
    html`<p><span class="badge impact-${incident.impact}">${impactLabels[incident.impact]} impact</span> <span class="badge">${stageLabels[incident.stage]}</span></p>`,
    html`<p class="summary">${sentence}</p>`,
    html`<dl>!${facts.map(([term, value]) => html`<dt>${term}</dt><dd>!${value}</dd>`)}</dl>`,
    '</article>',
    components,
    html`<section class="updates"><h2>Updates</h2><ol class="timeline">!${updates}</ol></section>`,
  ].join('\n');
  return htmlDocument({
    title: `${incidentRef(incident)}: ${incident.title} · ${options.orgName}`,
    orgName: options.orgName,
    body,
  });
}

/** The 404 page: what was asked for, and the way back. */
export function renderNotFoundPage(message: string, options: Pick<PageOptions, 'orgName'>): string {
  const body = [
    html`<header><p><a href="/">${options.orgName} status</a></p></header>`,
    html`<section><h1>Not found</h1><p>${message}</p><p><a href="/">See the current status</a></p></section>`,
  ].join('\n');
  return htmlDocument({ title: `Not found · ${options.orgName}`, orgName: options.orgName, body });
}
