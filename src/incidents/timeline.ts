import type { AffectedComponent, Component, ComponentState, IncidentUpdate } from './model';
import {
  type ComponentStatus,
  defaultComponentStatus,
  type Impact,
  isOpenStage,
  type Stage,
} from './vocabulary';

type TimelineEntry = Pick<IncidentUpdate, 'occurredAt' | 'sequence'>;
type StagedEntry = TimelineEntry & Pick<IncidentUpdate, 'stage'>;
type StateEntry = StagedEntry & Pick<IncidentUpdate, 'impact' | 'components'>;
type SnapshotEntry = TimelineEntry & Pick<IncidentUpdate, 'id' | 'components' | 'recordedChanges'>;

export interface IncidentState {
  stage: Stage;
  impact: Impact;
  resolvedAt: Date | null;
  components: ComponentState[];
}

export function compareTimeline(a: TimelineEntry, b: TimelineEntry): number {
  return a.occurredAt.getTime() - b.occurredAt.getTime() || a.sequence - b.sequence;
}

/** Occurred order, ties by commit sequence. A copy; the input is left alone. */
export function sortTimeline<T extends TimelineEntry>(updates: readonly T[]): T[] {
  return [...updates].sort(compareTimeline);
}

export function isClosedStage(stage: Stage): boolean {
  return !isOpenStage(stage);
}

/**
 * The current state per SPEC §2: stage and impact of the latest update by occurred time; `resolvedAt`
 * set by the update that leaves an open stage for resolved, kept through further resolved and
 * postmortem updates, cleared by an open stage. An empty timeline reads as a fresh incident.
 */
export function deriveIncidentState(updates: readonly StateEntry[]): IncidentState {
  const state: IncidentState = { stage: 'investigating', impact: 'none', resolvedAt: null, components: [] };
  for (const update of sortTimeline(updates)) {
    state.stage = update.stage;
    state.impact = update.impact;
    state.components = [...update.components];
    if (isOpenStage(update.stage)) {
      state.resolvedAt = null;
    } else if (state.resolvedAt === null) {
      // Only a resolved update can get here legitimately (checkNewUpdate refuses a postmortem on an
      // open incident); for a postmortem in bad data, closing the incident at its time is the least wrong.
      state.resolvedAt = update.occurredAt;
    }
  }
  return state;
}

export type UpdateProblem =
  | { code: 'occurred_in_future'; now: Date }
  | { code: 'occurred_before_start'; startedAt: Date }
  | { code: 'postmortem_before_resolved' }
  | { code: 'open_before_postmortem' };

type CheckedEntry = StagedEntry & Pick<IncidentUpdate, 'id'>;

/** A problem of a whole timeline, naming the update it concerns. */
export type TimelineProblem =
  | { code: 'occurred_in_future' | 'occurred_before_start'; updateId: string }
  /** A postmortem where the incident is not resolved; `precededBy` is the open update just before it. */
  | { code: 'postmortem_before_resolved'; updateId: string; precededBy: string | null };

/**
 * The one rule book of a valid timeline (SPEC §2): no update in the future or before the start, and a
 * postmortem only where the incident is resolved (the update just before it, in occurred order, is
 * resolved or postmortem). New updates and corrections are both checked against it.
 */
export function checkTimeline(
  entries: readonly CheckedEntry[],
  startedAt: Date,
  now: Date,
): TimelineProblem[] {
  const problems: TimelineProblem[] = [];
  let previous: CheckedEntry | undefined;
  for (const entry of sortTimeline(entries)) {
    const occurred = entry.occurredAt.getTime();
    if (occurred > now.getTime()) problems.push({ code: 'occurred_in_future', updateId: entry.id });
    if (occurred < startedAt.getTime()) problems.push({ code: 'occurred_before_start', updateId: entry.id });
    if (entry.stage === 'postmortem' && (!previous || !isClosedStage(previous.stage))) {
      problems.push({
        code: 'postmortem_before_resolved',
        updateId: entry.id,
        precededBy: previous?.id ?? null,
      });
    }
    previous = entry;
  }
  return problems;
}

/** What a change breaks: the problems of the timeline after it that the timeline before it did not have. */
export function problemsIntroduced(
  before: { entries: readonly CheckedEntry[]; startedAt: Date },
  after: { entries: readonly CheckedEntry[]; startedAt: Date },
  now: Date,
): TimelineProblem[] {
  const key = (problem: TimelineProblem) => JSON.stringify(problem);
  const known = new Set(checkTimeline(before.entries, before.startedAt, now).map(key));
  return checkTimeline(after.entries, after.startedAt, now).filter((problem) => !known.has(key(problem)));
}

const CANDIDATE = '(the new update)';

/** Why a new update cannot be recorded as given; an empty list when it can. */
export function checkNewUpdate(
  existingUpdates: readonly CheckedEntry[],
  startedAt: Date,
  candidate: { stage: Stage; occurredAt: Date },
  now: Date,
): UpdateProblem[] {
  const sequence = existingUpdates.reduce((max, u) => Math.max(max, u.sequence), 0) + 1;
  const introduced = problemsIntroduced(
    { entries: existingUpdates, startedAt },
    { entries: [...existingUpdates, { ...candidate, id: CANDIDATE, sequence }], startedAt },
    now,
  );
  const problems: UpdateProblem[] = [];
  for (const problem of introduced) {
    if (problem.code === 'occurred_in_future' && problem.updateId === CANDIDATE)
      problems.push({ code: 'occurred_in_future', now });
    else if (problem.code === 'occurred_before_start' && problem.updateId === CANDIDATE)
      problems.push({ code: 'occurred_before_start', startedAt });
    else if (problem.code === 'postmortem_before_resolved')
      problems.push({
        code: problem.updateId === CANDIDATE ? 'postmortem_before_resolved' : 'open_before_postmortem',
      });
  }
  return problems;
}

export interface ComponentSelection {
  previous: readonly ComponentState[];
  /** Component ids selected on the form. */
  selected: readonly string[];
  /** The status chosen on the form, if any. */
  status: ComponentStatus | null;
  impact: Impact;
  stage: Stage;
}

/**
 * The component snapshot after an update (SPEC §2). A component keeps its place in the snapshot once
 * affected. Newly selected ones, and selected ones that are back at operational, get the form's status
 * or the impact's default; still-affected ones get the form's status or keep theirs; deselected ones
 * return to operational, and resolving returns every one of them to operational.
 */
export function nextComponentStates({
  previous,
  selected,
  status,
  impact,
  stage,
}: ComponentSelection): ComponentState[] {
  const resolving = isClosedStage(stage);
  const selectedIds = new Set(selected);
  const next: ComponentState[] = [];
  const seen = new Set<string>();
  for (const state of previous) {
    if (seen.has(state.componentId)) continue;
    seen.add(state.componentId);
    if (resolving || !selectedIds.has(state.componentId)) {
      next.push({ componentId: state.componentId, status: 'operational' });
    } else if (state.status === 'operational') {
      next.push({ componentId: state.componentId, status: status ?? defaultComponentStatus(impact) });
    } else {
      next.push({ componentId: state.componentId, status: status ?? state.status });
    }
  }
  for (const componentId of selected) {
    if (seen.has(componentId)) continue;
    seen.add(componentId);
    next.push({
      componentId,
      status: resolving ? 'operational' : (status ?? defaultComponentStatus(impact)),
    });
  }
  return next;
}

export interface ComponentChange {
  componentId: string;
  oldStatus: ComponentStatus;
  newStatus: ComponentStatus;
  /** The name the source gave, for imported changes. */
  name?: string;
}

/**
 * Per update id, the components whose status it set differently from the update before it in occurred
 * order, or added; a component absent before counts as operational, and one dropped from a snapshot
 * counts as returned to operational. An imported update's recorded changes are taken as they are.
 */
export function componentChanges(updates: readonly SnapshotEntry[]): Map<string, ComponentChange[]> {
  const changes = new Map<string, ComponentChange[]>();
  let before = new Map<string, ComponentStatus>();
  for (const update of sortTimeline(updates)) {
    const after = new Map<string, ComponentStatus>();
    const changed: ComponentChange[] = [];
    for (const { componentId, status } of update.components) {
      if (after.has(componentId)) continue;
      after.set(componentId, status);
      const oldStatus = before.get(componentId);
      if (oldStatus !== status)
        changed.push({ componentId, oldStatus: oldStatus ?? 'operational', newStatus: status });
    }
    for (const [componentId, oldStatus] of before) {
      if (!after.has(componentId) && oldStatus !== 'operational') {
        changed.push({ componentId, oldStatus, newStatus: 'operational' });
      }
    }
    changes.set(update.id, update.recordedChanges ?? changed);
    before = after;
  }
  return changes;
}

/** Every component named by any update, in the order first seen along the timeline. */
export function affectedComponentIds(
  updates: readonly (TimelineEntry & Pick<IncidentUpdate, 'components'>)[],
): string[] {
  const ids = new Set<string>();
  for (const update of sortTimeline(updates)) {
    for (const { componentId } of update.components) ids.add(componentId);
  }
  return [...ids];
}

/**
 * `IncidentRecord.components` from the catalog and the timeline: every component ever affected, in
 * catalog order, with its status after the latest update. Ids missing from the catalog are skipped.
 */
export function affectedComponents(
  catalog: readonly Component[],
  updates: readonly (TimelineEntry & Pick<IncidentUpdate, 'components'>)[],
): AffectedComponent[] {
  const ordered = sortTimeline(updates);
  const ids = new Set(affectedComponentIds(ordered));
  const current = new Map(
    (ordered.at(-1)?.components ?? []).map((state) => [state.componentId, state.status]),
  );
  return catalog
    .filter((component) => ids.has(component.id))
    .sort((a, b) => a.position - b.position)
    .map((component) => ({ component, status: current.get(component.id) ?? 'operational' }));
}
