import { summarySentence } from '../../src/incidents/summary';
import type { Impact } from '../../src/incidents/vocabulary';
import { aComponent, utc, veroIncident } from '../support/fixtures';

const startedAt = utc('2022-09-01T09:10:45Z');
const resolvedAt = utc('2022-09-01T13:57:12Z');
const now = utc('2022-09-02T00:00:00Z');

const catalog = ['A', 'B', 'C', 'D', 'E'].map((name, position) =>
  aComponent({ key: name.toLowerCase(), name, position }),
);

function sentence(
  overrides: {
    impact?: Impact;
    count?: number;
    resolvedAt?: Date | null;
    timeZone?: string;
    now?: Date;
  } = {},
) {
  return summarySentence({
    orgName: 'Vero',
    incident: {
      impact: overrides.impact ?? 'minor',
      startedAt,
      resolvedAt: overrides.resolvedAt === undefined ? resolvedAt : overrides.resolvedAt,
      components: catalog.slice(0, overrides.count ?? 1).map((component) => ({ component })),
    },
    now: overrides.now ?? now,
    timeZone: overrides.timeZone ?? 'UTC',
  });
}

describe('summarySentence', () => {
  it('writes the SPEC §1 sentence exactly', () => {
    expect(summarySentence({ orgName: 'Vero', incident: veroIncident(), now, timeZone: 'UTC' })).toBe(
      'Vero experienced a minor incident on September 1, 2022 affecting Vero 1.0: Ingestion API and General UI access and speed and 6 more components, lasting 4h 46m.',
    );
  });

  it('names one component', () => {
    expect(sentence({ count: 1 })).toBe(
      'Vero experienced a minor incident on September 1, 2022 affecting A, lasting 4h 46m.',
    );
  });

  it('names two components joined by and', () => {
    expect(sentence({ count: 2 })).toBe(
      'Vero experienced a minor incident on September 1, 2022 affecting A and B, lasting 4h 46m.',
    );
  });

  it('counts one more component in the singular', () => {
    expect(sentence({ count: 3 })).toBe(
      'Vero experienced a minor incident on September 1, 2022 affecting A and B and 1 more component, lasting 4h 46m.',
    );
  });

  it('counts N more components in the plural', () => {
    expect(sentence({ count: 5 })).toBe(
      'Vero experienced a minor incident on September 1, 2022 affecting A and B and 3 more components, lasting 4h 46m.',
    );
  });

  it('leaves the affecting part out without components', () => {
    expect(sentence({ count: 0 })).toBe(
      'Vero experienced a minor incident on September 1, 2022, lasting 4h 46m.',
    );
  });

  it('names the first two in catalog order, whatever order they come in', () => {
    const components = [catalog[3], catalog[1], catalog[2]].map((component) => ({
      component: component ?? aComponent(),
    }));
    const text = summarySentence({
      orgName: 'Vero',
      incident: { impact: 'minor', startedAt, resolvedAt, components },
      now,
      timeZone: 'UTC',
    });
    expect(text).toContain('affecting B and C and 1 more component,');
  });

  it('says an incident for impact none', () => {
    expect(sentence({ impact: 'none' })).toBe(
      'Vero experienced an incident on September 1, 2022 affecting A, lasting 4h 46m.',
    );
  });

  it.each(['major', 'critical'] as const)('says a %s incident', (impact) => {
    expect(sentence({ impact })).toContain(`Vero experienced a ${impact} incident on`);
  });

  it('says ongoing for the time so far while open', () => {
    expect(sentence({ resolvedAt: null, now: utc('2022-09-01T10:02:45Z') })).toBe(
      'Vero experienced a minor incident on September 1, 2022 affecting A, ongoing for 52m.',
    );
  });

  it('dates the incident in the display time zone', () => {
    expect(sentence({ timeZone: 'Pacific/Auckland', count: 0 })).toContain('on September 1, 2022,');
    const lateStart = summarySentence({
      orgName: 'Vero',
      incident: { impact: 'minor', startedAt: utc('2022-09-01T02:00:00Z'), resolvedAt: null, components: [] },
      now: utc('2022-09-01T03:00:00Z'),
      timeZone: 'America/New_York',
    });
    expect(lateStart).toBe('Vero experienced a minor incident on August 31, 2022, ongoing for 1h 0m.');
  });
});
