import type { ServerResponse } from 'node:http';
import { parseIncidentRef } from '../incidents/naming';
import type { Clock } from '../incidents/ports';
import { type Router, sendText } from './http-server';
import { addStatusApiRoutes } from './status-api';
import { renderHistoryAtom } from './views/history-atom';
import type { StatusSource } from './views/status-model';
import { renderIncidentPage, renderNotFoundPage, renderStatusPage } from './views/status-page-html';

export interface StatusRoutesOptions {
  source: StatusSource;
  /** `ORG_NAME`. */
  orgName: string;
  /** `DISPLAY_TIMEZONE`. */
  timeZone: string;
  /** `PUBLIC_BASE_URL`, without a trailing slash. */
  publicBaseUrl: string;
  clock: Clock;
}

export const HISTORY_DAYS = 90;
/** Past incidents shown on the page at most (the JSON and the feed reach the rest). */
export const HISTORY_LIMIT = 500;
export const FEED_ENTRIES = 50;

const DAY_MS = 24 * 60 * 60_000;

// The pages run no script and load nothing from elsewhere; the policy makes any injection inert.
const htmlHeaders = {
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'",
  'x-content-type-options': 'nosniff',
};

/** The public status page (SPEC §7): `/`, `/incidents/INC-n`, `/history.atom` and the `/api/v2` JSON. */
export function addStatusRoutes(router: Router, options: StatusRoutesOptions): void {
  const { source, clock } = options;
  const pageOptions = () => ({ orgName: options.orgName, timeZone: options.timeZone, now: clock.now() });

  router.get('/', async (_req, res) => {
    const page = pageOptions();
    const since = new Date(page.now.getTime() - HISTORY_DAYS * DAY_MS);
    const [components, openIncidents, history] = await Promise.all([
      source.listComponents(),
      source.openIncidents(),
      source.incidentsStartedSince(since, HISTORY_LIMIT),
    ]);
    sendHtml(
      res,
      200,
      renderStatusPage(
        {
          components,
          openIncidents,
          history,
          historyDays: HISTORY_DAYS,
          historyTruncated: history.length >= HISTORY_LIMIT,
        },
        page,
      ),
    );
  });

  router.get('/incidents/:ref', async (_req, res, params) => {
    const number = parseIncidentRef(params.ref ?? '');
    const incident = number === null ? null : await source.findIncident(number);
    if (!incident) {
      return sendHtml(
        res,
        404,
        renderNotFoundPage(
          number === null ? 'There is no such incident.' : `There is no incident INC-${number}.`,
          options,
        ),
      );
    }
    sendHtml(res, 200, renderIncidentPage(incident, pageOptions()));
  });

  router.get('/history.atom', async (_req, res) => {
    const entries = await source.recentUpdates(FEED_ENTRIES);
    const atom = renderHistoryAtom(entries, {
      orgName: options.orgName,
      publicBaseUrl: options.publicBaseUrl,
      now: clock.now(),
    });
    sendText(res, 200, atom, 'application/atom+xml; charset=utf-8', { 'access-control-allow-origin': '*' });
  });

  addStatusApiRoutes(router, options);
}

function sendHtml(res: ServerResponse, status: number, html: string): void {
  sendText(res, status, html, 'text/html; charset=utf-8', htmlHeaders);
}
