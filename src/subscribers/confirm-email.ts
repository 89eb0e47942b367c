/**
 * The double opt-in mail (SPEC §13), sent through the outbox in the subscriber's own queue. Its link's
 * token is made here, as the mail goes out, and only its SHA-256 is stored: neither the subscription
 * nor the outbox job holds a usable confirmation link. A retry makes a new link; an earlier one keeps
 * working until it expires.
 */
import type { Clock } from '../incidents/ports';
import { formatDisplayTime } from '../incidents/time';
import type { EffectHandler } from '../outbox/outbox-worker';
import { confirmMail } from './email';
import type { Mailer, Subscribers } from './ports';
import { confirmExpiresAt, issueToken } from './tokens';

export interface ConfirmEmailDeps {
  subscribers: Pick<Subscribers, 'issueConfirmation'>;
  /** Undefined: email subscriptions are off, and nothing is sent. */
  mailer: Mailer | undefined;
  clock: Clock;
  orgName: string;
  /** Without a trailing slash. */
  publicBaseUrl: string;
  /** `DISPLAY_TIMEZONE`, for when the link stops working. */
  timeZone: string;
}

/** The link whose GET confirms a subscription. */
export function confirmUrl(publicBaseUrl: string, token: string): string {
  return `${publicBaseUrl}/subscriptions/confirm/${token}`;
}

export function confirmEmailHandler(deps: ConfirmEmailDeps): EffectHandler<'subscriber.confirm_email'> {
  return {
    does: 'send a subscription confirmation mail',
    async perform(effect) {
      if (!deps.mailer) return;
      const { token, hash } = issueToken();
      const expires = confirmExpiresAt(deps.clock.now());
      const pending = await deps.subscribers.issueConfirmation(effect.subscriberId, hash, expires);
      // Confirmed, unsubscribed or replaced by a newer request since: nothing to confirm.
      if (!pending) return;
      await deps.mailer.send(
        pending.email,
        confirmMail({
          orgName: deps.orgName,
          confirmUrl: confirmUrl(deps.publicBaseUrl, token),
          components: pending.components,
          expires: formatDisplayTime(expires, deps.timeZone),
        }),
      );
    },
  };
}
