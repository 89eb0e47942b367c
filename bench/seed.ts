/**
 * Data for the export, bulk and cold-start phases, written with plain multi-row INSERTs into a
 * database the bench owns (thousands of times faster than going through the use cases, and the same
 * rows they would write). Deterministic: the same flags give the same incidents.
 */
import { randomUUID } from 'node:crypto';

export interface Sql {
  exec(sql: string): Promise<void>;
  query<T>(sql: string): Promise<T[]>;
}

const BATCH_ROWS = 400;
const USERS = 20;

/** A small, seeded PRNG (mulberry32): the same run seeds the same data. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function literal(value: string | number | boolean | Date | null): string {
  if (value === null) return 'NULL';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return `'${value.toISOString()}'`;
  return `'${value.replace(/'/g, "''")}'`;
}

/** Multi-row INSERTs; a child's batch flushes its parent's first, so foreign keys always find their rows. */
class Inserter {
  private rows: string[] = [];
  constructor(
    private readonly sql: Sql,
    private readonly head: string,
    private readonly parent?: Inserter,
  ) {}

  async add(values: (string | number | boolean | Date | null)[]): Promise<void> {
    this.rows.push(`(${values.map(literal).join(',')})`);
    if (this.rows.length >= BATCH_ROWS) await this.flush();
  }

  async flush(): Promise<void> {
    await this.parent?.flush();
    if (this.rows.length === 0) return;
    const statement = `${this.head} VALUES ${this.rows.join(',\n')}`;
    this.rows = [];
    await this.sql.exec(statement);
  }
}

const INCIDENT_COLUMNS =
  'INSERT INTO incident (id, team_id, number, title, impact, stage, resolved_at, started_at, detected_by, detected_at, lead_id, declared_by_id, channel_id, channel_name, source_key, last_update_at, created_at, updated_at)';
const UPDATE_COLUMNS =
  'INSERT INTO incident_update (id, incident_id, sequence, stage, message, occurred_at, created_at, author_id, impact, components)';
const NOTE_COLUMNS =
  'INSERT INTO note (id, incident_id, channel_id, message_ts, text, author_id, occurred_at, created_at)';
const INCIDENT_COMPONENT_COLUMNS = 'INSERT INTO incident_component (incident_id, component_id, status)';

const openStatus: Record<string, string> = {
  none: 'operational',
  minor: 'degraded_performance',
  major: 'partial_outage',
  critical: 'major_outage',
};

const subjects = [
  'the ingestion API',
  'newsletter processing',
  'behavioral emails',
  'the UI',
  'transactional emails',
  'workflows',
  'webhook delivery',
  'the EU database cluster',
];
const openers: Record<string, string[]> = {
  investigating: [
    'We are investigating elevated error rates on {s}. Some customers see timeouts (HTTP 504) when they load dashboards.',
    "We're looking into reports that {s} is slow, with p99 latency above 8 s in us-east-1.",
  ],
  identified: [
    'We have identified the cause: a bad deploy of {s} exhausted the connection pool. A rollback is under way.',
    'The issue is a saturated queue behind {s}; we are adding capacity and draining the backlog, "oldest first".',
  ],
  monitoring: [
    'A fix has been deployed and {s} is recovering. We are monitoring error rates, which are back under 0.1%.',
    'Queues behind {s} are drained; latency is normal again. We keep watching for the next hour :eyes:',
  ],
  resolved: [
    'This incident has been resolved. {s} has been operating normally since the fix, and no data was lost. :white_check_mark:',
  ],
  postmortem: [
    'Postmortem: a config change to {s} removed a rate limit, which let one tenant overload the shared pool.\n\nActions: restore the limit, alert on pool saturation, and add a canary stage to the rollout.',
  ],
};
const tails = [
  '\n\nNext update in 30 minutes.',
  '\n\nAffected: roughly 12% of requests, mostly from the EU.',
  ' Customers do not need to do anything.',
  '\n\n=SUM(A1:A2) was reported in one CSV import; it is unrelated.',
  ' Thanks for your patience 🙏',
  '',
];

function message(rnd: () => number, stage: string): string {
  const pool = openers[stage] ?? openers.investigating ?? [''];
  const opener = (pool[Math.floor(rnd() * pool.length)] as string).replace(
    '{s}',
    subjects[Math.floor(rnd() * subjects.length)] as string,
  );
  return opener + (tails[Math.floor(rnd() * tails.length)] as string);
}

function stagesFor(count: number): string[] {
  switch (count) {
    case 3:
      return ['investigating', 'monitoring', 'resolved'];
    case 4:
      return ['investigating', 'identified', 'monitoring', 'resolved'];
    case 5:
      return ['investigating', 'identified', 'identified', 'monitoring', 'resolved'];
    default:
      return ['investigating', 'identified', 'identified', 'monitoring', 'resolved', 'postmortem'];
  }
}

const user = (i: number) => `U_SEED${String(i).padStart(2, '0')}`;

export async function seedUsers(sql: Sql): Promise<void> {
  const rows = Array.from(
    { length: USERS },
    (_, i) => `(${literal(user(i + 1))}, ${literal(`Responder ${i + 1}`)}, now())`,
  );
  await sql.exec(
    `INSERT INTO slack_user (id, name, updated_at) VALUES ${rows.join(',')} ON CONFLICT (id) DO NOTHING`,
  );
}

export async function componentIds(sql: Sql): Promise<string[]> {
  const rows = await sql.query<{ id: string }>(
    'SELECT id FROM component WHERE archived_at IS NULL ORDER BY position',
  );
  return rows.map((r) => r.id);
}

/** The next free incident numbers of a workspace start after this. */
export async function lastNumber(sql: Sql, teamId: string): Promise<number> {
  const rows = await sql.query<{ last: number | null }>(
    `SELECT max(number) AS last FROM incident WHERE team_id = ${literal(teamId)}`,
  );
  return Number(rows[0]?.last ?? 0);
}

async function advanceCounter(sql: Sql, teamId: string, number: number): Promise<void> {
  await sql.exec(
    `INSERT INTO incident_counter (team_id, last_number) VALUES (${literal(teamId)}, ${number})
     ON CONFLICT (team_id) DO UPDATE SET last_number = GREATEST(incident_counter.last_number, EXCLUDED.last_number)`,
  );
}

/** One long incident: `updates` updates a minute apart (open, then resolved and a postmortem), with notes. */
export async function seedLongIncident(
  sql: Sql,
  input: { teamId: string; number: number; updates: number; components: string[] },
): Promise<{ id: string; number: number }> {
  const rnd = random(2000);
  const id = randomUUID();
  const started = new Date('2021-06-01T08:00:00Z');
  const at = (minute: number, seconds = 0) => new Date(started.getTime() + minute * 60_000 + seconds * 1000);
  const chosen = input.components.slice(0, 5);
  const stageOf = (i: number) =>
    i === input.updates - 1 && input.updates > 2
      ? 'postmortem'
      : i === input.updates - 2 && input.updates > 2
        ? 'resolved'
        : i === 0
          ? 'investigating'
          : i % 2 === 1
            ? 'identified'
            : 'monitoring';
  const last = input.updates - 1;
  const resolvedAt = input.updates > 2 ? at(input.updates - 2, 5) : null;
  await sql.exec('BEGIN');
  const incidents = new Inserter(sql, INCIDENT_COLUMNS);
  await incidents.add([
    id,
    input.teamId,
    input.number,
    'Degraded performance across Vero platform, "long tail" edition',
    'major',
    stageOf(last),
    resolvedAt,
    started,
    'Pingoru',
    at(0, 30),
    user(1),
    user(2),
    'C_SEEDLONG',
    `inc-${input.number}-degraded-performance`,
    null,
    at(last, 5),
    started,
    at(last, 6),
  ]);
  await incidents.flush();
  const updates = new Inserter(sql, UPDATE_COLUMNS, incidents);
  for (let i = 0; i < input.updates; i++) {
    const stage = stageOf(i);
    const status = stage === 'resolved' || stage === 'postmortem' ? 'operational' : 'partial_outage';
    await updates.add([
      randomUUID(),
      id,
      i + 1,
      stage,
      `${message(rnd, stage)}\n\n(update ${i + 1} of ${input.updates})`,
      at(i, 5),
      at(i, 6),
      user(1 + (i % USERS)),
      'major',
      JSON.stringify(chosen.map((componentId) => ({ componentId, status }))),
    ]);
  }
  await updates.flush();
  const notes = new Inserter(sql, NOTE_COLUMNS);
  for (let i = 0; i < Math.floor(input.updates / 20); i++) {
    await notes.add([
      randomUUID(),
      id,
      'C_SEEDLONG',
      `1622534400.${String(i).padStart(6, '0')}`,
      `Internal: checked dashboard ${i}, nothing new; pool at ${Math.floor(rnd() * 100)}%.`,
      user(3 + (i % 5)),
      at(i * 20 + 10, 30),
      at(i * 20 + 10, 31),
    ]);
  }
  await notes.flush();
  const links = new Inserter(sql, INCIDENT_COMPONENT_COLUMNS);
  for (const componentId of chosen) await links.add([id, componentId, 'operational']);
  await links.flush();
  await advanceCounter(sql, input.teamId, input.number);
  await sql.exec('COMMIT');
  return { id, number: input.number };
}

/**
 * `count` resolved incidents started from `from`, `spacingMinutes` apart (with jitter), each with 3–6
 * updates, 1–3 components and sometimes an internal note. Returns the first start of the next slot.
 */
export async function seedIncidents(
  sql: Sql,
  input: {
    teamId: string;
    firstNumber: number;
    count: number;
    from: Date;
    spacingMinutes: number;
    components: string[];
  },
): Promise<{ until: Date; updates: number; notes: number }> {
  const rnd = random(10_000);
  const impacts = ['none', 'minor', 'minor', 'major', 'major', 'critical'];
  const detectors = ['Pingoru', 'Datadog', 'a customer', 'on-call', null, null];
  const incidents = new Inserter(sql, INCIDENT_COLUMNS);
  const updates = new Inserter(sql, UPDATE_COLUMNS, incidents);
  const notes = new Inserter(sql, NOTE_COLUMNS, incidents);
  const links = new Inserter(sql, INCIDENT_COMPONENT_COLUMNS, incidents);
  let updateCount = 0;
  let noteCount = 0;
  await sql.exec('BEGIN');
  for (let n = 0; n < input.count; n++) {
    const id = randomUUID();
    const number = input.firstNumber + n;
    const started = new Date(
      input.from.getTime() +
        n * input.spacingMinutes * 60_000 +
        Math.floor(rnd() * input.spacingMinutes * 0.5) * 60_000,
    );
    const impact = impacts[Math.floor(rnd() * impacts.length)] as string;
    const stages = stagesFor(3 + Math.floor(rnd() * 4));
    const chosen = new Set<string>();
    const componentCount = 1 + Math.floor(rnd() * 3);
    while (chosen.size < Math.min(componentCount, input.components.length)) {
      chosen.add(input.components[Math.floor(rnd() * input.components.length)] as string);
    }
    let time = started.getTime();
    const times = stages.map((_, i) => {
      if (i > 0) time += (10 + Math.floor(rnd() * 80)) * 60_000;
      return new Date(time);
    });
    const resolvedIndex = stages.indexOf('resolved');
    const resolvedAt = resolvedIndex >= 0 ? (times[resolvedIndex] as Date) : null;
    const lastAt = times.at(-1) as Date;
    const detectedBy = detectors[Math.floor(rnd() * detectors.length)] ?? null;
    await incidents.add([
      id,
      input.teamId,
      number,
      `${subjects[n % subjects.length]} ${impact === 'none' ? 'maintenance' : 'degraded'} (seeded #${n + 1})`,
      impact,
      stages.at(-1) as string,
      resolvedAt,
      started,
      detectedBy,
      detectedBy ? new Date(started.getTime() + Math.floor(rnd() * 15) * 60_000) : null,
      user(1 + (n % USERS)),
      user(1 + ((n + 7) % USERS)),
      `C_SEED${number}`,
      `inc-${number}-seeded`,
      null,
      lastAt,
      started,
      lastAt,
    ]);
    for (const [i, stage] of stages.entries()) {
      const occurred = times[i] as Date;
      const status =
        stage === 'resolved' || stage === 'postmortem' ? 'operational' : (openStatus[impact] as string);
      await updates.add([
        randomUUID(),
        id,
        i + 1,
        stage,
        message(rnd, stage),
        occurred,
        new Date(occurred.getTime() + 2_000),
        user(1 + Math.floor(rnd() * USERS)),
        impact,
        JSON.stringify([...chosen].map((componentId) => ({ componentId, status }))),
      ]);
      updateCount++;
    }
    if (rnd() < 0.2) {
      const noteTime = new Date(started.getTime() + 5 * 60_000);
      await notes.add([
        randomUUID(),
        id,
        `C_SEED${number}`,
        `${Math.floor(noteTime.getTime() / 1000)}.000100`,
        'Internal: customer success has been told; the status page is up to date.',
        user(1 + Math.floor(rnd() * USERS)),
        noteTime,
        new Date(noteTime.getTime() + 1_000),
      ]);
      noteCount++;
    }
    for (const componentId of chosen) await links.add([id, componentId, 'operational']);
  }
  // Parents first: the updates' foreign keys need their incidents.
  await incidents.flush();
  await updates.flush();
  await notes.flush();
  await links.flush();
  await advanceCounter(sql, input.teamId, input.firstNumber + input.count - 1);
  await sql.exec('COMMIT');
  return {
    until: new Date(input.from.getTime() + input.count * input.spacingMinutes * 60_000),
    updates: updateCount,
    notes: noteCount,
  };
}

/**
 * Resolves the open incidents the Slack phases left, but the `keepOpen` newest, as their responders
 * eventually would: a resolved update on each, components back to operational.
 */
export async function resolveOpenIncidents(sql: Sql, keepOpen: number): Promise<number> {
  const open = await sql.query<{ id: string }>(
    `SELECT id FROM incident WHERE resolved_at IS NULL ORDER BY started_at DESC, number DESC OFFSET ${keepOpen}`,
  );
  if (open.length === 0) return 0;
  const ids = open.map((row) => literal(row.id)).join(',');
  await sql.exec(`BEGIN;
    INSERT INTO incident_update (id, incident_id, sequence, stage, message, occurred_at, created_at, author_id, impact, components)
    SELECT gen_random_uuid(), i.id, (SELECT max(sequence) + 1 FROM incident_update u WHERE u.incident_id = i.id),
           'resolved', 'This incident has been resolved.', now(), now(), i.lead_id, i.impact,
           coalesce((SELECT jsonb_agg(jsonb_build_object('componentId', c.component_id, 'status', 'operational'))
                     FROM incident_component c WHERE c.incident_id = i.id), '[]'::jsonb)
    FROM incident i WHERE i.id IN (${ids});
    UPDATE incident SET resolved_at = now(), stage = 'resolved', last_update_at = now(), updated_at = now() WHERE id IN (${ids});
    UPDATE incident_component SET status = 'operational' WHERE incident_id IN (${ids});
    COMMIT;`);
  return open.length;
}
