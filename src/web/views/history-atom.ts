import { incidentRef } from '../../incidents/model';
import { toIsoSeconds } from '../../incidents/time';
import { stageLabels } from '../../incidents/vocabulary';
import { maintenanceRef } from '../../maintenance/reference';
import { maintenanceStageLabels } from '../../maintenance/vocabulary';
import type { PublicFeedEntry } from '../../status/model';
import type { PublicMaintenanceFeedEntry } from '../../status/public-maintenance';

export interface AtomOptions {
  orgName: string;
  /** `PUBLIC_BASE_URL`, without a trailing slash: ids and links are absolute. */
  publicBaseUrl: string;
  /** The feed's `updated` when it has no entries. */
  now: Date;
  /** Entries at most, once incident and maintenance updates are merged. */
  limit?: number;
}

const xmlEntities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** Escaped XML text; characters XML 1.0 forbids (control characters other than tab and newlines) are dropped. */
export function escapeXml(text: string): string {
  return (
    text
      // biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters XML forbids.
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
      .replace(/[&<>"]/g, (character) => xmlEntities[character] ?? character)
  );
}

/**
 * `GET /history.atom`: an Atom 1.0 feed (RFC 4287) of incident updates, newest first. Each entry is one
 * update: `INC-n <title>: <Stage>`, its message as text, updated at its occurred time; the id is the
 * update's permanent link on the incident page.
 */
export function renderHistoryAtom(
  entries: readonly PublicFeedEntry[],
  options: AtomOptions,
  maintenanceEntries: readonly PublicMaintenanceFeedEntry[] = [],
): string {
  const base = options.publicBaseUrl;
  const items = feedItems(entries, maintenanceEntries, base).slice(0, options.limit);
  const feedUpdated = items[0]?.updated ?? null;
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">',
    `  <id>${escapeXml(`${base}/history.atom`)}</id>`,
    `  <title>${escapeXml(`${options.orgName} status: incident history`)}</title>`,
    `  <updated>${toIsoSeconds(feedUpdated ?? options.now)}</updated>`,
    `  <author><name>${escapeXml(options.orgName)}</name></author>`,
    `  <link rel="self" type="application/atom+xml" href="${escapeXml(`${base}/history.atom`)}"/>`,
    `  <link rel="alternate" type="text/html" href="${escapeXml(`${base}/`)}"/>`,
  ];
  for (const item of items) {
    lines.push(
      '  <entry>',
      `    <id>${escapeXml(item.link)}</id>`,
      `    <title>${escapeXml(item.title)}</title>`,
      `    <updated>${toIsoSeconds(item.updated)}</updated>`,
      `    <link rel="alternate" type="text/html" href="${escapeXml(item.link)}"/>`,
      `    <content type="text">${escapeXml(item.message)}</content>`,
      '  </entry>',
    );
  }
  lines.push('</feed>', '');
  return lines.join('\n');
}

/** One feed entry, the same in the Atom and the RSS feed. */
export interface FeedItem {
  /** Absolute: the update's permanent link, also the entry's id. */
  link: string;
  title: string;
  updated: Date;
  message: string;
}

/** Incident and maintenance updates as one list, newest first (SPEC §12: the feed carries both). */
export function feedItems(
  entries: readonly PublicFeedEntry[],
  maintenanceEntries: readonly PublicMaintenanceFeedEntry[],
  base: string,
): FeedItem[] {
  const items: FeedItem[] = entries.map(({ incident, update }) => ({
    link: `${base}/incidents/${incidentRef(incident)}#update-${update.id}`,
    title: `${incidentRef(incident)} ${incident.title}: ${stageLabels[update.stage]}`,
    // A corrected update is news again (SPEC §11).
    updated: update.editedAt ?? update.occurredAt,
    message: update.message,
  }));
  for (const { maintenance, update } of maintenanceEntries) {
    const ref = maintenanceRef(maintenance);
    items.push({
      link: `${base}/maintenances/${ref}#update-${update.id}`,
      title: `${ref} ${maintenance.title}: ${maintenanceStageLabels[update.stage]}`,
      updated: update.occurredAt,
      message: update.message,
    });
  }
  // A stable sort keeps each source's own order among equal times.
  return items.sort((a, b) => b.updated.getTime() - a.updated.getTime());
}
