import type { KnownBlock } from '@slack/types';
import {
  DECLARE_CALLBACK,
  RESOLVE_OPEN_ACTION,
  UPDATE_CALLBACK,
  UPDATE_OPEN_ACTION,
} from '../../src/slack/ids';
import { declareIncidentModal } from '../../src/slack/views/declare-modal';
import { openIncidentsMessage } from '../../src/slack/views/incident-list';
import { rootMessage, updateMessage } from '../../src/slack/views/incident-messages';
import { updateIncidentModal } from '../../src/slack/views/update-modal';
import { aComponent, anIncidentRecord, anUpdate, utc, veroCatalog, veroIncident } from '../support/fixtures';

const ctx = {
  orgName: 'Vero',
  timeZone: 'UTC',
  publicBaseUrl: 'https://status.vero.test',
  now: utc('2022-09-02T00:00:00Z'),
};

type AnyBlock = { block_id?: string; element?: Record<string, unknown>; type: string };
const inputs = (blocks: unknown[]) => (blocks as AnyBlock[]).filter((b) => b.type === 'input');
const element = (blocks: unknown[], id: string) =>
  inputs(blocks).find((b) => b.block_id === id)?.element ?? {};
const allText = (blocks: KnownBlock[]) => JSON.stringify(blocks);

describe('declareIncidentModal', () => {
  const view = declareIncidentModal({
    title: 'Checkout is slow',
    catalog: veroCatalog(),
    declarerId: 'U1',
    visibility: 'public',
    privateMetadata: '{}',
  });

  it('carries the callback and block ids of SPEC §5.2, each block id equal to its action id', () => {
    expect(view.callback_id).toBe(DECLARE_CALLBACK);
    expect(inputs(view.blocks).map((b) => [b.block_id, b.element?.action_id])).toEqual(
      [
        'title',
        'impact',
        'visibility',
        'components',
        'component_status',
        'stage',
        'message',
        'started_at',
        'detected_by',
        'detected_at',
        'lead',
      ].map((id) => [id, id]),
    );
  });

  it('prefills the title, impact minor, stage investigating and the declarer as lead', () => {
    expect(element(view.blocks, 'title').initial_value).toBe('Checkout is slow');
    expect((element(view.blocks, 'impact').initial_option as { value: string }).value).toBe('minor');
    expect((element(view.blocks, 'stage').initial_option as { value: string }).value).toBe('investigating');
    expect(element(view.blocks, 'lead').initial_user).toBe('U1');
    expect(view.title.text.length).toBeLessThanOrEqual(24);
  });

  it('offers public, internal and private, preselecting DEFAULT_VISIBILITY, with a hint', () => {
    const select = (visibility: 'public' | 'internal' | 'private') =>
      inputs(
        declareIncidentModal({ title: '', catalog: [], declarerId: 'U1', visibility, privateMetadata: '{}' })
          .blocks,
      ).find((b) => b.block_id === 'visibility') as AnyBlock & { hint?: { text: string } };
    const block = select('internal');
    const values = (block.element?.options ?? []) as Array<{ value: string }>;
    expect(values.map((o) => o.value)).toEqual(['public', 'internal', 'private']);
    const initial = (b: AnyBlock) => (b.element?.initial_option as { value: string } | undefined)?.value;
    expect(initial(block)).toBe('internal');
    expect(initial(select('private'))).toBe('private');
    expect(block.hint?.text).toContain('status page');
  });

  it('offers the four non-operational statuses and the three open stages', () => {
    const values = (id: string) =>
      (element(view.blocks, id).options as Array<{ value: string }>).map((o) => o.value);
    expect(values('component_status')).toEqual([
      'degraded_performance',
      'partial_outage',
      'major_outage',
      'under_maintenance',
    ]);
    expect(values('stage')).toEqual(['investigating', 'identified', 'monitoring']);
    expect(values('impact')).toEqual(['none', 'minor', 'major', 'critical']);
  });

  it('groups the catalog by group, values being component keys', () => {
    const groups = element(view.blocks, 'components').option_groups as Array<{
      label: { text: string };
      options: Array<{ value: string }>;
    }>;
    expect(groups.map((g) => [g.label.text, g.options.map((o) => o.value)])).toEqual([
      ['Vero 1.0', ['vero1-ingestion-api', 'vero1-newsletter-processing']],
      ['Other components', ['general-ui', 'transactional-emails', 'workflows', 'behavioral-emails']],
      ['Vero 2.0', ['vero2-ui', 'vero2-newsletter-processing']],
    ]);
  });

  it('searches a catalog larger than Slack allows in a static select', () => {
    const big = Array.from({ length: 101 }, (_, i) =>
      aComponent({ id: `c${i}`, key: `c-${i}`, name: `C ${i}`, position: i }),
    );
    const large = declareIncidentModal({
      title: '',
      catalog: big,
      declarerId: 'U1',
      visibility: 'public',
      privateMetadata: '{}',
    });
    expect(element(large.blocks, 'components').type).toBe('multi_external_select');
  });

  it('leaves the component inputs out when the catalog is empty', () => {
    const empty = declareIncidentModal({
      title: '',
      catalog: [],
      declarerId: 'U1',
      visibility: 'public',
      privateMetadata: '{}',
    });
    expect(inputs(empty.blocks).map((b) => b.block_id)).not.toContain('components');
  });

  it('matches its snapshot', () => {
    expect(view).toMatchSnapshot();
  });
});

describe('updateIncidentModal', () => {
  const record = anIncidentRecord({ impact: 'major', stage: 'identified' });

  it('carries the incident id in private_metadata and the inputs of SPEC §5.2', () => {
    const view = updateIncidentModal({ record, catalog: veroCatalog() });
    expect(view.callback_id).toBe(UPDATE_CALLBACK);
    const privateView = updateIncidentModal({ record: { ...record, visibility: 'private' }, catalog: [] });
    // Private stays private: no visibility to change to.
    expect(inputs(privateView.blocks).map((b) => b.block_id)).not.toContain('visibility');
    expect(view.private_metadata).toBe(record.id);
    expect(inputs(view.blocks).map((b) => b.block_id)).toEqual([
      'stage',
      'message',
      'impact',
      'components',
      'component_status',
      'occurred_at',
      'visibility',
    ]);
    expect((element(view.blocks, 'stage').options as unknown[]).length).toBe(5);
    expect((element(view.blocks, 'component_status').options as unknown[]).length).toBe(5);
    expect(
      (element(view.blocks, 'visibility').options as Array<{ value: string }>).map((o) => o.value),
    ).toEqual(['public', 'internal']);
    expect((element(view.blocks, 'visibility').initial_option as { value: string }).value).toBe('public');
  });

  it('prefills the current stage and impact, or resolved for resolve', () => {
    const view = updateIncidentModal({ record, catalog: veroCatalog() });
    expect((element(view.blocks, 'stage').initial_option as { value: string }).value).toBe('identified');
    expect((element(view.blocks, 'impact').initial_option as { value: string }).value).toBe('major');
    const resolving = updateIncidentModal({ record, catalog: veroCatalog(), stage: 'resolved' });
    expect((element(resolving.blocks, 'stage').initial_option as { value: string }).value).toBe('resolved');
  });
});

describe('rootMessage', () => {
  const message = rootMessage(veroIncident(), ctx);

  it('shows title, impact, stage, every component label, lead and times as Slack date tokens', () => {
    const text = allText(message.blocks);
    expect(text).toContain('INC-1: Degraded performance across Vero platform');
    expect(text).toContain('Minor');
    expect(text).toContain('Postmortem');
    expect(text).toContain('resolved after 4h 46m');
    for (const label of veroCatalog().map((c) => (c.group ? `${c.group}: ${c.name}` : c.name)))
      expect(text).toContain(label);
    expect(text).toContain('<!date^1662023445^{date_short_pretty} at {time}|Sep 01, 2022, 09:10 AM UTC>');
    expect(text).toContain('https://status.vero.test/incidents/INC-1');
    expect(message.text.length).toBeGreaterThan(0);
  });

  it('offers only "Post update" once resolved, and both buttons while open', () => {
    const actions = (m: ReturnType<typeof rootMessage>) =>
      JSON.stringify(m.blocks.filter((b) => b.type === 'actions'));
    expect(actions(message)).toContain(UPDATE_OPEN_ACTION);
    expect(actions(message)).not.toContain(RESOLVE_OPEN_ACTION);
    const open = rootMessage(anIncidentRecord(), ctx);
    expect(actions(open)).toContain(RESOLVE_OPEN_ACTION);
  });

  it('escapes user text so <!channel> pings nobody', () => {
    const hostile = rootMessage(anIncidentRecord({ title: '<!channel> & <@U1> db down' }), ctx);
    expect(allText(hostile.blocks) + hostile.text).not.toMatch(/<!channel>|<@U1>/);
    expect(hostile.text).toContain('&lt;!channel&gt; &amp; &lt;@U1&gt; db down');
  });

  it('matches its snapshot', () => {
    expect(message).toMatchSnapshot();
  });
});

describe('updateMessage', () => {
  it('says when an update is back-dated, and to when', () => {
    const record = anIncidentRecord();
    const update = anUpdate({
      occurredAt: utc('2022-09-01T09:30:00Z'),
      createdAt: utc('2022-09-01T12:00:00Z'),
    });
    const message = updateMessage(record, update, ctx, { buttons: false });
    expect(allText(message.blocks)).toContain('Back-dated');
    expect(message.text).toContain('back-dated to Sep 01, 2022, 09:30 AM UTC');
  });

  it('does not call a prompt update back-dated', () => {
    const update = anUpdate({
      occurredAt: utc('2022-09-01T09:30:00Z'),
      createdAt: utc('2022-09-01T09:30:20Z'),
    });
    expect(allText(updateMessage(anIncidentRecord(), update, ctx, { buttons: true }).blocks)).not.toContain(
      'Back-dated',
    );
  });

  it('mentions its author and keeps the message verbatim, escaped', () => {
    const update = anUpdate({ message: 'Rolled back <b>1.2</b> & restarted :tada:\n\nAll good.' });
    const text = allText(updateMessage(anIncidentRecord(), update, ctx, { buttons: true }).blocks);
    expect(text).toContain(`<@${update.author.id}>`);
    expect(text).toContain('Rolled back &lt;b&gt;1.2&lt;/b&gt; &amp; restarted :tada:\\n\\nAll good.');
  });
});

describe('openIncidentsMessage', () => {
  it('counts every open incident and says how many are not shown', () => {
    const incidents = Array.from({ length: 45 }, (_, i) => anIncidentRecord({ id: `i${i}`, number: i + 1 }));
    const message = openIncidentsMessage({ incidents, total: 60 }, ctx);
    const text = allText(message.blocks);
    expect(text).toContain('*60 open incidents*');
    expect(text).toContain('…and 15 more.');
    expect(message.blocks.length).toBeLessThanOrEqual(50);
  });

  it('celebrates when nothing is open', () => {
    expect(openIncidentsMessage({ incidents: [], total: 0 }, ctx).text).toBe('No open incidents. :tada:');
  });
});
