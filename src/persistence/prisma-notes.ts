import type { Note } from '../incidents/model';
import type { NewNote, Notes } from '../incidents/ports';
import type { PrismaClient } from './generated/client';
import { toNote } from './mappers';

/** Internal timeline notes (SPEC §5.4), one per message, each request handled once. */
export class PrismaNotes implements Notes {
  constructor(private readonly prisma: PrismaClient) {}

  async wasProcessed(requestKey: string): Promise<boolean> {
    const row = await this.prisma.processedRequest.findUnique({
      where: { key: requestKey },
      select: { key: true },
    });
    return row !== null;
  }

  async add(note: NewNote, requestKey: string): Promise<Note | null> {
    // ON CONFLICT DO NOTHING on both keys: a concurrent retry waits for this commit, then adds nothing.
    const row = await this.prisma.$transaction(async (tx) => {
      const request = await tx.processedRequest.createMany({
        data: [{ key: requestKey }],
        skipDuplicates: true,
      });
      if (request.count === 0) return null;
      const [created] = await tx.note.createManyAndReturn({
        data: [
          {
            incidentId: note.incidentId,
            channelId: note.channelId,
            messageTs: note.messageTs,
            text: note.text,
            authorId: note.authorId,
            occurredAt: note.occurredAt,
          },
        ],
        skipDuplicates: true,
      });
      return created ?? null;
    });
    if (!row) return null;
    const author = await this.prisma.slackUser.findUnique({
      where: { id: row.authorId },
      select: { id: true, name: true },
    });
    return toNote(row, new Map(author ? [[author.id, author.name]] : []));
  }
}
