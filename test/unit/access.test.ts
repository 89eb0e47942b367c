import { maySee, type Viewer, visibleTo } from '../../src/incidents/access';
import { anIncidentRecord, aPerson } from '../support/fixtures';

const viewer = (overrides: Partial<Viewer> & { channels?: string[] } = {}): Viewer => ({
  userId: 'U_ASKER',
  isManager: false,
  isMember: async (channelId) => (overrides.channels ?? []).includes(channelId),
  ...overrides,
});

const incident = (visibility: 'public' | 'internal' | 'private', channelId: string | null = 'C_INC') =>
  anIncidentRecord({
    visibility,
    channelId,
    lead: aPerson({ id: 'U_LEAD' }),
    declaredBy: aPerson({ id: 'U_DECLARER' }),
  });

describe('maySee', () => {
  it('shows public and internal incidents to everyone in the workspace', async () => {
    expect(await maySee(incident('public'), viewer())).toBe(true);
    expect(await maySee(incident('internal'), viewer())).toBe(true);
  });

  it('shows a private incident to the members of its channel and to managers only', async () => {
    expect(await maySee(incident('private'), viewer())).toBe(false);
    expect(await maySee(incident('private'), viewer({ channels: ['C_INC'] }))).toBe(true);
    expect(await maySee(incident('private'), viewer({ channels: ['C_OTHER'] }))).toBe(false);
    expect(await maySee(incident('private'), viewer({ isManager: true }))).toBe(true);
  });

  it('shows a private incident without a channel to its declarer and lead', async () => {
    const channelless = incident('private', null);
    expect(await maySee(channelless, viewer({ userId: 'U_LEAD' }))).toBe(true);
    expect(await maySee(channelless, viewer({ userId: 'U_DECLARER' }))).toBe(true);
    expect(await maySee(channelless, viewer())).toBe(false);
  });
});

describe('visibleTo', () => {
  it('drops what the viewer may not see and keeps the order of the rest', async () => {
    const list = [
      { ...incident('public'), id: 'a' },
      { ...incident('private'), id: 'b' },
      { ...incident('internal'), id: 'c' },
    ];
    expect((await visibleTo(list, viewer())).map((i) => i.id)).toEqual(['a', 'c']);
    expect((await visibleTo(list, viewer({ channels: ['C_INC'] }))).map((i) => i.id)).toEqual([
      'a',
      'b',
      'c',
    ]);
  });
});
