import { isStorableIncidentNumber, parseIncidentRef } from '../incidents/naming';
import type { Clock } from '../incidents/ports';
import { parseMaintenanceRef } from '../maintenance/reference';
import { loadHistoryPage } from '../status/history-pages';
import { loadUptime } from '../status/load-uptime';
import type { MaintenanceStatusReader } from '../status/public-maintenance';
import type { StatusReader } from '../status/status-reader';
import { renderHistoryAtom } from './views/history-atom';
import { renderHistoryPage } from './views/history-html';
import { renderHistoryRss } from './views/history-rss';
import { renderMaintenancePage } from './views/maintenance-html';
import { renderIncidentPage, renderNotFoundPage, renderStatusPage } from './views/status-page-html';
import { StatuspageDocuments } from './views/statuspage-json';

export interface PublicSiteOptions {
  reader: StatusReader;
  maintenances: MaintenanceStatusReader;
  /** `ORG_NAME`. */
  orgName: string;
  /** `DISPLAY_TIMEZONE`. */
  timeZone: string;
  /** `PUBLIC_BASE_URL`, without a trailing slash. */
  publicBaseUrl: string;
  clock: Clock;
  /** `SMTP_URL` is set: `/` offers the email subscription form. */
  emailSubscriptions?: boolean;
}

/** One public body the routes can answer; equal requests give equal bodies while the data stays the same. */
export type PublicRequest =
  | { page: 'home' }
  | { page: 'incident'; ref: string }
  | { page: 'feed' | 'feed-rss' }
  | { page: 'summary' | 'status' | 'components' | 'unresolved' }
  | { page: 'incidents'; limit: number }
  | { page: 'maintenance'; ref: string }
  | { page: 'maintenances' | 'maintenances-upcoming' | 'maintenances-active' }
  | { page: 'history'; number: number };

export interface PublicAnswer {
  status: 200 | 404;
  contentType: string;
  body: string;
}

const HISTORY_DAYS = 90;
/** Past incidents shown on the page at most (the JSON and the feed reach the rest). */
const HISTORY_LIMIT = 500;
const FEED_ENTRIES = 50;
/** `scheduled-maintenances.json` lists this many, of any stage, as Statuspage's does. */
const MAINTENANCE_LIMIT = 50;
const HOUR_MS = 60 * 60_000;
const DAY_MS = 24 * HOUR_MS;

const HTML = 'text/html; charset=utf-8';
const JSON_TYPE = 'application/json; charset=utf-8';
const ATOM = 'application/atom+xml; charset=utf-8';
const RSS = 'application/rss+xml; charset=utf-8';

/** Renders every public body (SPEC §7) from the public read model, and only from it. */
export class PublicSite {
  constructor(private readonly options: PublicSiteOptions) {}

  render(request: PublicRequest): Promise<PublicAnswer> {
    switch (request.page) {
      case 'home':
        return this.home();
      case 'incident':
        return this.incident(request.ref);
      case 'feed':
      case 'feed-rss':
        return this.feed(request.page);
      case 'incidents':
        return this.incidents(request.limit);
      case 'maintenance':
        return this.maintenance(request.ref);
      case 'maintenances':
      case 'maintenances-upcoming':
      case 'maintenances-active':
        return this.maintenanceList(request.page);
      case 'history':
        return this.history(request.number);
      default:
        return this.document(request.page);
    }
  }

  private pageOptions() {
    return { orgName: this.options.orgName, timeZone: this.options.timeZone, now: this.options.clock.now() };
  }

  private async home(): Promise<PublicAnswer> {
    const { reader } = this.options;
    const page = this.pageOptions();
    // On the hour, so that renders within one hour share one read of the history.
    const since = new Date(Math.floor((page.now.getTime() - HISTORY_DAYS * DAY_MS) / HOUR_MS) * HOUR_MS);
    const [components, openIncidents, history, maintenances] = await Promise.all([
      reader.listComponents(),
      reader.openIncidents(),
      reader.incidentsStartedSince(since, HISTORY_LIMIT),
      this.options.maintenances.current(),
    ]);
    const uptime = await loadUptime(reader, this.options.maintenances, components, page.now, page.timeZone);
    const body = renderStatusPage(
      {
        components,
        openIncidents,
        history,
        historyDays: HISTORY_DAYS,
        historyTruncated: history.length >= HISTORY_LIMIT,
        maintenances,
        uptime,
        emailSubscriptions: this.options.emailSubscriptions,
      },
      page,
    );
    return { status: 200, contentType: HTML, body };
  }

  private async incident(ref: string): Promise<PublicAnswer> {
    const number = parseIncidentRef(ref);
    const incident =
      number === null || !isStorableIncidentNumber(number)
        ? null
        : await this.options.reader.findIncident(number);
    if (!incident) {
      const message = number === null ? 'There is no such incident.' : `There is no incident INC-${number}.`;
      return { status: 404, contentType: HTML, body: renderNotFoundPage(message, this.options) };
    }
    return { status: 200, contentType: HTML, body: renderIncidentPage(incident, this.pageOptions()) };
  }

  /** `/history.atom` and `/history.rss`: the same entries in either format. */
  private async feed(page: 'feed' | 'feed-rss'): Promise<PublicAnswer> {
    const [entries, maintenanceEntries] = await Promise.all([
      this.options.reader.recentUpdates(FEED_ENTRIES),
      this.options.maintenances.recentUpdates(FEED_ENTRIES),
    ]);
    const render = page === 'feed' ? renderHistoryAtom : renderHistoryRss;
    const body = render(
      entries,
      {
        orgName: this.options.orgName,
        publicBaseUrl: this.options.publicBaseUrl,
        now: this.options.clock.now(),
        limit: FEED_ENTRIES,
      },
      maintenanceEntries,
    );
    return { status: 200, contentType: page === 'feed' ? ATOM : RSS, body };
  }

  /** `GET /history?page=n`; a page past the last is a 404 that says how many there are. */
  private async history(number: number): Promise<PublicAnswer> {
    const data = await loadHistoryPage(this.options.reader, this.options.maintenances, number);
    if (number > data.pages) {
      const message = `There is no page ${number} of the incident history: it has ${data.pages} page${data.pages === 1 ? '' : 's'}.`;
      return { status: 404, contentType: HTML, body: renderNotFoundPage(message, this.options) };
    }
    const body = renderHistoryPage(data, this.pageOptions());
    return { status: 200, contentType: HTML, body };
  }

  private async documents(): Promise<StatuspageDocuments> {
    const { reader } = this.options;
    const [components, openIncidents, lastResolvedAt, maintenances, lastMaintenanceChangeAt] =
      await Promise.all([
        reader.listComponents(),
        reader.openIncidents(),
        reader.lastResolvedAt(),
        this.options.maintenances.current(),
        this.options.maintenances.lastChangeAt(),
      ]);
    return new StatuspageDocuments(
      { components, openIncidents, lastResolvedAt, maintenances, lastMaintenanceChangeAt },
      {
        orgName: this.options.orgName,
        publicBaseUrl: this.options.publicBaseUrl,
        timeZone: this.options.timeZone,
        now: this.options.clock.now(),
      },
    );
  }

  private async document(page: 'summary' | 'status' | 'components' | 'unresolved'): Promise<PublicAnswer> {
    const docs = await this.documents();
    const bodies = {
      summary: () => docs.summary(),
      status: () => ({ page: docs.page(), status: docs.status() }),
      components: () => ({ page: docs.page(), components: docs.components() }),
      unresolved: () => ({ page: docs.page(), incidents: docs.unresolved() }),
    };
    return json(bodies[page]());
  }

  private async incidents(limit: number): Promise<PublicAnswer> {
    const [docs, incidents] = await Promise.all([
      this.documents(),
      this.options.reader.recentIncidents(limit),
    ]);
    return json({
      page: docs.page(incidents),
      incidents: incidents.map((incident) => docs.incident(incident)),
    });
  }

  private async maintenance(ref: string): Promise<PublicAnswer> {
    const number = parseMaintenanceRef(ref);
    const found = number === null ? null : await this.options.maintenances.find(number);
    if (!found) {
      const message =
        number === null ? 'There is no such maintenance.' : `There is no maintenance MNT-${number}.`;
      return { status: 404, contentType: HTML, body: renderNotFoundPage(message, this.options) };
    }
    return { status: 200, contentType: HTML, body: renderMaintenancePage(found, this.options) };
  }

  /** Statuspage's three maintenance lists (SPEC §12); internal ones never reach them (the reader's filter). */
  private async maintenanceList(
    page: 'maintenances' | 'maintenances-upcoming' | 'maintenances-active',
  ): Promise<PublicAnswer> {
    const [docs, recent] = await Promise.all([
      this.documents(),
      page === 'maintenances' ? this.options.maintenances.recent(MAINTENANCE_LIMIT) : null,
    ]);
    const current = docs.currentMaintenances();
    const list =
      recent ?? current.filter((m) => (page === 'maintenances-upcoming') === (m.stage === 'scheduled'));
    return json({ page: docs.page(), scheduled_maintenances: docs.maintenances(list) });
  }
}

function json(body: unknown): PublicAnswer {
  return { status: 200, contentType: JSON_TYPE, body: JSON.stringify(body) };
}
