import type { SlackOutbox } from './compose-outbox';
import type { Config } from './config';
import type { Clock } from './incidents/ports';
import type { Logger } from './logger';
import { createSmtpMailer, type SmtpMailer } from './mail/smtp-mailer';
import type { Metrics } from './metrics/metrics';
import { sideEffectSchema } from './outbox/effects';
import { PermanentFailure } from './outbox/job-errors';
import { type EffectHandlers, OutboxWorker, type OutboxWorkerOptions } from './outbox/outbox-worker';
import { SUBSCRIBER_QUEUE_PREFIX } from './outbox/queues';
import type { Database } from './persistence/open-database';
import type { OutboxSignal, OutboxStore } from './persistence/outbox-store';
import { PrismaSubscriberDeliveries } from './persistence/prisma-subscriber-deliveries';
import type { PrismaSubscribers } from './persistence/prisma-subscribers';
import type { MaintenanceStatusReader } from './status/public-maintenance';
import type { StatusReader } from './status/status-reader';
import { type DeliveryDeps, subscriberEffects } from './subscribers/deliver';
import type { Mailer } from './subscribers/ports';
import { PublicSubscriberNews } from './web/subscriber-news';

const mailHowTo =
  'email subscriptions are off: set SMTP_URL (e.g. smtp://user:pass@mail.example.com:587) and MAIL_FROM to turn them on.';

/** Mail over `SMTP_URL`; without it, undefined, and the log says how to turn email subscriptions on. */
export function openMailer(config: Config, log: Logger): SmtpMailer | undefined {
  if (!config.mail) {
    log.info(mailHowTo);
    return undefined;
  }
  return createSmtpMailer(config.mail.smtpUrl, config.mail.from);
}

/** What the outbox's subscriber handlers need (SPEC §13): storage, the public record, mail and webhooks. */
export function subscriberDeliveryDeps(args: {
  config: Config;
  db: Database;
  signal: OutboxSignal;
  subscribers: PrismaSubscribers;
  reader: StatusReader;
  maintenances: MaintenanceStatusReader;
  mailer: Mailer | undefined;
  clock: Clock;
  log: Logger;
  metrics: Metrics;
}): DeliveryDeps {
  const { config, clock } = args;
  return {
    deliveries: new PrismaSubscriberDeliveries(args.db.prisma, args.signal),
    news: new PublicSubscriberNews({
      reader: args.reader,
      maintenances: args.maintenances,
      orgName: config.orgName,
      publicBaseUrl: config.publicBaseUrl,
      timeZone: config.displayTimeZone,
      clock,
    }),
    subscribers: args.subscribers,
    mailer: args.mailer,
    clock,
    log: args.log,
    orgName: config.orgName,
    publicBaseUrl: config.publicBaseUrl,
    timeZone: config.displayTimeZone,
    managerUserIds: config.managerUserIds,
    webhook: {
      allowPrivate: config.webhookAllowPrivate,
      userAgent: `Sitrep-Webhooks (+${config.publicBaseUrl})`,
    },
    count: (channel, outcome) => args.metrics.subscriberDeliveries.inc({ channel, outcome }),
  };
}

/**
 * With Slack off, the subscriber queues alone, so that a web-only install still mails its confirmation
 * links. Subscriber queues hold subscriber work only; the other kinds are there for the type.
 */
export function subscriberOnlyOutbox(
  store: OutboxStore,
  deps: DeliveryDeps,
  log: Logger,
  options?: OutboxWorkerOptions,
): SlackOutbox {
  const slackOff = {
    does: 'post in Slack',
    perform: async () => {
      throw new PermanentFailure('Slack is off');
    },
  };
  const handlers = {
    ...Object.fromEntries(sideEffectSchema.options.map((o) => [o.shape.kind.value, slackOff])),
    ...subscriberEffects(deps),
  } as EffectHandlers;
  const worker = new OutboxWorker(store, handlers, log, {
    ...options,
    lane: { prefix: SUBSCRIBER_QUEUE_PREFIX, inside: true },
  });
  return { notify: () => worker.notify(), start: () => worker.start(), stop: () => worker.stop() };
}
