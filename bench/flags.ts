import { parseArgs } from 'node:util';
import { z } from 'zod';

/** The default order. Slack phases (ack, declare, update, edit) run in the order given; the others after them. */
export const phases = [
  'ack',
  'declare',
  'update',
  'edit',
  'export',
  'bulk',
  'cold',
  'summary',
  'uptime',
  'herd',
  'import',
  'subscribers',
] as const;
export type Phase = (typeof phases)[number];

const count = (min: number, max: number, fallback: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

const schema = z.object({
  rate: count(1, 2_000, 200),
  seconds: count(1, 120, 20),
  warmup: z.coerce.number().min(0).max(30).default(2),
  declares: count(1, 1_000, 100),
  updates: count(0, 1_000, 50),
  edits: count(0, 1_000, 20),
  exportUpdates: count(10, 20_000, 2_000),
  exportRequests: count(1, 200, 20),
  bulkIncidents: count(1, 100_000, 10_000),
  coldIncidents: count(0, 100_000, 10_000),
  coldStarts: count(1, 10, 3),
  components: count(1, 2_000, 500),
  summaryRequests: count(1, 2_000, 200),
  herdRate: count(1, 10_000, 2_000),
  timeoutMs: count(100, 30_000, 3_000),
  phases: z
    .string()
    .default(phases.join(','))
    .transform((text, ctx) => {
      const list = text
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean);
      const unknown = list.filter((p) => !(phases as readonly string[]).includes(p));
      if (unknown.length > 0) {
        ctx.addIssue({
          code: 'custom',
          message: `unknown phase ${unknown.join(', ')} (known: ${phases.join(', ')})`,
        });
      }
      return new Set(list as Phase[]);
    }),
  profile: z.boolean().default(false),
  out: z.string().default('bench/results/latest.json'),
});

export type Flags = z.infer<typeof schema>;

export const usage = `Usage: npm run bench -- [flags]

  --rate 200             /incident list requests per second (open loop)
  --seconds 20           how long the ack load runs, per app
  --warmup 2             seconds of the same load, unmeasured, before it
  --declares 100         declare submissions, one after the other
  --updates 50           update submissions on one incident, one after the other
  --edits 20             edits of that incident's latest update (menu → update_edit), one after the other
  --export-updates 2000  updates of the incident whose export is timed
  --export-requests 20   HTTP export requests per format
  --bulk-incidents 10000 incidents in the bulk CSV export
  --cold-incidents 10000 incidents stored when the cold start is timed (at least --bulk-incidents are)
  --cold-starts 3        cold starts (the median is reported)
  --components 500       components in the catalog
  --summary-requests 200 GET /api/v2/summary.json requests (when that route exists)
  --herd-rate 2000       public requests per second of the herd (from 50 addresses, half conditional)
  --timeout-ms 3000      a request unanswered by then is an error (Slack's limit)
  --phases ack,declare,update,edit,export,bulk,cold,summary,uptime,herd,import,subscribers
                         ack, declare, update and edit run in the order given (ack after declare: the
                         list then holds the declared incidents); export, bulk, cold, summary, herd
                         after (herd: acks at --rate alone, then again under the herd, on the
                         seeded data); import: npm run import of a generated Statuspage page
                         (bench/import-phase.ts); subscribers: 1,000 webhook subscribers and one
                         public update, acks alone and while they go out (bench/subscribers-phase.ts);
                         uptime: / and its 90-day bars rendered uncached on the seeded data
                         (bench/uptime-phase.ts)
  --profile              write a CPU profile of each Sitrep process to bench/results/profiles
  --out bench/results/latest.json

TEST_DATABASE_URL=postgres://… adds a second run on a fresh PostgreSQL database (dropped after).`;

/** A bad command line: the message says what, `--help` says what is right. */
export class FlagError extends Error {}

export function parseFlags(argv: string[]): Flags | 'help' {
  try {
    return parseFlagsOrThrow(argv);
  } catch (error) {
    if (error instanceof FlagError) throw error;
    throw new FlagError(
      error instanceof Error ? (error.message.split('. ')[0] ?? error.message) : String(error),
    );
  }
}

function parseFlagsOrThrow(argv: string[]): Flags | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      rate: { type: 'string' },
      seconds: { type: 'string' },
      warmup: { type: 'string' },
      declares: { type: 'string' },
      updates: { type: 'string' },
      edits: { type: 'string' },
      'export-updates': { type: 'string' },
      'export-requests': { type: 'string' },
      'bulk-incidents': { type: 'string' },
      'cold-incidents': { type: 'string' },
      'cold-starts': { type: 'string' },
      components: { type: 'string' },
      'summary-requests': { type: 'string' },
      'herd-rate': { type: 'string' },
      'timeout-ms': { type: 'string' },
      phases: { type: 'string' },
      profile: { type: 'boolean' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return 'help';
  const result = schema.safeParse({
    rate: values.rate,
    seconds: values.seconds,
    warmup: values.warmup,
    declares: values.declares,
    updates: values.updates,
    edits: values.edits,
    exportUpdates: values['export-updates'],
    exportRequests: values['export-requests'],
    bulkIncidents: values['bulk-incidents'],
    coldIncidents: values['cold-incidents'],
    coldStarts: values['cold-starts'],
    components: values.components,
    summaryRequests: values['summary-requests'],
    herdRate: values['herd-rate'],
    timeoutMs: values['timeout-ms'],
    phases: values.phases,
    profile: values.profile,
    out: values.out,
  });
  if (!result.success) {
    throw new FlagError(
      result.error.issues
        .map(
          (i) => `--${String(i.path[0] ?? '').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}: ${i.message}`,
        )
        .join('; '),
    );
  }
  return result.data;
}
