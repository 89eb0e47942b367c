import { randomUUID } from 'node:crypto';
import { setTimeout as delay, setImmediate as yieldToIo } from 'node:timers/promises';
import { type Logger, withLogFields } from '../logger';
import type { BackgroundPace } from './background-pace';
import { type EffectKind, type EffectOf, type SideEffect, sideEffectSchema } from './effects';
import { OutcomeUnknown, PermanentFailure, RetryAfter } from './job-errors';
import type { ClaimedJob, OutboxJobs, QueueLane } from './job-store';

/** A claimed job whose payload parsed as one of the effect kinds. */
export interface Job<E extends SideEffect = SideEffect> extends ClaimedJob {
  effect: E;
}

/** Performs one kind of effect; throws `RetryAfter`/`PermanentFailure` (anything else is retried). */
export interface EffectHandler<K extends EffectKind> {
  /** What it does, for the report when it fails for good: "Sitrep could not <does>". */
  does: string;
  perform(effect: EffectOf<K>, job: Job): Promise<void>;
  /** Transient failures before a job of this kind is given up (default: the worker's `maxAttempts`). */
  maxAttempts?: number;
}

/** One handler per effect kind: a kind without one fails the type-check. */
export type EffectHandlers = { [K in EffectKind]: EffectHandler<K> };

export interface OutboxWorkerOptions {
  /** Jobs worked at once (different queues only). */
  concurrency?: number;
  /** How long a claim lasts unless renewed; a crashed worker's jobs run again after at most this. */
  leaseMs?: number;
  /** Look for due jobs at least this often (work queued by other replicas, retries). */
  pollMs?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** The least wait before retrying a call whose outcome is unknown, so that a late call lands first. */
  unknownOutcomeDelayMs?: number;
  /** Transient failures before a job is given up as failed. */
  maxAttempts?: number;
  /** How long stop() lets jobs in flight finish before it releases them. */
  drainMs?: number;
  /** Only these queues (default: all). */
  lane?: QueueLane;
  /**
   * Claim only once this many slots are free (or nothing runs): with thousands of jobs due, one claim
   * per finished job would read the backlog a thousand times. Default 1.
   */
  claimBatch?: number;
  onFailed?: (job: Job, reason: string) => Promise<void>;
  /** Background work: jobs start at a slower rate while Slack is busy. */
  pace?: BackgroundPace;
}

/**
 * Works the durable outbox: claims due jobs, runs their handler, and records done/retry/failed. Leases are
 * short and renewed while a job runs; recording an outcome is retried until the database answers.
 */
export class OutboxWorker {
  readonly id = `worker-${randomUUID()}`;
  private readonly opts: Required<Omit<OutboxWorkerOptions, 'onFailed' | 'lane' | 'pace'>> &
    Pick<OutboxWorkerOptions, 'onFailed' | 'lane' | 'pace'>;
  private running = false;
  /** Set when the drain time is up: outcomes still unrecorded are left to the lease. */
  private abandoned = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private signalled = false;
  private heartbeat: NodeJS.Timeout | undefined;
  private readonly inFlight = new Map<bigint, Promise<void>>();

  constructor(
    private readonly store: OutboxJobs,
    private readonly handlers: EffectHandlers,
    private readonly log: Logger,
    options: OutboxWorkerOptions = {},
  ) {
    this.opts = {
      concurrency: options.concurrency ?? 8,
      leaseMs: options.leaseMs ?? 15_000,
      pollMs: options.pollMs ?? 1_000,
      backoffBaseMs: options.backoffBaseMs ?? 1_000,
      backoffMaxMs: options.backoffMaxMs ?? 300_000,
      unknownOutcomeDelayMs: options.unknownOutcomeDelayMs ?? 10_000,
      maxAttempts: options.maxAttempts ?? 30,
      drainMs: options.drainMs ?? 20_000,
      lane: options.lane,
      claimBatch: options.claimBatch ?? 1,
      onFailed: options.onFailed,
      pace: options.pace,
    };
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.abandoned = false;
    this.loop = this.run();
    this.heartbeat = setInterval(() => void this.renewLeases(), Math.max(50, this.opts.leaseMs / 3));
    this.heartbeat.unref();
  }

  /** New work was committed: look now rather than at the next poll. */
  notify = (): void => {
    this.signalled = true;
    this.wake?.();
  };

  /**
   * Stops claiming, lets the jobs in flight finish (for at most the drain time), then puts whatever this
   * worker still holds back in the queue, so another replica takes it over at once.
   */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.wake?.();
    await this.loop;
    const settled = Promise.allSettled([...this.inFlight.values()]).then(() => true);
    const drained = await Promise.race([settled, delay(this.opts.drainMs, false, { ref: false })]);
    if (!drained) {
      this.abandoned = true;
      this.log.warn('outbox: jobs still running at the end of the drain are released', {
        jobs: this.inFlight.size,
      });
    }
    clearInterval(this.heartbeat);
    try {
      const released = await this.store.release(this.id);
      if (released > 0) this.log.info('outbox: released claimed jobs', { jobs: released });
    } catch (error) {
      this.log.warn('outbox: cannot release claimed jobs; their leases will expire', {
        error: errorText(error),
      });
    }
  }

  private async run(): Promise<void> {
    while (this.running) {
      let claimed: ClaimedJob[] = [];
      const free = this.opts.concurrency - this.inFlight.size;
      this.signalled = false;
      const batch = Math.min(this.opts.claimBatch, this.opts.concurrency);
      if (free > 0 && (free >= batch || this.inFlight.size === 0)) {
        const { start, waitMs } = this.opts.pace?.take(free) ?? { start: free, waitMs: 0 };
        if (start === 0) {
          await delay(waitMs);
          continue;
        }
        try {
          claimed = await this.store.claim(this.id, start, this.opts.leaseMs, this.opts.lane);
        } catch (error) {
          this.log.warn('outbox: cannot claim jobs', { error: errorText(error) });
        }
      }
      for (const job of claimed) {
        const task = withLogFields({ jobId: String(job.id) }, () => this.work(job)).finally(() => {
          this.inFlight.delete(job.id);
          this.notify();
        });
        this.inFlight.set(job.id, task);
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

  private async renewLeases(): Promise<void> {
    if (this.inFlight.size === 0) return;
    try {
      await this.store.renew(this.id, [...this.inFlight.keys()], this.opts.leaseMs);
    } catch (error) {
      this.log.warn('outbox: cannot renew leases', { error: errorText(error) });
    }
  }

  private async work(claimed: ClaimedJob): Promise<void> {
    // An embedded database answers through promises alone: many jobs in a row would keep the event loop
    // from ever reaching the sockets (Slack's 3 s acks). Each job lets waiting I/O in first.
    await yieldToIo();
    const parsed = sideEffectSchema.safeParse(claimed.payload);
    if (!parsed.success) {
      const reason = `unreadable payload: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`;
      this.log.error('outbox: job failed for good', { job: String(claimed.id), reason });
      await this.record(claimed, () => this.store.fail(claimed, this.id, reason));
      return;
    }
    const job: Job = { ...claimed, effect: parsed.data };
    let failure: { error: unknown } | undefined;
    try {
      await this.perform(job);
    } catch (error) {
      failure = { error };
    }
    await yieldToIo();
    if (!failure) {
      if (await this.record(job, () => this.store.complete(job, this.id)))
        this.log.debug('outbox: job done', { kind: job.effect.kind });
    } else await this.settleFailure(job, failure.error);
  }

  private perform(job: Job): Promise<void> {
    return handlerOf(this.handlers, job.effect.kind).perform(job.effect, job);
  }

  /**
   * Writes an outcome, trying again until the database answers: the effect is done, and failing the job
   * now would only run it a second time.
   */
  private async record(job: ClaimedJob, write: () => Promise<unknown>): Promise<boolean> {
    let wait = 100;
    for (let tries = 1; ; tries++) {
      try {
        await write();
        if (tries > 1)
          this.log.info('outbox: outcome recorded once the database answered', {
            job: String(job.id),
            tries,
          });
        return true;
      } catch (error) {
        if (tries === 1) {
          this.log.warn('outbox: cannot record the outcome of a job; trying until the database answers', {
            job: String(job.id),
            error: errorText(error),
          });
        }
        if (this.abandoned) return false;
        await delay(wait);
        wait = Math.min(wait * 2, 2_000);
      }
    }
  }

  private async settleFailure(job: Job, error: unknown): Promise<void> {
    const reason = errorText(error);
    const context = { job: String(job.id), kind: job.effect.kind, reason };
    if (error instanceof RetryAfter) {
      this.log.info('outbox: rate limited, waiting', { ...context, ms: error.delayMs });
      await this.record(job, () => this.store.retry(job, this.id, error.delayMs, reason, false));
      return;
    }
    const maxAttempts = handlerOf(this.handlers, job.effect.kind).maxAttempts ?? this.opts.maxAttempts;
    if (error instanceof PermanentFailure || job.attempts >= maxAttempts) {
      this.log.warn('outbox: job failed for good', context);
      if (await this.record(job, () => this.store.fail(job, this.id, reason))) {
        const report = this.opts.onFailed;
        if (report) await this.record(job, () => report(job, reason));
      }
      return;
    }
    const backoff = Math.min(this.opts.backoffMaxMs, this.opts.backoffBaseMs * 2 ** (job.attempts - 1));
    const wait =
      error instanceof OutcomeUnknown ? Math.max(backoff, this.opts.unknownOutcomeDelayMs) : backoff;
    this.log.info('outbox: job will be retried', { ...context, delay: wait });
    await this.record(job, () => this.store.retry(job, this.id, wait, reason));
  }
}

/** The handler of a kind; the map pairs each kind with its own, which an index cannot show TypeScript. */
export function handlerOf(handlers: EffectHandlers, kind: EffectKind): EffectHandler<EffectKind> {
  return handlers[kind] as EffectHandler<EffectKind>;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
