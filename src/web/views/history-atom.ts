import { incidentRef } from '../../incidents/model';
import { toIsoSeconds } from '../../incidents/time';
import { stageLabels } from '../../incidents/vocabulary';
import type { PublicFeedEntry } from '../../status/model';

export interface AtomOptions {
  orgName: string;
  /** `PUBLIC_BASE_URL`, without a trailing slash: ids and links are absolute. */
  publicBaseUrl: string;
  /** The feed's `updated` when it has no entries. */
  now: Date;
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
export function renderHistoryAtom(entries: readonly PublicFeedEntry[], options: AtomOptions): string {
  const base = options.publicBaseUrl;
  const feedUpdated = entries.reduce<Date | null>(
    (max, { update }) => (max === null || update.occurredAt > max ? update.occurredAt : max),
    null,
  );
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
  for (const { incident, update } of entries) {
    const ref = incidentRef(incident);
    const link = `${base}/incidents/${ref}#update-${update.id}`;
    lines.push(
      '  <entry>',
      `    <id>${escapeXml(link)}</id>`,
      `    <title>${escapeXml(`${ref} ${incident.title}: ${stageLabels[update.stage]}`)}</title>`,
      `    <updated>${toIsoSeconds(update.occurredAt)}</updated>`,
      `    <link rel="alternate" type="text/html" href="${escapeXml(link)}"/>`,
      `    <content type="text">${escapeXml(update.message)}</content>`,
      '  </entry>',
    );
  }
  lines.push('</feed>', '');
  return lines.join('\n');
}
