import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { dayjs } from '../incidents/time';
import type { ExportOptions } from './common';
import { csvHeader, csvRows } from './csv';
import type { ExportReader, IncidentTimes } from './export-reader';
import { toExportJson } from './json';
import { renderMarkdown } from './markdown';
import { renderBulkMarkdownHeader, resolutionStats } from './stats';

export const bulkFormats = ['csv', 'markdown', 'json'] as const;
export type BulkFormat = (typeof bulkFormats)[number];

/** Incidents started in `[since, until)`, written in one format. */
export interface BulkArgs {
  since: Date;
  until: Date;
  format: BulkFormat;
}

/** Where a bulk export reads from: incidents started in the range, in start order. */
type BulkExportSource = Pick<ExportReader, 'streamRecords' | 'streamTimes'>;

export const bulkUsage = `Usage: npm run --silent export -- --since <date> --until <date> [--format csv|markdown|json]

Writes every incident started from --since (included) to --until (excluded) to stdout:
  csv       one header row, then one row per update and internal note
  json      an array of incident objects, as the single-incident JSON export
  markdown  counts by impact, median, p90 and mean time to resolve and to detect, then each
            incident's timeline, separated by ---  (the default)

Options:
  --since <date>   YYYY-MM-DD (midnight in DISPLAY_TIMEZONE) or an ISO 8601 time with a zone,
                   such as 2022-09-01T09:00:00Z
  --until <date>   as --since, and after it
  --format <name>  csv, markdown or json
  -h, --help       this text

The database is the service's (.env and the environment: DATABASE_URL, else the embedded database
in DATA_DIR). The embedded database allows one process at a time: stop the service before exporting
from it. With DATABASE_URL the service may keep running.

Example: npm run --silent export -- --since 2022-09-01 --until 2022-10-01 --format csv > september.csv
In a production install (dist/, no dev dependencies): node dist/export-cli.js --since … --until …
`;

/** Bad command-line input; the message says what is wrong, `bulkUsage` says what is right. */
export class BulkUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BulkUsageError';
  }
}

export function wantsHelp(argv: readonly string[]): boolean {
  return argv.includes('--help') || argv.includes('-h');
}

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const timePattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/i;

function toInstant(text: string, timeZone: string): Date | null {
  const day = datePattern.exec(text);
  if (day) {
    const [year, month, date] = day.slice(1).map(Number) as [number, number, number];
    // Date.UTC rolls 2022-02-30 over to March; a real day comes back unchanged.
    const check = new Date(Date.UTC(year, month - 1, date));
    if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== date) return null;
    return dayjs.tz(`${text}T00:00:00`, timeZone).toDate();
  }
  if (!timePattern.test(text)) return null;
  const instant = new Date(text);
  return Number.isNaN(instant.getTime()) ? null : instant;
}

function argsSchema(timeZone: string) {
  const instant = (flag: string) =>
    z.string({ message: `${flag} is required` }).transform((text, ctx) => {
      const date = toInstant(text.trim(), timeZone);
      if (!date) {
        ctx.addIssue({
          code: 'custom',
          message: `${flag} "${text}" is not a date such as 2022-09-01 or 2022-09-01T09:00:00Z`,
        });
        return z.NEVER;
      }
      return date;
    });
  return z
    .object({
      since: instant('--since'),
      until: instant('--until'),
      format: z
        .enum(bulkFormats, { message: `--format must be one of ${bulkFormats.join(', ')}` })
        .default('markdown'),
    })
    .refine(({ since, until }) => until > since, { message: '--until must be after --since' });
}

/**
 * `--since`, `--until` and `--format` from the command line (after `--`); dates without a time are
 * midnight in `timeZone`. Throws a BulkUsageError naming every problem.
 */
export function parseBulkArgs(argv: readonly string[], timeZone = 'UTC'): BulkArgs {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        since: { type: 'string' },
        until: { type: 'string' },
        format: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    // Node's messages go on to explain `--` for positionals, which this command has none of.
    const message = error instanceof Error ? (error.message.split('. ')[0] ?? error.message) : String(error);
    throw new BulkUsageError(message);
  }
  const result = argsSchema(timeZone).safeParse(values);
  if (!result.success) throw new BulkUsageError(result.error.issues.map((i) => i.message).join('; '));
  return result.data;
}

/**
 * Streams every incident of the range to `out` in the chosen format; the pipeline waits for `out` to
 * drain, so memory holds one page of incidents whatever the range. Markdown reads the range twice:
 * first only the times, for the header's statistics, then the timelines. `out` is left open.
 */
export async function writeBulkExport(
  source: BulkExportSource,
  args: BulkArgs,
  out: Writable,
  options: ExportOptions,
): Promise<{ incidents: number }> {
  const counted = { incidents: 0 };
  await pipeline(Readable.from(bulkChunks(source, args, options, counted), { objectMode: false }), out, {
    end: false,
  });
  return counted;
}

async function* bulkChunks(
  source: BulkExportSource,
  args: BulkArgs,
  options: ExportOptions,
  counted: { incidents: number },
): AsyncGenerator<string> {
  const range = { since: args.since, until: args.until };
  switch (args.format) {
    case 'csv':
      yield csvHeader();
      for await (const record of source.streamRecords(range)) {
        yield csvRows(record);
        counted.incidents++;
      }
      return;
    case 'json':
      yield '[';
      for await (const record of source.streamRecords(range)) {
        // JSON strings never hold a raw newline, so indenting after each one only touches layout.
        const element = JSON.stringify(toExportJson(record), null, 2).replace(/\n/g, '\n  ');
        yield `${counted.incidents === 0 ? '\n' : ',\n'}  ${element}`;
        counted.incidents++;
      }
      yield counted.incidents === 0 ? ']\n' : '\n]\n';
      return;
    case 'markdown': {
      const times: IncidentTimes[] = [];
      for await (const entry of source.streamTimes(range)) times.push(entry);
      yield renderBulkMarkdownHeader(resolutionStats(times), { ...range, timeZone: options.timeZone });
      times.length = 0;
      for await (const record of source.streamRecords(range)) {
        yield `\n---\n\n${renderMarkdown(record, options)}`;
        counted.incidents++;
      }
      return;
    }
  }
}
