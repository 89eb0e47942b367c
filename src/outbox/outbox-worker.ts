import { randomUUID } from 'node:crypto';
import { type Logger, withLogFields } from '../logger';
import { type EffectKind, type EffectOf, type SideEffect, sideEffectSchema } from './effects';
import { PermanentFailure, RetryAfter } from './job-errors';
import type { ClaimedJob, OutboxJobs } from './job-store';

/** A claimed job whose payload parsed as one of the effect kinds. */
export interface Job<E extends SideEffect = SideEffect> extends ClaimedJob {
  effect: E;
}

/** Performs one kind of effect; throws `RetryAfter`/`PermanentFailure` (anything else is retried). */
export interface EffectHandler<K extends EffectKind> {
  /** What it does, for the report when it fails for good: "Sitrep could not <does>". */
  does: string;
  perform(effect: EffectOf<K>, job: Job): Promise<void>;
}

/** One handler per effect kind: a kind without one fails the type-check. */
export type EffectHandlers = { [K in EffectKind]: EffectHandler<K> };

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
  onFailed?: (job: Job, reason: string) => Promise<void>;
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
    private readonly store: OutboxJobs,
    private readonly handlers: EffectHandlers,
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
        const task = withLogFields({ jobId: String(job.id) }, () => this.work(job)).finally(() => {
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

  private async work(claimed: ClaimedJob): Promise<void> {
    const parsed = sideEffectSchema.safeParse(claimed.payload);
    if (!parsed.success) {
      const reason = `unreadable payload: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`;
      this.log.error('outbox: job failed for good', { job: String(claimed.id), reason });
      await this.store.fail(claimed, this.id, reason).catch((e: unknown) => this.cannotRecord(claimed, e));
      return;
    }
    const job: Job = { ...claimed, effect: parsed.data };
    try {
      await this.perform(job);
      await this.store.complete(job, this.id);
      this.log.debug('outbox: job done', { kind: job.effect.kind });
    } catch (error) {
      await this.settleFailure(job, error).catch((e: unknown) => this.cannotRecord(job, e));
    }
  }

  private perform(job: Job): Promise<void> {
    return handlerOf(this.handlers, job.effect.kind).perform(job.effect, job);
  }

  private cannotRecord(job: ClaimedJob, error: unknown): void {
    this.log.error('outbox: cannot record the outcome of a job', {
      job: String(job.id),
      error: errorText(error),
    });
  }

  private async settleFailure(job: Job, error: unknown): Promise<void> {
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

/** The handler of a kind; the map pairs each kind with its own, which an index cannot show TypeScript. */
export function handlerOf(handlers: EffectHandlers, kind: EffectKind): EffectHandler<EffectKind> {
  return handlers[kind] as EffectHandler<EffectKind>;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
