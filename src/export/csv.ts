import { type IncidentRecord, incidentRef } from '../incidents/model';
import { toIsoSeconds } from '../incidents/time';
import { ComponentIndex, displayName, timelineItems } from './common';

const CRLF = '\r\n';
const COMPONENT_SEPARATOR = '; ';
const columns = [
  'incident',
  'title',
  'impact',
  'stage',
  'occurred_at',
  'author',
  'message',
  'components',
] as const;

/** The header row, CRLF-terminated. */
export function csvHeader(): string {
  return `${columns.join(',')}${CRLF}`;
}

/**
 * One CRLF-terminated row per update and per internal note (stage `note`), in occurred order, without
 * the header, so that many incidents can be streamed under one header. A note carries the impact and
 * components in force at its time.
 */
export function csvRows(record: IncidentRecord): string {
  const components = new ComponentIndex(record);
  const ref = incidentRef(record);
  let out = '';
  for (const item of timelineItems(record)) {
    const row =
      item.kind === 'update'
        ? [
            ref,
            record.title,
            item.update.impact,
            item.update.stage,
            toIsoSeconds(item.update.occurredAt),
            displayName(item.update.author),
            item.update.message,
            components.labels(item.update.components).join(COMPONENT_SEPARATOR),
          ]
        : [
            ref,
            record.title,
            item.inForce?.impact ?? record.impact,
            'note',
            toIsoSeconds(item.note.occurredAt),
            displayName(item.note.author),
            item.note.text,
            components.labels(item.inForce?.components ?? []).join(COMPONENT_SEPARATOR),
          ];
    out += `${row.map(csvCell).join(',')}${CRLF}`;
  }
  return out;
}

/** RFC 4180 with header. */
export function renderCsv(record: IncidentRecord): string {
  return csvHeader() + csvRows(record);
}

/**
 * RFC 4180 quoting, after neutralising cells a spreadsheet would run as a formula (OWASP's CSV
 * injection guard: a leading `'` makes the cell text).
 */
export function csvCell(value: string): string {
  const guarded = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}
