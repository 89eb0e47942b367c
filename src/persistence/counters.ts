import { Prisma } from './generated/client';

type Tx = Prisma.TransactionClient;

/** The per-workspace counters that number incidents (INC-n) and maintenances (MNT-n). */
type Counter = 'incident_counter' | 'maintenance_counter';

/**
 * Takes the next `count` numbers of a workspace's counter (its row is locked until the transaction
 * ends, so concurrent writers get distinct numbers) and returns the first of them.
 */
export async function takeNumbers(tx: Tx, counter: Counter, teamId: string, count: number): Promise<number> {
  const table = Prisma.raw(counter);
  const [row] = await tx.$queryRaw<{ last_number: number }[]>`
    INSERT INTO ${table} (team_id, last_number) VALUES (${teamId}, ${count})
    ON CONFLICT (team_id) DO UPDATE SET last_number = ${table}.last_number + ${count}
    RETURNING last_number`;
  if (!row) throw new Error(`${counter.replace('_', ' ')} did not return a number`);
  return row.last_number - count + 1;
}
