import { InvalidInput } from '../incidents/errors';
import { findComponents } from '../incidents/input-rules';
import { assertManager } from './managers';
import type { Subscriber } from './ports';
import { issueToken } from './tokens';
import type { WebhookManagementPorts, WebhookManagementSettings } from './webhook-management';
import { checkWebhookUrl } from './webhook-url';

export const WEBHOOK_SECRET_MIN = 16;
export const WEBHOOK_SECRET_MAX = 256;
export const WEBHOOK_URL_MAX = 2_000;

export interface AddWebhookInput {
  webhookUrl: string;
  /** Empty or null: deliveries go unsigned. */
  webhookSecret: string | null;
  componentKeys: string[];
  byUserId: string;
}

/**
 * Adds a webhook subscriber (SPEC §13) once every field is right: an allowed URL, a secret of at least 16
 * characters when one is given, catalog components, a URL not subscribed already (it would get every
 * update twice). Each problem is reported on its own field; nothing is
 * saved while any remains.
 */
export async function addWebhook(
  ports: WebhookManagementPorts,
  settings: WebhookManagementSettings,
  input: AddWebhookInput,
): Promise<Subscriber> {
  assertManager(settings.managerUserIds, input.byUserId);
  const fields: Record<string, string> = {};
  const raw = input.webhookUrl.trim();
  let url: string | null = null;
  if (raw === '') fields.webhookUrl = 'Give the URL the updates are sent to.';
  else if (raw.length > WEBHOOK_URL_MAX)
    fields.webhookUrl = `A webhook URL has at most ${WEBHOOK_URL_MAX} characters.`;
  else {
    const check = await checkWebhookUrl(raw, settings);
    if (!check.ok) fields.webhookUrl = check.reason;
    else if (await ports.subscribers.hasWebhook(check.url.href))
      fields.webhookUrl =
        'This URL already gets the updates: remove it first to change its secret or components.';
    else url = check.url.href;
  }
  const secret = input.webhookSecret?.trim() || null;
  if (secret !== null && secret.length < WEBHOOK_SECRET_MIN)
    fields.webhookSecret = `A secret has at least ${WEBHOOK_SECRET_MIN} characters (this one has ${secret.length}); leave it empty to send unsigned.`;
  else if (secret !== null && secret.length > WEBHOOK_SECRET_MAX)
    fields.webhookSecret = `A secret has at most ${WEBHOOK_SECRET_MAX} characters.`;
  const components = await findComponents(ports.catalog, input.componentKeys, fields, {
    allowArchived: false,
  });
  if (Object.keys(fields).length > 0 || url === null) throw new InvalidInput(fields);
  return ports.subscribers.addWebhook(
    {
      url,
      secret,
      components: components.map((c) => c.key),
      createdById: input.byUserId,
      unsubscribeToken: issueToken().token,
    },
    ports.clock.now(),
  );
}
