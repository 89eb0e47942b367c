import type { Outbox } from '../incidents/ports';

/** A job as the store hands it out: the payload is still unchecked JSON. */
export interface ClaimedJob {
  id: bigint;
  queue: string;
  payload: unknown;
  incidentId: string | null;
  /** Tries so far, this one included: above 1, an earlier try may have been performed. */
  attempts: number;
}

/**
 * What the outbox worker needs from storage (SPEC §8). Jobs of one queue run strictly in order; a claimed
 * job holds a lease for its worker, and every change of state names that worker so a job whose lease
 * passed to another worker is left alone.
 */
/** A worker's share of the queues: those whose name starts with `prefix`, or (outside) all others. */
export interface QueueLane {
  prefix: string;
  inside: boolean;
}

export interface OutboxJobs extends Outbox {
  claim(workerId: string, limit: number, leaseMs: number, lane?: QueueLane): Promise<ClaimedJob[]>;
  /** Extends the leases of jobs this worker still works on (a heartbeat during long calls). */
  renew(workerId: string, jobIds: bigint[], leaseMs: number): Promise<void>;
  /** Puts every job this worker holds back in its queue at once (shutdown). */
  release(workerId: string): Promise<number>;
  complete(job: ClaimedJob, workerId: string): Promise<void>;
  /** Puts the job back for a later try; `countAttempt: false` for waits that are not failures (429). */
  retry(
    job: ClaimedJob,
    workerId: string,
    delayMs: number,
    error: string,
    countAttempt?: boolean,
  ): Promise<void>;
  fail(job: ClaimedJob, workerId: string, error: string): Promise<void>;
  /** True when another job of the same queue failed for good before this one (report once). */
  hasEarlierFailure(job: ClaimedJob): Promise<boolean>;
}
