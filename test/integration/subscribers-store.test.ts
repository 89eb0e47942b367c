import type { Database } from '../../src/persistence/open-database';
import { PrismaSubscribers } from '../../src/persistence/prisma-subscribers';
import { confirmExpiresAt, issueToken } from '../../src/subscribers/tokens';
import { freshEmbeddedDatabase } from '../support/test-database';

const T = new Date('2026-12-01T12:00:00Z');
const hours = (n: number) => new Date(T.getTime() + n * 3_600_000);

describe('PrismaSubscribers', () => {
  let db: Database;
  let store: PrismaSubscribers;

  beforeAll(async () => {
    db = await freshEmbeddedDatabase();
    store = new PrismaSubscribers(db.prisma);
  });

  afterAll(async () => {
    await db.close();
  });

  beforeEach(async () => {
    await db.prisma.subscriber.deleteMany();
    await db.prisma.outboxJob.deleteMany();
  });

  function request(email: string, components: string[] = []) {
    const confirm = issueToken();
    const unsubscribe = issueToken();
    return {
      tokens: { confirm, unsubscribe },
      request: { email, components, unsubscribeToken: unsubscribe.token },
    };
  }

  /** The confirmation job a request queued, as the outbox holds it. */
  async function queuedConfirmation(email: string) {
    const subscriber = await db.prisma.subscriber.findUniqueOrThrow({ where: { email } });
    const jobs = await db.prisma.outboxJob.findMany({ where: { queue: `subscriber:${subscriber.id}` } });
    return { subscriberId: subscriber.id, jobs: jobs.map((j) => j.payload) };
  }

  /** As the confirmation mail leaves: its link's token recorded. */
  async function requested(r: ReturnType<typeof request>, at = T) {
    const answer = await store.requestEmail(r.request, at);
    if (answer.pending) {
      const { subscriberId } = await queuedConfirmation(r.request.email);
      await store.issueConfirmation(subscriberId, r.tokens.confirm.hash, confirmExpiresAt(at));
    }
    return answer;
  }

  it('queues the confirmation mail with the request, holding no token', async () => {
    const ana = request('ana@customer.example');
    await store.requestEmail(ana.request, T);
    const { subscriberId, jobs } = await queuedConfirmation('ana@customer.example');
    expect(jobs).toEqual([{ kind: 'subscriber.confirm_email', subscriberId }]);
    expect(await store.issueConfirmation(subscriberId, ana.tokens.confirm.hash, confirmExpiresAt(T))).toEqual(
      {
        email: 'ana@customer.example',
        components: [],
      },
    );
    await store.confirm(ana.tokens.confirm.hash, T);
    expect(await store.issueConfirmation(subscriberId, issueToken().hash, confirmExpiresAt(T))).toBeNull();
  });

  it('counts an email subscriber only once confirmed, and never confirms twice', async () => {
    const ana = request('ana@customer.example');
    expect(await requested(ana)).toEqual({ pending: true });
    expect(await store.audience(['api'])).toEqual([]);
    expect(await store.confirm(ana.tokens.confirm.hash, hours(47))).toBe('confirmed');
    expect((await store.audience(['api'])).map((s) => s.email)).toEqual(['ana@customer.example']);
    expect(await store.confirm(ana.tokens.confirm.hash, hours(47))).toBe('unknown');
  });

  it('refuses a confirmation link after 48 hours and changes nothing', async () => {
    const ben = request('ben@customer.example');
    await requested(ben);
    expect(await store.confirm(ben.tokens.confirm.hash, hours(48))).toBe('expired');
    expect(await store.audience([])).toEqual([]);
  });

  it('sends no second confirmation to a confirmed mailbox, and replaces an unconfirmed request', async () => {
    const first = request('cat@customer.example');
    await requested(first);
    const second = request('cat@customer.example', ['workflows']);
    expect(await requested(second)).toEqual({ pending: true });
    expect(await store.confirm(first.tokens.confirm.hash, hours(1))).toBe('unknown');
    expect(await store.confirm(second.tokens.confirm.hash, hours(1))).toBe('confirmed');
    expect(await requested(request('cat@customer.example'))).toEqual({ pending: false });
    expect((await store.audience(['workflows'])).map((s) => s.components)).toEqual([['workflows']]);
  });

  it('filters by component in the query: no choice hears everything', async () => {
    for (const [email, components] of [
      ['all@customer.example', []],
      ['flows@customer.example', ['workflows']],
      ['api@customer.example', ['api', 'database']],
    ] as const) {
      const r = request(email, [...components]);
      await requested(r);
      await store.confirm(r.tokens.confirm.hash, T);
    }
    const emails = async (affected: string[]) => (await store.audience(affected)).map((s) => s.email).sort();
    expect(await emails(['workflows'])).toEqual(['all@customer.example', 'flows@customer.example']);
    expect(await emails(['database'])).toEqual(['all@customer.example', 'api@customer.example']);
    expect(await emails([])).toEqual(['all@customer.example']);
  });

  it('unsubscribes by token only, and an unknown token changes nothing', async () => {
    const dan = request('dan@customer.example');
    await requested(dan);
    await store.confirm(dan.tokens.confirm.hash, T);
    expect(await store.unsubscribe(issueToken().hash)).toBe(false);
    expect(await store.hasUnsubscribe(dan.tokens.unsubscribe.hash)).toBe(true);
    expect(await store.unsubscribe(dan.tokens.confirm.hash)).toBe(false);
    expect(await store.audience([])).toHaveLength(1);
    expect(await store.unsubscribe(dan.tokens.unsubscribe.hash)).toBe(true);
    expect(await store.audience([])).toEqual([]);
    expect(await store.hasUnsubscribe(dan.tokens.unsubscribe.hash)).toBe(false);
  });

  it('keeps the unsubscribe token for the links of every mail, and looks it up by its hash only', async () => {
    const eve = request('eve@customer.example');
    await requested(eve);
    await store.confirm(eve.tokens.confirm.hash, T);
    const [subscriber] = await store.audience([]);
    expect(subscriber?.unsubscribeToken).toBe(eve.tokens.unsubscribe.token);
    expect(await store.unsubscribe(eve.tokens.unsubscribe.token)).toBe(false);
    expect(await store.unsubscribe(eve.tokens.unsubscribe.hash)).toBe(true);
  });

  it('adds, lists and removes webhooks, newest first with the total', async () => {
    const added = [];
    for (let i = 0; i < 3; i += 1) {
      added.push(
        await store.addWebhook(
          {
            url: `https://hooks.example.com/${i}`,
            secret: i === 0 ? 'a-secret-of-24-characters' : null,
            components: [],
            createdById: 'U_MANAGER',
            unsubscribeToken: issueToken().token,
          },
          hours(i),
        ),
      );
    }
    const listed = await store.listWebhooks(2);
    expect(listed.total).toBe(3);
    expect(listed.webhooks.map((w) => w.webhookUrl)).toEqual([
      'https://hooks.example.com/2',
      'https://hooks.example.com/1',
    ]);
    const mailbox = request('ann@example.com');
    await store.requestEmail(mailbox.request, T);
    const email = await db.prisma.subscriber.findFirstOrThrow({ where: { kind: 'email' } });
    // Removing a webhook never removes a mail subscription, whatever id it is given.
    expect(await store.removeWebhook(email.id)).toBe(false);
    expect(await db.prisma.subscriber.count({ where: { kind: 'email' } })).toBe(1);
    expect(await store.removeWebhook(added[0]?.id as string)).toBe(true);
    expect(await store.removeWebhook(added[0]?.id as string)).toBe(false);
    expect((await store.audience(['api'])).map((s) => s.webhookUrl).sort()).toEqual([
      'https://hooks.example.com/1',
      'https://hooks.example.com/2',
    ]);
  });
});
