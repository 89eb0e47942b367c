import type { Incident, Note } from './model';
import type { IncidentRepository, Notes } from './ports';

/** A message of an incident channel, as the domain needs it to become a note. */
export interface ChannelMessage {
  ts: string;
  /** The person who wrote it; null for system messages (joins, topic changes…). */
  authorId: string | null;
  /** Posted by an app or bot, Sitrep's own posts included. */
  fromBot: boolean;
  text: string;
  /** The message's own time (its ts). */
  occurredAt: Date;
}

export type AddNoteOutcome =
  | { added: true; note: Note; incident: Incident }
  | {
      added: false;
      reason:
        | 'not_an_incident_channel'
        | 'already_processed'
        | 'message_not_found'
        | 'not_a_person'
        | 'empty'
        | 'duplicate';
    };

/**
 * Adds a message of an incident channel to that incident's timeline as an internal note (SPEC §5.4),
 * at the message's own time, by its author. The message is read only once the channel is known to be
 * an incident channel and the request is new, so retries and stray reactions cost no Slack call.
 */
export async function addNote(
  deps: { incidents: Pick<IncidentRepository, 'findByChannel'>; notes: Notes },
  input: {
    channelId: string;
    /** Idempotency key of the request (Slack's event id): a retried event adds nothing. */
    requestKey: string;
    message: () => Promise<ChannelMessage | null>;
  },
): Promise<AddNoteOutcome> {
  const incident = await deps.incidents.findByChannel(input.channelId);
  if (!incident) return { added: false, reason: 'not_an_incident_channel' };
  if (await deps.notes.wasProcessed(input.requestKey)) return { added: false, reason: 'already_processed' };
  const message = await input.message();
  if (!message) return { added: false, reason: 'message_not_found' };
  // Notes are people's words: Sitrep's own posts and other apps' are already on the record, or not ours.
  if (message.fromBot || !message.authorId) return { added: false, reason: 'not_a_person' };
  if (message.text.trim() === '') return { added: false, reason: 'empty' };
  const note = await deps.notes.add(
    {
      incidentId: incident.id,
      channelId: input.channelId,
      messageTs: message.ts,
      authorId: message.authorId,
      text: message.text,
      occurredAt: message.occurredAt,
    },
    input.requestKey,
  );
  return note ? { added: true, note, incident } : { added: false, reason: 'duplicate' };
}
