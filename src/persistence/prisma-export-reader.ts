import type { ExportReader, IncidentTimes, StartedRange } from '../export/export-reader';
import type { IncidentRecord } from '../incidents/model';
import type { Impact } from '../incidents/vocabulary';
import type { Prisma, PrismaClient } from './generated/client';
import { recordInclude, recordPeople, toRecord } from './mappers';
import { PrismaIncidentRepository } from './prisma-incident-repository';

export interface ExportReaderOptions {
  /** Incidents per page of `streamRecords` (each loaded with its timeline). */
  recordPageSize?: number;
  /** Incidents per page of `streamTimes` (four columns each). */
  timesPageSize?: number;
}

interface Cursor {
  startedAt: Date;
  teamId: string;
  number: number;
}

const pageInclude = recordInclude;

/** Reads incidents for exports: one by number (HTTP) or a start-time range, page by page (bulk). */
export class PrismaExportReader implements ExportReader {
  private readonly recordPageSize: number;
  private readonly timesPageSize: number;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly incidents: PrismaIncidentRepository = new PrismaIncidentRepository(prisma),
    options: ExportReaderOptions = {},
  ) {
    this.recordPageSize = options.recordPageSize ?? 200;
    this.timesPageSize = options.timesPageSize ?? 2_000;
  }

  /** The incident `INC-<number>`; with several workspaces in one database, the lowest team id's. */
  async findRecordByNumber(number: number): Promise<IncidentRecord | null> {
    const row = await this.prisma.incident.findFirst({
      where: { number },
      orderBy: { teamId: 'asc' },
      select: { id: true },
    });
    return row ? this.incidents.loadRecord(row.id) : null;
  }

  /**
   * Every incident started in the range, in start order (ties by workspace and number), with its
   * timeline. Loads one page of incidents at a time with a handful of queries, so memory stays flat.
   */
  async *streamRecords(range: StartedRange): AsyncGenerator<IncidentRecord> {
    for await (const page of this.pages(range, this.recordPageSize, (args) =>
      this.prisma.incident.findMany({ ...args, include: pageInclude }),
    )) {
      const names = await this.incidents.names(page.flatMap(recordPeople));
      for (const row of page) yield toRecord(row, names);
    }
  }

  /** The start, resolution and detection times of every incident started in the range, in start order. */
  async *streamTimes(range: StartedRange): AsyncGenerator<IncidentTimes> {
    for await (const page of this.pages(range, this.timesPageSize, (args) =>
      this.prisma.incident.findMany({
        ...args,
        select: {
          startedAt: true,
          teamId: true,
          number: true,
          impact: true,
          resolvedAt: true,
          detectedAt: true,
        },
      }),
    )) {
      for (const row of page) {
        yield {
          impact: row.impact as Impact,
          startedAt: row.startedAt,
          resolvedAt: row.resolvedAt,
          detectedAt: row.detectedAt,
        };
      }
    }
  }

  /** Keyset pagination on (startedAt, teamId, number), which the unique (teamId, number) makes total. */
  private async *pages<Row extends Cursor>(
    { since, until }: StartedRange,
    pageSize: number,
    fetch: (args: {
      where: Prisma.IncidentWhereInput;
      orderBy: Prisma.IncidentOrderByWithRelationInput[];
      take: number;
    }) => Promise<Row[]>,
  ): AsyncGenerator<Row[]> {
    let after: Cursor | undefined;
    for (;;) {
      const page = await fetch({
        where: {
          startedAt: { gte: since, lt: until },
          ...(after && {
            OR: [
              { startedAt: { gt: after.startedAt } },
              { startedAt: after.startedAt, teamId: { gt: after.teamId } },
              { startedAt: after.startedAt, teamId: after.teamId, number: { gt: after.number } },
            ],
          }),
        },
        orderBy: [{ startedAt: 'asc' }, { teamId: 'asc' }, { number: 'asc' }],
        take: pageSize,
      });
      if (page.length > 0) yield page;
      const last = page.at(-1);
      if (!last || page.length < pageSize) return;
      after = { startedAt: last.startedAt, teamId: last.teamId, number: last.number };
    }
  }
}
