/**
 * Deliveries to subscribers through the durable outbox (SPEC §13). A fan-out job expands a public update
 * into one delivery job per subscriber of its audience, each in the subscriber's own queue (in order, and
 * one slow endpoint delays no one else). A delivery is a webhook POST (10 s, only a 2xx counts, a
 * redirect is not followed) or a mail; a failure is retried with the outbox's backoff (the first within
 * seconds, doubling, at most 5 minutes apart). A webhook failing for 24 h without a success between is
 * disabled and the managers are told in Slack; a mail failing that long is given up.
 */
import type { Clock } from '../incidents/ports';
import type { Logger } from '../logger';
import type { EffectOf, QueuedEffect } from '../outbox/effects';
import { PermanentFailure } from '../outbox/job-errors';
import type { EffectHandler, EffectHandlers } from '../outbox/outbox-worker';
import { userQueue } from '../outbox/queues';
import { type ConfirmEmailDeps, confirmEmailHandler } from './confirm-email';
import { type Mail, updateMail } from './email';
import {
  deliveryKey,
  type Mailer,
  type Subscriber,
  type SubscriberChannel,
  type SubscriberDeliveries,
  type SubscriberNews,
} from './ports';
import { componentWebhook, type DeliveryContext, incidentWebhook, type WebhookPage } from './webhook-payload';
import { type SendOptions, sendWebhook } from './webhook-sender';

/** A subscriber failing this long without a success is disabled (webhooks) or given up on (mail). */
export const GIVE_UP_AFTER_MS = 24 * 60 * 60 * 1000;

/** Deliveries are retried until the 24 hours are up, whatever the number of tries. */
const UNTIL_GIVEN_UP = Number.POSITIVE_INFINITY;

type SubscriberKind =
  | 'subscriber.confirm_email'
  | 'subscriber.fanout_incident'
  | 'subscriber.fanout_maintenance'
  | 'subscriber.incident_update'
  | 'subscriber.maintenance_update'
  | 'subscriber.component_update';

export type SubscriberHandlers = Pick<EffectHandlers, SubscriberKind>;

export interface DeliveryDeps {
  deliveries: SubscriberDeliveries;
  news: SubscriberNews;
  /** Undefined: email subscriptions are off, and email subscribers get nothing. */
  mailer: Mailer | undefined;
  clock: Clock;
  log: Logger;
  orgName: string;
  /** Without a trailing slash. */
  publicBaseUrl: string;
  /** MANAGER_USER_IDS: told when a webhook is disabled (with the manager who added it). */
  managerUserIds: readonly string[];
  webhook: SendOptions & { userAgent: string };
  /** Counts each delivery by channel and outcome (`sitrep_subscriber_deliveries_total`). */
  count?: (channel: SubscriberChannel, outcome: 'ok' | 'failed') => void;
  subscribers: ConfirmEmailDeps['subscribers'];
  /** `DISPLAY_TIMEZONE`. */
  timeZone: string;
}

/** The link whose GET shows the unsubscribe button and whose POST unsubscribes (SPEC §13). */
export function unsubscribeUrl(publicBaseUrl: string, token: string): string {
  return `${publicBaseUrl}/subscriptions/unsubscribe/${token}`;
}

interface Message {
  eventKey: string;
  webhook: (context: DeliveryContext) => unknown;
  mail: ((unsubscribeUrl: string) => Mail) | null;
}

export function subscriberEffects(deps: DeliveryDeps): SubscriberHandlers {
  const channels = (): SubscriberChannel[] => (deps.mailer ? ['email', 'webhook'] : ['webhook']);

  /** Sends one message to one subscriber; throws to have the outbox try again later. */
  async function deliver(subscriber: Subscriber, message: Message): Promise<void> {
    const token = subscriber.unsubscribeToken;
    if (!token) {
      deps.log.warn('subscribers: a subscription without an unsubscribe link gets nothing', {
        subscriber: subscriber.id,
      });
      return;
    }
    const link = unsubscribeUrl(deps.publicBaseUrl, token);
    let failure: string | undefined;
    if (subscriber.kind === 'webhook' && subscriber.webhookUrl) {
      const page: WebhookPage = await deps.news.page();
      const body = JSON.stringify(
        message.webhook({ page, unsubscribeUrl: link, generatedAt: deps.clock.now() }),
      );
      const outcome = await sendWebhook(
        {
          url: subscriber.webhookUrl,
          body,
          secret: subscriber.webhookSecret,
          userAgent: deps.webhook.userAgent,
        },
        deps.webhook,
      );
      if (!outcome.ok) failure = outcome.reason;
    } else if (subscriber.kind === 'email' && subscriber.email && message.mail) {
      // Email subscriptions turned off since the fan-out: nothing to send them with.
      if (!deps.mailer) return;
      try {
        await deps.mailer.send(subscriber.email, message.mail(link));
      } catch (error) {
        failure = error instanceof Error ? error.message : String(error);
      }
    } else {
      return;
    }
    const now = deps.clock.now();
    if (failure === undefined) {
      await deps.deliveries.delivered(subscriber.id, message.eventKey, now);
      deps.count?.(subscriber.kind, 'ok');
      return;
    }
    deps.count?.(subscriber.kind, 'failed');
    const since = await deps.deliveries.failed(subscriber.id, message.eventKey, failure, now);
    if (now.getTime() - since.getTime() < GIVE_UP_AFTER_MS) throw new Error(failure);
    if (subscriber.kind === 'webhook') {
      await disable(subscriber, since, failure, now);
      throw new PermanentFailure(`the webhook failed for 24 hours and is now disabled: ${failure}`);
    }
    throw new PermanentFailure(`mail to this subscriber failed for 24 hours: ${failure}`);
  }

  async function disable(subscriber: Subscriber, since: Date, lastError: string, now: Date): Promise<void> {
    const managers = [
      ...new Set([...deps.managerUserIds, ...(subscriber.createdById ? [subscriber.createdById] : [])]),
    ];
    const notices: QueuedEffect[] = managers.map((userId) => ({
      queue: userQueue(userId),
      effect: {
        kind: 'subscriber.disabled_notice',
        subscriberId: subscriber.id,
        userId,
        url: subscriber.webhookUrl ?? '',
        failingSince: since.toISOString(),
        lastError: lastError.slice(0, 500),
      },
    }));
    if (await deps.deliveries.disable(subscriber.id, now, notices)) {
      deps.log.warn('subscribers: a webhook failing for 24 hours is disabled', {
        subscriber: subscriber.id,
        managers: managers.length,
      });
    }
  }

  /** The subscriber a delivery is for, unless it is gone or disabled since (then nothing is sent). */
  async function recipient(subscriberId: string): Promise<Subscriber | null> {
    const subscriber = await deps.deliveries.find(subscriberId);
    return subscriber && !subscriber.disabledAt && subscriber.confirmedAt ? subscriber : null;
  }

  const componentChanges = async () => {
    const statuses = await deps.news.componentStatuses();
    return deps.deliveries.fanOutComponentChanges(statuses, deps.clock.now());
  };

  const fanoutIncident: EffectHandler<'subscriber.fanout_incident'> = {
    does: 'queue the deliveries of an update to subscribers',
    async perform(effect) {
      const queued = await deps.deliveries.fanOutIncidentUpdate(
        effect.incidentId,
        effect.updateId,
        channels(),
      );
      const changes = await componentChanges();
      deps.log.debug('subscribers: fan-out queued', { deliveries: queued, componentDeliveries: changes });
    },
  };

  const fanoutMaintenance: EffectHandler<'subscriber.fanout_maintenance'> = {
    does: 'queue the deliveries of a maintenance update to subscribers',
    async perform(effect) {
      const queued = await deps.deliveries.fanOutMaintenanceUpdate(
        effect.maintenanceId,
        effect.updateId,
        channels(),
      );
      const changes = await componentChanges();
      deps.log.debug('subscribers: fan-out queued', { deliveries: queued, componentDeliveries: changes });
    },
  };

  const incidentUpdate: EffectHandler<'subscriber.incident_update'> = {
    does: 'deliver an incident update to a subscriber',
    maxAttempts: UNTIL_GIVEN_UP,
    async perform(effect) {
      const subscriber = await recipient(effect.subscriberId);
      if (!subscriber) return;
      // Checked again here: an incident made internal since the fan-out reaches no one.
      const news = await deps.news.incidentUpdate(effect.incidentNumber, effect.updateId);
      if (!news) return;
      await deliver(subscriber, {
        eventKey: deliveryKey('update', effect.updateId),
        webhook: (context) => incidentWebhook(news.document, context),
        mail: (link) => updateMail({ ...news.mail, orgName: deps.orgName, unsubscribeUrl: link }),
      });
    },
  };

  const maintenanceUpdate: EffectHandler<'subscriber.maintenance_update'> = {
    does: 'deliver a maintenance update to a subscriber',
    maxAttempts: UNTIL_GIVEN_UP,
    async perform(effect) {
      const subscriber = await recipient(effect.subscriberId);
      if (!subscriber) return;
      const news = await deps.news.maintenanceUpdate(effect.maintenanceNumber, effect.updateId);
      if (!news) return;
      await deliver(subscriber, {
        eventKey: deliveryKey('maintenance', effect.updateId),
        webhook: (context) => incidentWebhook(news.document, context),
        mail: (link) => updateMail({ ...news.mail, orgName: deps.orgName, unsubscribeUrl: link }),
      });
    },
  };

  const componentUpdate: EffectHandler<'subscriber.component_update'> = {
    does: 'deliver a component status change to a subscriber',
    maxAttempts: UNTIL_GIVEN_UP,
    async perform(effect: EffectOf<'subscriber.component_update'>) {
      const subscriber = await recipient(effect.subscriberId);
      if (subscriber?.kind !== 'webhook') return;
      const component = await deps.news.component(effect.componentKey);
      if (!component) return;
      const at = new Date(effect.at);
      await deliver(subscriber, {
        eventKey: deliveryKey('component', effect.changeId),
        webhook: (context) =>
          componentWebhook(
            // The component as this change left it.
            { ...component, status: effect.newStatus },
            { id: effect.changeId, oldStatus: effect.oldStatus, newStatus: effect.newStatus, at },
            context,
          ),
        mail: null,
      });
    },
  };

  return {
    'subscriber.confirm_email': confirmEmailHandler(deps),
    'subscriber.fanout_incident': fanoutIncident,
    'subscriber.fanout_maintenance': fanoutMaintenance,
    'subscriber.incident_update': incidentUpdate,
    'subscriber.maintenance_update': maintenanceUpdate,
    'subscriber.component_update': componentUpdate,
  };
}
