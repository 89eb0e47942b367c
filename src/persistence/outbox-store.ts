import type { QueuedEffect } from '../outbox/effects';
import type { ClaimedJob, OutboxJobs, QueueLane } from '../outbox/job-store';
import { Prisma, type PrismaClient } from './generated/client';

/** Called after a commit that queued work, so a local worker picks it up at once. */
export type OutboxSignal = () => void;

export async function enqueueEffects(
  tx: Prisma.TransactionClient,
  incidentId: string | null,
  effects: QueuedEffect[],
): Promise<void> {
  if (effects.length === 0) return;
  await tx.outboxJob.createMany({
    data: effects.map(({ queue, effect }) => ({
      queue,
      kind: effect.kind,
      payload: effect as unknown as Prisma.InputJsonValue,
      incidentId,
    })),
  });
}

interface ClaimRow {
  id: bigint;
  queue: string;
  payload: unknown;
  incident_id: string | null;
  attempts: number;
}

/**
 * The durable outbox (SPEC §8). Jobs of one queue run strictly in id order: a job is claimable only
 * when no earlier job of its queue is pending or running. Claims take row locks with SKIP LOCKED, so
 * several workers (processes or replicas) never take the same job; a claimed job holds a lease, and a
 * lease left by a crashed worker expires and the job runs again.
 */
export class OutboxStore implements OutboxJobs {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly signal: OutboxSignal = () => {},
  ) {}

  async enqueue(incidentId: string | null, effects: QueuedEffect[]): Promise<void> {
    await this.prisma.$transaction((tx) => enqueueEffects(tx, incidentId, effects));
    this.signal();
  }

  async claim(workerId: string, limit: number, leaseMs: number, lane?: QueueLane): Promise<ClaimedJob[]> {
    const inLane = lane
      ? lane.inside
        ? Prisma.sql`AND starts_with(h.queue, ${lane.prefix})`
        : Prisma.sql`AND NOT starts_with(h.queue, ${lane.prefix})`
      : Prisma.empty;
    // Each queue's first unfinished job, found by one pass over the unfinished ones: a plan that does
    // not hinge on the planner's statistics (embedded PostgreSQL never gathers any by itself, and a
    // per-job "nothing earlier in its queue" check turned quadratic there with a thousand queues). The
    // claimable test is on `j`, so a job another worker took meanwhile is re-checked and skipped.
    const rows = await this.prisma.$queryRaw<ClaimRow[]>`
      WITH heads AS (
        SELECT DISTINCT ON (h.queue) h.id FROM outbox_job h
        WHERE h.status IN ('pending', 'running') ${inLane}
        ORDER BY h.queue, h.id
      ),
      next AS (
        SELECT j.id FROM outbox_job j JOIN heads ON heads.id = j.id
        WHERE (j.status = 'pending' AND j.run_at <= now())
           OR (j.status = 'running' AND j.locked_until < now())
        ORDER BY j.id
        LIMIT ${limit}
        FOR UPDATE OF j SKIP LOCKED
      )
      UPDATE outbox_job o
      SET status = 'running',
          locked_by = ${workerId},
          locked_until = now() + make_interval(secs => ${leaseMs / 1000}),
          attempts = o.attempts + 1
      FROM next WHERE o.id = next.id
      RETURNING o.id, o.queue, o.payload, o.incident_id, o.attempts`;
    return rows
      .map((row) => ({
        id: row.id,
        queue: row.queue,
        payload: row.payload,
        incidentId: row.incident_id,
        attempts: row.attempts,
      }))
      .sort((a, b) => (a.id < b.id ? -1 : 1));
  }

  async renew(workerId: string, jobIds: bigint[], leaseMs: number): Promise<void> {
    if (jobIds.length === 0) return;
    await this.prisma.$executeRaw`
      UPDATE outbox_job SET locked_until = now() + make_interval(secs => ${leaseMs / 1000})
      WHERE locked_by = ${workerId} AND status = 'running' AND id IN (${Prisma.join(jobIds)})`;
  }

  async release(workerId: string): Promise<number> {
    return this.prisma.$executeRaw`
      UPDATE outbox_job SET status = 'pending', locked_by = NULL, locked_until = NULL, run_at = now()
      WHERE locked_by = ${workerId} AND status = 'running'`;
  }

  async complete(job: ClaimedJob, workerId: string): Promise<void> {
    await this.prisma.outboxJob.updateMany({
      where: { id: job.id, lockedBy: workerId, status: 'running' },
      data: { status: 'done', finishedAt: new Date(), lockedUntil: null, lastError: null },
    });
  }

  async retry(
    job: ClaimedJob,
    workerId: string,
    delayMs: number,
    error: string,
    countAttempt = true,
  ): Promise<void> {
    await this.prisma.outboxJob.updateMany({
      where: { id: job.id, lockedBy: workerId, status: 'running' },
      data: {
        status: 'pending',
        runAt: new Date(Date.now() + delayMs),
        lockedUntil: null,
        lastError: error.slice(0, 2000),
        ...(countAttempt ? {} : { attempts: { decrement: 1 } }),
      },
    });
  }

  async fail(job: ClaimedJob, workerId: string, error: string): Promise<void> {
    await this.prisma.outboxJob.updateMany({
      where: { id: job.id, lockedBy: workerId, status: 'running' },
      data: { status: 'failed', finishedAt: new Date(), lockedUntil: null, lastError: error.slice(0, 2000) },
    });
  }

  async hasEarlierFailure(job: ClaimedJob): Promise<boolean> {
    const count = await this.prisma.outboxJob.count({
      where: { queue: job.queue, status: 'failed', id: { not: job.id } },
    });
    return count > 0;
  }
}
