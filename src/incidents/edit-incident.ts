import type { CorrectionDeps } from './correct-update';
import { correctionEffects } from './correction-effects';
import { DomainError, InvalidInput } from './errors';
import { CLOCK_SKEW_MS, checkLine, hasVisibleText, TITLE_MAX } from './input-rules';
import type { Incident } from './model';
import { formatDisplayTime } from './time';
import { sortTimeline } from './timeline';

export interface EditIncidentInput {
  incidentId: string;
  editorId: string;
  title: string;
  /** Null: unchanged. */
  startedAt: Date | null;
  detectedBy: string | null;
  detectedAt: Date | null;
}

/** The declarer, the lead and the managers may correct the incident's own fields (SPEC §11). */
export function mayEditIncident(deps: CorrectionDeps, incident: Incident, userId: string): boolean {
  return (
    userId === incident.declaredBy.id ||
    userId === incident.lead.id ||
    deps.settings.managerUserIds.includes(userId)
  );
}

const iso = (date: Date | null) => (date ? date.toISOString() : null);

/** Corrects title, start and detection, validated as at declare; the start never after the first update. */
export async function editIncident(deps: CorrectionDeps, input: EditIncidentInput): Promise<void> {
  const now = deps.clock.now();
  await deps.corrections.correct(input.incidentId, input.editorId, (record) => {
    if (!mayEditIncident(deps, record, input.editorId))
      throw new DomainError(
        'NotAllowed',
        'Only the declarer, the incident lead or a manager can edit this incident.',
      );
    const fields: Record<string, string> = {};
    if (!hasVisibleText(input.title)) fields.title = 'Give the incident a title.';
    else checkLine(fields, 'title', 'title', input.title, TITLE_MAX);
    const startedAt = input.startedAt ?? record.startedAt;
    const first = sortTimeline(record.updates)[0];
    if (startedAt.getTime() > now.getTime() + CLOCK_SKEW_MS)
      fields.startedAt = 'The start cannot be in the future.';
    else if (first && startedAt.getTime() > first.occurredAt.getTime())
      fields.startedAt = `The start cannot come after the first update (${formatDisplayTime(first.occurredAt, deps.timeZone)}).`;
    const detectedBy = input.detectedBy && hasVisibleText(input.detectedBy) ? input.detectedBy.trim() : null;
    if (detectedBy) checkLine(fields, 'detectedBy', 'detector', detectedBy, 200);
    if (input.detectedAt) {
      if (input.detectedAt.getTime() > now.getTime() + CLOCK_SKEW_MS)
        fields.detectedAt = 'The detection time cannot be in the future.';
      else if (input.detectedAt.getTime() < startedAt.getTime())
        fields.detectedAt = 'The incident cannot be detected before it started.';
    }
    if (Object.keys(fields).length > 0) throw new InvalidInput(fields);
    const patch = { title: input.title.trim(), startedAt, detectedBy, detectedAt: input.detectedAt };
    const before: Record<string, string | null> = {};
    const after: Record<string, string | null> = {};
    const old = {
      title: record.title,
      startedAt: iso(record.startedAt),
      detectedBy: record.detectedBy,
      detectedAt: iso(record.detectedAt),
    };
    const next = {
      title: patch.title,
      startedAt: iso(startedAt),
      detectedBy,
      detectedAt: iso(input.detectedAt),
    };
    for (const key of Object.keys(old) as (keyof typeof old)[]) {
      if (old[key] !== next[key]) [before[key], after[key]] = [old[key], next[key]];
    }
    if (Object.keys(after).length === 0) return null;
    return {
      correction: { kind: 'incident', patch, before, after },
      effects: correctionEffects(deps.settings, record, null),
    };
  });
}
