import { addNote, type ChannelMessage } from '../../../src/incidents/add-note';
import { declareIncident } from '../../../src/incidents/declare-incident';
import { MemoryNotes } from '../../fakes/memory-ports';
import { aDeclaration, at, minutes, world } from '../../fakes/use-case-world';

async function setup() {
  const w = world();
  const { incident } = await declareIncident(w, aDeclaration());
  await w.incidents.setChannel(incident.id, 'C_INC', 'inc-1-checkout');
  const notes = new MemoryNotes();
  let reads = 0;
  const note = (requestKey: string, message: Partial<ChannelMessage> | null, channelId = 'C_INC') =>
    addNote(
      { incidents: w.incidents, notes },
      {
        channelId,
        requestKey,
        message: async () => {
          reads += 1;
          return message
            ? {
                ts: '1.000',
                authorId: 'U_BEN',
                fromBot: false,
                text: 'DB failover done',
                occurredAt: at(-minutes(3)),
                ...message,
              }
            : null;
        },
      },
    );
  return { incident, notes, note, reads: () => reads };
}

describe('addNote', () => {
  it('adds a person’s message to the timeline at its own time, by its author', async () => {
    const { note, notes, incident } = await setup();
    const outcome = await note('slack-event:E1', {});
    expect(outcome).toMatchObject({ added: true, incident: { id: incident.id } });
    expect(notes.notes).toEqual([
      expect.objectContaining({
        incidentId: incident.id,
        text: 'DB failover done',
        author: { id: 'U_BEN', name: null },
        occurredAt: at(-minutes(3)),
        messageTs: '1.000',
      }),
    ]);
  });

  it('ignores channels that are not an incident’s, without reading the message', async () => {
    const { note, reads } = await setup();
    expect(await note('slack-event:E1', {}, 'C_RANDOM')).toEqual({
      added: false,
      reason: 'not_an_incident_channel',
    });
    expect(reads()).toBe(0);
  });

  it('handles a request once: a retried event reads nothing and adds nothing', async () => {
    const { note, notes, reads } = await setup();
    await note('slack-event:E1', {});
    expect(await note('slack-event:E1', {})).toEqual({ added: false, reason: 'already_processed' });
    expect(reads()).toBe(1);
    expect(notes.notes).toHaveLength(1);
  });

  it('keeps one note per message: a pin after a :pushpin: adds nothing', async () => {
    const { note, notes } = await setup();
    await note('slack-event:E1', {});
    expect(await note('slack-event:E2', {})).toEqual({ added: false, reason: 'duplicate' });
    expect(notes.notes).toHaveLength(1);
  });

  it.each([
    ['a bot’s post', { fromBot: true }, 'not_a_person'],
    ['a system message', { authorId: null }, 'not_a_person'],
    ['a blank message', { text: '  \n' }, 'empty'],
    ['a message Slack no longer has', null, 'message_not_found'],
  ] as const)('does not note %s', async (_what, message, reason) => {
    const { note, notes } = await setup();
    expect(await note('slack-event:E1', message)).toEqual({ added: false, reason });
    expect(notes.notes).toHaveLength(0);
  });
});
