import { randomUUID } from 'node:crypto';
import type { SideEffect } from '../incidents/ports';
import type { Logger } from '../logger';
import type { ClaimedJob, OutboxStore } from '../persistence/outbox-store';
import { PermanentFailure, RetryAfter } from './job-errors';

export type EffectHandler = (effect: SideEffect, job: ClaimedJob) => Promise<void>;

export interface OutboxWorkerOptions {
  /** Jobs worked at once (different queues only). */
  concurrency?: number;
  /** How long a claimed job belongs to this worker; longer than any single Slack call. */
  leaseMs?: number;
  /** Look for due jobs at least this often (work queued by other replicas, retries). */
  pollMs?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** Transient failures before a job is given up as failed. */
  maxAttempts?: number;
  onFailed?: (job: ClaimedJob, reason: string) => Promise<void>;
}

/** Works the durable outbox: claims due jobs, runs their handler, and records done/retry/failed. */
export class OutboxWorker {
  readonly id = `worker-${randomUUID()}`;
  private readonly opts: Required<Omit<OutboxWorkerOptions, 'onFailed'>> &
    Pick<OutboxWorkerOptions, 'onFailed'>;
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private signalled = false;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly store: OutboxStore,
    private readonly handle: EffectHandler,
    private readonly log: Logger,
    options: OutboxWorkerOptions = {},
  ) {
    this.opts = {
      concurrency: options.concurrency ?? 8,
      leaseMs: options.leaseMs ?? 120_000,
      pollMs: options.pollMs ?? 1_000,
      backoffBaseMs: options.backoffBaseMs ?? 1_000,
      backoffMaxMs: options.backoffMaxMs ?? 300_000,
      maxAttempts: options.maxAttempts ?? 30,
      onFailed: options.onFailed,
    };
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** New work was committed: look now rather than at the next poll. */
  notify = (): void => {
    this.signalled = true;
    this.wake?.();
  };

  /** Stops claiming, and waits for the jobs in flight to finish. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    await Promise.allSettled([...this.inFlight]);
  }

  private async run(): Promise<void> {
    while (this.running) {
      let claimed: ClaimedJob[] = [];
      const free = this.opts.concurrency - this.inFlight.size;
      this.signalled = false;
      if (free > 0) {
        try {
          claimed = await this.store.claim(this.id, free, this.opts.leaseMs);
        } catch (error) {
          this.log.warn('outbox: cannot claim jobs', { error: errorText(error) });
        }
      }
      for (const job of claimed) {
        const task = this.work(job).finally(() => {
          this.inFlight.delete(task);
          this.notify();
        });
        this.inFlight.add(task);
      }
      if (claimed.length === 0 && !this.signalled) await this.sleep(this.opts.pollMs);
      else if (this.inFlight.size >= this.opts.concurrency && !this.signalled)
        await this.sleep(this.opts.pollMs);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = undefined;
        done();
      };
    });
  }

  private async work(job: ClaimedJob): Promise<void> {
    try {
      await this.handle(job.effect, job);
      await this.store.complete(job, this.id);
    } catch (error) {
      await this.settleFailure(job, error).catch((e: unknown) =>
        this.log.error('outbox: cannot record the outcome of a job', {
          job: String(job.id),
          error: errorText(e),
        }),
      );
    }
  }

  private async settleFailure(job: ClaimedJob, error: unknown): Promise<void> {
    const reason = errorText(error);
    if (error instanceof RetryAfter) {
      this.log.info('outbox: rate limited, waiting', {
        job: String(job.id),
        kind: job.effect.kind,
        ms: error.delayMs,
      });
      await this.store.retry(job, this.id, error.delayMs, reason, false);
      return;
    }
    if (error instanceof PermanentFailure || job.attempts >= this.opts.maxAttempts) {
      this.log.warn('outbox: job failed for good', { job: String(job.id), kind: job.effect.kind, reason });
      await this.store.fail(job, this.id, reason);
      await this.opts.onFailed?.(job, reason);
      return;
    }
    const delay = Math.min(this.opts.backoffMaxMs, this.opts.backoffBaseMs * 2 ** (job.attempts - 1));
    this.log.info('outbox: job will be retried', {
      job: String(job.id),
      kind: job.effect.kind,
      reason,
      delay,
    });
    await this.store.retry(job, this.id, delay, reason);
  }
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
