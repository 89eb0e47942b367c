import type { PublicFeedEntry } from '../../status/model';
import type { PublicMaintenanceFeedEntry } from '../../status/public-maintenance';
import { type AtomOptions, escapeXml, feedItems } from './history-atom';

/**
 * `GET /history.rss`: the Atom feed's entries as RSS 2.0, for the readers and aggregators that hard-code
 * that path (SPEC §12). Each item's `link` and `guid` are the Atom entry's link and id, its `pubDate`
 * the entry's time (RFC 822, as RSS requires).
 */
export function renderHistoryRss(
  entries: readonly PublicFeedEntry[],
  options: AtomOptions,
  maintenanceEntries: readonly PublicMaintenanceFeedEntry[] = [],
): string {
  const base = options.publicBaseUrl;
  const items = feedItems(entries, maintenanceEntries, base).slice(0, options.limit);
  const built = items[0]?.updated ?? options.now;
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">',
    '  <channel>',
    `    <title>${escapeXml(`${options.orgName} status: incident history`)}</title>`,
    `    <link>${escapeXml(`${base}/`)}</link>`,
    `    <description>${escapeXml(`Updates on ${options.orgName}'s incidents and scheduled maintenance`)}</description>`,
    '    <language>en</language>',
    `    <lastBuildDate>${built.toUTCString()}</lastBuildDate>`,
    `    <atom:link rel="self" type="application/rss+xml" href="${escapeXml(`${base}/history.rss`)}"/>`,
  ];
  for (const item of items) {
    lines.push(
      '    <item>',
      `      <title>${escapeXml(item.title)}</title>`,
      `      <link>${escapeXml(item.link)}</link>`,
      `      <guid isPermaLink="true">${escapeXml(item.link)}</guid>`,
      `      <pubDate>${item.updated.toUTCString()}</pubDate>`,
      // Readers take a description as HTML: the message is escaped once more, so it shows as the text it is.
      `      <description>${escapeXml(escapeXml(item.message))}</description>`,
      '    </item>',
    );
  }
  lines.push('  </channel>', '</rss>', '');
  return lines.join('\n');
}
