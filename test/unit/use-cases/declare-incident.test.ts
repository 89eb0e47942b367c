import { declareIncident } from '../../../src/incidents/declare-incident';
import { aDeclaration, at, minutes, NOW, refusal, world } from '../../fakes/use-case-world';

describe('declareIncident', () => {
  it('numbers incidents per workspace and records the first update by the declarer, who leads', async () => {
    const w = world();
    const first = await declareIncident(w, aDeclaration());
    const second = await declareIncident(w, aDeclaration({ title: 'Second' }));
    const other = await declareIncident(w, aDeclaration({ teamId: 'T2' }));
    expect([first.incident.number, second.incident.number, other.incident.number]).toEqual([1, 2, 1]);
    const record = await w.incidents.loadRecord(first.incident.id);
    expect(record?.lead.id).toBe('U_ANA');
    expect(record?.startedAt).toEqual(NOW);
    expect(record?.updates.map((u) => [u.stage, u.message, u.author.id])).toEqual([
      ['investigating', 'Payments time out.', 'U_ANA'],
    ]);
    expect(record?.components.map((c) => [c.component.key, c.status])).toEqual([['api', 'partial_outage']]);
  });

  it('creates the channel, posts there, confirms, then announces in every stakeholder channel', async () => {
    const w = world();
    const { incident } = await declareIncident(w, aDeclaration());
    expect(w.incidents.queued.map((q) => [q.queue, q.effect.kind])).toEqual([
      [`incident:${incident.id}:channel`, 'channel.create'],
      [`incident:${incident.id}:channel`, 'channel.post_update'],
      [`incident:${incident.id}:channel`, 'declarer.confirm'],
      [`incident:${incident.id}:announce:C_STATUS`, 'announce.root'],
      [`incident:${incident.id}:announce:C_STATUS`, 'announce.reply'],
      [`incident:${incident.id}:announce:C_API`, 'announce.root'],
      [`incident:${incident.id}:announce:C_API`, 'announce.reply'],
      ['subscriber-fanout', 'subscriber.fanout_incident'],
    ]);
    expect(w.incidents.queued[2]?.effect).toMatchObject({ userId: 'U_ANA', channelId: 'C_ORIGIN' });
  });

  it('announces an internal incident like a public one, and a private one only in the private channels', async () => {
    const w = world();
    const internal = await declareIncident(w, aDeclaration({ visibility: 'internal' }));
    const announcedIn = (incidentId: string) =>
      w.incidents.queued
        .filter((q) => q.effect.kind === 'announce.root' && q.effect.incidentId === incidentId)
        .map((q) => (q.effect as { channelId: string }).channelId);
    expect(announcedIn(internal.incident.id)).toEqual(['C_STATUS', 'C_API']);
    const secret = await declareIncident(w, aDeclaration({ visibility: 'private' }));
    expect(secret.incident.visibility).toBe('private');
    expect(announcedIn(secret.incident.id)).toEqual(['C_SECURITY']);
  });

  it('tells subscribers of a public incident only', async () => {
    const w = world();
    const fanOuts = () => w.incidents.queued.filter((q) => q.effect.kind === 'subscriber.fanout_incident');
    await declareIncident(w, aDeclaration({ visibility: 'internal' }));
    await declareIncident(w, aDeclaration({ visibility: 'private' }));
    expect(fanOuts()).toEqual([]);
    const { incident } = await declareIncident(w, aDeclaration({ visibility: 'public' }));
    expect(fanOuts().map((q) => q.effect)).toEqual([
      { kind: 'subscriber.fanout_incident', incidentId: incident.id, updateId: expect.any(String) },
    ]);
  });

  it('announces a private incident nowhere when no private announce channel is set', async () => {
    const w = world();
    w.settings.privateAnnounceChannelIds = [];
    const { incident } = await declareIncident(w, aDeclaration({ visibility: 'private' }));
    expect(w.incidents.queued.map((q) => q.effect.kind)).toEqual([
      'channel.create',
      'channel.post_update',
      'declarer.confirm',
    ]);
    expect(incident.visibility).toBe('private');
  });

  it('confirms to the declarer in their own queue when incident channels are off', async () => {
    const w = world({ createIncidentChannels: false });
    await declareIncident(w, aDeclaration({ componentKeys: [] }));
    expect(w.incidents.queued.map((q) => [q.queue, q.effect.kind])).toEqual([
      ['user:U_ANA', 'declarer.confirm'],
      [expect.stringMatching(/:announce:C_STATUS$/), 'announce.root'],
      [expect.stringMatching(/:announce:C_STATUS$/), 'announce.reply'],
      ['subscriber-fanout', 'subscriber.fanout_incident'],
    ]);
  });

  it('declares once per source key: a double submission returns the same incident and queues nothing more', async () => {
    const w = world();
    const first = await declareIncident(w, aDeclaration({ sourceKey: 'declare:V1' }));
    const queued = w.incidents.queued.length;
    const again = await declareIncident(w, aDeclaration({ sourceKey: 'declare:V1' }));
    expect(again).toEqual({ incident: first.incident, created: false });
    expect(w.incidents.queued).toHaveLength(queued);
    expect(w.incidents.records.size).toBe(1);
  });

  it('takes a start picked a little ahead of the clock as now, and refuses one further ahead', async () => {
    const w = world();
    const { incident } = await declareIncident(w, aDeclaration({ startedAt: at(45_000) }));
    expect(incident.startedAt).toEqual(NOW);
    expect(await refusal(declareIncident(w, aDeclaration({ startedAt: at(minutes(2)) })))).toEqual({
      startedAt: 'The start cannot be in the future.',
    });
  });

  it('refuses a detection before the start or in the future', async () => {
    const w = world();
    const before = aDeclaration({ startedAt: at(-minutes(10)), detectedAt: at(-minutes(20)) });
    expect(await refusal(declareIncident(w, before))).toEqual({
      detectedAt: 'The incident cannot be detected before it started.',
    });
    expect(await refusal(declareIncident(w, aDeclaration({ detectedAt: at(minutes(5)) })))).toEqual({
      detectedAt: 'The detection time cannot be in the future.',
    });
    expect(w.incidents.records.size).toBe(0);
  });

  it('names every problem of the text at once and records nothing', async () => {
    const w = world();
    const fields = await refusal(
      declareIncident(
        w,
        aDeclaration({ title: '  ', message: 'x'.repeat(3001), detectedBy: 'y'.repeat(201) }),
      ),
    );
    expect(fields).toEqual({
      title: 'Give the incident a title.',
      message: 'Keep the message to 3000 characters (it has 3001).',
      detectedBy: 'Keep this to 200 characters.',
    });
    expect(await refusal(declareIncident(w, aDeclaration({ title: 't'.repeat(151) })))).toEqual({
      title: 'Keep the title to 150 characters (it has 151).',
    });
    expect(w.incidents.records.size).toBe(0);
    expect(w.incidents.queued).toHaveLength(0);
  });

  it('refuses unknown components and archived ones on a new incident', async () => {
    const w = world();
    expect(
      await refusal(declareIncident(w, aDeclaration({ componentKeys: ['api', 'nope', 'legacy'] }))),
    ).toEqual({ components: 'Unknown component: nope, legacy.' });
  });

  it('trims the title and the detector, and keeps an explicit lead', async () => {
    const w = world();
    const { incident } = await declareIncident(
      w,
      aDeclaration({ title: '  Checkout  ', detectedBy: '  ', leadId: 'U_BEN' }),
    );
    expect([incident.title, incident.detectedBy, incident.lead.id]).toEqual(['Checkout', null, 'U_BEN']);
  });
});

describe('declareIncident with text that shows nothing or cannot be stored', () => {
  it.each([
    ['only zero-width characters', '\u200b\u200c\u2060', 'Give the incident a title.'],
    ['only Hangul fillers and spaces', '\u3164 \u115f', 'Give the incident a title.'],
    ['a NUL character', 'Checkout\u0000down', 'Remove the control characters from the title.'],
    ['a line break', 'Checkout\ndown', 'Remove the control characters from the title.'],
  ])('refuses a title of %s on the title field', async (_what, title, message) => {
    const w = world();
    expect(await refusal(declareIncident(w, aDeclaration({ title })))).toEqual({ title: message });
    expect(w.incidents.records.size).toBe(0);
  });

  it('refuses control characters in the message and the detector, but keeps line breaks and tabs', async () => {
    const w = world();
    expect(
      await refusal(
        declareIncident(w, aDeclaration({ message: 'Down\u0007', detectedBy: 'pager\u0000duty' })),
      ),
    ).toEqual({
      message: 'Remove the control characters from the message.',
      detectedBy: 'Remove the control characters from the detector.',
    });
    expect(await refusal(declareIncident(w, aDeclaration({ message: '\u200b \u200b' })))).toEqual({
      message: 'Write what is happening.',
    });
    const { incident } = await declareIncident(w, aDeclaration({ message: 'Line one\n\tLine two\r\n' }));
    expect((await w.incidents.loadRecord(incident.id))?.updates[0]?.message).toBe('Line one\n\tLine two\r\n');
  });
});
