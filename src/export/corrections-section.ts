import type { Revision } from '../incidents/model';
import { formatDisplayTime } from '../incidents/time';
import { displayName } from './common';

const fieldNames: Record<string, string> = {
  message: 'message',
  stage: 'stage',
  occurredAt: 'time',
  title: 'title',
  startedAt: 'start',
  detectedBy: 'detected by',
  detectedAt: 'detection time',
};

function shown(field: string, value: string | null | undefined, timeZone: string): string {
  if (value === null || value === undefined || value === '') return '(none)';
  if (field.endsWith('At')) return formatDisplayTime(new Date(value), timeZone);
  const line = value.replace(/\s+/g, ' ').trim();
  return `“${line.length > 80 ? `${line.slice(0, 80)}…` : line}”`;
}

/** One line per field a revision changed: `time: 09:45 → 09:47`. */
export function describeRevision(revision: Revision, timeZone: string): string {
  if (revision.kind === 'delete') {
    const stage = revision.before.stage ?? 'an';
    const at = revision.before.occurredAt
      ? ` of ${shown('occurredAt', revision.before.occurredAt, timeZone)}`
      : '';
    return `deleted the ${stage} update${at}`;
  }
  const what =
    revision.kind === 'incident'
      ? 'the incident'
      : `the ${revision.before.stage ?? revision.after.stage ?? ''} update`.replace('  ', ' ');
  const changes = Object.keys(revision.after).map(
    (field) =>
      `${fieldNames[field] ?? field} ${shown(field, revision.before[field], timeZone)} → ${shown(field, revision.after[field], timeZone)}`,
  );
  return `edited ${what}: ${changes.join('; ')}`;
}

/** The Markdown export's closing "Corrections" section (SPEC §11): time, person, what changed. */
export function correctionsSection(revisions: readonly Revision[] | undefined, timeZone: string): string[] {
  if (!revisions || revisions.length === 0) return [];
  const lines = revisions.map(
    (r) =>
      `- ${formatDisplayTime(r.createdAt, timeZone)} · ${displayName(r.editor)} ${describeRevision(r, timeZone)}`,
  );
  return ['## Corrections', lines.join('\n')];
}
