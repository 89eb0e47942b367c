import { z } from 'zod';
import { assertManager } from './managers';
import type { WebhookManagementPorts, WebhookManagementSettings } from './webhook-management';

const subscriberId = z.uuid();

/** Removes a webhook subscriber (a manager only); false when there is no such webhook (already removed). */
export async function removeWebhook(
  ports: Pick<WebhookManagementPorts, 'subscribers'>,
  settings: Pick<WebhookManagementSettings, 'managerUserIds'>,
  input: { subscriberId: string; byUserId: string },
): Promise<boolean> {
  assertManager(settings.managerUserIds, input.byUserId);
  // A value that cannot be a subscriber id names none (and never reaches the database).
  if (!subscriberId.safeParse(input.subscriberId).success) return false;
  return ports.subscribers.removeWebhook(input.subscriberId);
}
