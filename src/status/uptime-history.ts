import type { ComponentState } from '../incidents/model';
import { sortTimeline } from '../incidents/timeline';
import {
  type ComponentStatus,
  componentStatuses,
  isOpenStage,
  type Stage,
  worseStatus,
} from '../incidents/vocabulary';
import type { CalendarDay } from './calendar-days';

/*
 * The uptime history of SPEC §12: per component, one bar per day of DISPLAY_TIMEZONE with the worst public
 * status of that day, and the share of the observed time it was up. Pure: the caller reads public incidents
 * and maintenances through the read model and passes them in with the clock's time.
 */

export const UPTIME_DAYS = 90;

/** What a bar's text names and links to: an incident or a maintenance. */
export interface UptimeEvent {
  ref: string;
  title: string;
  path: string;
}

/** One component's public status over [from, to), in epoch milliseconds. */
export interface StatusSpan {
  componentId: string;
  status: ComponentStatus;
  from: number;
  to: number;
  event: UptimeEvent;
}

export interface UptimeIncident {
  number: number;
  title: string;
  updates: readonly {
    stage: Stage;
    occurredAt: Date;
    sequence: number;
    components: readonly ComponentState[];
  }[];
}

/**
 * Each update's component statuses hold from its time until the next update's; an open incident's last
 * ones hold until `now`. Resolved and postmortem updates hold nothing: resolving returns every component
 * to operational.
 */
export function incidentSpans(incident: UptimeIncident, now: Date): StatusSpan[] {
  const event = {
    ref: `INC-${incident.number}`,
    title: incident.title,
    path: `/incidents/INC-${incident.number}`,
  };
  const updates = sortTimeline(incident.updates);
  const spans: StatusSpan[] = [];
  updates.forEach((update, i) => {
    if (!isOpenStage(update.stage)) return;
    const from = update.occurredAt.getTime();
    const to = (updates[i + 1]?.occurredAt ?? now).getTime();
    if (to <= from) return;
    for (const { componentId, status } of update.components) {
      spans.push({ componentId, status, from, to, event });
    }
  });
  return spans;
}

/** A maintenance's components are under maintenance from its start until it ends (or until `now`). */
export interface MaintenanceWindow {
  event: UptimeEvent;
  componentIds: readonly string[];
  from: Date;
  to: Date | null;
}

export function maintenanceSpans(window: MaintenanceWindow, now: Date): StatusSpan[] {
  const from = window.from.getTime();
  const to = Math.min((window.to ?? now).getTime(), now.getTime());
  if (to <= from) return [];
  return window.componentIds.map((componentId) => ({
    componentId,
    status: 'under_maintenance' as const,
    from,
    to,
    event: window.event,
  }));
}

export interface UptimeComponent {
  id: string;
  /** Its first catalog sync. */
  createdAt: Date;
  /** The start of its first public incident or maintenance ever, if it had one. */
  firstActivityAt: Date | null;
}

export interface UptimeDay {
  date: string;
  label: string;
  /** The worst status of the day; null where the component's history had not begun ("no data"). */
  status: ComponentStatus | null;
  /** The incidents and maintenances that touched it that day, in order of their first span. */
  events: UptimeEvent[];
}

export interface ComponentUptime {
  days: UptimeDay[];
  /** Uptime over the observed time, in hundredths of a percent (9995 = 99.95 %); null if none observed. */
  uptime: number | null;
}

export interface UptimeInput {
  components: readonly UptimeComponent[];
  spans: readonly StatusSpan[];
  /** The days of the bars, oldest first (`lastDays`); the last one holds `now`. */
  days: readonly CalendarDay[];
  now: Date;
}

export interface UptimeHistory {
  days: readonly CalendarDay[];
  components: Map<string, ComponentUptime>;
}

export function uptimeHistory(input: UptimeInput): UptimeHistory {
  const { days } = input;
  const spansByComponent = new Map<string, StatusSpan[]>();
  for (const span of input.spans) {
    const list = spansByComponent.get(span.componentId);
    if (list) list.push(span);
    else spansByComponent.set(span.componentId, [span]);
  }
  const components = new Map<string, ComponentUptime>();
  for (const component of input.components) {
    const spans = (spansByComponent.get(component.id) ?? []).sort((a, b) => a.from - b.from);
    components.set(component.id, componentUptime(component, spans, days, input.now.getTime()));
  }
  return { days, components };
}

function componentUptime(
  component: UptimeComponent,
  spans: readonly StatusSpan[],
  days: readonly CalendarDay[],
  now: number,
): ComponentUptime {
  let historyStart = component.createdAt.getTime();
  if (component.firstActivityAt) historyStart = Math.min(historyStart, component.firstActivityAt.getTime());
  if (spans[0]) historyStart = Math.min(historyStart, spans[0].from);

  const bars: UptimeDay[] = days.map((day) => ({
    date: day.date,
    label: day.label,
    status: day.end > historyStart ? 'operational' : null,
    events: [],
  }));
  const windowStart = days[0]?.start ?? now;
  for (const span of spans) {
    const from = Math.max(span.from, windowStart);
    const to = Math.min(span.to, now);
    if (to <= from) continue;
    for (let i = dayIndex(days, from); i < days.length && (days[i]?.start ?? now) < to; i += 1) {
      const bar = bars[i];
      if (!bar) continue;
      bar.status = worseStatus(bar.status ?? 'operational', span.status);
      if (!bar.events.some((event) => event.ref === span.event.ref)) bar.events.push(span.event);
    }
  }

  const observedFrom = Math.max(windowStart, historyStart);
  const observed = now - observedFrom;
  return {
    days: bars,
    uptime: observed > 0 ? uptimeHundredths(observed, downtimeTenths(spans, observedFrom, now)) : null,
  };
}

/** The last day starting at or before `at` (days are few: a binary search keeps 500 components cheap). */
function dayIndex(days: readonly CalendarDay[], at: number): number {
  let low = 0;
  let high = days.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((days[mid]?.start ?? 0) <= at) low = mid;
    else high = mid - 1;
  }
  return low;
}

const severity = new Map(componentStatuses.map((status, rank) => [status, rank]));
/** Tenths of each millisecond that count as down, by severity rank: partial outage 30 %, major 100 %. */
const downWeight = componentStatuses.map((status) =>
  status === 'major_outage' ? 10 : status === 'partial_outage' ? 3 : 0,
);

/**
 * Down time in tenths of a millisecond (integers, so the percentage rounds exactly). Where incidents
 * overlap, each instant counts once, at the worst status then in force.
 */
function downtimeTenths(spans: readonly StatusSpan[], from: number, to: number): number {
  const edges: [at: number, rank: number, delta: 1 | -1][] = [];
  for (const span of spans) {
    const start = Math.max(span.from, from);
    const end = Math.min(span.to, to);
    if (end <= start) continue;
    const rank = severity.get(span.status) ?? 0;
    edges.push([start, rank, 1], [end, rank, -1]);
  }
  edges.sort((a, b) => a[0] - b[0]);
  const active = componentStatuses.map(() => 0);
  let total = 0;
  let last = from;
  for (const [at, rank, delta] of edges) {
    if (at > last) {
      total += worstWeight(active) * (at - last);
      last = at;
    }
    active[rank] = (active[rank] ?? 0) + delta;
  }
  return total;
}

function worstWeight(active: readonly number[]): number {
  for (let rank = active.length - 1; rank >= 0; rank -= 1) {
    if ((active[rank] ?? 0) > 0) return downWeight[rank] ?? 0;
  }
  return 0;
}

/** (observed − down) / observed in hundredths of a percent, rounded half up, in exact integer arithmetic. */
function uptimeHundredths(observedMs: number, downTenths: number): number {
  const observed = BigInt(observedMs) * 10n;
  const up = observed - BigInt(downTenths);
  return Number((up * 20_000n + observed) / (observed * 2n));
}

/** `99.95%`. */
export function formatUptime(hundredths: number): string {
  return `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}%`;
}
