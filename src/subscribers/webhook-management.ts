/** Webhook subscribers as managers see and change them in Slack (SPEC §13). */
import type { Clock, ComponentCatalog } from '../incidents/ports';
import { type AddWebhookInput, addWebhook } from './add-webhook';
import { assertManager, mayManageWebhooks } from './managers';
import type { Subscriber, Subscribers } from './ports';
import { removeWebhook } from './remove-webhook';
import type { Resolve } from './webhook-url';

/** The modal lists this many, newest first, and counts the rest. */
export const WEBHOOK_LIST_LIMIT = 50;

export interface WebhookManagementPorts {
  subscribers: Pick<Subscribers, 'addWebhook' | 'hasWebhook' | 'removeWebhook' | 'listWebhooks'>;
  catalog: ComponentCatalog;
  clock: Clock;
}

export interface WebhookManagementSettings {
  managerUserIds: readonly string[];
  /** `WEBHOOK_ALLOW_PRIVATE`. */
  allowPrivate: boolean;
  /** Name resolution for the URL check (the system resolver unless a test gives another). */
  resolve?: Resolve;
}

export interface WebhookListing {
  webhooks: Subscriber[];
  total: number;
}

/** The webhook use cases bound to their ports and settings. */
export function createWebhookManagement(ports: WebhookManagementPorts, settings: WebhookManagementSettings) {
  return {
    mayManage: (userId: string) => mayManageWebhooks(settings.managerUserIds, userId),
    async list(userId: string): Promise<WebhookListing> {
      assertManager(settings.managerUserIds, userId);
      return ports.subscribers.listWebhooks(WEBHOOK_LIST_LIMIT);
    },
    add: (input: AddWebhookInput) => addWebhook(ports, settings, input),
    remove: (input: { subscriberId: string; byUserId: string }) => removeWebhook(ports, settings, input),
  };
}

export type WebhookManagement = ReturnType<typeof createWebhookManagement>;
