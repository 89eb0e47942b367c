import type { Incident, IncidentRecord } from '../incidents/model';

/** `[since, until)` on the incidents' start time. */
export interface StartedRange {
  since: Date;
  until: Date;
}

/** What bulk statistics need of one incident, and nothing more. */
export type IncidentTimes = Pick<Incident, 'impact' | 'startedAt' | 'resolvedAt' | 'detectedAt'>;

/** Where exports read from (PrismaExportReader in production): whole records, internal notes included. */
export interface ExportReader {
  /** The incident `INC-<number>`; with several workspaces in one database, the lowest team id's. */
  findRecordByNumber(number: number): Promise<IncidentRecord | null>;
  /** Every incident started in the range, in start order, with its timeline. */
  streamRecords(range: StartedRange): AsyncIterable<IncidentRecord>;
  /** The same incidents, with only what the statistics need. */
  streamTimes(range: StartedRange): AsyncIterable<IncidentTimes>;
}
