import type { Clock } from '../../src/incidents/ports';
import { PrismaSubscribers } from '../../src/persistence/prisma-subscribers';
import { verifySignature } from '../../src/subscribers/signature';
import { issueToken } from '../../src/subscribers/tokens';
import { declareThroughSlack, outboxSettled, updateThroughSlack } from '../support/scenarios';
import { fixture, shapeDifferences, withFixtures } from '../support/statuspage-webhooks';
import { startTestApp, type TestApp } from '../support/test-app';
import { describeWithPostgres, freshPostgresDatabase } from '../support/test-database';
import {
  type ReceivedRequest,
  startWebhookReceiver,
  type WebhookReceiver,
} from '../support/webhook-receiver';

const SECRET = 'a-webhook-secret-of-32-characters';

interface IncidentBody {
  meta: { unsubscribe: string };
  incident: { name: string; status: string; incident_updates: Array<{ body: string; status: string }> };
}

const incidentDeliveries = (requests: ReceivedRequest[]) =>
  requests.filter((r) => 'incident' in r.json).map((r) => r.json as unknown as IncidentBody);
const newestBodies = (requests: ReceivedRequest[]) =>
  incidentDeliveries(requests).map((b) => b.incident.incident_updates[0]?.body);

/** Every fan-out done: the deliveries of what was posted so far are queued. */
async function fannedOut(app: TestApp): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (
    (await app.db.prisma.outboxJob.count({
      where: { kind: { startsWith: 'subscriber.fanout' }, status: { in: ['pending', 'running'] } },
    })) > 0
  ) {
    if (Date.now() > deadline) throw new Error('fan-outs did not finish');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function addWebhook(app: TestApp, url: string, secret: string | null, components: string[] = []) {
  return new PrismaSubscribers(app.db.prisma).addWebhook(
    { url, secret, components, createdById: 'U0ADDER', unsubscribeToken: issueToken().token },
    new Date(),
  );
}

describe('webhook subscribers', () => {
  let app: TestApp;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    app = await startTestApp({ env: { WEBHOOK_ALLOW_PRIVATE: 'true' } });
  });

  afterAll(async () => {
    receiver?.release();
    await app?.close();
    await receiver?.close();
  });

  it('gets every public update once, in order per endpoint; a slow endpoint delays no one else', async () => {
    // The slow endpoint holds its first delivery until the others have theirs, then takes 8 s each.
    receiver.on('/slow', { hold: true });
    receiver.on('/flaky', { failFirst: 2, failStatus: 500 });
    await addWebhook(app, receiver.url('/fast'), SECRET);
    await addWebhook(app, receiver.url('/slow'), null);
    await addWebhook(app, receiver.url('/flaky'), SECRET);
    const messages = ['Checkout times out for some customers.', 'A bad deploy; rolling back.', 'Fixed.'];

    // Each posted once the one before has fanned out, so each status change is told on its own.
    await declareThroughSlack(app, {
      title: 'Checkout outage',
      components: ['workflows'],
      message: messages[0],
    });
    await fannedOut(app);
    await updateThroughSlack(app, 'INC-1', {
      stage: 'identified',
      components: ['workflows'],
      message: messages[1],
    });
    await fannedOut(app);
    await updateThroughSlack(app, 'INC-1', {
      stage: 'resolved',
      components: ['workflows'],
      message: messages[2],
    });

    // The fast and the failing-then-recovering endpoints get all three while the slow one still holds its first.
    await receiver.waitFor(
      () =>
        incidentDeliveries(receiver.delivered('/fast')).length === 3 &&
        incidentDeliveries(receiver.delivered('/flaky')).length === 3,
      60_000,
      'the fast and flaky deliveries',
    );
    expect(receiver.requests('/slow').length).toBeLessThanOrEqual(1);
    expect(newestBodies(receiver.delivered('/fast'))).toEqual(messages);
    expect(newestBodies(receiver.delivered('/flaky'))).toEqual(messages);
    // The two refusals were tries of the first delivery, not lost ones.
    expect(receiver.requests('/flaky').filter((r) => r.status === 500)).toHaveLength(2);

    receiver.on('/slow', { delayMs: 8_000 });
    receiver.release();
    await outboxSettled(app, 120_000);
    expect(newestBodies(receiver.delivered('/slow'))).toEqual(messages);
    for (const path of ['/fast', '/slow', '/flaky']) {
      // Each delivery once: the deliveries that arrived are all different.
      const bodies = receiver.delivered(path).map((r) => r.rawBody.replace(/"generated_at":"[^"]*"/, ''));
      expect(new Set(bodies).size).toBe(bodies.length);
      expect(incidentDeliveries(receiver.delivered(path)).map((b) => b.incident.status)).toEqual([
        'investigating',
        'identified',
        'resolved',
      ]);
    }
  }, 180_000);

  it('signs each body with the secret, over the bytes sent, and names the unsubscribe link', () => {
    for (const path of ['/fast', '/flaky']) {
      for (const request of receiver.delivered(path)) {
        expect(
          verifySignature(SECRET, request.rawBody, request.headers['x-sitrep-signature'] as string),
        ).toBe(true);
        expect(
          verifySignature(
            'another-secret-0123456789',
            request.rawBody,
            request.headers['x-sitrep-signature'] as string,
          ),
        ).toBe(false);
      }
    }
    for (const request of receiver.delivered('/slow'))
      expect(request.headers['x-sitrep-signature']).toBeUndefined();
    const [first] = incidentDeliveries(receiver.delivered('/fast'));
    expect(first?.meta.unsubscribe).toMatch(
      /^https:\/\/status\.example\.test\/subscriptions\/unsubscribe\/[A-Za-z0-9_-]{43}$/,
    );
    expect(receiver.delivered('/fast')[0]?.headers['content-type']).toBe('application/json');
  });

  it('tells a component status change to the webhooks following that component', async () => {
    const components = (path: string) =>
      receiver
        .delivered(path)
        .filter((r) => 'component_update' in r.json)
        .map((r) => {
          const update = r.json.component_update as {
            old_status: string;
            new_status: string;
            component_id: string;
          };
          return [update.component_id, update.old_status, update.new_status];
        });
    // The declare took workflows from operational to degraded, the resolution back.
    expect(components('/fast')).toEqual([
      ['workflows', 'operational', 'degraded_performance'],
      ['workflows', 'degraded_performance', 'operational'],
    ]);
    expect(components('/slow')).toEqual(components('/fast'));
  });

  describe('as delivered over HTTP', () => {
    withFixtures('against real Statuspage deliveries', () => {
      it.each(['incident_created.json', 'incident_update.json'])(
        'an incident delivery has the keys, types and nesting of %s',
        (name) => {
          const deliveries = receiver.delivered('/fast').filter((r) => 'incident' in r.json);
          expect(deliveries.length).toBeGreaterThan(0);
          for (const delivery of deliveries)
            expect(shapeDifferences(fixture(name), delivery.json)).toEqual([]);
        },
      );

      it('a component delivery has the keys, types and nesting of component_status_update.json', () => {
        const deliveries = receiver.delivered('/fast').filter((r) => 'component_update' in r.json);
        expect(deliveries.length).toBeGreaterThan(0);
        for (const delivery of deliveries) {
          expect(shapeDifferences(fixture('component_status_update.json'), delivery.json)).toEqual([]);
          expect('incident' in delivery.json).toBe(false);
        }
      });
    });
  });

  it('sends nothing about an internal or a private incident', async () => {
    const before = receiver.delivered('/fast').length;
    await declareThroughSlack(app, {
      title: 'Internal database failover',
      visibility: 'internal',
      components: ['workflows'],
    });
    await updateThroughSlack(app, 'INC-2', {
      stage: 'resolved',
      message: 'Internal: done.',
      visibility: 'internal',
    });
    await declareThroughSlack(app, {
      title: 'Security review of a leaked key',
      visibility: 'private',
      components: ['general-ui'],
    });
    await outboxSettled(app, 60_000);
    // A public one after them: once it has arrived, nothing else came before it.
    await declareThroughSlack(app, { title: 'Public marker incident' });
    await receiver.waitFor(
      () => incidentDeliveries(receiver.delivered('/fast').slice(before)).length === 1,
      60_000,
      'the public marker',
    );
    await outboxSettled(app, 60_000);
    for (const path of ['/fast', '/slow', '/flaky']) {
      const later = receiver.requests(path).slice(path === '/fast' ? before : 0);
      const text = later.map((r) => r.rawBody).join('\n');
      expect(text).not.toMatch(/Internal database failover|Security review|Internal: done/);
    }
    expect(incidentDeliveries(receiver.delivered('/fast').slice(before)).map((b) => b.incident.name)).toEqual(
      ['Public marker incident'],
    );
  }, 120_000);
});

describe('a webhook that keeps failing', () => {
  let app: TestApp;
  let receiver: WebhookReceiver;
  let offsetMs = 0;
  const clock: Clock = { now: () => new Date(Date.now() + offsetMs) };

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    app = await startTestApp({
      env: { WEBHOOK_ALLOW_PRIVATE: 'true', MANAGER_USER_IDS: 'U0MANAGER' },
      clock,
    });
    app.fake.addUser({ id: 'U0MANAGER', name: 'manager' });
    app.fake.addUser({ id: 'U0ADDER', name: 'adder' });
  });

  afterAll(async () => {
    await app?.close();
    await receiver?.close();
  });

  it('counts a redirect as a failure and does not follow it; is disabled after 24 h and the managers are told', async () => {
    receiver.on('/moved', { redirectTo: receiver.url('/elsewhere') });
    receiver.on('/down', { failFirst: Number.MAX_SAFE_INTEGER, failStatus: 503 });
    const moved = await addWebhook(app, receiver.url('/moved'), null);
    const down = await addWebhook(app, receiver.url('/down'), null);
    await declareThroughSlack(app, { title: 'Payments degraded' });
    await receiver.waitFor(
      () => receiver.requests('/moved').length >= 2 && receiver.requests('/down').length >= 2,
      60_000,
      'retries',
    );
    expect(receiver.requests('/elsewhere')).toEqual([]);
    const failing = await app.db.prisma.subscriber.findUnique({ where: { id: moved.id } });
    expect(failing?.failingSince).not.toBeNull();
    expect(failing?.disabledAt).toBeNull();
    const delivery = await app.db.prisma.subscriberDelivery.findFirst({ where: { subscriberId: moved.id } });
    expect(delivery?.lastError).toMatch(/redirect 302 not followed/);
    expect(delivery?.deliveredAt).toBeNull();

    offsetMs = 24 * 60 * 60 * 1000 + 60_000;
    const disabled = async () =>
      (await app.db.prisma.subscriber.count({
        where: { id: { in: [moved.id, down.id] }, disabledAt: { not: null } },
      })) === 2;
    const deadline = Date.now() + 60_000;
    while (!(await disabled())) {
      if (Date.now() > deadline) throw new Error('the failing webhooks were not disabled');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await outboxSettled(app, 60_000);
    const dm = app.fake.dmChannel('U0MANAGER');
    expect(dm).toBeDefined();
    const notices = app.fake.messages(dm as string).map((m) => m.text ?? '');
    expect(notices).toEqual(
      expect.arrayContaining([
        expect.stringContaining(`${receiver.url('/moved')} has failed every delivery since`),
        expect.stringContaining(`${receiver.url('/down')} has failed every delivery since`),
      ]),
    );
    expect(notices).toHaveLength(2);
    // The webhook's adder hears too.
    expect(app.fake.dmChannel('U0ADDER')).toBeDefined();

    // Disabled: a later update reaches neither.
    const tries = receiver.requests('/moved').length + receiver.requests('/down').length;
    await updateThroughSlack(app, 'INC-1', { stage: 'resolved' });
    await outboxSettled(app, 60_000);
    expect(receiver.requests('/moved').length + receiver.requests('/down').length).toBe(tries);
  }, 180_000);
});

describe('a restart in the middle of a fan-out', () => {
  it('delivers to every subscriber once', async () => {
    const receiver = await startWebhookReceiver();
    const first = await startTestApp({ env: { WEBHOOK_ALLOW_PRIVATE: 'true' } });
    const count = 120;
    for (let i = 0; i < count; i += 1) await addWebhook(first, receiver.url(`/s/${i}`), null);
    const paths = Array.from({ length: count }, (_, i) => `/s/${i}`);
    const arrived = () => paths.filter((p) => incidentDeliveries(receiver.delivered(p)).length > 0).length;
    await declareThroughSlack(first, { title: 'Queue backlog' });
    await receiver.waitFor(() => arrived() >= 10, 60_000, 'the first deliveries');
    await first.stop();
    expect(arrived()).toBeLessThan(count);

    const second = await startTestApp({
      env: { WEBHOOK_ALLOW_PRIVATE: 'true' },
      database: first.db,
      fake: first.fake,
    });
    try {
      await receiver.waitFor(() => arrived() === count, 120_000, 'every delivery');
      await outboxSettled(second, 60_000);
      // A fan-out run again (its outcome lost in a crash) queues nothing twice.
      const job = await second.db.prisma.outboxJob.findFirstOrThrow({
        where: { kind: 'subscriber.fanout_incident' },
      });
      await second.db.prisma.outboxJob.create({
        data: { queue: job.queue, kind: job.kind, payload: job.payload as object },
      });
      second.service.outbox?.notify();
      await outboxSettled(second, 60_000);
      for (const path of paths) expect(incidentDeliveries(receiver.requests(path))).toHaveLength(1);
    } finally {
      await second.stop();
      await first.close();
      await receiver.close();
    }
  }, 300_000);
});

describeWithPostgres('on a PostgreSQL server', () => {
  it('fans a public update out to every webhook once, and tells nothing of an internal incident', async () => {
    const server = await freshPostgresDatabase();
    const receiver = await startWebhookReceiver();
    const app = await startTestApp({ env: { WEBHOOK_ALLOW_PRIVATE: 'true' }, database: await server.open() });
    try {
      for (const path of ['/a', '/b', '/c']) await addWebhook(app, receiver.url(path), SECRET, ['workflows']);
      await declareThroughSlack(app, {
        title: 'Internal only',
        visibility: 'internal',
        components: ['workflows'],
      });
      await declareThroughSlack(app, { title: 'Workflows are slow', components: ['workflows'] });
      await receiver.waitFor(
        () => ['/a', '/b', '/c'].every((p) => incidentDeliveries(receiver.delivered(p)).length === 1),
        60_000,
        'the deliveries',
      );
      await outboxSettled(app, 60_000);
      for (const path of ['/a', '/b', '/c']) {
        expect(incidentDeliveries(receiver.requests(path)).map((b) => b.incident.name)).toEqual([
          'Workflows are slow',
        ]);
        const request = receiver.delivered(path)[0];
        expect(
          verifySignature(SECRET, request?.rawBody ?? '', request?.headers['x-sitrep-signature'] as string),
        ).toBe(true);
      }
    } finally {
      await app.close();
      await receiver.close();
      await server.drop();
    }
  }, 120_000);
});
