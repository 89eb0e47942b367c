/**
 * What the subscriber features need from storage (`src/persistence` implements it) and from a mail
 * server (`src/mail` implements it over SMTP).
 */
import type { Mail } from './email';

/** Sends mail to subscribers; absent when `SMTP_URL` is unset (email subscriptions are off). */
export interface Mailer {
  /** Resolves once the SMTP server took the mail; rejects otherwise (the caller retries). */
  send(to: string, mail: Mail): Promise<void>;
}

export interface Subscriber {
  id: string;
  kind: 'email' | 'webhook';
  email: string | null;
  webhookUrl: string | null;
  webhookSecret: string | null;
  /** Catalog keys; empty means every update. */
  components: string[];
  confirmedAt: Date | null;
  createdById: string | null;
  failingSince: Date | null;
  disabledAt: Date | null;
  createdAt: Date;
}

export interface EmailRequest {
  email: string;
  components: string[];
  /** SHA-256 of the confirmation link's token, and when it expires. */
  confirmHash: string;
  confirmExpiresAt: Date;
  /** SHA-256 of the unsubscribe link's token. */
  unsubscribeHash: string;
}

export interface NewWebhook {
  url: string;
  secret: string | null;
  components: string[];
  createdById: string;
  unsubscribeHash: string;
}

export type ConfirmOutcome = 'confirmed' | 'expired' | 'unknown';

export interface Subscribers {
  /**
   * A pending email subscription, or, for a mailbox already subscribed, nothing new: `pending` says
   * whether a confirmation mail should go out (the form's answer is the same either way).
   */
  requestEmail(request: EmailRequest, now: Date): Promise<{ pending: boolean }>;
  confirm(confirmHash: string, now: Date): Promise<ConfirmOutcome>;
  /** Removes the subscription the unsubscribe token belongs to; false for an unknown token. */
  unsubscribe(unsubscribeHash: string): Promise<boolean>;
  /** Whether the token is a live unsubscribe token (the GET page shows the button only then). */
  hasUnsubscribe(unsubscribeHash: string): Promise<boolean>;
  addWebhook(webhook: NewWebhook, now: Date): Promise<Subscriber>;
  remove(id: string): Promise<boolean>;
  /** The latest webhooks, newest first, and how many there are in all. */
  listWebhooks(limit: number): Promise<{ webhooks: Subscriber[]; total: number }>;
  /** Confirmed, enabled subscribers that hear of something affecting these components. */
  audience(affectedComponents: readonly string[]): Promise<Subscriber[]>;
}
