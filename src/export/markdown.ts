import { formatDuration, incidentDuration } from '../incidents/duration';
import {
  componentLabel,
  type IncidentRecord,
  type IncidentUpdate,
  incidentRef,
  type Note,
} from '../incidents/model';
import { summarySentence } from '../incidents/summary';
import { formatDisplayTime } from '../incidents/time';
import { componentStatusLabels, impactLabels, stageLabels, type Visibility } from '../incidents/vocabulary';
import { displayName, type ExportOptions, timelineItems } from './common';
import { correctionsSection } from './corrections-section';

const BACK_DATED_THRESHOLD_MS = 60_000;

const visibilityNames: Record<Visibility, string> = {
  public: 'Public (on the status page)',
  internal: 'Internal (Slack only, never public)',
  private: 'Private (its channel and managers only, never public)',
};

/** The manager's Markdown timeline of one incident (SPEC §6). */
export function renderMarkdown(record: IncidentRecord, options: ExportOptions): string {
  const { timeZone } = options;
  const time = (date: Date) => formatDisplayTime(date, timeZone);
  const blocks: string[] = [
    `# ${escapeHeading(`${incidentRef(record)}: ${record.title}`)}`,
    `**Impact:** ${impactLabels[record.impact]} · **Stage:** ${stageLabels[record.stage]}`,
    `**Visibility:** ${visibilityNames[record.visibility]}`,
    escapeBlock(summarySentence({ ...options, incident: record })),
    detailsTable(record, options),
    '## Affected components',
    affectedComponentsList(record),
    '## Update timeline',
  ];
  for (const item of timelineItems(record)) {
    blocks.push(item.kind === 'update' ? updateEntry(item.update, time) : noteEntry(item.note, time));
  }
  blocks.push(...correctionsSection(record.revisions, timeZone).map(escapeLinesOf));
  return `${blocks.join('\n\n')}\n`;
}

/** The section's heading stays a heading; its lines carry user text, escaped like any block. */
function escapeLinesOf(block: string): string {
  return block.startsWith('## ') ? block : escapeBlock(block);
}

function detailsTable(record: IncidentRecord, { timeZone, now }: ExportOptions): string {
  const duration = formatDuration(incidentDuration(record, now));
  const rows: [string, string][] = [
    ['Started', formatDisplayTime(record.startedAt, timeZone)],
    ['Resolved', record.resolvedAt ? formatDisplayTime(record.resolvedAt, timeZone) : 'Not yet resolved'],
    ['Duration', record.resolvedAt ? duration : `${duration} (ongoing)`],
    ['Detected by', detection(record, timeZone)],
    ['Lead', displayName(record.lead)],
  ];
  return [
    '| | |',
    '| --- | --- |',
    ...rows.map(([name, value]) => `| ${name} | ${escapeCell(value)} |`),
  ].join('\n');
}

function detection(record: IncidentRecord, timeZone: string): string {
  const at = record.detectedAt ? formatDisplayTime(record.detectedAt, timeZone) : null;
  if (record.detectedBy && at) return `${record.detectedBy} at ${at}`;
  return record.detectedBy ?? at ?? '—';
}

function affectedComponentsList(record: IncidentRecord): string {
  if (record.components.length === 0) return '_None_';
  return [...record.components]
    .sort((a, b) => a.component.position - b.component.position)
    .map(
      ({ component, status }) =>
        `- ${escapeBlock(componentLabel(component))} — ${componentStatusLabels[status]}`,
    )
    .join('\n');
}

function updateEntry(update: IncidentUpdate, time: (date: Date) => string): string {
  const backDated = update.createdAt.getTime() - update.occurredAt.getTime() >= BACK_DATED_THRESHOLD_MS;
  const recorded = backDated ? ` · recorded ${time(update.createdAt)} (back-dated)` : '';
  return [
    `### ${stageLabels[update.stage]} · ${time(update.occurredAt)}`,
    escapeBlock(
      `Posted by ${displayName(update.author)}${recorded}${update.editedAt ? ` · edited ${time(update.editedAt)}` : ''}`,
    ),
    escapeBlock(update.message),
  ].join('\n\n');
}

function noteEntry(note: Note, time: (date: Date) => string): string {
  return [
    `### Internal note · ${time(note.occurredAt)}`,
    escapeBlock(`_Internal, not public._ From the incident channel, by ${displayName(note.author)}`),
    escapeBlock(note.text),
  ].join('\n\n');
}

/** A table cell: one line, no column break. */
function escapeCell(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
}

/** A closing run of `#` would be dropped from a heading. */
function escapeHeading(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/(\s)(#+)\s*$/, '$1\\$2');
}

const mayChangeLayout = /(?:^|\n) {0,3}[#=\-*_<[`~]/;
const mayChangeLayoutAtStart = /^ {0,3}[#=\-*_<[]/;
const fenceOpening = /^ {0,3}(`{3,}|~{3,})/;
const layoutLineStarts: [RegExp, string][] = [
  // ATX heading: would slot a fake section into the timeline.
  [/^( {0,3})(#{1,6})(?=\s|$)/, '$1\\$2'],
  // Setext underline or thematic break: would turn the line above into a heading or draw a rule.
  [/^( {0,3})(?=(?:=+|-+)\s*$)/, '$1\\'],
  [/^( {0,3})(?=([-*_])(?:\s*\2){2,}\s*$)/, '$1\\'],
  // HTML block start: an unclosed `<!--` or `<div>` would swallow what follows.
  [/^( {0,3})<(?=[A-Za-z/!?])/, '$1\\<'],
  // Link reference definition: would vanish from the output.
  [/^( {0,3})\[(?=[^\]]*\]:)/, '$1\\['],
];

/**
 * User text kept verbatim, except the few line starts that would change the document's layout (see
 * above) and a code fence left open, which would swallow the rest of the export. Inline Markdown stays.
 */
export function escapeBlock(text: string): string {
  if (!mayChangeLayout.test(text)) return text;
  const lines = text.split('\n');
  let start = 0;
  while (start < lines.length) {
    const unclosedFence = escapeLines(lines, start);
    if (unclosedFence === -1) break;
    lines[unclosedFence] = (lines[unclosedFence] ?? '').replace(/^( {0,3})([`~])/, '$1\\$2');
    start = unclosedFence;
  }
  return lines.join('\n');
}

/** Escapes lines from `start` on, in place; the index of a fence left open, or -1. */
function escapeLines(lines: string[], start: number): number {
  let fence: { index: number; marker: string } | null = null;
  for (let i = start; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (fence) {
      if (isClosingFence(line, fence.marker)) fence = null;
      continue;
    }
    const opening = fenceOpening.exec(line);
    if (opening?.[1]) {
      fence = { index: i, marker: opening[1] };
      continue;
    }
    if (!mayChangeLayoutAtStart.test(line)) continue;
    lines[i] = layoutLineStarts.reduce(
      (escaped, [pattern, replacement]) => escaped.replace(pattern, replacement),
      line,
    );
  }
  return fence ? fence.index : -1;
}

function isClosingFence(line: string, marker: string): boolean {
  const trimmed = line.replace(/^ {0,3}/, '').trimEnd();
  const char = marker[0] ?? '`';
  return trimmed.length >= marker.length && [...trimmed].every((c) => c === char);
}
