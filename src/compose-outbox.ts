import type { Config } from './config';
import type { Metrics } from './metrics/metrics';
import type { BackgroundPace } from './outbox/background-pace';
import { type EffectHandlers, OutboxWorker, type OutboxWorkerOptions } from './outbox/outbox-worker';
import { SUBSCRIBER_QUEUE_PREFIX } from './outbox/queues';
import { reportFailure } from './outbox/report-failure';
import { Periodic } from './periodic';
import type { OutboxStore } from './persistence/outbox-store';
import { createOutboxClient } from './slack/create-slack-app';
import { slackEffects } from './slack/effects/slack-effects';
import type { OutboxSlackContext, SlackContext } from './slack/slack-context';
import { type DeliveryDeps, subscriberEffects } from './subscribers/deliver';

/** Jobs to subscribers worked at once: each mostly waits on a remote endpoint or mail server. */
const SUBSCRIBER_CONCURRENCY = 16;

export interface SlackOutbox {
  /** Wakes both workers: new work was committed. */
  notify(): void;
  start(): void;
  /** Stops the housekeeping timer, then the worker (in-flight jobs finish). */
  stop(): Promise<void>;
}

/**
 * The outbox workers — one performing effects against Slack, one delivering to subscribers (its own lane
 * of queues, so a thousand deliveries never hold up a post in an incident channel) — and the
 * housekeeping timer that feeds them.
 */
export function composeOutbox(
  slack: NonNullable<Config['slack']>,
  context: SlackContext,
  store: OutboxStore,
  housekeep: () => Promise<unknown>,
  options: {
    outbox?: OutboxWorkerOptions;
    housekeepingIntervalMs?: number;
    metrics?: Metrics;
    slackTimeoutMs?: number;
    subscribers: DeliveryDeps;
    /** Deliveries to subscribers step back while Slack is busy. */
    pace?: BackgroundPace;
  },
): SlackOutbox {
  const log = context.log;
  const client = createOutboxClient(slack, log, options.metrics, options.slackTimeoutMs);
  let botUser: Promise<string> | undefined;
  const outboxContext: OutboxSlackContext = {
    ...context,
    client,
    botUserId: () => {
      botUser ??= client.auth.test().then((r) => r.user_id ?? '');
      botUser.catch(() => {
        botUser = undefined;
      });
      return botUser;
    },
  };
  const handlers: EffectHandlers = {
    ...slackEffects(outboxContext),
    ...subscriberEffects(options.subscribers),
  };
  const onFailed = (job: Parameters<typeof reportFailure>[2], reason: string) =>
    reportFailure(store, handlers, job, reason);
  const worker = new OutboxWorker(store, handlers, log, {
    ...options.outbox,
    lane: { prefix: SUBSCRIBER_QUEUE_PREFIX, inside: false },
    onFailed,
  });
  const deliveries = new OutboxWorker(store, handlers, log, {
    concurrency: SUBSCRIBER_CONCURRENCY,
    claimBatch: SUBSCRIBER_CONCURRENCY / 2,
    ...options.outbox,
    lane: { prefix: SUBSCRIBER_QUEUE_PREFIX, inside: true },
    onFailed,
    pace: options.pace,
  });
  const periodic = new Periodic('housekeeping', options.housekeepingIntervalMs ?? 60_000, housekeep, log);
  return {
    notify() {
      worker.notify();
      deliveries.notify();
    },
    start() {
      worker.start();
      deliveries.start();
      periodic.start();
    },
    async stop() {
      await periodic.stop();
      await Promise.all([worker.stop(), deliveries.stop()]);
    },
  };
}
