import type { Config } from './config';
import type { Metrics } from './metrics/metrics';
import { OutboxWorker, type OutboxWorkerOptions } from './outbox/outbox-worker';
import { reportFailure } from './outbox/report-failure';
import { Periodic } from './periodic';
import type { OutboxStore } from './persistence/outbox-store';
import { createOutboxClient } from './slack/create-slack-app';
import { slackEffects } from './slack/effects/slack-effects';
import type { OutboxSlackContext, SlackContext } from './slack/slack-context';

export interface SlackOutbox {
  worker: OutboxWorker;
  start(): void;
  /** Stops the housekeeping timer, then the worker (in-flight jobs finish). */
  stop(): Promise<void>;
}

/** The outbox worker performing effects against Slack, and the housekeeping timer that feeds it. */
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
  const handlers = slackEffects(outboxContext);
  const worker = new OutboxWorker(store, handlers, log, {
    ...options.outbox,
    onFailed: (job, reason) => reportFailure(store, handlers, job, reason),
  });
  const periodic = new Periodic('housekeeping', options.housekeepingIntervalMs ?? 60_000, housekeep, log);
  return {
    worker,
    start() {
      worker.start();
      periodic.start();
    },
    async stop() {
      await periodic.stop();
      await worker.stop();
    },
  };
}
