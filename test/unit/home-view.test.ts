import type { KnownBlock } from '@slack/types';
import type { Incident } from '../../src/incidents/model';
import { DECLARE_OPEN_ACTION, RESOLVE_OPEN_ACTION, UPDATE_OPEN_ACTION } from '../../src/slack/ids';
import { incidentsHomeView } from '../../src/slack/views/home-view';
import { anIncidentRecord, anUpdate, aPerson, utc } from '../support/fixtures';

const now = utc('2022-09-02T00:00:00Z');

function anOpenIncident(number: number, overrides: Partial<Incident> = {}): Incident {
  return anIncidentRecord({
    id: `inc-open-${number}`,
    number,
    title: `Open incident ${number}`,
    startedAt: utc('2022-09-01T21:30:00Z'),
    lead: aPerson({ id: 'U0LEAD' }),
    channelId: `C0INC${number}`,
    updates: [anUpdate({ occurredAt: utc('2022-09-01T21:30:00Z'), impact: 'major', stage: 'identified' })],
    ...overrides,
  });
}

function aResolvedIncident(number: number): Incident {
  return anIncidentRecord({
    id: `inc-resolved-${number}`,
    number,
    title: `Resolved incident ${number}`,
    startedAt: utc('2022-09-01T09:10:45Z'),
    updates: [
      anUpdate({ occurredAt: utc('2022-09-01T09:10:45Z'), sequence: 1 }),
      anUpdate({ occurredAt: utc('2022-09-01T13:57:12Z'), stage: 'resolved', sequence: 2 }),
    ],
  });
}

type AnyBlock = KnownBlock & {
  block_id?: string;
  elements?: Array<{ action_id?: string; value?: string; accessibility_label?: string }>;
  accessory?: { action_id?: string; value?: string };
};

const blocksOf = (view: ReturnType<typeof incidentsHomeView>) => view.blocks as AnyBlock[];
const actionsOf = (view: ReturnType<typeof incidentsHomeView>) =>
  blocksOf(view)
    .flatMap((b) => [...(b.elements ?? []), ...(b.accessory ? [b.accessory] : [])])
    .filter((e) => e.action_id !== undefined);

describe('incidentsHomeView', () => {
  const view = incidentsHomeView({
    open: [anOpenIncident(3, { title: '<!channel> checkout & payments' }), anOpenIncident(4)],
    resolved: [aResolvedIncident(1)],
    timeZone: 'UTC',
    now,
  });

  it('is a home view under Slack’s 100 blocks, each block id unique', () => {
    expect(view.type).toBe('home');
    const ids = blocksOf(view)
      .map((b) => b.block_id)
      .filter(Boolean);
    expect(new Set(ids).size).toBe(ids.length);
    expect(view.blocks.length).toBeLessThanOrEqual(100);
  });

  it('offers the declare button first', () => {
    expect(actionsOf(view)[0]).toMatchObject({ action_id: DECLARE_OPEN_ACTION });
  });

  it('gives each open incident update and resolve buttons carrying its id', () => {
    for (const id of ['inc-open-3', 'inc-open-4']) {
      const mine = actionsOf(view).filter((a) => a.value === id);
      expect(mine.map((a) => a.action_id)).toEqual([UPDATE_OPEN_ACTION, RESOLVE_OPEN_ACTION]);
    }
  });

  it('gives a resolved incident an update button only, and its duration', () => {
    const mine = actionsOf(view).filter((a) => a.value === 'inc-resolved-1');
    expect(mine.map((a) => a.action_id)).toEqual([UPDATE_OPEN_ACTION]);
    expect(JSON.stringify(view.blocks)).toContain('lasted 4h 46m');
  });

  it('shows ref, title, impact, stage, age and lead of open incidents', () => {
    const text = JSON.stringify(view.blocks);
    expect(text).toContain('*INC-4* Open incident 4');
    expect(text).toContain('Major');
    expect(text).toContain('Identified');
    expect(text).toContain('open 2h 30m');
    expect(text).toContain('lead <@U0LEAD>');
  });

  it('escapes titles, so a title pings nobody', () => {
    const text = JSON.stringify(view.blocks);
    expect(text).toContain('&lt;!channel&gt; checkout &amp; payments');
    expect(text).not.toContain('<!channel>');
  });

  it('labels every button for screen readers', () => {
    expect(actionsOf(view).every((a) => 'accessibility_label' in a)).toBe(true);
  });

  it('says when nothing is open or resolved', () => {
    const empty = JSON.stringify(incidentsHomeView({ open: [], resolved: [], timeZone: 'UTC', now }).blocks);
    expect(empty).toContain('No open incidents.');
    expect(empty).toContain('No resolved incidents yet.');
  });

  it('keeps to 100 blocks with many incidents and says how many more are open', () => {
    const many = incidentsHomeView({
      open: Array.from({ length: 80 }, (_, i) => anOpenIncident(i + 10)),
      resolved: Array.from({ length: 10 }, (_, i) => aResolvedIncident(i + 1)),
      timeZone: 'UTC',
      now,
    });
    expect(many.blocks.length).toBeLessThanOrEqual(100);
    const shown = new Set(actionsOf(many).flatMap((a) => (a.value?.startsWith('inc-open') ? [a.value] : [])));
    expect(JSON.stringify(many.blocks)).toContain(`…and ${80 - shown.size} more`);
    expect(actionsOf(many).filter((a) => a.value?.startsWith('inc-resolved'))).toHaveLength(10);
  });

  it('matches the snapshot', () => {
    expect(view).toMatchSnapshot();
  });
});
