import { subscriberQueue } from '../outbox/queues';
import type { ConfirmOutcome, EmailRequest, NewWebhook, Subscriber, Subscribers } from '../subscribers/ports';
import { isExpired, tokenHash } from '../subscribers/tokens';
import type { PrismaClient, Subscriber as SubscriberRow } from './generated/client';
import { enqueueEffects, type OutboxSignal } from './outbox-store';
import { isForeignKeyViolation, isUniqueViolation } from './unique-violation';

export function toSubscriber(row: SubscriberRow): Subscriber {
  return {
    id: row.id,
    kind: row.kind === 'webhook' ? 'webhook' : 'email',
    email: row.email,
    webhookUrl: row.webhookUrl,
    webhookSecret: row.webhookSecret,
    components: row.components,
    confirmedAt: row.confirmedAt,
    createdById: row.createdById,
    failingSince: row.failingSince,
    disabledAt: row.disabledAt,
    createdAt: row.createdAt,
    unsubscribeToken: row.unsubscribeToken,
  };
}

/** Subscribers, their link tokens (hashes only) and who hears of what (SPEC §13). */
export class PrismaSubscribers implements Subscribers {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly signal: OutboxSignal = () => {},
  ) {}

  async requestEmail(request: EmailRequest, now: Date): Promise<{ pending: boolean }> {
    const existing = await this.prisma.subscriber.findUnique({ where: { email: request.email } });
    if (existing?.confirmedAt) return { pending: false };
    try {
      await this.prisma.$transaction(async (tx) => {
        // An unconfirmed earlier request is replaced: only the newest link works.
        if (existing) await tx.subscriber.delete({ where: { id: existing.id } });
        const { id } = await tx.subscriber.create({
          data: {
            kind: 'email',
            email: request.email,
            components: request.components,
            createdAt: now,
            unsubscribeToken: request.unsubscribeToken,
            tokens: { create: [{ hash: tokenHash(request.unsubscribeToken), purpose: 'unsubscribe' }] },
          },
          select: { id: true },
        });
        await enqueueEffects(tx, null, [
          { queue: subscriberQueue(id), effect: { kind: 'subscriber.confirm_email', subscriberId: id } },
        ]);
      });
    } catch (error) {
      // The same address submitted twice at once: the other request's mail goes out.
      if (isUniqueViolation(error)) return { pending: false };
      throw error;
    }
    this.signal();
    return { pending: true };
  }

  async issueConfirmation(
    subscriberId: string,
    confirmHash: string,
    expiresAt: Date,
  ): Promise<{ email: string; components: string[] } | null> {
    const row = await this.prisma.subscriber.findFirst({
      where: { id: subscriberId, kind: 'email', confirmedAt: null },
      select: { email: true, components: true },
    });
    if (!row?.email) return null;
    try {
      await this.prisma.subscriberToken.create({
        data: { hash: confirmHash, subscriberId, purpose: 'confirm', expiresAt },
      });
    } catch (error) {
      // Removed in between (unsubscribed, or replaced by a newer request): no mail.
      if (isForeignKeyViolation(error)) return null;
      throw error;
    }
    return { email: row.email, components: row.components };
  }

  async confirm(confirmHash: string, now: Date): Promise<ConfirmOutcome> {
    const token = await this.prisma.subscriberToken.findUnique({ where: { hash: confirmHash } });
    if (token?.purpose !== 'confirm') return 'unknown';
    if (token.expiresAt && isExpired(token.expiresAt, now)) return 'expired';
    await this.prisma.$transaction([
      this.prisma.subscriber.updateMany({
        where: { id: token.subscriberId, confirmedAt: null },
        data: { confirmedAt: now },
      }),
      this.prisma.subscriberToken.delete({ where: { hash: confirmHash } }),
    ]);
    return 'confirmed';
  }

  async unsubscribe(unsubscribeHash: string): Promise<boolean> {
    const token = await this.unsubscribeToken(unsubscribeHash);
    if (!token) return false;
    const removed = await this.prisma.subscriber.deleteMany({ where: { id: token.subscriberId } });
    return removed.count > 0;
  }

  async hasUnsubscribe(unsubscribeHash: string): Promise<boolean> {
    return (await this.unsubscribeToken(unsubscribeHash)) !== null;
  }

  async addWebhook(webhook: NewWebhook, now: Date): Promise<Subscriber> {
    const row = await this.prisma.subscriber.create({
      data: {
        kind: 'webhook',
        webhookUrl: webhook.url,
        webhookSecret: webhook.secret,
        components: webhook.components,
        createdById: webhook.createdById,
        confirmedAt: now,
        createdAt: now,
        unsubscribeToken: webhook.unsubscribeToken,
        tokens: { create: [{ hash: tokenHash(webhook.unsubscribeToken), purpose: 'unsubscribe' }] },
      },
    });
    return toSubscriber(row);
  }

  async hasWebhook(url: string): Promise<boolean> {
    return (await this.prisma.subscriber.count({ where: { kind: 'webhook', webhookUrl: url } })) > 0;
  }

  async removeWebhook(id: string): Promise<boolean> {
    const removed = await this.prisma.subscriber.deleteMany({ where: { id, kind: 'webhook' } });
    return removed.count > 0;
  }

  async listWebhooks(limit: number): Promise<{ webhooks: Subscriber[]; total: number }> {
    const [rows, total] = await this.prisma.$transaction([
      this.prisma.subscriber.findMany({
        where: { kind: 'webhook' },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: limit,
      }),
      this.prisma.subscriber.count({ where: { kind: 'webhook' } }),
    ]);
    return { webhooks: rows.map(toSubscriber), total };
  }

  async audience(affectedComponents: readonly string[]): Promise<Subscriber[]> {
    // The component choice is filtered in the query: no choice means everything.
    const rows = await this.prisma.subscriber.findMany({
      where: {
        confirmedAt: { not: null },
        disabledAt: null,
        OR: [{ components: { isEmpty: true } }, { components: { hasSome: [...affectedComponents] } }],
      },
      orderBy: { createdAt: 'asc' },
    });
    return rows.map(toSubscriber);
  }

  private unsubscribeToken(hash: string) {
    return this.prisma.subscriberToken.findFirst({ where: { hash, purpose: 'unsubscribe' } });
  }
}
