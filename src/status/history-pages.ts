import type { PublicIncidentHeader } from './model';
import type { MaintenanceStatusReader, PublicMaintenance } from './public-maintenance';
import type { StatusReader } from './status-reader';

/** Entries on one page of `GET /history`. */
export const HISTORY_PAGE_SIZE = 50;

/** One line of the history: a public incident or a public maintenance. */
export type HistoryItem =
  | { kind: 'incident'; incident: PublicIncidentHeader }
  | { kind: 'maintenance'; maintenance: PublicMaintenance };

export interface HistoryPageData {
  /** Newest first. */
  items: HistoryItem[];
  page: number;
  /** At least 1: an empty history is one empty page. */
  pages: number;
}

/** The time that orders an item and names its month: an incident's start, a maintenance's scheduled one. */
export function historyTime(item: HistoryItem): Date {
  return item.kind === 'incident' ? item.incident.startedAt : item.maintenance.scheduledFor;
}

const newestFirst = (a: HistoryItem, b: HistoryItem) =>
  historyTime(b).getTime() - historyTime(a).getTime() ||
  (a.kind === b.kind ? 0 : a.kind === 'incident' ? -1 : 1) ||
  (b.kind === 'incident' ? b.incident.number : b.maintenance.number) -
    (a.kind === 'incident' ? a.incident.number : a.maintenance.number);

/**
 * Page `page` (1-based) of every public incident and maintenance, newest first; past the last page, no
 * entries. Maintenances are few, so the newest incidents before the page can be skipped in the query:
 * at most `maintenances` items can stand between them and the page, whatever the page.
 */
export async function loadHistoryPage(
  reader: Pick<StatusReader, 'incidentHeaders' | 'countIncidents'>,
  maintenanceReader: Pick<MaintenanceStatusReader, 'recent' | 'count'>,
  page: number,
): Promise<HistoryPageData> {
  const [incidentCount, maintenanceCount] = await Promise.all([
    reader.countIncidents(),
    maintenanceReader.count(),
  ]);
  const pages = Math.max(1, Math.ceil((incidentCount + maintenanceCount) / HISTORY_PAGE_SIZE));
  if (page > pages) return { items: [], page, pages };
  const start = (page - 1) * HISTORY_PAGE_SIZE;
  const skipped = Math.max(0, start - maintenanceCount);
  const [incidents, maintenances] = await Promise.all([
    reader.incidentHeaders(skipped, start - skipped + HISTORY_PAGE_SIZE),
    maintenanceCount === 0
      ? []
      : maintenanceReader.recent(Math.min(maintenanceCount, start + HISTORY_PAGE_SIZE)),
  ]);
  const merged: HistoryItem[] = [
    ...incidents.map((incident) => ({ kind: 'incident' as const, incident })),
    ...maintenances.map((maintenance) => ({ kind: 'maintenance' as const, maintenance })),
  ].sort(newestFirst);
  return { items: merged.slice(start - skipped, start - skipped + HISTORY_PAGE_SIZE), page, pages };
}
