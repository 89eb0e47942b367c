import { formatDuration, incidentDuration } from './duration';
import { type AffectedComponent, componentLabel, type Incident } from './model';
import { formatLongDate } from './time';

export interface SummaryInput {
  orgName: string;
  incident: Pick<Incident, 'impact' | 'startedAt' | 'resolvedAt'> & {
    components: readonly Pick<AffectedComponent, 'component'>[];
  };
  now: Date;
  timeZone: string;
}

/**
 * SPEC §2: `<ORG_NAME> experienced a <impact> incident on <Month D, YYYY> affecting <components>,
 * lasting <duration>.`, or `, ongoing for <duration>.` while unresolved.
 */
export function summarySentence({ orgName, incident, now, timeZone }: SummaryInput): string {
  const kind = incident.impact === 'none' ? 'an incident' : `a ${incident.impact} incident`;
  const date = formatLongDate(incident.startedAt, timeZone);
  const components = componentsPhrase(incident.components);
  const affecting = components ? ` affecting ${components}` : '';
  const duration = formatDuration(incidentDuration(incident, now));
  const ending = incident.resolvedAt ? `lasting ${duration}` : `ongoing for ${duration}`;
  return `${orgName} experienced ${kind} on ${date}${affecting}, ${ending}.`;
}

/** `A`, `A and B`, `A and B and 1 more component`, `A and B and N more components` (catalog order). */
export function componentsPhrase(components: readonly Pick<AffectedComponent, 'component'>[]): string {
  const labels = [...components]
    .sort((a, b) => a.component.position - b.component.position)
    .map(({ component }) => componentLabel(component));
  const [first, second] = labels;
  if (first === undefined) return '';
  if (second === undefined) return first;
  const more = labels.length - 2;
  if (more === 0) return `${first} and ${second}`;
  return `${first} and ${second} and ${more} more component${more === 1 ? '' : 's'}`;
}
