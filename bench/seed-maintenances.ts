/**
 * SPEC §16's 100 maintenances, beside the incidents: most completed in the past, a few cancelled, some in
 * progress and some upcoming (the ones summary.json lists), each on 1–4 components with 2–4 updates.
 */
import { randomUUID } from 'node:crypto';
import type { Sql } from './seed';

const q = (value: string | number | boolean | Date | null): string => {
  if (value === null) return 'NULL';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return `'${value.toISOString()}'`;
  return `'${value.replace(/'/g, "''")}'`;
};

const HOUR = 3_600_000;

export async function seedMaintenances(
  sql: Sql,
  input: { teamId: string; count: number; components: string[]; now: Date },
): Promise<{ maintenances: number; current: number }> {
  const maintenances: string[] = [];
  const updates: string[] = [];
  const links: string[] = [];
  let current = 0;
  for (let n = 0; n < input.count; n++) {
    const id = randomUUID();
    // Every tenth is upcoming, every twentieth in progress; the rest are history, one in ten cancelled.
    const kind = n % 10 === 0 ? 'upcoming' : n % 20 === 5 ? 'active' : n % 10 === 3 ? 'cancelled' : 'done';
    const start =
      kind === 'upcoming'
        ? new Date(input.now.getTime() + (n + 2) * HOUR)
        : kind === 'active'
          ? new Date(input.now.getTime() - HOUR)
          : new Date(input.now.getTime() - (input.count - n) * 24 * HOUR);
    const end = new Date(start.getTime() + 2 * HOUR);
    const created = new Date(start.getTime() - 48 * HOUR);
    const stages: [string, Date][] =
      kind === 'upcoming'
        ? [['scheduled', created]]
        : kind === 'active'
          ? [
              ['scheduled', created],
              ['in_progress', start],
            ]
          : kind === 'cancelled'
            ? [
                ['scheduled', created],
                ['cancelled', new Date(created.getTime() + HOUR)],
              ]
            : [
                ['scheduled', created],
                ['in_progress', start],
                ['verifying', new Date(end.getTime() - HOUR / 2)],
                ['completed', end],
              ];
    const stage = stages.at(-1)?.[0] ?? 'scheduled';
    if (kind === 'upcoming' || kind === 'active') current++;
    const startedAt = kind === 'active' || kind === 'done' ? start : null;
    const endedAt = kind === 'done' ? end : kind === 'cancelled' ? (stages[1]?.[1] ?? null) : null;
    maintenances.push(
      `(${[
        id,
        input.teamId,
        n + 1,
        `Planned work on shard ${n + 1} (seeded)`,
        n % 7 === 0 ? 'internal' : 'public',
        stage,
        'maintenance',
        start,
        end,
        true,
        startedAt,
        endedAt,
        null,
        null,
        'U_SEED01',
        created,
        created,
      ]
        .map(q)
        .join(',')})`,
    );
    for (const [i, [updateStage, at]] of stages.entries()) {
      updates.push(
        `(${[
          randomUUID(),
          id,
          i + 1,
          updateStage,
          `The maintenance is ${updateStage.replace('_', ' ')}. Expect short interruptions of the API while nodes restart.`,
          at,
          at,
          i === 0 ? 'U_SEED01' : null,
        ]
          .map(q)
          .join(',')})`,
      );
    }
    const count = 1 + (n % 4);
    for (let c = 0; c < Math.min(count, input.components.length); c++) {
      links.push(`(${q(id)},${q(input.components[(n * 7 + c * 13) % input.components.length] as string)})`);
    }
  }
  if (maintenances.length === 0) return { maintenances: 0, current: 0 };
  await sql.exec(`BEGIN;
    INSERT INTO maintenance (id, team_id, number, title, visibility, stage, impact, scheduled_for, scheduled_until, auto_transitions, started_at, ended_at, remind_at, reminded_at, created_by_id, created_at, updated_at)
      VALUES ${maintenances.join(',\n')};
    INSERT INTO maintenance_update (id, maintenance_id, sequence, stage, message, occurred_at, created_at, author_id)
      VALUES ${updates.join(',\n')};
    INSERT INTO maintenance_component (maintenance_id, component_id) VALUES ${links.join(',')} ON CONFLICT DO NOTHING;
    INSERT INTO maintenance_counter (team_id, last_number) VALUES (${q(input.teamId)}, ${input.count})
      ON CONFLICT (team_id) DO UPDATE SET last_number = GREATEST(maintenance_counter.last_number, EXCLUDED.last_number);
    COMMIT;`);
  return { maintenances: input.count, current };
}
